import { kioskDay } from '$lib/server/services/kiosk';
import type { PageServerLoad } from './$types';

/** A kiosk's day for the supervisor: cards read and documents printed today, per kiosk. */
export const load: PageServerLoad = ({ locals }) => {
	const today = locals.services.terminal.clock.today();
	return { today, kiosks: kioskDay(locals.services.audit, locals.services.kiosk.kiosks.keys(), today) };
};
