import { z } from 'zod';
import { isValidIsoDate } from '../../domain/dates';
import { MoneyParseError, parseYuan } from '../../domain/money';

// Field builders for the request schemas. Every failure of a field (missing, wrong type, out of
// range) carries one Chinese message that starts with the field's name, e.g.
// "窗口号：必须是 1 到 99 的整数", so the answer tells the clerk which field to correct.

z.config(z.locales.zhCN());

export const FIELD_TEXT = {
	integer: (min: number, max: number) => `必须是 ${min} 到 ${max} 的整数`,
	positive: '必须是正整数编号',
	required: '必须填写',
	tooLong: (max: number) => `不能超过 ${max} 个字`,
	badChars: '含有不允许的字符（只能使用汉字、字母、数字和常见括号）',
	oneOf: '不是可选的值',
	date: '必须是 YYYY-MM-DD 格式的有效日期',
	text: '必须是文本',
	notObject: '请求内容：应为一个包含各字段的对象'
} as const;

const message = (label: string, reason: string) => `${label}：${reason}`;

/** A text field that is missing, or is not text (a file, a JSON number or list). */
const textError = (label: string) => (issue: { input?: unknown }) => message(label, issue.input === undefined ? FIELD_TEXT.required : FIELD_TEXT.text);

/**
 * A whole number written in plain decimal digits (`12`), or given as a JSON integer: never
 * `0x2`, `1e3`, `１２`, `true`, `[2]` or `2.5`. Ids and counts of the terminal are such numbers.
 */
export function decimalInt(label: string, min: number, max: number, reason: string = FIELD_TEXT.integer(min, max)) {
	const error = message(label, reason);
	return z
		.union([z.string({ error }).regex(/^(0|[1-9]\d{0,15})$/, { error }), z.number({ error }).int({ error })], { error })
		.transform(Number)
		.pipe(z.number({ error }).int({ error }).min(min, { error }).max(max, { error }));
}

/** A positive id (of a payer, due, registration): 1 … 2^53 − 1. */
export const positiveId = (label: string) => decimalInt(label, 1, Number.MAX_SAFE_INTEGER, FIELD_TEXT.positive);

// Names, numbers and references typed at the counter: Han characters, letters, digits and the
// punctuation such texts use; quotes, angle brackets and semicolons never occur in them.
const PLAIN_TEXT = /^[\p{Script=Han}A-Za-z0-9 （）()〔〕［］[\]·.\-_×／/、，,：:]*$/u;

/** Trimmed text of at most `max` characters, required unless `optional`. */
export function plainText(label: string, max: number, options: { optional?: boolean; chars?: RegExp } = {}) {
	const base = z.string({ error: textError(label) }).trim();
	const sized = base
		.max(max, { error: message(label, FIELD_TEXT.tooLong(max)) })
		.regex(options.chars ?? PLAIN_TEXT, { error: message(label, FIELD_TEXT.badChars) });
	return options.optional ? sized.optional().transform((v) => v ?? '') : sized.min(1, { error: message(label, FIELD_TEXT.required) });
}

/** One of a fixed set of values (an enum the screen offers as buttons or a select). */
export function oneOf<const T extends readonly [string, ...string[]]>(label: string, values: T, reason: string = FIELD_TEXT.oneOf) {
	return z.enum(values, { error: message(label, reason) });
}

/** The fields of one request body; a body that is no object at all is said so. */
export function fieldsOf<S extends z.ZodRawShape>(shape: S) {
	return z.object(shape, { error: FIELD_TEXT.notObject });
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function isoDate(label: string) {
	const error = message(label, FIELD_TEXT.date);
	return z
		.string({ error })
		.trim()
		.regex(/^\d{4}-\d{2}-\d{2}$/, { error })
		.refine(isValidIsoDate, { error });
}

/** An amount in yuan as the clerk types it, read into integer fen by the domain's own parser. */
export function yuanAmount(label: string) {
	return z.string({ error: textError(label) }).transform((text, ctx) => {
		try {
			return parseYuan(text);
		} catch (e) {
			if (!(e instanceof MoneyParseError)) throw e;
			ctx.addIssue({ code: 'custom', message: message(label, e.message) });
			return z.NEVER;
		}
	});
}

/**
 * A number or reference the systems issue (declaration, transfer, voucher), in its exact format;
 * `compact` drops the spaces a clerk types to group digits.
 */
export function pattern(label: string, format: RegExp, reason: string, options: { compact?: boolean } = {}) {
	return z
		.string({ error: textError(label) })
		.transform((v) => (options.compact ? v.replace(/\s+/g, '') : v.trim()))
		.pipe(z.string().regex(format, { error: message(label, reason) }));
}

/** Text of any characters (a password, a search the domain classifies itself), bounded in length. */
export function anyText(label: string, max: number, options: { empty?: boolean } = {}) {
	return z
		.string({ error: textError(label) })
		.min(options.empty ? 0 : 1, { error: message(label, FIELD_TEXT.required) })
		.max(max, { error: message(label, FIELD_TEXT.tooLong(max)) });
}

/** A name from a list the service knows (e.g. the simulator's actions). */
export function known<T extends string>(label: string, isKnown: (text: string) => text is T, reason: string) {
	const error = message(label, reason);
	return z
		.string({ error })
		.max(100, { error })
		.refine(isKnown, { error })
		.transform((v) => v as T);
}

/** A button without fields (sign out, test print, open the drawer): anything sent along is refused. */
export const noFields = z.strictObject({}, { error: '请求内容：该操作不接受任何字段' });
