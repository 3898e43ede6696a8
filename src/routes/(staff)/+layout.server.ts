import { app } from '$lib/server/app';
import { calendarStatus } from '$lib/server/services/calendar-status';
import type { LayoutServerLoad } from './$types';

/** How many of the virtual printer's last receipts the demo screen shows. */
const PRINTOUTS_SHOWN = 5;

export const load: LayoutServerLoad = ({ locals }) => {
	const { clock, calendar, devices } = app();
	return {
		clerk: locals.clerk!,
		calendar: calendarStatus(clock.today(), calendar.current()),
		devices: devices.hub.snapshot(),
		virtualPrinter: devices.simulated ? devices.simulated.printer.printed().slice(-PRINTOUTS_SHOWN) : null
	};
};
