import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatYuan, MoneyParseError, parseYuan } from '../../../src/lib/domain';

// Property runs: a few hundred cases each keeps `npm test` fast.
const RUNS = { numRuns: 300 };
const fen = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('parseYuan, by property', () => {
	it('a yuan amount formatted and parsed comes back the same, to the fen', () => {
		fc.assert(
			fc.property(fen, (f) => {
				expect(parseYuan(formatYuan(f))).toBe(f);
			}),
			RUNS
		);
	});

	it('plain digits with up to two decimals are read as yuan and fen without a float', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 99 }), fc.boolean(), (yuan, cents, padded) => {
				const text = `${yuan}.${String(cents).padStart(2, '0')}`;
				expect(parseYuan(padded ? ` ${text} ` : text)).toBe(yuan * 100 + cents);
			}),
			RUNS
		);
	});

	it('any text either reads as a safe, non-negative whole number of fen or is refused with a MoneyParseError in Chinese', () => {
		const typed = fc.oneof(fc.string(), fc.stringMatching(/^[-+ 0-9.,eE１２３]{0,14}$/));
		fc.assert(
			fc.property(typed, (text) => {
				let value: number;
				try {
					value = parseYuan(text);
				} catch (e) {
					expect(e).toBeInstanceOf(MoneyParseError);
					expect((e as Error).message).toMatch(/\p{Script=Han}/u);
					return;
				}
				expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
			}),
			RUNS
		);
	});

	it('a negative amount, or one with three decimals, is never read', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 999 }), (yuan, mills) => {
				expect(() => parseYuan(`-${yuan}`)).toThrow(MoneyParseError);
				expect(() => parseYuan(`${yuan}.${String(mills).padStart(3, '0')}`)).toThrow(MoneyParseError);
			}),
			RUNS
		);
	});
});
