import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { calendarStatus } from '../../src/lib/server/services/calendar-status';
import { bundledCalendar, hasCalendarData } from '../../src/lib/domain';

// A made-up 2027 arrangement of the right shape (not the official one).
const YEAR_2027 = { year: 2027, source: '测试用安排（非官方）', holidays: ['2027-01-01', '2027-10-01'], workdays: [] };

describe('the calendar with the administrator’s years is held by each server, not by the domain module', () => {
	let a: Awaited<ReturnType<typeof tempRuntime>>;
	let b: Awaited<ReturnType<typeof tempRuntime>>;
	beforeAll(async () => {
		a = await tempRuntime();
		b = await tempRuntime();
	});
	afterAll(async () => {
		await a.dispose();
		await b.dispose();
	});

	it('a year entered on one server answers there and nowhere else', () => {
		a.repos.calendar.replaceYear(YEAR_2027, 3, '2026-11-20T02:00:00Z');
		a.calendar.reload();

		expect(a.calendar.current().isWorkingDay('2027-01-04')).toBe(true);
		expect(calendarStatus('2026-11-20', a.calendar.current()).missingYears).toEqual([]);
		// The other server in the same process, and the bundled data, still lack 2027.
		expect(b.calendar.current().hasYear(2027)).toBe(false);
		expect(calendarStatus('2026-11-20', b.calendar.current()).missingYears).toEqual([2027]);
		expect(bundledCalendar().hasYear(2027)).toBe(false);
		expect(hasCalendarData(2027)).toBe(false);
	});
});
