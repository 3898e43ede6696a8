import { app } from '$lib/server/app';
import { calendarStatus } from '$lib/server/services/calendar-status';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	clerk: locals.clerk!,
	calendar: calendarStatus(app().clock.today())
});
