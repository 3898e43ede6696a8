import { z } from 'zod';
import { bundledCalendar } from '../../../domain';
import { isValidIsoDate } from '../../../domain/dates';
import { decimalInt, plainText } from '../fields';
import { FESTIVALS, MAX_BREAK_DAYS, MAX_WORKDAYS, type DateRange, type FestivalKey } from '../../services/calendar-admin';

/** The journal's calendar_years accepts years up to 2100. */
const LAST_ENTERABLE_YEAR = 2100;

const bundled = bundledCalendar().yearsKnown();
const [firstBundled, lastBundled] = [bundled[0], bundled[bundled.length - 1]];

export const CALENDAR_FORM_TEXT = {
	year: `须为 ${lastBundled + 1} 到 ${LAST_ENTERABLE_YEAR} 之间的年份（${firstBundled}–${lastBundled} 年的安排已内置，不能覆盖）`,
	range: (label: string) => `${label}：应为一个日期或一个区间，如 2027-01-01 或 2027-01-01~2027-01-03`,
	reversed: (label: string) => `${label}：结束日期早于开始日期`,
	tooLong: (label: string) => `${label}：一次放假不会超过 ${MAX_BREAK_DAYS} 天，请核对`,
	workdays: `调休上班日期：最多 ${MAX_WORKDAYS} 个日期，每个为 YYYY-MM-DD 格式的有效日期`,
	digest: '确认：请先预览，再确认保存'
} as const;

const DAY_MS = 86_400_000;

/** One festival's break: a date or `from~to` (also `至`), at most MAX_BREAK_DAYS long. */
function breakRange(label: string) {
	const error = CALENDAR_FORM_TEXT.range(label);
	return z
		.string({ error })
		.trim()
		.max(40, { error })
		.regex(/^\d{4}-\d{2}-\d{2}(?:\s*(?:~|～|至)\s*\d{4}-\d{2}-\d{2})?$/, { error })
		.transform((text, ctx): DateRange => {
			const [from, to = from] = text.split(/\s*(?:~|～|至)\s*/);
			if (!isValidIsoDate(from) || !isValidIsoDate(to)) ctx.addIssue({ code: 'custom', message: error });
			else if (to < from) ctx.addIssue({ code: 'custom', message: CALENDAR_FORM_TEXT.reversed(label) });
			else if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_BREAK_DAYS) ctx.addIssue({ code: 'custom', message: CALENDAR_FORM_TEXT.tooLong(label) });
			return { from, to };
		});
}

const workdays = z
	.string({ error: CALENDAR_FORM_TEXT.workdays })
	.max(MAX_WORKDAYS * 12, { error: CALENDAR_FORM_TEXT.workdays })
	.optional()
	.transform((text) => (text ?? '').split(/[\s,，、;；]+/).filter(Boolean))
	.refine((dates) => dates.length <= MAX_WORKDAYS && dates.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && isValidIsoDate(d)), {
		error: CALENDAR_FORM_TEXT.workdays
	});

const festivalFields = Object.fromEntries(FESTIVALS.map((f) => [f.key, breakRange(`${f.name}放假日期`)])) as Record<FestivalKey, ReturnType<typeof breakRange>>;

const entryFields = {
	year: decimalInt('年份', lastBundled + 1, LAST_ENTERABLE_YEAR, CALENDAR_FORM_TEXT.year),
	source: plainText('来源（通知文号）', 100),
	...festivalFields,
	workdays
};

function toInput(v: z.output<z.ZodObject<typeof entryFields>>) {
	return {
		year: v.year,
		source: v.source,
		breaks: Object.fromEntries(FESTIVALS.map((f) => [f.key, v[f.key]])) as Record<FestivalKey, DateRange>,
		workdays: v.workdays
	};
}

/** 预览: one later year, each festival's break named by the supervisor. */
export const calendarPreviewForm = z.object(entryFields).transform(toInput);

/** 确认保存: the same fields, and the digest of the preview they were shown. */
export const calendarSaveForm = z
	.object({ ...entryFields, digest: z.string({ error: CALENDAR_FORM_TEXT.digest }).regex(/^[0-9a-f]{64}$/, { error: CALENDAR_FORM_TEXT.digest }) })
	.transform((v) => ({ ...toInput(v), digest: v.digest }));
