import { formatYuan } from './money';
import { parseIsoDate, type IsoDate } from './dates';

// Which year a resident's regular (日常) payment is for. The guide: 城乡居民基本养老保险、补充养老保险
// 日常缴费的选择为当年；基本医疗保险日常缴费的选择为下一年. Earlier years (补缴) and the current year's
// medical for special groups (特殊人群) are paid only from dues the agencies assessed.

export type ResidentRegularItem = 'pension' | 'supplementary_pension' | 'medical';

/** The year a regular payment made on `paidOn` covers; throws InvalidDateError for a bad date. */
export function residentCoverageYear(item: ResidentRegularItem, paidOn: IsoDate): number {
	const { year } = parseIsoDate(paidOn);
	return item === 'medical' ? year + 1 : year;
}

/**
 * A pension tier (档次) as people name it: by its yearly amount, '每年300元' (whole yuan without decimals). The tier number
 * only indexes the year's table (1 = the lowest amount); it is never shown.
 */
export function pensionTierLabel(amountFen: number): string {
	return `每年${amountFen % 100 === 0 ? amountFen / 100 : formatYuan(amountFen)}元`;
}
