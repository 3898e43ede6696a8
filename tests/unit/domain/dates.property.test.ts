import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween, formatIsoDate, InvalidDateError, parseIsoDate } from '../../../src/lib/domain/dates';

const RUNS = { numRuns: 300 };
const day = fc
	.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
	.map((d) => d.toISOString().slice(0, 10));

describe('ISO dates, by property', () => {
	it('a real date parsed and formatted comes back the same', () => {
		fc.assert(
			fc.property(day, (d) => {
				expect(formatIsoDate(parseIsoDate(d))).toBe(d);
			}),
			RUNS
		);
	});

	it('the parser agrees with the calendar: YYYY-MM-DD reads when the day exists, else InvalidDateError', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
				const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
				const real = new Date(Date.UTC(2000, m - 1, d));
				real.setUTCFullYear(y);
				const exists = m >= 1 && m <= 12 && d >= 1 && real.getUTCMonth() === m - 1 && real.getUTCDate() === d;
				if (exists) expect(parseIsoDate(text)).toEqual({ year: y, month: m, day: d });
				else expect(() => parseIsoDate(text)).toThrow(InvalidDateError);
			}),
			RUNS
		);
	});

	it('any other text is refused with an InvalidDateError, never read', () => {
		fc.assert(
			fc.property(
				fc.string().filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
				(s) => {
					expect(() => parseIsoDate(s)).toThrow(InvalidDateError);
				}
			),
			RUNS
		);
	});

	it('adding n days and counting the days between gives n back', () => {
		fc.assert(
			fc.property(day, fc.integer({ min: -20_000, max: 20_000 }), (d, n) => {
				expect(daysBetween(d, addDays(d, n))).toBe(n);
			}),
			RUNS
		);
	});
});
