import { describe, it, expect } from 'vitest';
import { parseYuan, formatYuan, MoneyParseError, InvalidAmountError, DomainError } from '../../../src/lib/domain';

function parseError(text: string): MoneyParseError {
	try {
		parseYuan(text);
	} catch (e) {
		expect(e).toBeInstanceOf(MoneyParseError);
		return e as MoneyParseError;
	}
	throw new Error(`parseYuan(${JSON.stringify(text)}) did not throw`);
}

describe('money: amounts are integer fen, typed yuan are parsed without floats', () => {
	it.each([
		['1234.5', 123450],
		['1234.56', 123456],
		['0.01', 1],
		['0.1', 10],
		['12', 1200],
		['0', 0],
		['0.00', 0],
		['007.50', 750],
		['  12.30\t', 1230],
		['1,234.56', 123456],
		['12,345,678', 1234567800],
		['999', 99900],
		// 0.1 + 0.2 style float error would show here: 1.15 * 100 = 114.99999999999999
		['1.15', 115],
		['4.35', 435],
		['90071992547409.91', Number.MAX_SAFE_INTEGER]
	])('parseYuan(%j) = %i fen', (text, fen) => {
		expect(parseYuan(text)).toBe(fen);
	});

	it.each([
		['', '请输入金额'],
		['   ', '请输入金额'],
		['-1', '负数'],
		['-0.01', '负数'],
		['1.234', '两位小数'],
		['0.001', '两位小数'],
		['1e3', '科学计数法'],
		['1E3', '科学计数法'],
		['1.5e2', '科学计数法'],
		['abc', '不是有效金额'],
		['Infinity', '不是有效金额'],
		['NaN', '不是有效金额'],
		['12元', '不是有效金额'],
		['+12', '不是有效金额'],
		['.5', '不是有效金额'],
		['12.', '不是有效金额'],
		['1 234', '不是有效金额'],
		['0x10', '不是有效金额'],
		['１２３', '全角'],
		['1,23', '千分位'],
		['1,2345', '千分位'],
		['12,34.5', '千分位'],
		['0,123', '千分位'],
		[',123', '千分位'],
		['90071992547409.92', '过大'],
		['100000000000000000000', '过大']
	])('parseYuan(%j) is refused: %s', (text, fragment) => {
		const error = parseError(text);
		expect(error.message).toContain(fragment);
		expect(error).toBeInstanceOf(DomainError);
		expect(error.input).toBe(text);
	});
});

describe('money: formatYuan shows fen as yuan with thousands separators', () => {
	it.each([
		[123456, '1,234.56'],
		[0, '0.00'],
		[5, '0.05'],
		[10, '0.10'],
		[100, '1.00'],
		[99999, '999.99'],
		[100000, '1,000.00'],
		[123456789, '1,234,567.89'],
		[-123456, '-1,234.56'],
		[-5, '-0.05'],
		[-0, '0.00'],
		[Number.MAX_SAFE_INTEGER, '90,071,992,547,409.91']
	])('formatYuan(%i) = %s', (fen, text) => {
		expect(formatYuan(fen)).toBe(text);
	});

	it.each([1.5, 0.1, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1])('formatYuan(%d) throws: not an integer fen amount', (value) => {
		expect(() => formatYuan(value)).toThrow(InvalidAmountError);
	});

	it('round-trips: parseYuan(formatYuan(x)) = x', () => {
		for (const fen of [0, 1, 9, 10, 99, 100, 101, 123456, 100000000, 9876543210]) {
			expect(parseYuan(formatYuan(fen))).toBe(fen);
		}
	});
});
