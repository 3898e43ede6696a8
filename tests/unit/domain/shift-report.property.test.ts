import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cashCountTotalFen, CashCountError, DENOMINATIONS_FEN, parseCashCount, type CashCount } from '../../../src/lib/domain/shift-report';

const RUNS = { numRuns: 300 };
const count = fc.dictionary(fc.constantFrom(...DENOMINATIONS_FEN.map(String)), fc.integer({ min: 0, max: 99_999 })).map((o) => o as Record<string, number>);

describe('the cash count by denomination, by property', () => {
	it('a count typed as numbers or as text reads as the same pieces, zeroes left out, and totals to the fen', () => {
		fc.assert(
			fc.property(count, fc.boolean(), (c, asText) => {
				const typed = Object.fromEntries(Object.entries(c).map(([d, n]) => [d, asText ? String(n) : n]));
				const parsed = parseCashCount(typed);
				const expected = Object.fromEntries(Object.entries(c).filter(([, n]) => n > 0));
				expect(parsed).toEqual(expected);
				expect(cashCountTotalFen(parsed as CashCount)).toBe(Object.entries(c).reduce((s, [d, n]) => s + Number(d) * n, 0));
			}),
			RUNS
		);
	});

	it('a denomination the cash box does not hold is refused', () => {
		fc.assert(
			fc.property(
				fc.string().filter((k) => !(DENOMINATIONS_FEN as readonly number[]).includes(Number(k)) && k !== '__proto__'),
				fc.integer({ min: 0, max: 10 }),
				(k, n) => {
					expect(() => parseCashCount({ [k]: n })).toThrow(CashCountError);
				}
			),
			RUNS
		);
	});

	it('pieces that are not a whole number from 0 to 99,999 are refused', () => {
		const bad = fc.oneof(
			fc.integer({ max: -1 }),
			fc.integer({ min: 100_000 }),
			fc.double().filter((x) => !Number.isInteger(x)),
			fc.constantFrom('', ' ', 'abc', '１', '1e9', null, true, [1], {})
		);
		fc.assert(
			fc.property(fc.constantFrom(...DENOMINATIONS_FEN), bad, (d, n) => {
				expect(() => parseCashCount({ [d]: n })).toThrow(CashCountError);
			}),
			RUNS
		);
	});
});
