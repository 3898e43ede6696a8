import { residentCoverageYear } from '../../domain';
import type { CollectorItemCode, YearTables } from '../../domain/collector-list';
import type { CoreTax } from '../upstream/types';

/**
 * The tables a collector's list is checked against on `today`: this year's pension tiers and
 * supplementary amount, next year's medical amount, from the core tax system's yearly amounts.
 */
export async function yearTables(coreTax: Pick<CoreTax, 'yearlyAmounts'>, today: string): Promise<YearTables> {
	const year = residentCoverageYear('pension', today);
	const amounts = (await Promise.all([year, residentCoverageYear('medical', today)].map((y) => coreTax.yearlyAmounts(y)))).flat();
	const byItemYear = new Map<string, { tier: number; amountFen: number }[]>();
	for (const a of amounts) {
		const key = `${a.item.code}|${a.year}`;
		byItemYear.set(key, [...(byItemYear.get(key) ?? []), { tier: a.tier, amountFen: a.amountFen }]);
	}
	return { tiers: (itemCode: CollectorItemCode, y: number) => byItemYear.get(`${itemCode}|${y}`) ?? [] };
}
