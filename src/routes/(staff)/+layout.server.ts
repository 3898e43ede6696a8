import { calendarStatus } from '$lib/server/services/calendar-status';
import { printoutsOfWindow } from '$lib/server/services/window-jobs';
import type { LayoutServerLoad } from './$types';

/** How many of the virtual printer's last receipts the demo screen shows. */
const PRINTOUTS_SHOWN = 5;

export const load: LayoutServerLoad = ({ locals }) => {
	const { terminal, calendar, devices: hand, demo } = locals.services;
	const { devices } = hand;
	return {
		clerk: locals.clerk!,
		calendar: calendarStatus(terminal.clock.today(), calendar.calendar.current()),
		devices: devices.hub.snapshot(),
		/** The demo's simulated hardware can be worked from the counter (the drawer shut). */
		demoHardware: demo.hardware !== null,
		virtualPrinter: devices.simulated ? printoutsOfWindow(devices.simulated.printer.printed(), locals.clerk!.windowNo, PRINTOUTS_SHOWN) : null
	};
};
