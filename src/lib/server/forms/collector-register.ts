import type { FormDocument } from '../../../../drivers';
import type { BatchReceiptData } from '../../../../state-machines';
import { amountInWords, collectorItemName, formatYuan, maskResidentId, type GoodRow } from '../../domain';
import { pensionTierLabel } from '../../domain/resident-coverage';

export const COLLECTOR_REGISTER_TEXT = {
	title: '社会保险费集中代收登记造册',
	confirm: '以上缴费人的社会保险费已由代办员逐人收取现金并如数交至窗口，所列信息经代办员核对无误。',
	keep: '本册一式两份，代办员、税务机关各留存一份。'
} as const;

/** 登记造册 of a paid batch: the good rows person by person (IDs masked), the total, the signature lines. */
export function collectorRegister(batch: BatchReceiptData, rows: readonly GoodRow[], clerkName: string, reprint: boolean): FormDocument {
	return {
		kind: 'collector-register',
		data: {
			title: COLLECTOR_REGISTER_TEXT.title,
			batchNo: batch.batchNo,
			voucherNo: batch.voucherNo,
			paidOn: batch.paidOn,
			collector: {
				name: batch.collector.name,
				code: batch.collector.code,
				id: maskResidentId(batch.collector.idNumber),
				virtualAccountNo: batch.collector.virtualAccountNo,
				county: batch.collector.county
			},
			windowNo: batch.windowNo,
			clerkName,
			lines: rows.map((r) => ({
				row: r.row,
				id: maskResidentId(r.idNumber),
				name: r.name,
				item: collectorItemName(r.itemCode),
				// Only the pension has tiers; the list's 缴费档次 is empty for the others.
				tier: r.itemCode === 'R_PENSION' ? pensionTierLabel(r.amountFen) : '',
				amount: formatYuan(r.amountFen),
				collectedOn: r.collectedOn
			})),
			totalFigures: formatYuan(batch.amountFen),
			totalInWords: amountInWords(batch.amountFen),
			notes: [COLLECTOR_REGISTER_TEXT.confirm, COLLECTOR_REGISTER_TEXT.keep, batch.refundNotice],
			reprint
		}
	};
}
