import type { ReceiptDocument } from '../../../../drivers';
import { INDIVIDUAL_CERTIFICATE_TEXTS } from '../../../../state-machines';
import { amountInWords, formatYuan, maskResidentId } from '../../domain';
import type { IndividualCertificateContent } from '../capabilities/verification-code';
import { INDIVIDUAL_FORM_TEXT } from '../forms/individual-payment-proof';
import { recordLines } from '../forms/individual-payment-record';

// 《社会保险费缴费记录》 on a kiosk's thermal printer: the A4 record's lines, one block per payment,
// with the holder's ID masked, its number, its verification code and the refund sentence.

export const RECORD_RECEIPT_TEXT = {
	kiosk: (kioskId: string) => `自助终端 ${kioskId}`
} as const;

const yuan = (text: string) => `￥${text}`;

export function individualRecordReceipt(
	c: IndividualCertificateContent,
	verificationCode: string,
	opts: { reprint: boolean; kioskId: string; printedAt: string }
): ReceiptDocument {
	return {
		blocks: [
			{ kind: 'text', text: INDIVIDUAL_CERTIFICATE_TEXTS.title.record, align: 'center', bold: true, size: 'double' },
			...(opts.reprint ? [{ kind: 'text' as const, text: '【补打】', align: 'center' as const, bold: true }] : []),
			{ kind: 'rule' },
			{ kind: 'pair', left: '缴费人', right: c.payer.name },
			{ kind: 'pair', left: '身份证号码', right: maskResidentId(c.payer.identifier) },
			{ kind: 'text', text: INDIVIDUAL_FORM_TEXT.recordPeriod(c.period.from, c.period.to) },
			{ kind: 'rule' },
			...recordLines(c).flatMap((l) => [
				{ kind: 'pair' as const, left: l.item, right: yuan(l.amount) },
				{ kind: 'text' as const, text: `  所属期 ${l.period}` },
				{ kind: 'text' as const, text: `  ${l.channel} 缴款${l.paidDate} 入库${l.bookedDate}` },
				{ kind: 'text' as const, text: `  电子税票号码 ${l.voucherNo}` }
			]),
			{ kind: 'rule' },
			{ kind: 'pair', left: '合计', right: yuan(formatYuan(c.totalFen)), bold: true },
			{ kind: 'text', text: `大写：${amountInWords(c.totalFen)}` },
			{ kind: 'pair', left: '税务机关', right: c.taxOffice },
			{ kind: 'pair', left: '证明编号', right: c.certificateNo },
			{ kind: 'pair', left: '验证码', right: verificationCode },
			{ kind: 'pair', left: '开具日期', right: c.issuedOn },
			{ kind: 'pair', left: '开具地点', right: RECORD_RECEIPT_TEXT.kiosk(opts.kioskId) },
			{ kind: 'pair', left: '打印时间', right: opts.printedAt },
			{ kind: 'qr', data: c.certificateNo, align: 'center' },
			{ kind: 'text', text: INDIVIDUAL_FORM_TEXT.verifyHint },
			{ kind: 'text', text: INDIVIDUAL_CERTIFICATE_TEXTS.refundNotice }
		]
	};
}
