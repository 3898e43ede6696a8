// The hall's day close (日结报表) on A4 (pure: data and font in, PDF bytes out): every window's
// shift, what is still open, and the POS's settlement against the ledger.
import type { CjkFont } from './cjk-font';
import type { DayCloseData } from './form-printer';
import { chineseDate, PageFlow, startDocument, type Column } from './pdf-layout';
import { posReconciliation, reportPage, section } from './shift-report-pdf';

export async function renderDayClose(data: DayCloseData, font: CjkFont): Promise<Buffer> {
	const { doc, contentWidth: W, done } = startDocument(font, data.title, data.businessDate);
	const flow = new PageFlow(
		doc,
		W,
		reportPage(doc, W, data.title, [
			[`营业日期：${chineseDate(data.businessDate)}`, `打印时间：${data.printedAt}`],
			[`日结时间：${data.closedAt}`, data.closedBy === '' ? '' : `值班长：${data.closedBy}`]
		])
	);
	/** A table, or a line saying there is nothing to list. */
	const list = (columns: readonly Column[], rows: readonly (readonly string[])[]) => (rows.length === 0 ? flow.text('无') : flow.table(columns, rows));
	const w = (share: number) => W * share;

	section(flow, '一、各窗口班结');
	flow.table(
		[
			{ label: '窗口', width: w(0.06) },
			{ label: '班次', width: w(0.06) },
			{ label: '经办人', width: w(0.1) },
			{ label: '开班时间', width: w(0.13) },
			{ label: '结班时间', width: w(0.13) },
			{ label: '收款合计（元）', width: w(0.13), align: 'right' },
			{ label: '现金差异（元）', width: w(0.12) },
			{ label: '原因', width: w(0.17), align: 'left' },
			{ label: '值班长', width: w(0.1) }
		],
		[
			...data.windows.map((x) => [x.windowNo, x.shiftNo, x.clerkName, x.openedAt, x.closedAt, x.total, x.variance, x.reason, x.signedOffBy]),
			['合计', '', '', '', '', data.total, '', '', '']
		]
	);

	section(flow, '二、未结事项');
	flow.text('未结班的窗口', undefined, 2);
	list(
		[
			{ label: '窗口', width: w(0.2) },
			{ label: '经办人', width: w(0.4) },
			{ label: '开班时间', width: w(0.4) }
		],
		data.openShifts.map((s) => [s.windowNo, s.clerkName, s.openedAt])
	);
	flow.text('已开具、未登记银行回执的缴款书', undefined, 2);
	list(
		[
			{ label: '申报序号', width: w(0.35) },
			{ label: '窗口', width: w(0.15) },
			{ label: '金额（元）', width: w(0.2), align: 'right' },
			{ label: '开具时间', width: w(0.3) }
		],
		data.unrecordedStubs.map((s) => [s.declarationNo, s.windowNo, s.amount, s.issuedAt])
	);
	flow.text('未确认结果的操作', undefined, 2);
	list(
		[
			{ label: '操作编号', width: w(0.4), align: 'left' },
			{ label: '操作', width: w(0.2) },
			{ label: '状态', width: w(0.15) },
			{ label: '开始时间', width: w(0.25) }
		],
		data.pendingIntents.map((i) => [i.key, i.action, i.status, i.createdAt])
	);
	flow.text('超出双限的代办员', undefined, 2);
	list(
		[
			{ label: '代办员', width: w(0.35) },
			{ label: '情况', width: w(0.65), align: 'left' }
		],
		data.collectorsOverLimit.map((c) => [c.collector, c.detail])
	);

	section(flow, '三、POS结算对账');
	posReconciliation(flow, data.pos, data.posNote);

	flow.y += 10;
	flow.row([{ text: `值班长（签字）：\n\n${data.closedBy}`, width: W, align: 'left' }], 60);
	doc.end();
	return done;
}
