import { classifyPayerQuery, type QueryField } from '../../domain/payer-query';
import type { Payer } from '../../domain/payer';
import type { CoreTax } from '../upstream/types';

export const MAX_NAME_RESULTS = 20;

export const LOOKUP_TEXT = {
	none: '未找到该缴费人的税务登记信息。单位缴费人请先办理税务登记；个人缴费人请核对证件号码。',
	truncated: `结果较多，仅显示前 ${MAX_NAME_RESULTS} 条，请输入更完整的名称或证件号码`
};

export type LookupResult =
	{ kind: 'invalid'; field: QueryField; reason: string } | { kind: 'none'; message: string } | { kind: 'found'; payers: Payer[]; notice: string | null };

/** Checks what the clerk typed before anything is asked upstream; bad input goes no further. */
export async function lookupPayers(coreTax: CoreTax, input: string): Promise<LookupResult> {
	const classified = classifyPayerQuery(input);
	if (!classified.ok) return { kind: 'invalid', field: classified.field, reason: classified.reason };
	const payers = await coreTax.findPayers(classified.query, MAX_NAME_RESULTS + 1);
	if (payers.length === 0) return { kind: 'none', message: LOOKUP_TEXT.none };
	return {
		kind: 'found',
		payers: payers.slice(0, MAX_NAME_RESULTS),
		notice: payers.length > MAX_NAME_RESULTS ? LOOKUP_TEXT.truncated : null
	};
}
