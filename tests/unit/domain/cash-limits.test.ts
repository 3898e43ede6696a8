import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCashLimits, InvalidAmountError, InvalidDateError } from '../../../src/lib/domain';
import { addDays } from '../../../src/lib/domain/dates';

// The county's double limits (双限): e.g. at most 5,000 yuan held and at most 3 days.
const LIMITS = { maxAmountFen: 500_000, maxDays: 3 };
const TODAY = '2026-11-20';

describe('double limits (双限): over means strictly more than the limit', () => {
	it('exactly the amount limit is within it; one fen more is over', () => {
		expect(checkCashLimits([{ collectedOn: TODAY, amountFen: 500_000 }], LIMITS, TODAY)).toEqual({
			ok: true,
			overAmount: false,
			overDays: false,
			totalFen: 500_000,
			oldestDays: 0
		});
		expect(checkCashLimits([{ collectedOn: TODAY, amountFen: 500_001 }], LIMITS, TODAY)).toEqual({
			ok: false,
			overAmount: true,
			overDays: false,
			totalFen: 500_001,
			oldestDays: 0
		});
	});

	it('cash held exactly the day limit is within it; a day longer is over', () => {
		expect(checkCashLimits([{ collectedOn: '2026-11-17', amountFen: 100 }], LIMITS, TODAY)).toMatchObject({ ok: true, overDays: false, oldestDays: 3 });
		expect(checkCashLimits([{ collectedOn: '2026-11-16', amountFen: 100 }], LIMITS, TODAY)).toMatchObject({ ok: false, overDays: true, oldestDays: 4 });
	});

	it('both limits can be broken at once', () => {
		expect(checkCashLimits([{ collectedOn: '2026-11-15', amountFen: 600_000 }], LIMITS, TODAY)).toEqual({
			ok: false,
			overAmount: true,
			overDays: true,
			totalFen: 600_000,
			oldestDays: 5
		});
	});
});

describe('double limits: the amount is the sum of the collections, the days count from the oldest', () => {
	it('amounts add up across residents', () => {
		const collections = [
			{ collectedOn: '2026-11-19', amountFen: 200_000 },
			{ collectedOn: '2026-11-20', amountFen: 200_000 },
			{ collectedOn: '2026-11-18', amountFen: 100_001 }
		];
		expect(checkCashLimits(collections, LIMITS, TODAY)).toEqual({ ok: false, overAmount: true, overDays: false, totalFen: 500_001, oldestDays: 2 });
	});

	it('days are calendar days from the oldest 收款日期, across month and year ends and weekends', () => {
		const collections = [
			{ collectedOn: '2027-01-02', amountFen: 100 },
			{ collectedOn: '2026-12-29', amountFen: 100 }
		];
		expect(checkCashLimits(collections, LIMITS, '2027-01-02')).toMatchObject({ oldestDays: 4, overDays: true });
		expect(checkCashLimits([{ collectedOn: '2028-02-28', amountFen: 100 }], LIMITS, '2028-03-01')).toMatchObject({ oldestDays: 2 });
	});

	it('an empty list holds nothing: total 0, 0 days, within the limits', () => {
		expect(checkCashLimits([], LIMITS, TODAY)).toEqual({ ok: true, overAmount: false, overDays: false, totalFen: 0, oldestDays: 0 });
	});

	it('a zero limit is broken by any cash held overnight or any amount', () => {
		expect(checkCashLimits([{ collectedOn: TODAY, amountFen: 0 }], { maxAmountFen: 0, maxDays: 0 }, TODAY).ok).toBe(true);
		expect(checkCashLimits([{ collectedOn: '2026-11-19', amountFen: 0 }], { maxAmountFen: 0, maxDays: 0 }, TODAY).overDays).toBe(true);
		expect(checkCashLimits([{ collectedOn: TODAY, amountFen: 1 }], { maxAmountFen: 0, maxDays: 0 }, TODAY).overAmount).toBe(true);
	});

	it('bad dates and amounts are refused, not counted', () => {
		expect(() => checkCashLimits([{ collectedOn: '2026-02-30', amountFen: 100 }], LIMITS, TODAY)).toThrow(InvalidDateError);
		expect(() => checkCashLimits([], LIMITS, '20261120')).toThrow(InvalidDateError);
		expect(() => checkCashLimits([{ collectedOn: TODAY, amountFen: 1.5 }], LIMITS, TODAY)).toThrow(InvalidAmountError);
		expect(() => checkCashLimits([{ collectedOn: TODAY, amountFen: -100 }], LIMITS, TODAY)).toThrow(InvalidAmountError);
	});
});

describe('double limits: properties', () => {
	const collection = fc.record({
		collectedOn: fc.integer({ min: 0, max: 60 }).map((d) => addDays(TODAY, -d)),
		amountFen: fc.integer({ min: 0, max: 300_000 })
	});
	const limits = fc.record({ maxAmountFen: fc.integer({ min: 0, max: 2_000_000 }), maxDays: fc.integer({ min: 0, max: 30 }) });

	it('totalFen is the sum of the amounts and oldestDays the longest any cash was held', () => {
		fc.assert(
			fc.property(fc.array(collection, { maxLength: 30 }), limits, (collections, l) => {
				const result = checkCashLimits(collections, l, TODAY);
				expect(result.totalFen).toBe(collections.reduce((sum, c) => sum + c.amountFen, 0));
				const longest = collections.reduce((max, c) => Math.max(max, Math.round((Date.parse(TODAY) - Date.parse(c.collectedOn)) / 86_400_000)), 0);
				expect(result.oldestDays).toBe(longest);
				expect(result.ok).toBe(result.totalFen <= l.maxAmountFen && result.oldestDays <= l.maxDays);
			})
		);
	});

	it('adding a collection never makes a breach go away', () => {
		fc.assert(
			fc.property(fc.array(collection, { maxLength: 30 }), collection, limits, (collections, extra, l) => {
				const before = checkCashLimits(collections, l, TODAY);
				const after = checkCashLimits([...collections, extra], l, TODAY);
				if (!before.ok) expect(after.ok).toBe(false);
				if (before.overAmount) expect(after.overAmount).toBe(true);
				if (before.overDays) expect(after.overDays).toBe(true);
			})
		);
	});
});
