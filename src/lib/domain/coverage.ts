import type { DeclarationLine } from './payer';

/**
 * Resident insurance is paid by the year (guide ch. 3): basic and supplementary pension for the
 * year, medical insurance for the next year. What a line of these covers is a year, not a period.
 */
export const RESIDENT_YEARLY_ITEMS: readonly string[] = ['R_PENSION', 'R_SUPP_PENSION', 'R_MEDICAL'];

/** The coverage year (缴费年度) of a yearly resident line: the year of its period; null for period lines. */
export function coverageYear(line: Pick<DeclarationLine, 'item' | 'periodFrom'>): number | null {
	return RESIDENT_YEARLY_ITEMS.includes(line.item.code) ? Number(line.periodFrom.slice(0, 4)) : null;
}
