import { describe, expect, it } from 'vitest';
import { InvalidDateError, pensionTierLabel, residentCoverageYear } from '../../../src/lib/domain';
import { addDays } from '../../../src/lib/domain/dates';

describe('resident regular payments: pension for this year, medical for next year', () => {
	it('pension paid in 2026 covers 2026', () => {
		expect(residentCoverageYear('pension', '2026-11-20')).toBe(2026);
	});

	it('supplementary pension paid in 2026 covers 2026', () => {
		expect(residentCoverageYear('supplementary_pension', '2026-03-02')).toBe(2026);
	});

	it('regular medical paid in 2026 covers 2027', () => {
		expect(residentCoverageYear('medical', '2026-11-20')).toBe(2027);
	});

	it('the year turns on 1 January, not on the payment window', () => {
		expect(residentCoverageYear('medical', '2026-12-31')).toBe(2027);
		expect(residentCoverageYear('medical', '2027-01-01')).toBe(2028);
		expect(residentCoverageYear('pension', '2026-12-31')).toBe(2026);
		expect(residentCoverageYear('pension', '2027-01-01')).toBe(2027);
	});

	it('for every day of three years: pension covers the day’s year, medical the year after', () => {
		for (let day = '2024-01-01'; day < '2027-01-01'; day = addDays(day, 1)) {
			const year = Number(day.slice(0, 4));
			expect(residentCoverageYear('pension', day)).toBe(year);
			expect(residentCoverageYear('supplementary_pension', day)).toBe(year);
			expect(residentCoverageYear('medical', day)).toBe(year + 1);
		}
	});

	it('a date that is not YYYY-MM-DD or does not exist is refused with the date error', () => {
		for (const bad of ['2026-02-30', '2026/11/20', '20261120', '']) {
			expect(() => residentCoverageYear('medical', bad)).toThrow(InvalidDateError);
		}
	});
});

describe('a pension tier is named by its yearly amount', () => {
	it('300 yuan a year reads 每年300元; amounts with fen keep them', () => {
		expect(pensionTierLabel(30_000)).toBe('每年300元');
		expect(pensionTierLabel(150_000)).toBe('每年1500元');
		expect(pensionTierLabel(30_050)).toBe('每年300.50元');
	});
});
