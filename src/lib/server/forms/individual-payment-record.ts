import type { FormDocument, IndividualCertificateLine } from '../../../../drivers';
import { formatYuan } from '../../domain';
import { CHANNEL_LABEL } from '../../domain/payer';
import type { IndividualCertificateContent } from '../capabilities/verification-code';
import { coverage, individualCertificateDocument, INDIVIDUAL_FORM_TEXT, type IndividualFormOptions } from './individual-payment-proof';

/** The record's lines: every booked payment of the period, one line each, its items named together. */
export function recordLines(c: IndividualCertificateContent): IndividualCertificateLine[] {
	return c.payments.map((p) => ({
		voucherNo: p.voucherNo,
		item: [...new Set(p.items.map((it) => it.name))].join('、'),
		// The span its items cover: a month's several items, or a year.
		period: coverage(p.items.map((it) => it.periodFrom).sort()[0], p.items.map((it) => it.periodTo).sort()[p.items.length - 1]),
		channel: CHANNEL_LABEL[p.channel],
		paidDate: p.paidOn,
		bookedDate: p.bookedOn,
		amount: formatYuan(p.amountFen)
	}));
}

/** 《社会保险费缴费记录》 on A4: the record's lines under the period asked for. */
export function individualPaymentRecord(
	c: IndividualCertificateContent,
	verificationCode: string,
	reprint: boolean,
	options: IndividualFormOptions = {}
): FormDocument {
	return individualCertificateDocument(c, verificationCode, recordLines(c), reprint, {
		...options,
		subtitle: INDIVIDUAL_FORM_TEXT.recordPeriod(c.period.from, c.period.to)
	});
}
