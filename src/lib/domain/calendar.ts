import chineseDays from 'chinese-days';
import { addDays, isValidIsoDate, isWeekend, parseIsoDate, type IsoDate } from './dates';
import { DomainError } from './errors';

/**
 * One year's official arrangement (国务院办公厅关于某年部分节假日安排的通知):
 * `holidays` are all days off of the statutory breaks, weekends inside a break included;
 * `workdays` are the weekend days made working days (调休上班). Every other day follows the
 * week: Monday–Friday working, Saturday and Sunday off.
 * A New Year break can start in the previous December, so dates from 1 December of the
 * previous year are accepted.
 */
export interface HolidayArrangement {
	year: number;
	holidays: readonly IsoDate[];
	workdays: readonly IsoDate[];
}

const MESSAGES = {
	missing: (year: number) => `缺少${year}年节假日安排数据，请管理员在“节假日安排”中录入国务院办公厅公布的安排`,
	badYear: (year: unknown) => `年份“${String(year)}”不正确，应为四位数年份`,
	noHolidays: (year: number) => `${year}年的放假日期为空，请按国务院办公厅通知录入全部放假日期`,
	badDate: (date: string) => `日期“${date}”不是有效的YYYY-MM-DD日期`,
	outside: (date: string, year: number) => `日期${date}不属于${year}年的安排（只能是${year}年内或上一年12月的日期）`,
	workdayNotWeekend: (date: string) => `调休上班日${date}不是周六或周日，工作日本来就上班，请核对`,
	both: (date: string) => `日期${date}同时出现在放假日期和调休上班日期中`,
	badInvalid: (problems: readonly string[]) => `节假日安排有误：${problems.join('；')}`,
	badCount: (n: unknown) => `工作日天数必须是整数，收到${String(n)}`
} as const;

export class CalendarDataMissingError extends DomainError {
	readonly year: number;

	constructor(year: number) {
		super('CALENDAR_DATA_MISSING', MESSAGES.missing(year));
		this.name = 'CalendarDataMissingError';
		this.year = year;
	}
}

export class InvalidHolidayArrangementError extends DomainError {
	readonly problems: readonly string[];

	constructor(problems: readonly string[]) {
		super('INVALID_HOLIDAY_ARRANGEMENT', MESSAGES.badInvalid(problems));
		this.name = 'InvalidHolidayArrangementError';
		this.problems = problems;
	}
}

