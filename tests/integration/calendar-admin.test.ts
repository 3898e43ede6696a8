import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { parseDateList, readCalendarEntry } from '../../src/lib/server/services/calendar-admin';
import { calendarStatus, loadCalendarExtensions } from '../../src/lib/server/services/calendar-status';
import { CalendarDataMissingError, isWorkingDay, resetCalendarExtensions } from '../../src/lib/domain';

// A made-up 2027 arrangement of the right shape (not the official one).
const FORM_2027 = {
	year: '2027',
	source: '测试用安排（非官方）',
	holidays: '2027-01-01~2027-01-03\n2027-02-06~2027-02-13\n2027-10-01~2027-10-07',
	workdays: '2027-02-14, 2027-10-09'
};

describe('holiday arrangements of later years come from a table an administrator fills', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	beforeAll(async () => {
		rt = await tempRuntime();
	});
	afterAll(() => {
		resetCalendarExtensions();
		rt.dispose();
	});

	it('reads pasted dates and ranges, and names what it cannot read', () => {
		expect(parseDateList('2027-01-01~2027-01-03，2027-05-01\n2027-05-01')).toEqual({
			dates: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-05-01'],
			problems: []
		});
		expect(parseDateList('2027-02-30 五一').problems).toHaveLength(2);
		expect(parseDateList('2027-01-03~2027-01-01').problems[0]).toContain('结束日期早于开始日期');
	});

	it('never guesses a year with no data: the status says which years are missing', () => {
		expect(() => isWorkingDay('2027-01-04')).toThrow(CalendarDataMissingError);
		expect(calendarStatus('2026-11-20').missingYears).toEqual([2027]);
	});

	it('refuses an entry the domain finds wrong, with every problem in Chinese', () => {
		const r = readCalendarEntry({ ...FORM_2027, source: '', workdays: '2027-02-15' });
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.problems.some((p) => p.includes('文号'))).toBe(true);
			expect(r.problems.some((p) => p.includes('2027-02-15'))).toBe(true);
		}
	});

	it('stores a whole year and, once loaded, the calendar answers for it; a restart loads it again', () => {
		const r = readCalendarEntry(FORM_2027);
		if (!r.ok) throw new Error(r.problems.join(';'));
		rt.repos.calendar.replaceYear(r.year, 3, '2026-11-20T02:00:00Z');
		loadCalendarExtensions(rt.repos.calendar.all());
		expect(isWorkingDay('2027-01-01')).toBe(false);
		expect(isWorkingDay('2027-01-04')).toBe(true);
		expect(isWorkingDay('2027-02-14')).toBe(true);
		expect(calendarStatus('2026-11-20').missingYears).toEqual([]);

		resetCalendarExtensions();
		expect(() => isWorkingDay('2027-01-04')).toThrow(CalendarDataMissingError);
		loadCalendarExtensions(rt.repos.calendar.all());
		expect(isWorkingDay('2027-01-04')).toBe(true);
	});

	it('replaces a year entered again instead of mixing two versions', () => {
		const r = readCalendarEntry({ ...FORM_2027, workdays: '' });
		if (!r.ok) throw new Error(r.problems.join(';'));
		rt.repos.calendar.replaceYear(r.year, 3, '2026-11-21T02:00:00Z');
		expect(rt.repos.calendar.all()).toMatchObject([{ year: 2027, workdays: [] }]);
	});
});
