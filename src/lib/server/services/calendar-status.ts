import {
	declarationWindow,
	extendDefaultCalendar,
	hasCalendarData,
	resetCalendarExtensions,
	CalendarDataMissingError
} from '../../domain';
import type { CalendarYear } from '../db/calendar-repo';
import type { CalendarStatus } from '../../views/counter-views';

/** Puts the administrator's entered years on top of the bundled holiday data. */
export function loadCalendarExtensions(years: CalendarYear[]): void {
	resetCalendarExtensions();
	if (years.length) extendDefaultCalendar(...years.map(({ year, holidays, workdays }) => ({ year, holidays, workdays })));
}

export type { CalendarStatus } from '../../views/counter-views';

export function calendarStatus(today: string): CalendarStatus {
	const year = Number(today.slice(0, 4));
	let annuity: CalendarStatus['annuity'];
	try {
		annuity = declarationWindow(today, 'annuity');
	} catch (e) {
		if (!(e instanceof CalendarDataMissingError)) throw e;
		annuity = { missingYear: e.year };
	}
	return {
		today,
		regular: declarationWindow(today, 'regular'),
		missingYears: [year, year + 1].filter((y) => !hasCalendarData(y)),
		annuity
	};
}
