import { createHash } from 'node:crypto';
import { checkHolidayArrangement } from '../../domain';
import type { calendarRepo, CalendarYear } from '../db/calendar-repo';
import type { AuditRepo } from '../db/audit-repo';
import type { Clock } from '../clock';
import type { SignedInClerk } from '../auth/auth-service';
import type { CalendarService } from './calendar-status';

/** The seven statutory festivals every year's notice arranges (全国年节及纪念日放假办法). */
export const FESTIVALS = [
	{ key: 'newYear', name: '元旦' },
	{ key: 'springFestival', name: '春节' },
	{ key: 'qingming', name: '清明节' },
	{ key: 'labourDay', name: '劳动节' },
	{ key: 'dragonBoat', name: '端午节' },
	{ key: 'midAutumn', name: '中秋节' },
	{ key: 'nationalDay', name: '国庆节' }
] as const;

export type FestivalKey = (typeof FESTIVALS)[number]['key'];

/** The longest break a notice has given (Spring Festival 9 days, National Day with Mid-Autumn 8), with room. */
export const MAX_BREAK_DAYS = 15;
/** Weekend days made working days: about two per break, never many more. */
export const MAX_WORKDAYS = 12;

export interface DateRange {
	from: string;
	to: string;
}

/** One year as the supervisor entered it, read by the route's schema. */
export interface CalendarEntryInput {
	year: number;
	source: string;
	breaks: Record<FestivalKey, DateRange>;
	workdays: string[];
}

/** What will be stored, shown before it is: each festival's days and the working weekend days. */
export interface CalendarPreview {
	year: CalendarYear;
	breaks: { name: string; from: string; to: string; days: number }[];
	/** Ties a save to the preview the supervisor saw. */
	digest: string;
}

export type CalendarEntry = { ok: true; preview: CalendarPreview } | { ok: false; problems: string[] };

export const CALENDAR_ADMIN_TEXT = {
	outsideYear: (name: string, year: number) => `${name}放假日期：应在${year}年内（元旦可从上一年12月开始）`,
	overlap: (a: string, b: string) => `${a}与${b}的放假日期重叠（只有中秋节和国庆节可以连休）`,
	staleDigest: '安排与预览时不一致，请重新预览后再保存'
} as const;

function daysOf({ from, to }: DateRange): string[] {
	const days: string[] = [];
	// Bounded by the schema (at most MAX_BREAK_DAYS per break).
	for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
		days.push(d.toISOString().slice(0, 10));
	}
	return days;
}

const MAY_OVERLAP = new Set<FestivalKey>(['midAutumn', 'nationalDay']);

/** Checks one year's festivals against the year and each other, then by the domain's own rules. */
export function readCalendarEntry(input: CalendarEntryInput): CalendarEntry {
	const { year, source, breaks, workdays } = input;
	const problems: string[] = [];
	for (const f of FESTIVALS) {
		const r = breaks[f.key];
		const first = f.key === 'newYear' ? `${year - 1}-12-01` : `${year}-01-01`;
		if (r.from < first || r.to > `${year}-12-31`) problems.push(CALENDAR_ADMIN_TEXT.outsideYear(f.name, year));
	}
	FESTIVALS.forEach((a, i) =>
		FESTIVALS.slice(i + 1).forEach((b) => {
			const [ra, rb] = [breaks[a.key], breaks[b.key]];
			if (ra.from <= rb.to && rb.from <= ra.to && !(MAY_OVERLAP.has(a.key) && MAY_OVERLAP.has(b.key))) {
				problems.push(CALENDAR_ADMIN_TEXT.overlap(a.name, b.name));
			}
		})
	);
	if (problems.length) return { ok: false, problems };

	const holidays = [...new Set(FESTIVALS.flatMap((f) => daysOf(breaks[f.key])))].sort();
	const sortedWorkdays = [...new Set(workdays)].sort();
	const checked = checkHolidayArrangement({ year, holidays, workdays: sortedWorkdays });
	if (!checked.ok) return { ok: false, problems: checked.problems };

	const stored: CalendarYear = { year, source, holidays, workdays: sortedWorkdays };
	return {
		ok: true,
		preview: {
			year: stored,
			breaks: FESTIVALS.map((f) => ({ name: f.name, ...breaks[f.key], days: daysOf(breaks[f.key]).length })),
			digest: createHash('sha256').update(JSON.stringify(stored)).digest('hex')
		}
	};
}

/** What the calendar administration uses: the entered years, the server's calendar, the clock, the audit log. */
export interface CalendarAdminDeps {
	repos: { calendar: Pick<ReturnType<typeof calendarRepo>, 'all' | 'replaceYear'>; audit: Pick<AuditRepo, 'record'> };
	calendar: Pick<CalendarService, 'current' | 'reload'>;
	clock: Clock;
}

/** Stores a previewed year, makes the server answer with it at once, and audits who entered it. */
export function saveCalendarYear(deps: CalendarAdminDeps, clerk: SignedInClerk, year: CalendarYear): void {
	const at = deps.clock.now().toISOString();
	// A year entered again replaces the one before: the trail keeps what it was.
	const before = deps.repos.calendar.all().find((y) => y.year === year.year) ?? null;
	deps.repos.calendar.replaceYear(year, clerk.clerkId, at);
	deps.calendar.reload();
	deps.repos.audit.record(at, {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		action: 'calendar-year-entered',
		subject: String(year.year),
		detail: { year: year.year, source: year.source },
		before,
		after: year
	});
}
