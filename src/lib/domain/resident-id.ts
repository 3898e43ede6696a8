import { halfWidthAlphanumerics, hasFullWidthChars } from './chars';
import { formatIsoDate, isRealDate, parseIsoDate, type IsoDate } from './dates';

export type Sex = 'male' | 'female';

export type ResidentIdCheck = { ok: true; birthDate: IsoDate; sex: Sex; regionCode: string } | { ok: false; reason: string };

const MESSAGES = {
	notText: '身份证号码必须是文本',
	empty: '请输入居民身份证号码',
	fullWidth: '身份证号码中使用了全角字符，请用半角数字和大写X输入',
	oldFormat: '这是15位旧身份证号码，请使用18位居民身份证号码',
	length: (n: number) => `居民身份证号码应为18位，当前为${n}位`,
	notDigit: (pos: number, ch: string) => `身份证号码前17位必须是数字，第${pos}位“${ch}”不是数字`,
	badCheckChar: (ch: string) => `身份证号码第18位（校验码）只能是数字或X，当前为“${ch}”`,
	badBirthDate: (raw: string) => `身份证号码中的出生日期${raw}不是有效日期`,
	tooEarly: (raw: string) => `身份证号码中的出生日期${raw}早于1900年，号码有误`,
	future: (raw: string) => `身份证号码中的出生日期${raw}晚于今天，号码有误`,
	checkMismatch: (expected: string, actual: string) => `身份证号码校验码错误：按前17位计算，第18位应为“${expected}”，实际为“${actual}”，请核对号码`
} as const;

// GB 11643-1999: ISO 7064 MOD 11-2 weights 2^(17-i) mod 11, and the check character table.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The 18th character for the given first 17 digits. */
function residentIdCheckChar(first17: string): string {
	if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckChar needs 17 digits');
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
	return CHECK_CHARS[sum % 11];
}

/**
 * Checks an 18-character resident ID number (居民身份证号码, GB 11643) and reads the
 * birth date, sex and region. Pass `today` to also refuse birth dates in the future.
 */
export function checkResidentId(id: string, options: { today?: IsoDate } = {}): ResidentIdCheck {
	if (typeof id !== 'string') return { ok: false, reason: MESSAGES.notText };
	if (id === '') return { ok: false, reason: MESSAGES.empty };
	if (hasFullWidthChars(id)) return { ok: false, reason: MESSAGES.fullWidth };
	const s = id.toUpperCase();
	if (/^\d{15}$/.test(s)) return { ok: false, reason: MESSAGES.oldFormat };
	if (s.length !== 18) return { ok: false, reason: MESSAGES.length([...s].length) };
	for (let i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9') return { ok: false, reason: MESSAGES.notDigit(i + 1, s[i]) };
	}
	if (!/[0-9X]/.test(s[17])) return { ok: false, reason: MESSAGES.badCheckChar(s[17]) };

	const raw = s.slice(6, 14);
	const year = Number(raw.slice(0, 4));
	const month = Number(raw.slice(4, 6));
	const day = Number(raw.slice(6, 8));
	if (!isRealDate(year, month, day)) return { ok: false, reason: MESSAGES.badBirthDate(raw) };
	if (year < 1900) return { ok: false, reason: MESSAGES.tooEarly(raw) };
	const birthDate = formatIsoDate({ year, month, day });
	if (options.today !== undefined) {
		parseIsoDate(options.today);
		if (birthDate > options.today) return { ok: false, reason: MESSAGES.future(raw) };
	}

	const expected = residentIdCheckChar(s.slice(0, 17));
	if (expected !== s[17]) return { ok: false, reason: MESSAGES.checkMismatch(expected, s[17]) };

	// The 17th digit is the sequence code: odd for men, even for women.
	const sex: Sex = Number(s[16]) % 2 === 1 ? 'male' : 'female';
	return { ok: true, birthDate, sex, regionCode: s.slice(0, 6) };
}

/**
 * An ID number as written in a list: full-width digits and letters as half-width, surrounding spaces
 * removed, a final lower-case x as X; nothing else changed, so checkResidentId still sees every other fault.
 */
export function normalizeResidentId(text: string): string {
	return halfWidthAlphanumerics(text).trim().replace(/x$/, 'X');
}

/**
 * An ID number as typed or read: as normalizeResidentId, and every space (ASCII, ideographic U+3000,
 * tabs) removed, so '140105 19900307 1234' reads as one number. Check the result with checkResidentId.
 */
export function normaliseIdNumber(text: string): string {
	return normalizeResidentId(text.replace(/[\s\u3000]/g, ''));
}

/**
 * For slips and screens: keeps the first 6 and last 4 characters ('140105********1234').
 * Anything too short to mask that way is starred completely rather than leaked.
 */
export function maskResidentId(id: string): string {
	const chars = [...id];
	if (chars.length <= 10) return '*'.repeat(chars.length);
	return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('');
}
