import { defaultCalendar, type WorkCalendar } from './calendar';
import { formatIsoDate, parseIsoDate, type IsoDate } from './dates';

/**
 * `regular`: declaration and payment, 每月1-25日（节假日不顺延）.
 * `annuity`: occupational annuity transfers, 每月1-25日（节假日顺延）.
 */
export type WindowRule = 'regular' | 'annuity';

export interface DeclarationWindow {
	open: boolean;
	/** Last open day of the window that belongs to `date`'s month. */
	closes: IsoDate;
}

const WINDOW_LAST_DAY = 25;

/**
 * The monthly window `date` falls in. Regular business closes on the 25th whatever day that
 * is; annuity runs on to the next working day when the 25th is not one (so it needs the
 * calendar, and throws CalendarDataMissingError for a year without holiday data).
 * An extension that crossed into the next month would be returned as is; it cannot happen
 * with real arrangements, whose breaks after the 25th end by the month's end.
 */
export function declarationWindow(date: IsoDate, rule: WindowRule, calendar: WorkCalendar = defaultCalendar()): DeclarationWindow {
	const { year, month } = parseIsoDate(date);
	const lastDay = formatIsoDate({ year, month, day: WINDOW_LAST_DAY });
	let closes: IsoDate;
	if (rule === 'regular') closes = lastDay;
	else if (rule === 'annuity') closes = calendar.addWorkingDays(lastDay, 0);
	else throw new RangeError(`unknown window rule: ${String(rule)}`);
	// Same YYYY-MM-DD format, so text order is date order.
	return { open: date <= closes, closes };
}
