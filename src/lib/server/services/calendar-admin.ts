import { checkHolidayArrangement, type HolidayArrangement } from '../../domain';
import { addDays, isValidIsoDate } from '../../domain/dates';
import type { CalendarYear } from '../db/calendar-repo';

export type CalendarEntry = { ok: true; year: CalendarYear } | { ok: false; problems: string[] };

/** Dates as an administrator pastes them: separated by spaces, commas or lines; `a~b` or `a至b` for a run. */
export function parseDateList(text: string): { dates: string[]; problems: string[] } {
	const dates: string[] = [];
	const problems: string[] = [];
	for (const token of text.split(/[\s,，、;；]+/).filter(Boolean)) {
		const [from, to, extra] = token.split(/~|至/);
		if (extra !== undefined || !isValidIsoDate(from) || (to !== undefined && !isValidIsoDate(to))) {
			problems.push(`“${token}”不是日期或日期区间（格式 2027-01-01 或 2027-01-01~2027-01-03）`);
			continue;
		}
		if (to === undefined) {
			dates.push(from);
			continue;
		}
		if (to < from) {
			problems.push(`区间“${token}”的结束日期早于开始日期`);
			continue;
		}
		for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
	}
	return { dates: [...new Set(dates)].sort(), problems };
}

/** Reads the admin form into one year's arrangement, checked by the domain's own rules. */
export function readCalendarEntry(form: { year: string; source: string; holidays: string; workdays: string }): CalendarEntry {
	const year = Number(form.year);
	const source = form.source.trim();
	const holidays = parseDateList(form.holidays);
	const workdays = parseDateList(form.workdays);
	const problems = [...holidays.problems, ...workdays.problems];
	if (!source) problems.push('请填写安排的来源（国务院办公厅通知的文号）');
	const arrangement: HolidayArrangement = { year, holidays: holidays.dates, workdays: workdays.dates };
	const checked = checkHolidayArrangement(arrangement);
	if (!checked.ok) problems.push(...checked.problems);
	return problems.length ? { ok: false, problems } : { ok: true, year: { year, source, holidays: holidays.dates, workdays: workdays.dates } };
}
