// The X/Z report of one shift on A4 (pure: data and font in, PDF bytes out): the head of the
// shift, money by channel and by fee item, the cash counted against expected, the POS batch
// against the ledger reference by reference, and the signature lines. Long tables run on over pages.
import type PDFDocument from 'pdfkit';
import type { CjkFont } from './cjk-font';
import type { PosReconciliationData, ShiftReportData } from './form-printer';
import { chineseDate, PAGE_MARGIN, PageFlow, splitLine, startDocument } from './pdf-layout';

/** The report's name at the top of each page (continued pages say so), then `head` lines; returns the y below. */
export function reportPage(doc: PDFDocument, width: number, title: string, head: readonly [string, string][]): (continued: boolean) => number {
	return (continued) => {
		doc.addPage({ size: 'A4', margin: PAGE_MARGIN });
		doc.font('cjk').fontSize(17).fillColor('#000000');
		doc.text(continued ? `${title}（续）` : title, PAGE_MARGIN, PAGE_MARGIN, { width, align: 'center', characterSpacing: 2 });
		let y = PAGE_MARGIN + 30;
		for (const [left, right] of head) y = splitLine(doc, left, right, y, width);
		return y + 6;
	};
}

export function section(flow: PageFlow, title: string): void {
	flow.y += 6;
	// A heading keeps a line of what follows with it.
	flow.ensure(40);
	flow.text(title, 11, 4);
}

/** POS对账: the batch's totals against the ledger's card rows, then every reference that differs. */
export function posReconciliation(flow: PageFlow, pos: PosReconciliationData | null, note: string): void {
	if (pos === null) {
		flow.text(note);
		return;
	}
	const W = flow.width;
	const cols = [W * 0.3, W * 0.2, W * 0.5];
	flow.table(
		[
			{ label: '项目', width: cols[0] },
			{ label: '笔数', width: cols[1], align: 'right' },
			{ label: '金额（元）', width: cols[2], align: 'right' }
		],
		[
			['POS消费', pos.posSaleCount, pos.posSaleAmount],
			['POS撤销', pos.posVoidCount, pos.posVoidAmount],
			['POS净额', '', pos.posNetAmount],
			['账面刷卡（扣除冲正）', pos.ledgerSaleCount, pos.ledgerNetAmount]
		]
	);
	flow.text(`批次号：${pos.batchNo}  对账结果：${pos.verdict}`, undefined, 2);
	if (pos.differences.length === 0) return;
	flow.table(
		[
			{ label: 'POS参考号', width: W * 0.31 },
			{ label: 'POS（元）', width: W * 0.23, align: 'right' },
			{ label: '账面（元）', width: W * 0.23, align: 'right' },
			{ label: '差额（元）', width: W * 0.23, align: 'right' }
		],
		pos.differences.map((d) => [d.referenceNo, d.pos, d.ledger, d.difference])
	);
}

export async function renderShiftReport(data: ShiftReportData, font: CjkFont): Promise<Buffer> {
	const { doc, contentWidth: W, done } = startDocument(font, data.title, data.businessDate);
	const flow = new PageFlow(
		doc,
		W,
		reportPage(doc, W, data.title, [
			[`班次号：${data.shiftNo}  ${data.windowNo}号窗口  经办人：${data.clerkName}`, `营业日期：${chineseDate(data.businessDate)}`],
			[`开班时间：${data.openedAt}  结班时间：${data.closedAt}`, `打印时间：${data.printedAt}`]
		])
	);

	section(flow, '一、开班备用金');
	flow.text(`备用金 ￥${data.openingFloat}（${data.openingCount}）`);

	section(flow, '二、分渠道汇总');
	flow.table(
		[
			{ label: '缴款渠道', width: W * 0.5 },
			{ label: '笔数', width: W * 0.2, align: 'right' },
			{ label: '金额（元）', width: W * 0.3, align: 'right' }
		],
		[...data.channels.map((c) => [c.label, c.entries, c.net]), ['收款合计（不含缴款书开具）', '', data.total]]
	);

	section(flow, '三、分费种汇总');
	flow.table(
		[
			{ label: '品目代码', width: W * 0.15 },
			{ label: '征收品目', width: W * 0.45, align: 'left' },
			{ label: '笔数', width: W * 0.15, align: 'right' },
			{ label: '金额（元）', width: W * 0.25, align: 'right' }
		],
		data.feeItems.map((f) => [f.code, f.name, f.count, f.amount])
	);

	section(flow, '四、现金');
	const half = W / 2;
	const label = W * 0.2;
	flow.row([
		{ text: '应有现金', width: label },
		{ text: `￥${data.cash.expected}`, width: half - label, align: 'right' },
		{ text: '实点现金', width: label },
		{ text: data.cash.counted === '' ? '未清点' : `￥${data.cash.counted}`, width: half - label, align: 'right' }
	]);
	if (data.cash.varianceLabel !== '') {
		flow.row([
			{ text: data.cash.varianceLabel, width: label },
			{ text: `￥${data.cash.variance}`, width: half - label, align: 'right' },
			{ text: '原因', width: label },
			{ text: data.cash.reason, width: half - label, align: 'left' }
		]);
	}
	if (data.cashCount.length > 0) {
		flow.table(
			[
				{ label: '面额', width: W / 3 },
				{ label: '数量（张/枚）', width: W / 3, align: 'right' },
				{ label: '金额（元）', width: W / 3, align: 'right' }
			],
			data.cashCount.map((c) => [c.denomination, c.pieces, c.amount])
		);
	}

	section(flow, '五、POS结算对账');
	posReconciliation(flow, data.pos, data.posNote);

	flow.y += 10;
	flow.row(
		[
			{ text: `经办人（签字）：\n\n${data.clerkName}（${data.windowNo}号窗口）`, width: half, align: 'left' },
			{ text: `值班长签核：\n\n${data.signOff}`, width: half, align: 'left' }
		],
		60
	);
	doc.end();
	return done;
}
