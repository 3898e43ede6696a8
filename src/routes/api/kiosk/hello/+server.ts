import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import type { RequestHandler } from './$types';

/**
 * A kiosk's handshake when it starts: which kiosk the terminal knows it as, the business date
 * and the devices' status, so the hall's IT staff see at once that its key is configured.
 */
export const GET: RequestHandler = ({ locals }) => {
	const { clock, devices } = app();
	const kioskId = locals.operator?.kind === 'kiosk' ? locals.operator.kioskId : null;
	return json({ kioskId, businessDate: clock.today(), devices: devices.hub.snapshot() });
};
