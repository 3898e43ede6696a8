import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { FORM_2027 } from './calendar-2027';
import { readCalendarEntry } from '../../src/lib/server/services/calendar-admin';
import { calendarPreviewForm } from '../../src/lib/server/http/schemas/calendar';
import { checkInput } from '../../src/lib/server/http/read-input';
import { calendarService, calendarStatus } from '../../src/lib/server/services/calendar-status';
import { CalendarDataMissingError } from '../../src/lib/domain';

function entry(form: Record<string, string>) {
	const input = checkInput(calendarPreviewForm, form);
	if (!input.ok) throw new Error(input.message);
	return readCalendarEntry(input.data);
}

describe('holiday arrangements of later years come from a table an administrator fills', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	beforeAll(async () => {
		rt = await tempRuntime();
	});
	afterAll(() => rt.dispose());

	it('reads each festival as a date or a range, and names what it cannot read', () => {
		const r = entry(FORM_2027);
		if (!r.ok) throw new Error(r.problems.join(';'));
		expect(r.preview.year.holidays.slice(0, 3)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
		expect(r.preview.breaks.find((b) => b.name === '春节')).toMatchObject({ from: '2027-02-06', to: '2027-02-13', days: 8 });
		const bad = checkInput(calendarPreviewForm, { ...FORM_2027, qingming: '2027-02-30', labourDay: '2027-05-05~2027-05-01' });
		expect(bad.ok).toBe(false);
		if (!bad.ok) {
			expect(bad.message).toContain('清明节放假日期');
			expect(bad.message).toContain('结束日期早于开始日期');
		}
	});

	it('never guesses a year with no data: the status says which years are missing', () => {
		expect(() => rt.calendar.current().isWorkingDay('2027-01-04')).toThrow(CalendarDataMissingError);
		expect(calendarStatus('2026-11-20', rt.calendar.current()).missingYears).toEqual([2027]);
	});

	it('refuses an entry the domain finds wrong, with every problem in Chinese', () => {
		const noSource = checkInput(calendarPreviewForm, { ...FORM_2027, source: '' });
		expect(noSource.ok === false && noSource.message).toContain('文号');
		const r = entry({ ...FORM_2027, workdays: '2027-02-15' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.problems.some((p) => p.includes('2027-02-15'))).toBe(true);
	});

	it('stores a whole year and, once loaded, the calendar answers for it; a restart loads it again', () => {
		const r = entry(FORM_2027);
		if (!r.ok) throw new Error(r.problems.join(';'));
		rt.repos.calendar.replaceYear(r.preview.year, 3, '2026-11-20T02:00:00Z');
		// Stored but not yet loaded: the server's calendar answers as before.
		expect(() => rt.calendar.current().isWorkingDay('2027-01-04')).toThrow(CalendarDataMissingError);
		rt.calendar.reload();
		const calendar = rt.calendar.current();
		expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
		expect(calendar.isWorkingDay('2027-01-04')).toBe(true);
		expect(calendar.isWorkingDay('2027-02-14')).toBe(true);
		expect(calendarStatus('2026-11-20', calendar).missingYears).toEqual([]);

		// A restart reads the table again.
		expect(calendarService(rt.repos.calendar).current().isWorkingDay('2027-01-04')).toBe(true);
	});

	it('replaces a year entered again instead of mixing two versions', () => {
		const r = entry({ ...FORM_2027, workdays: '' });
		if (!r.ok) throw new Error(r.problems.join(';'));
		rt.repos.calendar.replaceYear(r.preview.year, 3, '2026-11-21T02:00:00Z');
		expect(rt.repos.calendar.all()).toMatchObject([{ year: 2027, workdays: [] }]);
	});
});
