import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * A kiosk's handshake when it starts: which kiosk the terminal knows it as, the business date
 * and the devices' status, so the hall's IT staff see at once that its key is configured.
 */
export const GET: RequestHandler = ({ locals }) => {
	const { terminal, devices } = locals.services;
	const kioskId = locals.operator?.kind === 'kiosk' ? locals.operator.kioskId : null;
	return json({ kioskId, businessDate: terminal.clock.today(), devices: devices.devices.hub.snapshot() });
};
