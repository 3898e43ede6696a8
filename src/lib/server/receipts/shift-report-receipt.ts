import type { ReceiptBlock, ReceiptDocument, ShiftReportData } from '../../../../drivers';
import type { ShiftReport } from '../../domain/shift-report';
import { SHIFT_REPORT_TEXT, shiftReportForm } from '../forms/shift-report';

// The X/Z report on the 80 mm receipt printer: the same figures as the A4 report (one mapping,
// forms/shift-report.ts), laid out as label/value lines.

const money = (amount: string) => `￥${amount}`;
const heading = (text: string): ReceiptBlock[] => [{ kind: 'rule' }, { kind: 'text', text, bold: true }];

function cashBlocks({ cash, cashCount }: ShiftReportData): ReceiptBlock[] {
	const blocks: ReceiptBlock[] = [
		{ kind: 'pair', left: '应有现金', right: money(cash.expected) },
		{ kind: 'pair', left: '实点现金', right: cash.counted === '' ? SHIFT_REPORT_TEXT.notCounted : money(cash.counted) }
	];
	if (cash.varianceLabel !== '') blocks.push({ kind: 'pair', left: cash.varianceLabel, right: money(cash.variance), bold: true });
	if (cash.reason !== '') blocks.push({ kind: 'text', text: `原因：${cash.reason}` });
	for (const c of cashCount) blocks.push({ kind: 'pair', left: `  ${c.denomination} × ${c.pieces}`, right: money(c.amount) });
	return blocks;
}

function posBlocks({ pos, posNote }: ShiftReportData): ReceiptBlock[] {
	if (pos === null) return posNote === '' ? [] : [{ kind: 'text', text: posNote }];
	return [
		{ kind: 'pair', left: '批次号', right: pos.batchNo },
		{ kind: 'pair', left: `POS消费 ${pos.posSaleCount}笔`, right: money(pos.posSaleAmount) },
		{ kind: 'pair', left: `POS撤销 ${pos.posVoidCount}笔`, right: money(pos.posVoidAmount) },
		{ kind: 'pair', left: `账面刷卡 ${pos.ledgerSaleCount}笔`, right: money(pos.ledgerNetAmount) },
		{ kind: 'pair', left: '对账结果', right: pos.verdict, bold: true },
		...pos.differences.flatMap((x): ReceiptBlock[] => [
			{ kind: 'pair', left: `参考号 ${x.referenceNo}`, right: `差额 ${x.difference}` },
			{ kind: 'text', text: `  POS ${x.pos}  账面 ${x.ledger}` }
		])
	];
}

export function shiftReportReceipt(r: ShiftReport): ReceiptDocument {
	const d = shiftReportForm(r);
	return {
		blocks: [
			{ kind: 'text', text: d.title, align: 'center', bold: true, size: 'double' },
			{ kind: 'rule' },
			{ kind: 'pair', left: '班次号', right: d.shiftNo },
			{ kind: 'pair', left: '窗口/经办人', right: `${d.windowNo}号窗口 ${d.clerkName}` },
			{ kind: 'pair', left: '营业日期', right: d.businessDate },
			{ kind: 'pair', left: '开班时间', right: d.openedAt },
			{ kind: 'pair', left: '结班时间', right: d.closedAt },
			{ kind: 'pair', left: '开班备用金', right: money(d.openingFloat) },
			{ kind: 'text', text: `  ${d.openingCount}` },
			...heading('分渠道'),
			...d.channels.map((c): ReceiptBlock => ({ kind: 'pair', left: `${c.label} ${c.entries}笔`, right: money(c.net) })),
			...heading('分费种'),
			...d.feeItems.map((f): ReceiptBlock => ({ kind: 'pair', left: `${f.name} ${f.count}笔`, right: money(f.amount) })),
			{ kind: 'rule' },
			{ kind: 'pair', left: '收款合计', right: money(d.total), bold: true },
			...heading('现金'),
			...cashBlocks(d),
			...heading('POS结算对账'),
			...posBlocks(d),
			{ kind: 'rule' },
			{ kind: 'pair', left: '打印时间', right: d.printedAt },
			{ kind: 'pair', left: '值班长签核', right: d.signOff || '________' },
			{ kind: 'feed', lines: 1 },
			{ kind: 'text', text: '经办人签字：' },
			{ kind: 'feed', lines: 2 }
		]
	};
}
