import { describe, it, expect } from 'vitest';
import { isWorkday as chineseDaysIsWorkday } from 'chinese-days';
import {
	isWorkingDay,
	addWorkingDays,
	calendarYearsKnown,
	hasCalendarData,
	defaultCalendar,
	bundledCalendar,
	checkHolidayArrangement,
	WorkCalendar,
	CalendarDataMissingError,
	InvalidHolidayArrangementError,
	InvalidDateError,
	DomainError,
	type HolidayArrangement
} from '../../../src/lib/domain';

// Test data shaped like a State Council notice. NOT the official 2027 arrangement.
const EXAMPLE_2027: HolidayArrangement = {
	year: 2027,
	holidays: [
		'2027-01-01',
		'2027-01-02',
		'2027-01-03',
		'2027-02-06',
		'2027-02-07',
		'2027-02-08',
		'2027-02-09',
		'2027-02-10',
		'2027-02-11',
		'2027-02-12',
		'2027-02-13',
		'2027-02-14',
		'2027-10-01',
		'2027-10-02',
		'2027-10-03',
		'2027-10-04',
		'2027-10-05',
		'2027-10-06',
		'2027-10-07'
	],
	workdays: ['2027-02-20', '2027-09-26']
};

function missingYearOf(fn: () => unknown): CalendarDataMissingError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(CalendarDataMissingError);
		return e as CalendarDataMissingError;
	}
	throw new Error('did not throw CalendarDataMissingError');
}

describe('working days (工作日): statutory holidays off, adjusted weekend days (调休) on', () => {
	it.each([
		['2025-10-01', false, 'National Day, a Wednesday'],
		['2025-10-08', false, 'National Day break of 2025, a Wednesday'],
		['2026-02-16', false, 'Spring Festival, a Monday'],
		['2026-09-25', false, 'Mid-Autumn Festival, a Friday'],
		['2024-05-25', false, 'a plain Saturday'],
		['2025-05-25', false, 'a plain Sunday'],
		['2025-05-26', true, 'a plain Monday'],
		['2025-01-26', true, 'Sunday worked for Spring Festival 2025 (调休)'],
		['2026-02-14', true, 'Saturday worked for Spring Festival 2026 (调休)'],
		['2026-10-10', true, 'Saturday worked for National Day 2026 (调休)'],
		['2023-06-25', true, 'Sunday worked for Dragon Boat 2023 (调休)'],
		['2024-02-29', true, 'leap day, a Thursday']
	])('%s working: %s (%s)', (date, working) => {
		expect(isWorkingDay(date)).toBe(working);
	});

	it('agrees with chinese-days on every day from 2004 to 2026', () => {
		const calendar = bundledCalendar();
		let day = '2004-01-01';
		let checked = 0;
		while (day <= '2026-12-31') {
			expect(calendar.isWorkingDay(day), day).toBe(chineseDaysIsWorkday(day));
			day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
			checked++;
		}
		expect(checked).toBe(8401);
	});

	it('invalid dates are refused with a typed error', () => {
		for (const bad of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-1-1', '20240101', '', '2024-01-01T00:00']) {
			expect(() => isWorkingDay(bad), bad).toThrow(InvalidDateError);
		}
		expect(() => isWorkingDay('2023-02-29')).toThrow(DomainError);
	});
});

