import { describe, it, expect } from 'vitest';
import { amountInWords, InvalidAmountError } from '../../../src/lib/domain';

describe('amount in words (金额大写) as written on bank forms', () => {
	describe('the examples of the brief and the guide', () => {
		it.each([
			[123456, '壹仟贰佰叁拾肆元伍角陆分'],
			[30000, '叁佰元整']
		])('%i fen → %s', (fen, words) => expect(amountInWords(fen)).toBe(words));
	});

	describe('整 after 元 or 角, none after 分', () => {
		it.each([
			[100, '壹元整'],
			[120, '壹元贰角整'],
			[10, '壹角整'],
			[123, '壹元贰角叁分'],
			[140950, '壹仟肆佰零玖元伍角整']
		])('%i fen → %s', (fen, words) => expect(amountInWords(fen)).toBe(words));
	});

	describe('below one yuan: 零元 is not written; zero is 零元整', () => {
		it.each([
			[0, '零元整'],
			[1, '壹分'],
			[5, '伍分'],
			[10, '壹角整'],
			[15, '壹角伍分'],
			[99, '玖角玖分']
		])('%i fen → %s', (fen, words) => expect(amountInWords(fen)).toBe(words));
	});

	describe('角 zero and 分 not zero: 零 after 元', () => {
		it.each([
			[101, '壹元零壹分'],
			[10005, '壹佰元零伍分'],
			[1000001, '壹万元零壹分'],
			[1640902, '壹万陆仟肆佰零玖元零贰分'],
			[1001, '壹拾元零壹分']
		])('%i fen → %s', (fen, words) => expect(amountInWords(fen)).toBe(words));
	});

	describe('zeros inside the yuan part collapse to one 零; 元位 zero before a 角 writes none', () => {
		it.each([
			[600714, '陆仟零柒元壹角肆分'],
			[100100, '壹仟零壹元整'],
			[101000, '壹仟零壹拾元整'],
			[110000, '壹仟壹佰元整'],
			[168032, '壹仟陆佰捌拾元叁角贰分'],
			[1000, '壹拾元整'],
			[1600, '壹拾陆元整'],
			[11000, '壹佰壹拾元整']
		])('%i fen → %s', (fen, words) => expect(amountInWords(fen)).toBe(words));
	});

	describe('万 and 亿 sections', () => {
		it.each([
			[1000000, '壹万元整'],
			[1010000, '壹万零壹佰元整'],
			[1001000, '壹万零壹拾元整'],
			[1100000, '壹万壹仟元整'],
			[10700053, '壹拾万柒仟元伍角叁分'],
			[100000000, '壹佰万元整'],
			[123456700, '壹佰贰拾叁万肆仟伍佰陆拾柒元整'],
			[10000000000, '壹亿元整'],
			[10000000100, '壹亿零壹元整'],
			[10001000000, '壹亿零壹万元整'],
			[11000000000, '壹亿壹仟万元整'],
			[1000100000000, '壹佰亿零壹佰万元整'],
			[10000000000000, '壹仟亿元整'],
			[100000000000000, '壹万亿元整'],
			// 90,071,992,547,409.91 yuan
			[Number.MAX_SAFE_INTEGER, '玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分']
		])('%i fen → %s', (fen, words) => expect(amountInWords(fen)).toBe(words));
	});

	it.each([-1, 1.5, NaN, Infinity])('refuses %d: only non-negative integer fen', (value) => {
		expect(() => amountInWords(value)).toThrow(InvalidAmountError);
	});
});
