// Issue 12, item 3: 《职业年金缴费通知单》 on the form printer with every field and rule of the
// notice and the guide's four remark examples; the printout of the 财政电子票据; reprints marked.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FONT_PATH, loadCjkFont } from '../../../drivers/form-printer/cjk-font';
import { renderForm } from '../../../drivers/form-printer/pdf-form-printer';
import { pdfText } from '../../unit/drivers/pdf-text';
import { annuityNotice, annuityReceipt, transferPeriods } from '../../../src/lib/server/forms/annuity';
import { defaultCalendar } from '../../../src/lib/domain';

const font = loadCjkFont(DEFAULT_FONT_PATH);
const notice = {
	noticeNo: '1877182',
	payerId: 1,
	payerName: '太原市示例中学',
	payerCode: '12140105900005051X',
	dueNo: 'ZJ202600000001',
	month: '2025-10',
	amountFen: 6_777_600,
	issuedOn: '2025-10-09',
	custodian: { bankName: '示例银行太原支行', accountName: '山西省职业年金归集户', accountNo: '0502123409000077777' },
	unitNo: 'S000000007',
	taxOffice: '国家税务总局太原市小店区税务局'
};
const text = async (doc: Parameters<typeof renderForm>[0]) => pdfText(await renderForm(doc, font)).replace(/\n/g, '');

describe('annuity forms', () => {
	it('the notice prints unit, unit number, period, amount in figures and words, custodian account and the 7-digit number', async () => {
		const t = await text(annuityNotice(notice, defaultCalendar(), '王芳', false));
		for (const s of [
			'职业年金缴费通知单',
			'太原市示例中学',
			'12140105900005051X',
			'S000000007',
			'2025年10月',
			'67,776.00',
			'陆万柒仟柒佰柒拾陆元整',
			'山西省职业年金归集户',
			'0502123409000077777',
			'示例银行太原支行',
			'1877182'
		])
			expect(t).toContain(s);
		expect(t).not.toContain('（补打）');
	});

	it('the notice says the rules in words and prints the guide’s four remark examples', async () => {
		const t = await text(annuityNotice(notice, defaultCalendar(), '王芳', false));
		// 2025-10-25 is a Saturday: the window of October runs on to Monday the 27th (节假日顺延).
		expect(t).toContain('2025年10月1日至10月27日或2025年11月1日至11月25日');
		for (const s of [
			'不得在征缴期（2025年10月）之前提前转账',
			'多笔转账的合计金额应当等于应缴金额',
			'多张缴费通知单所列金额不可以合并为一笔转账',
			'使用半角数字'
		])
			expect(t).toContain(s);
		for (const s of [
			'１８７７１８２',
			'错误，使用了全角字符',
			'八月职业年金',
			'错误，没有输入7位编号',
			'通知单编号 1877182',
			'错误，只需要录入7位编号',
			'正确'
		])
			expect(t).toContain(s);
	});

	it('the transfer periods are left to the general rule for a year the calendar does not know', () => {
		expect(transferPeriods('2099-10', defaultCalendar())).toBeNull();
	});

	it('a reprint of the notice or the receipt is marked （补打）', async () => {
		expect(await text(annuityNotice(notice, defaultCalendar(), '王芳', true))).toContain('职业年金缴费通知单（补打）');
		const receipt = {
			noticeNo: '1877182',
			receiptNo: '2025000001',
			checkCode: 'A1B2C3',
			issuedOn: '2025-10-28',
			receiptCode: '14060125',
			issuer: '国家税务总局山西省税务局',
			payerName: '太原市示例中学',
			payerCode: '12140105900005051X',
			month: '2025-10',
			amountFen: 6_777_600
		};
		const first = await text(annuityReceipt(receipt, '王芳', false));
		for (const s of [
			'财政电子票据',
			'2025000001',
			'A1B2C3',
			'14060125',
			'2025年10月28日',
			'职业年金',
			'67,776.00',
			'陆万柒仟柒佰柒拾陆元整',
			'不体现社保、医保经办机构的退费结果信息'
		])
			expect(first).toContain(s);
		expect(first).not.toContain('（补打）');
		expect(await text(annuityReceipt(receipt, '王芳', true))).toContain('（补打）');
	});
});