describe('addWorkingDays: the n-th working day after (or before) a date', () => {
	it('n = 0 is the day itself when working, else the next working day', () => {
		expect(addWorkingDays('2025-05-26', 0)).toBe('2025-05-26');
		expect(addWorkingDays('2025-05-24', 0)).toBe('2025-05-26');
		expect(addWorkingDays('2026-02-15', 0)).toBe('2026-02-24');
		expect(addWorkingDays('2025-01-25', 0)).toBe('2025-01-26');
	});

	it('counts the 调休 Saturday and skips the Spring Festival break (2026)', () => {
		expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
		expect(addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
		expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
	});

	it('certificates 3 to 5 working days after a payment on 2025-09-30 (before National Day)', () => {
		expect(addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
		expect(addWorkingDays('2025-09-30', 5)).toBe('2025-10-14');
	});

	it('negative n goes backwards', () => {
		expect(addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
		expect(addWorkingDays('2026-02-24', -2)).toBe('2026-02-13');
		expect(addWorkingDays('2025-05-26', -1)).toBe('2025-05-23');
	});

	it('runs across a year end, counting Sunday 2026-01-04 worked for New Year (调休)', () => {
		expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
		expect(addWorkingDays('2025-12-31', 2)).toBe('2026-01-05');
		expect(addWorkingDays('2026-01-05', -1)).toBe('2026-01-04');
	});

	it('refuses a fractional count and invalid dates', () => {
		expect(() => addWorkingDays('2025-05-26', 1.5)).toThrow(RangeError);
		expect(() => addWorkingDays('2025-02-29', 1)).toThrow(InvalidDateError);
	});
});

describe('years without holiday data are never guessed (2027 missing in chinese-days 1.5.7)', () => {
	it('knows 2004–2026 from the bundled data', () => {
		expect(calendarYearsKnown()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
		expect(hasCalendarData(2026)).toBe(true);
		expect(hasCalendarData(2027)).toBe(false);
		expect(hasCalendarData(2003)).toBe(false);
	});

	it('isWorkingDay on a 2027 date throws CalendarDataMissingError with the year and what to do', () => {
		const error = missingYearOf(() => isWorkingDay('2027-03-01'));
		expect(error.year).toBe(2027);
		expect(error.code).toBe('CALENDAR_DATA_MISSING');
		expect(error.message).toBe('缺少2027年节假日安排数据，请管理员在“节假日安排”中录入国务院办公厅公布的安排');
		expect(error).toBeInstanceOf(DomainError);
	});

	it('also for dates before the data starts', () => {
		expect(missingYearOf(() => isWorkingDay('2003-06-02')).year).toBe(2003);
	});

	it('counting working days into 2027 throws instead of assuming weekdays', () => {
		expect(addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
		expect(missingYearOf(() => addWorkingDays('2026-12-30', 2)).year).toBe(2027);
	});
});

// The calendar is a value: an administrator's later year makes a new calendar, which the server
// holds and passes on (services/calendar-status.ts); nothing in the domain changes behind a caller.
describe('extension API: an administrator adds later years from the official notice', () => {
	it('an added arrangement makes the year known', () => {
		const calendar = bundledCalendar().withArrangement(EXAMPLE_2027);
		expect(calendar.hasYear(2027)).toBe(true);
		expect(calendar.yearsKnown().at(-1)).toBe(2027);
		expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
		expect(calendar.isWorkingDay('2027-02-08')).toBe(false);
		expect(calendar.isWorkingDay('2027-02-20')).toBe(true);
		expect(calendar.isWorkingDay('2027-03-01')).toBe(true);
		expect(calendar.isWorkingDay('2027-03-06')).toBe(false);
		expect(calendar.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04');
		expect(calendar.addWorkingDays('2027-02-05', 1)).toBe('2027-02-15');
	});

	it('the bundled data and the plain functions stay as they were', () => {
		const calendar = bundledCalendar().withArrangement(EXAMPLE_2027);
		expect(calendar.hasYear(2027)).toBe(true);
		expect(hasCalendarData(2027)).toBe(false);
		expect(() => isWorkingDay('2027-03-01')).toThrow(CalendarDataMissingError);
	});

	it('an arrangement for a known year replaces it (correction of a notice)', () => {
		expect(isWorkingDay('2026-03-02')).toBe(true);
		const corrected = bundledCalendar().arrangement(2026)!;
		const calendar = bundledCalendar().withArrangement({ ...corrected, holidays: [...corrected.holidays, '2026-03-02'] });
		expect(calendar.isWorkingDay('2026-03-02')).toBe(false);
		expect(calendar.isWorkingDay('2026-02-16')).toBe(false);
		expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
	});

	it('a New Year break may start in the previous December', () => {
		const calendar = bundledCalendar().withArrangement({ ...EXAMPLE_2027, holidays: ['2026-12-31', ...EXAMPLE_2027.holidays] });
		expect(calendar.isWorkingDay('2026-12-31')).toBe(false);
		expect(calendar.addWorkingDays('2026-12-30', 1)).toBe('2027-01-04');
	});

	it('WorkCalendar is an immutable value: adding returns a new calendar', () => {
		const base = bundledCalendar();
		const with2027 = base.withArrangement(EXAMPLE_2027);
		expect(base.hasYear(2027)).toBe(false);
		expect(with2027.hasYear(2027)).toBe(true);
		expect(with2027.isWorkingDay('2027-02-20')).toBe(true);
		expect(defaultCalendar().hasYear(2027)).toBe(false);
		expect(WorkCalendar.empty().yearsKnown()).toEqual([]);
		expect(() => WorkCalendar.empty().isWorkingDay('2025-05-26')).toThrow(CalendarDataMissingError);
		expect(WorkCalendar.fromArrangements([EXAMPLE_2027]).yearsKnown()).toEqual([2027]);
	});

	describe('a mistyped arrangement is refused, with each problem in Chinese', () => {
		it.each([
			[{ year: 2027, holidays: [], workdays: [] }, '放假日期为空'],
			[{ year: 2027, holidays: ['2027-02-30'], workdays: [] }, '不是有效的'],
			[{ year: 2027, holidays: ['2028-01-01'], workdays: [] }, '不属于2027年'],
			[{ year: 2027, holidays: ['2026-11-30'], workdays: [] }, '不属于2027年'],
			[{ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-02-08'] }, '不是周六或周日'],
			[{ year: 2027, holidays: ['2027-01-02'], workdays: ['2027-01-02'] }, '同时出现'],
			[{ year: 27, holidays: ['2027-01-01'], workdays: [] }, '年份']
		])('%j → %s', (arrangement, fragment) => {
			const check = checkHolidayArrangement(arrangement);
			expect(check.ok).toBe(false);
			expect(check.ok ? [] : check.problems.join('；')).toContain(fragment);
			const base = bundledCalendar();
			expect(() => base.withArrangement(arrangement)).toThrow(InvalidHolidayArrangementError);
			expect(base.hasYear(2027)).toBe(false);
		});

		it('the example arrangement passes', () => {
			expect(checkHolidayArrangement(EXAMPLE_2027)).toEqual({ ok: true });
		});
	});
});
