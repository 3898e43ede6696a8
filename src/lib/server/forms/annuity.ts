import type { FormDocument } from '../../../../drivers';
import { REFUND_NOT_SHOWN } from '../../../../state-machines';
import { amountInWords, CalendarDataMissingError, declarationWindow, formatYuan, type WorkCalendar } from '../../domain';
import { chineseMonth, nextMonth } from '../../domain/dates';
import type { AnnuityNoticeCopy, AnnuityReceiptCopy } from '../db/annuity-repo';

// The words of the annuity papers (guide ch. 2 六 and 七), in one place.
export const ANNUITY_FORM_TEXT = {
	noticeTitle: '职业年金缴费通知单',
	receiptTitle: '山西省财政电子票据（职业年金）',
	itemName: '职业年金',
	window: (periods: string) => `请按本通知单的应缴金额，在征缴期当月或次月的1日至25日（节假日顺延）将款项转入上列托管银行归集户，即${periods}。`,
	windowUnknown: '请按本通知单的应缴金额，在征缴期当月或次月的1日至25日（节假日顺延）将款项转入上列托管银行归集户。',
	notBefore: (month: string) => `须按社保经办机构核定的应缴信息在申报征缴期内转账，不得在征缴期（${month}）之前提前转账。`,
	oneTransfer: '原则上一笔转入且转账金额等于本通知单的应缴金额；确需多笔转账的，多笔转账的合计金额应当等于应缴金额。',
	noMerging: '多张缴费通知单所列金额不可以合并为一笔转账。',
	remark: (noticeNo: string) => `转账时须在附言中准确填写本通知单编号${noticeNo}：只填这7位编号，使用半角数字，不可使用全角字符，也不要加其他文字。示例：`,
	receiptAfter: '款项到账经税务机关确认（回款销号）后开具财政电子票据，可到办税服务厅打印，或通过山西财政电子票据查验平台、电子税务局、微信电子票夹打印。',
	/** The guide's own four examples (注意事项4), as printed there. */
	examples: [
		{ remark: '１８７７１８２', verdict: '错误，使用了全角字符' },
		{ remark: '八月职业年金', verdict: '错误，没有输入7位编号' },
		{ remark: '通知单编号 1877182', verdict: '错误，只需要录入7位编号' },
		{ remark: '1877182', verdict: '正确' }
	],
	verify: '本票据为财政电子票据的打印件，可登录山西财政电子票据查验平台凭票据代码、票据号码、校验码查验真伪。'
} as const;

/** 'YYYY-MM-DD' → 'M月D日'. */
const monthDay = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** The two periods a notice's transfer may be made in, by the working-day calendar; null for a year it does not know. */
export function transferPeriods(month: string, calendar: WorkCalendar): string | null {
	try {
		return [month, nextMonth(month)].map((m) => `${chineseMonth(m)}1日至${monthDay(declarationWindow(`${m}-01`, 'annuity', calendar).closes)}`).join('或');
	} catch (e) {
		if (e instanceof CalendarDataMissingError) return null;
		throw e;
	}
}

/** 《职业年金缴费通知单》 of one notice, with every rule of the transfer in words. */
export function annuityNotice(
	n: AnnuityNoticeCopy & { unitNo: string; taxOffice: string },
	calendar: WorkCalendar,
	clerk: string,
	reprint: boolean
): FormDocument {
	const month = chineseMonth(n.month);
	const periods = transferPeriods(n.month, calendar);
	return {
		kind: 'annuity-notice',
		data: {
			title: ANNUITY_FORM_TEXT.noticeTitle,
			noticeNo: n.noticeNo,
			issueDate: n.issuedOn,
			taxOffice: n.taxOffice,
			unit: { name: n.payerName, code: n.payerCode, unitNo: n.unitNo },
			month,
			totalFigures: formatYuan(n.amountFen),
			totalInWords: amountInWords(n.amountFen),
			custodian: n.custodian,
			rules: [
				periods ? ANNUITY_FORM_TEXT.window(periods) : ANNUITY_FORM_TEXT.windowUnknown,
				ANNUITY_FORM_TEXT.notBefore(month),
				ANNUITY_FORM_TEXT.oneTransfer,
				ANNUITY_FORM_TEXT.noMerging,
				ANNUITY_FORM_TEXT.receiptAfter,
				ANNUITY_FORM_TEXT.remark(n.noticeNo)
			],
			examples: ANNUITY_FORM_TEXT.examples,
			clerk,
			reprint
		}
	};
}

/** The printout of the 财政电子票据 of a confirmed notice. */
export function annuityReceipt(r: AnnuityReceiptCopy, clerk: string, reprint: boolean): FormDocument {
	return {
		kind: 'annuity-receipt',
		data: {
			title: ANNUITY_FORM_TEXT.receiptTitle,
			receiptCode: r.receiptCode,
			receiptNo: r.receiptNo,
			checkCode: r.checkCode,
			issueDate: r.issuedOn,
			payer: { name: r.payerName, id: r.payerCode },
			issuer: r.issuer,
			items: [{ name: ANNUITY_FORM_TEXT.itemName, period: chineseMonth(r.month), amount: formatYuan(r.amountFen) }],
			totalFigures: formatYuan(r.amountFen),
			totalInWords: amountInWords(r.amountFen),
			noticeNo: r.noticeNo,
			clerk,
			notes: [ANNUITY_FORM_TEXT.verify, REFUND_NOT_SHOWN],
			reprint
		}
	};
}
