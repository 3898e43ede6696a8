import { DomainError } from './errors';

/** A calendar date as `YYYY-MM-DD`; no time, no time zone. */
export type IsoDate = string;

export interface DateParts {
	year: number;
	month: number;
	day: number;
}

const MESSAGES = {
	notText: '日期必须是YYYY-MM-DD格式的文本',
	format: (text: string) => `日期“${text}”格式不正确，应为YYYY-MM-DD，例如2025-05-26`,
	notReal: (text: string) => `日期“${text}”不存在，请检查年月日`,
	outOfRange: '日期超出可计算范围（0001-01-01至9999-12-31）'
} as const;

export class InvalidDateError extends DomainError {
	readonly input: string;

	constructor(input: string, message: string) {
		super('INVALID_DATE', message);
		this.name = 'InvalidDateError';
		this.input = input;
	}
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isRealDate(year: number, month: number, day: number): boolean {
	return (
		Number.isInteger(year) &&
		Number.isInteger(month) &&
		Number.isInteger(day) &&
		year >= 1 &&
		year <= 9999 &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth(year, month)
	);
}

/** Parses a strict `YYYY-MM-DD`; throws InvalidDateError for bad format or impossible dates. */
export function parseIsoDate(text: string): DateParts {
	if (typeof text !== 'string') throw new InvalidDateError(String(text), MESSAGES.notText);
	const m = ISO_DATE.exec(text);
	if (!m) throw new InvalidDateError(text, MESSAGES.format(text));
	const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
	if (!isRealDate(parts.year, parts.month, parts.day)) {
		throw new InvalidDateError(text, MESSAGES.notReal(text));
	}
	return parts;
}

export function isValidIsoDate(text: string): boolean {
	try {
		parseIsoDate(text);
		return true;
	} catch {
		return false;
	}
}

export function formatIsoDate({ year, month, day }: DateParts): IsoDate {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Day numbers (days since 1970-01-01) by Howard Hinnant's civil-calendar algorithms:
// integer arithmetic only, so no JS Date and no time-zone surprises.
function toDayNumber({ year, month, day }: DateParts): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const mp = (month + 9) % 12;
	const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): DateParts {
	const z = n + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function addDays(date: IsoDate, days: number): IsoDate {
	const result = fromDayNumber(toDayNumber(parseIsoDate(date)) + days);
	if (result.year < 1 || result.year > 9999) throw new InvalidDateError(date, MESSAGES.outOfRange);
	return formatIsoDate(result);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier); throws InvalidDateError for a bad date. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
	return toDayNumber(parseIsoDate(to)) - toDayNumber(parseIsoDate(from));
}

/** 0 = Sunday … 6 = Saturday, as in JS. */
export function dayOfWeek(date: IsoDate): number {
	// 1970-01-01 was a Thursday (4).
	return (((toDayNumber(parseIsoDate(date)) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
	const d = dayOfWeek(date);
	return d === 0 || d === 6;
}

/** The month after a `YYYY-MM` month. */
export function nextMonth(month: string): string {
	const year = Number(month.slice(0, 4));
	const m = Number(month.slice(5, 7));
	return m === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${month.slice(0, 5)}${String(m + 1).padStart(2, '0')}`;
}

/** `YYYY-MM` → `YYYY年M月`, as forms print a collection period. */
export function chineseMonth(month: string): string {
	return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
