import type { FormDocument, IndividualCertificateLine } from '../../../../drivers';
import { INDIVIDUAL_CERTIFICATE_TEXTS } from '../../../../state-machines';
import { amountInWords, formatYuan, maskResidentId } from '../../domain';
import { CHANNEL_LABEL } from '../../domain/payer';
import type { IndividualCertificateContent } from '../capabilities/verification-code';

export const INDIVIDUAL_FORM_TEXT = {
	seal: '〔税收业务专用章〕',
	verifyHint: '凭证号码和验证码可在办税服务厅“证明查验”核验',
	recordPeriod: (from: string, to: string) => `缴费期间：${from}至${to}（仅列已入库销号的缴费）`
} as const;

/** 费款所属期: a whole calendar year reads as that year (城乡居民's yearly dues), any other span as from–to. */
export function coverage(periodFrom: string, periodTo: string): string {
	const year = periodFrom.slice(0, 4);
	return periodFrom === `${year}-01-01` && periodTo === `${year}-12-31` ? `${year}年度` : `${periodFrom}至${periodTo}`;
}

/** How a certificate shows its holder: a kiosk's paper masks the ID number, the window's shows it whole. */
export interface IndividualFormOptions {
	maskId?: boolean;
}

/** The document both certificates share: head, lines, total in figures and words, seal, verification and refund notes. */
export function individualCertificateDocument(
	c: IndividualCertificateContent,
	verificationCode: string,
	lines: IndividualCertificateLine[],
	reprint: boolean,
	options: IndividualFormOptions & { subtitle?: string } = {}
): FormDocument {
	const { subtitle, maskId = false } = options;
	return {
		kind: 'individual-certificate',
		data: {
			title: INDIVIDUAL_CERTIFICATE_TEXTS.title[c.kind],
			certificateNo: c.certificateNo,
			verificationCode,
			issueDate: c.issuedOn,
			taxOffice: c.taxOffice,
			payer: { name: c.payer.name, id: maskId ? maskResidentId(c.payer.identifier) : c.payer.identifier },
			subtitle,
			lines,
			totalFigures: formatYuan(c.totalFen),
			totalInWords: amountInWords(c.totalFen),
			seal: INDIVIDUAL_FORM_TEXT.seal,
			notes: [`证明编号：${c.certificateNo}，验证码：${verificationCode}`, INDIVIDUAL_FORM_TEXT.verifyHint, INDIVIDUAL_CERTIFICATE_TEXTS.refundNotice],
			reprint
		}
	};
}

/** 《社会保险费缴费证明》: one line per item of each payment picked, with its coverage, voucher, channel, paid and booked days. */
export function individualPaymentProof(
	c: IndividualCertificateContent,
	verificationCode: string,
	reprint: boolean,
	options: IndividualFormOptions = {}
): FormDocument {
	const lines = c.payments.flatMap((p) =>
		p.items.map((it) => ({
			voucherNo: p.voucherNo,
			item: it.name,
			period: coverage(it.periodFrom, it.periodTo),
			channel: CHANNEL_LABEL[p.channel],
			paidDate: p.paidOn,
			bookedDate: p.bookedOn,
			amount: formatYuan(it.amountFen)
		}))
	);
	return individualCertificateDocument(c, verificationCode, lines, reprint, options);
}
