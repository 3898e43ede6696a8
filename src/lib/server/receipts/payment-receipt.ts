import type { ReceiptDocument } from '../../../../drivers';
import type { ReceiptData } from '../../../../state-machines';
import { CHANNEL_LABEL, isUnitKind } from '../../domain/payer';
import { coverageYear, maskResidentId } from '../../domain';
import { tenderLines, yuan } from './tender-lines';

// The payment receipt as the thermal printer prints it: pure data → blocks. For an individual it
// is the person's certificate (the POS slip counts as one for individuals): each line's coverage
// year or period, and, for one person of a household, the one sale or tender it was part of.

export function paymentReceipt(r: ReceiptData, opts: { reprint: boolean; clerkName: string; printedAt: string }): ReceiptDocument {
	const unit = isUnitKind(r.payerKind);
	const identifier = unit ? r.payerIdentifier : maskResidentId(r.payerIdentifier);
	const coverage = (l: ReceiptData['lines'][number]) => {
		const year = unit ? null : coverageYear(l);
		return year === null ? `  所属期 ${l.periodFrom} 至 ${l.periodTo}` : `  缴费年度 ${year}`;
	};
	return {
		blocks: [
			{ kind: 'text', text: unit ? '社会保险费缴费凭据' : '社会保险费缴费凭证', align: 'center', bold: true, size: 'double' },
			...(opts.reprint ? [{ kind: 'text' as const, text: '【补打】', align: 'center' as const, bold: true }] : []),
			{ kind: 'rule' },
			{ kind: 'pair', left: '缴费人', right: r.payerName },
			{ kind: 'pair', left: unit ? '统一社会信用代码' : '身份证号码', right: identifier },
			{ kind: 'pair', left: '申报序号', right: r.declarationNo },
			{ kind: 'rule' },
			...r.lines.flatMap((l) => [
				{ kind: 'pair' as const, left: l.item.name, right: yuan(l.amountFen) },
				{ kind: 'text' as const, text: coverage(l) }
			]),
			{ kind: 'rule' },
			{ kind: 'pair', left: '合计', right: yuan(r.amountFen), bold: true },
			{ kind: 'text', text: `大写：${r.amountInWords}` },
			...(r.household ? [{ kind: 'text' as const, text: `本次共为${r.household.persons}人缴费，合计${yuan(r.household.totalFen)}` }] : []),
			{ kind: 'pair', left: '缴款方式', right: CHANNEL_LABEL[r.channel] },
			...tenderLines(r.card, r.cash),
			...(r.taxCashFormNo ? [{ kind: 'pair' as const, left: '税收缴款书（税务收现专用）', right: r.taxCashFormNo }] : []),
			{ kind: 'pair', left: '电子税票号码', right: r.voucherNo },
			{ kind: 'pair', left: '缴款日期', right: r.paidOn },
			{ kind: 'pair', left: '窗口/经办人', right: `${r.windowNo}号窗口 ${opts.clerkName}` },
			{ kind: 'pair', left: '打印时间', right: opts.printedAt },
			{ kind: 'qr', data: r.voucherNo, align: 'center' },
			{ kind: 'text', text: r.refundNotice }
		]
	};
}
