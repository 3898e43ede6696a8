import { bundledCalendar, declarationWindow, CalendarDataMissingError, type WorkCalendar } from '../../domain';
import type { CalendarYear } from '../db/calendar-repo';
import type { CalendarStatus } from '../../views/counter-views';

/** The bundled holiday data with the administrator's entered years on top. */
function calendarWithYears(years: readonly CalendarYear[]): WorkCalendar {
	return bundledCalendar().withArrangements(years.map(({ year, holidays, workdays }) => ({ year, holidays, workdays })));
}

/** The calendar this server answers with: read from the table at start, again after an administrator enters a year. */
export interface CalendarService {
	current(): WorkCalendar;
	reload(): void;
}

export function calendarService(table: { all(): CalendarYear[] }): CalendarService {
	let calendar = calendarWithYears(table.all());
	return {
		current: () => calendar,
		reload() {
			calendar = calendarWithYears(table.all());
		}
	};
}

export type { CalendarStatus } from '../../views/counter-views';

export function calendarStatus(today: string, calendar: WorkCalendar): CalendarStatus {
	const year = Number(today.slice(0, 4));
	let annuity: CalendarStatus['annuity'];
	try {
		annuity = declarationWindow(today, 'annuity', calendar);
	} catch (e) {
		if (!(e instanceof CalendarDataMissingError)) throw e;
		annuity = { missingYear: e.year };
	}
	return {
		today,
		regular: declarationWindow(today, 'regular', calendar),
		missingYears: [year, year + 1].filter((y) => !calendar.hasYear(y)),
		annuity
	};
}
