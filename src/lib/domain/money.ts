import { hasFullWidthChars } from './chars';
import { DomainError } from './errors';

/** Money is always an integer number of fen (分); yuan exist only in text. */
export type Fen = number;

const MESSAGES = {
	notText: '金额必须是文本',
	empty: '请输入金额',
	fullWidth: '金额中使用了全角字符，请用半角数字输入',
	negative: '金额不能为负数',
	exponent: '金额不能使用科学计数法（如1e3），请直接输入数字',
	tooManyDecimals: '金额最多保留两位小数（到分）',
	badThousands: '千分位逗号位置不正确，例如应写作1,234.56，或不加逗号',
	notNumber: (text: string) => `“${text}”不是有效金额，请输入如1234.56的数字`,
	tooLarge: '金额过大，超出系统可处理的范围',
	notInteger: (value: unknown) => `金额必须是以分为单位的整数，收到${String(value)}`,
	notSafe: '金额超出系统可处理的范围'
} as const;

export class MoneyParseError extends DomainError {
	readonly input: string;

	constructor(input: string, message: string) {
		super('MONEY_PARSE', message);
		this.name = 'MoneyParseError';
		this.input = input;
	}
}

/** A fen amount that is not a safe integer (or is negative where that is not allowed). */
export class InvalidAmountError extends DomainError {
	readonly value: unknown;

	constructor(value: unknown, message: string) {
		super('INVALID_AMOUNT', message);
		this.name = 'InvalidAmountError';
		this.value = value;
	}
}

const PLAIN = /^\d+(?:\.\d{1,2})?$/;
// Thousands groups must be exact: 1,234 and 12,345,678 but not 1,23 or 0,123.
const GROUPED = /^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d{1,2})?$/;
const EXPONENT = /^[\d,]*\.?\d*[eE][+-]?\d+$/;
const TOO_MANY_DECIMALS = /^[\d,]+\.\d{3,}$/;

/**
 * Parses a yuan amount typed by a person ('1234.5', '1,234.56', ' 12 ') into fen.
 * Pure string arithmetic: the text is never passed through a float.
 */
export function parseYuan(text: string): Fen {
	if (typeof text !== 'string') throw new MoneyParseError(String(text), MESSAGES.notText);
	const s = text.trim();
	if (s === '') throw new MoneyParseError(text, MESSAGES.empty);
	if (hasFullWidthChars(s)) throw new MoneyParseError(text, MESSAGES.fullWidth);
	if (s.startsWith('-')) throw new MoneyParseError(text, MESSAGES.negative);
	if (EXPONENT.test(s) && /\d/.test(s)) throw new MoneyParseError(text, MESSAGES.exponent);
	if (TOO_MANY_DECIMALS.test(s)) throw new MoneyParseError(text, MESSAGES.tooManyDecimals);
	if (!PLAIN.test(s) && !GROUPED.test(s)) {
		if (/^[\d,]+(?:\.\d*)?$/.test(s) && s.includes(',')) {
			throw new MoneyParseError(text, MESSAGES.badThousands);
		}
		throw new MoneyParseError(text, MESSAGES.notNumber(s));
	}
	const [intPart, fracPart = ''] = s.replace(/,/g, '').split('.');
	const digits = (intPart + fracPart.padEnd(2, '0')).replace(/^0+(?=\d)/, '');
	if (BigInt(digits) > BigInt(Number.MAX_SAFE_INTEGER)) {
		throw new MoneyParseError(text, MESSAGES.tooLarge);
	}
	return Number(digits);
}

/** Throws unless `fen` is a safe integer; `allowNegative` for signed sums (e.g. cash over/short). */
export function assertFen(fen: number, allowNegative = true): void {
	if (typeof fen !== 'number' || !Number.isInteger(fen)) {
		throw new InvalidAmountError(fen, MESSAGES.notInteger(fen));
	}
	if (!Number.isSafeInteger(fen)) throw new InvalidAmountError(fen, MESSAGES.notSafe);
	if (!allowNegative && fen < 0) throw new InvalidAmountError(fen, MESSAGES.negative);
}

/** 123456 → '1,234.56'; -123456 → '-1,234.56'. */
export function formatYuan(fen: Fen): string {
	assertFen(fen);
	const sign = fen < 0 ? '-' : '';
	const digits = String(Math.abs(fen)).padStart(3, '0');
	const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${sign}${yuan}.${digits.slice(-2)}`;
}
