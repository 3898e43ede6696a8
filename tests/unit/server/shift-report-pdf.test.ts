// The Z report and the day close as A4 PDFs through the real pdfkit renderer, read back as text.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FONT_PATH, loadCjkFont } from '../../../drivers/form-printer/cjk-font';
import { renderForm } from '../../../drivers/form-printer/pdf-form-printer';
import type { ShiftReport } from '../../../src/lib/domain/shift-report';
import { dayCloseForm, shiftReportForm } from '../../../src/lib/server/forms/shift-report';
import { pdfPageCount, pdfText } from '../drivers/pdf-text';
import { DAY_CLOSE, SHORT_REASON, Z_REPORT } from './shift-report-fixtures';

const font = loadCjkFont(DEFAULT_FONT_PATH);
/** Text of the PDF without the line breaks that table cells add. */
const flat = (pdf: Buffer) => pdfText(pdf).replace(/\n/g, '');
const shiftPdf = (r: ShiftReport) => renderForm({ kind: 'shift-report', data: shiftReportForm(r) }, font);
const count = (text: string, part: string) => text.split(part).length - 1;

describe('the shift report on A4', () => {
	it('a Z shows window, clerk, times in UTC+8, the channels, the fee items, the total and the float', async () => {
		const text = flat(await shiftPdf(Z_REPORT));
		for (const part of [
			'Z报表（班结）',
			'3号窗口',
			'经办人：李晓红',
			'营业日期：2026年12月03日',
			'开班时间：2026-12-03 08:30:00',
			'结班时间：2026-12-03 17:05:00',
			'备用金 ￥500.00（100元×3，50元×4）',
			'银行卡（POS）55,120.00',
			'银行缴款书（已开具）2888.00',
			'10110企业职工基本养老保险36,000.00',
			'收款合计（不含缴款书开具）8,310.00'
		]) {
			expect(text).toContain(part);
		}
	});

	it('a Z shows the 10-yuan short with its reason, the count by denomination, and the supervisor who signed it', async () => {
		const text = flat(await shiftPdf(Z_REPORT));
		expect(text).toContain('应有现金￥1,230.00实点现金￥1,220.00');
		expect(text).toContain(`短款￥10.00原因${SHORT_REASON}`);
		expect(text).toContain('100元121,200.00');
		expect(text).toContain('值班长签核：王建军 2026-12-03 17:06:00');
	});

	it('a Z lists each POS difference by reference number against the batch totals', async () => {
		const text = flat(await shiftPdf(Z_REPORT));
		expect(text).toContain('POS消费65,300.00POS撤销180.00POS净额5,220.00账面刷卡（扣除冲正）55,120.00');
		expect(text).toContain('批次号：000007  对账结果：不一致，差异2笔');
		expect(text).toContain('103015000011100.00无100.00');
		expect(text).toContain('1102440000190.0080.00-80.00');
	});

	it('a Z without the POS says why', async () => {
		const text = flat(await shiftPdf({ ...Z_REPORT, pos: null, posNote: 'POS机未应答，请稍后补做对账' }));
		expect(text).toContain('POS机未应答，请稍后补做对账');
		expect(text).not.toContain('POS参考号');
	});

	it('a long report (200 fee items, 300 differences) runs on over pages, each table under its header again', async () => {
		const long: ShiftReport = {
			...Z_REPORT,
			feeItems: Array.from({ length: 200 }, (_, i) => ({ code: String(10000 + i), name: `费种${i + 1}`, count: 1, amountFen: 100 * (i + 1) })),
			pos: {
				...Z_REPORT.pos!,
				differences: Array.from({ length: 300 }, (_, i) => ({ referenceNo: `R${String(i + 1).padStart(11, '0')}`, posFen: 100, ledgerFen: null }))
			}
		};
		const pdf = await shiftPdf(long);
		const text = flat(pdf);
		expect(pdfPageCount(pdf)).toBeGreaterThan(5);
		expect(text).toContain('Z报表（班结）（续）');
		expect(text).toContain('10199费种2001200.00');
		expect(text).toContain('R000000003001.00无1.00');
		expect(count(text, '征收品目')).toBeGreaterThan(1);
		expect(count(text, 'POS参考号')).toBeGreaterThan(1);
		// The signature lines come last, after every difference.
		expect(text.indexOf('值班长签核')).toBeGreaterThan(text.indexOf('R00000000300'));
	});
});

describe('the day close on A4', () => {
	it('lists the three windows, the one still open as such, with their totals and cash variances', async () => {
		const pdf = await renderForm({ kind: 'day-close', data: dayCloseForm(DAY_CLOSE) }, font);
		const text = flat(pdf);
		expect(text).toContain('日结报表');
		expect(text).toContain('日结时间：未日结');
		expect(text).toContain('139张伟2026-12-03 08:20:002026-12-03 16:50:00');
		expect(text).toContain('1,500.00无差异');
		expect(text).toContain(`8,310.00短款 10.00${SHORT_REASON}王建军`);
		expect(text).toContain('542赵敏2026-12-03 09:00:00未结班200.00—');
		expect(text).toContain('合计10,010.00');
	});

	it('lists what is still open: the open shift, the unrecorded stub, the unfinished call, the collector over the limits, and why the POS is missing', async () => {
		const text = flat(await renderForm({ kind: 'day-close', data: dayCloseForm(DAY_CLOSE) }, font));
		expect(text).toContain('未结班的窗口窗口经办人开班时间5赵敏2026-12-03 09:00:00');
		expect(text).toContain('SB202612030000173444.002026-12-03 10:15:00');
		expect(text).toContain('pay-5-0003POS刷卡结果未知2026-12-03 11:00:00');
		expect(text).toContain('刘桂兰（DB0012）手中现金3,200.00元，超过限额2,000.00元');
		expect(text).toContain('POS机未应答，日结未取得POS结算');
	});

	it('says 无 for an empty list and shows the POS reconciliation when there is one', async () => {
		const text = flat(
			await renderForm(
				{
					kind: 'day-close',
					data: dayCloseForm({
						...DAY_CLOSE,
						open: { openShifts: [], unrecordedStubs: [], pendingIntents: [], collectorsOverLimit: [] },
						pos: Z_REPORT.pos,
						posNote: null
					})
				},
				font
			)
		);
		expect(text).toContain('未结班的窗口无已开具、未登记银行回执的缴款书无未确认结果的操作无超出双限的代办员无');
		expect(text).toContain('103015000011100.00无100.00');
	});
});