/** Checks an arrangement as an administrator typed it; `problems` are Chinese, one per fault. */
export function checkHolidayArrangement(arrangement: HolidayArrangement): { ok: true } | { ok: false; problems: string[] } {
	const problems: string[] = [];
	const { year, holidays, workdays } = arrangement;
	if (!Number.isInteger(year) || year < 1900 || year > 9999) {
		return { ok: false, problems: [MESSAGES.badYear(year)] };
	}
	if (!holidays || holidays.length === 0) problems.push(MESSAGES.noHolidays(year));
	const first = `${year - 1}-12-01`;
	const last = `${year}-12-31`;
	const checkDate = (date: string) => {
		if (!isValidIsoDate(date)) {
			problems.push(MESSAGES.badDate(date));
			return false;
		}
		if (date < first || date > last) {
			problems.push(MESSAGES.outside(date, year));
			return false;
		}
		return true;
	};
	const holidaySet = new Set<string>();
	for (const date of holidays ?? []) if (checkDate(date)) holidaySet.add(date);
	for (const date of workdays ?? []) {
		if (!checkDate(date)) continue;
		if (!isWeekend(date)) problems.push(MESSAGES.workdayNotWeekend(date));
		if (holidaySet.has(date)) problems.push(MESSAGES.both(date));
	}
	return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

function freezeArrangement(a: HolidayArrangement): HolidayArrangement {
	return Object.freeze({
		year: a.year,
		holidays: Object.freeze([...new Set(a.holidays)].sort()),
		workdays: Object.freeze([...new Set(a.workdays)].sort())
	});
}

/**
 * Chinese working days as an immutable value: the known years' arrangements. Adding a year
 * returns a new calendar; an arrangement for a year already known replaces it entirely (so an
 * administrator can correct a year, e.g. after an amended notice).
 * A date in a year without an arrangement is never guessed: it throws CalendarDataMissingError.
 */
export class WorkCalendar {
	readonly #arrangements: ReadonlyMap<number, HolidayArrangement>;
	// date → working? for every date some arrangement names.
	readonly #overrides: ReadonlyMap<IsoDate, boolean>;

	private constructor(arrangements: ReadonlyMap<number, HolidayArrangement>) {
		this.#arrangements = arrangements;
		const overrides = new Map<IsoDate, boolean>();
		// Ascending years: a later year's notice wins for the December days it also names.
		for (const year of [...arrangements.keys()].sort((a, b) => a - b)) {
			const a = arrangements.get(year)!;
			for (const d of a.holidays) overrides.set(d, false);
			for (const d of a.workdays) overrides.set(d, true);
		}
		this.#overrides = overrides;
	}

	static empty(): WorkCalendar {
		return new WorkCalendar(new Map());
	}

	static fromArrangements(arrangements: readonly HolidayArrangement[]): WorkCalendar {
		return WorkCalendar.empty().withArrangements(arrangements);
	}

	withArrangement(arrangement: HolidayArrangement): WorkCalendar {
		return this.withArrangements([arrangement]);
	}

	withArrangements(arrangements: readonly HolidayArrangement[]): WorkCalendar {
		const next = new Map(this.#arrangements);
		for (const a of arrangements) {
			const check = checkHolidayArrangement(a);
			if (!check.ok) throw new InvalidHolidayArrangementError(check.problems);
			next.set(a.year, freezeArrangement(a));
		}
		return new WorkCalendar(next);
	}

	yearsKnown(): number[] {
		return [...this.#arrangements.keys()].sort((a, b) => a - b);
	}

	hasYear(year: number): boolean {
		return this.#arrangements.has(year);
	}

	arrangement(year: number): HolidayArrangement | undefined {
		return this.#arrangements.get(year);
	}

	isWorkingDay(date: IsoDate): boolean {
		const { year } = parseIsoDate(date);
		if (!this.hasYear(year)) throw new CalendarDataMissingError(year);
		const override = this.#overrides.get(date);
		if (override !== undefined) return override;
		return !isWeekend(date);
	}

	/**
	 * n > 0: the n-th working day after `date`; n < 0: the |n|-th working day before it;
	 * n = 0: `date` itself when it is a working day, otherwise the next working day.
	 */
	addWorkingDays(date: IsoDate, n: number): IsoDate {
		if (!Number.isInteger(n)) throw new RangeError(MESSAGES.badCount(n));
		let current = date;
		if (n === 0) {
			while (!this.isWorkingDay(current)) current = addDays(current, 1);
			return current;
		}
		parseIsoDate(date);
		const step = n > 0 ? 1 : -1;
		let remaining = Math.abs(n);
		while (remaining > 0) {
			current = addDays(current, step);
			if (this.isWorkingDay(current)) remaining--;
		}
		return current;
	}
}

/**
 * The arrangements shipped in the `chinese-days` package (2004–2026 in 1.5.7). Its own
 * isWorkday answers plain weekdays for years it does not know, so the years are detected
 * here: a year counts as known only if its National Day break (always on weekdays too) is in
 * the data. A newer package with more years extends this automatically.
 */
function arrangementsFromChineseDays(): HolidayArrangement[] {
	const result: HolidayArrangement[] = [];
	for (let year = 1990; year <= 2100; year++) {
		if (chineseDays.getHolidaysInRange(`${year}-10-01`, `${year}-10-07`, false).length === 0) continue;
		const holidays = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false);
		const workdays = chineseDays.getWorkdaysInRange(`${year}-01-01`, `${year}-12-31`, true).filter((d) => isWeekend(d));
		result.push({ year, holidays, workdays });
	}
	return result;
}

// A cache of a constant, built on first use: scanning the package data costs a few tens of
// milliseconds, and the browser bundle imports this module for other things.
let bundled: WorkCalendar | undefined;

/** The calendar built from the bundled data only, without any administrator's additions. */
export function bundledCalendar(): WorkCalendar {
	bundled ??= WorkCalendar.fromArrangements(arrangementsFromChineseDays());
	return bundled;
}

/**
 * The calendar used where none is passed: the bundled data. The administrator's later years
 * are not here: the server holds the calendar with them (services/calendar-status.ts) and
 * passes it where a year beyond the bundled data can matter.
 */
export function defaultCalendar(): WorkCalendar {
	return bundledCalendar();
}

export function calendarYearsKnown(): number[] {
	return defaultCalendar().yearsKnown();
}

export function hasCalendarData(year: number): boolean {
	return defaultCalendar().hasYear(year);
}

export function isWorkingDay(date: IsoDate): boolean {
	return defaultCalendar().isWorkingDay(date);
}

export function addWorkingDays(date: IsoDate, n: number): IsoDate {
	return defaultCalendar().addWorkingDays(date, n);
}
