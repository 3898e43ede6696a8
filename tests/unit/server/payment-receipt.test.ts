// The payment receipt's layout: a unit's receipt as it always was; an individual's receipt is the
// person's certificate (the POS slip counts as one for individuals), one per person of a household.
import { describe, expect, it } from 'vitest';
import { paymentReceipt } from '../../../src/lib/server/receipts/payment-receipt';
import type { ReceiptData } from '../../../state-machines/receipt-print.machine';
import { REFUND_NOT_SHOWN } from '../../../state-machines/shared';

const OPTS = { reprint: false, clerkName: '李晓红（演示）', printedAt: '2026-11-20 10:11:12' };
const CARD = {
	terminalId: '10012345',
	merchantId: '898140154110001',
	batchNo: '000123',
	voucherNo: '000456',
	referenceNo: '261120123456',
	cardMasked: '6222********1234',
	time: '2026-11-20 10:31:05',
	amountFen: 123456
};

const UNIT: ReceiptData = {
	payerId: 7,
	payerKind: 'enterprise',
	payerName: '山西晋阳机械制造有限公司',
	payerIdentifier: '91140105MA0K123457',
	declarationNo: 'SB20261120000001',
	lines: [
		{
			dueId: 1,
			item: { code: 'E_PENSION', name: '企业职工基本养老保险' },
			periodFrom: '2026-11-01',
			periodTo: '2026-11-30',
			tier: null,
			amountFen: 123456
		}
	],
	amountFen: 123456,
	amountInWords: '壹仟贰佰叁拾肆元伍角陆分',
	channel: 'pos',
	voucherNo: '314051261100012345',
	paidOn: '2026-11-20',
	windowNo: '3',
	clerkId: '7',
	card: CARD,
	cash: null,
	taxCashFormNo: null,
	refundNotice: REFUND_NOT_SHOWN
};

/** The unit receipt as it was before individuals paid at the window, block for block. */
const UNIT_BLOCKS = [
	{ kind: 'text', text: '社会保险费缴费凭据', align: 'center', bold: true, size: 'double' },
	{ kind: 'rule' },
	{ kind: 'pair', left: '缴费人', right: '山西晋阳机械制造有限公司' },
	{ kind: 'pair', left: '统一社会信用代码', right: '91140105MA0K123457' },
	{ kind: 'pair', left: '申报序号', right: 'SB20261120000001' },
	{ kind: 'rule' },
	{ kind: 'pair', left: '企业职工基本养老保险', right: '￥1,234.56' },
	{ kind: 'text', text: '  所属期 2026-11-01 至 2026-11-30' },
	{ kind: 'rule' },
	{ kind: 'pair', left: '合计', right: '￥1,234.56', bold: true },
	{ kind: 'text', text: '大写：壹仟贰佰叁拾肆元伍角陆分' },
	{ kind: 'pair', left: '缴款方式', right: '银行卡（POS）' },
	{ kind: 'pair', left: '卡号', right: '6222********1234' },
	{ kind: 'pair', left: 'POS参考号', right: '261120123456' },
	{ kind: 'pair', left: 'POS凭证号', right: '000456' },
	{ kind: 'pair', left: '电子税票号码', right: '314051261100012345' },
	{ kind: 'pair', left: '缴款日期', right: '2026-11-20' },
	{ kind: 'pair', left: '窗口/经办人', right: '3号窗口 李晓红（演示）' },
	{ kind: 'pair', left: '打印时间', right: '2026-11-20 10:11:12' },
	{ kind: 'qr', data: '314051261100012345', align: 'center' },
	{ kind: 'text', text: REFUND_NOT_SHOWN }
];

const line = (code: string, name: string, periodFrom: string, periodTo: string, amountFen: number) => ({
	dueId: null,
	item: { code, name },
	periodFrom,
	periodTo,
	tier: code === 'R_PENSION' ? 3 : null,
	amountFen
});

/** One of a household of three paying in 2026: her pension for 2026 and her medical insurance for 2027. */
const RESIDENT: ReceiptData = {
	payerId: 21,
	payerKind: 'resident',
	payerName: '王秀英（演示）',
	payerIdentifier: '140105196505051229',
	declarationNo: 'SB20261120000002',
	lines: [
		line('R_PENSION', '城乡居民基本养老保险', '2026-01-01', '2026-12-31', 100000),
		line('R_MEDICAL', '城乡居民基本医疗保险', '2027-01-01', '2027-12-31', 40000)
	],
	amountFen: 140000,
	amountInWords: '壹仟肆佰元整',
	channel: 'cash',
	voucherNo: '314051261100012346',
	paidOn: '2026-11-20',
	windowNo: '3',
	clerkId: '7',
	card: null,
	cash: { tenderedFen: 500000, changeFen: 24560 },
	taxCashFormNo: null,
	refundNotice: REFUND_NOT_SHOWN,
	household: { persons: 3, totalFen: 475440 }
};

const texts = (r: ReceiptData) =>
	paymentReceipt(r, OPTS).blocks.map((b) =>
		b.kind === 'pair' ? `${b.left} ${b.right}` : b.kind === 'text' ? b.text : b.kind === 'qr' ? `[qr ${b.data}]` : '—'
	);

describe('payment receipt layout', () => {
	it("a unit's receipt is unchanged: block for block, so byte for byte on the printer", () => {
		expect(paymentReceipt(UNIT, OPTS).blocks).toEqual(UNIT_BLOCKS);
	});

	it("an individual's receipt is the person's certificate: masked ID, coverage year of each yearly line, voucher, the household's one payment", () => {
		expect(texts(RESIDENT)).toEqual([
			'社会保险费缴费凭证',
			'—',
			'缴费人 王秀英（演示）',
			'身份证号码 140105********1229',
			'申报序号 SB20261120000002',
			'—',
			'城乡居民基本养老保险 ￥1,000.00',
			'  缴费年度 2026',
			'城乡居民基本医疗保险 ￥400.00',
			// Medical insurance paid in 2026 is for 2027.
			'  缴费年度 2027',
			'—',
			'合计 ￥1,400.00',
			'大写：壹仟肆佰元整',
			'本次共为3人缴费，合计￥4,754.40',
			'缴款方式 现金',
			'实收 ￥5,000.00',
			'找零 ￥245.60',
			'电子税票号码 314051261100012346',
			'缴款日期 2026-11-20',
			'窗口/经办人 3号窗口 李晓红（演示）',
			'打印时间 2026-11-20 10:11:12',
			'[qr 314051261100012346]',
			REFUND_NOT_SHOWN
		]);
	});

	it("a flexible employee's months keep their period; the card sale's slip fields are on each person's receipt", () => {
		const flexible: ReceiptData = {
			...RESIDENT,
			payerKind: 'flexible',
			lines: [line('E_PENSION', '企业职工基本养老保险', '2026-09-01', '2026-10-31', 150000)],
			amountFen: 150000,
			channel: 'pos',
			card: { ...CARD, amountFen: 475440 },
			cash: null
		};
		const t = texts(flexible);
		expect(t).toContain('  所属期 2026-09-01 至 2026-10-31');
		expect(t).not.toContain('  缴费年度 2026');
		expect(t).toEqual(expect.arrayContaining(['卡号 6222********1234', 'POS参考号 261120123456', 'POS凭证号 000456', '本次共为3人缴费，合计￥4,754.40']));
	});

	it('a person paying alone has no household line', () => {
		expect(texts({ ...RESIDENT, household: undefined }).some((t) => t.startsWith('本次共为'))).toBe(false);
	});
});
