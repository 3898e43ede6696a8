import type { FormDocument } from '../../../../drivers';
import { formatYuan } from '../../domain';
import { CHANNEL_LABEL } from '../../domain/payer';
import type { IndividualCertificateContent } from '../capabilities/verification-code';
import { coverage, individualCertificateDocument, INDIVIDUAL_FORM_TEXT } from './individual-payment-proof';

/** 《社会保险费缴费记录》: every booked payment of the period, one line each, its items named together. */
export function individualPaymentRecord(c: IndividualCertificateContent, verificationCode: string, reprint: boolean): FormDocument {
	const lines = c.payments.map((p) => ({
		voucherNo: p.voucherNo,
		item: [...new Set(p.items.map((it) => it.name))].join('、'),
		// The span its items cover: a month's several items, or a year.
		period: coverage(p.items.map((it) => it.periodFrom).sort()[0], p.items.map((it) => it.periodTo).sort()[p.items.length - 1]),
		channel: CHANNEL_LABEL[p.channel],
		paidDate: p.paidOn,
		bookedDate: p.bookedOn,
		amount: formatYuan(p.amountFen)
	}));
	return individualCertificateDocument(c, verificationCode, lines, reprint, INDIVIDUAL_FORM_TEXT.recordPeriod(c.period.from, c.period.to));
}
