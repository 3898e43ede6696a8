import type { FormDocument, FormPayer } from '../../../../drivers';
import type { PrintCertificateInput } from '../../../../state-machines';
import { amountInWords, formatYuan } from '../../domain';

export interface TaxCertificateInput {
	certificateNo: string;
	issuedOn: string;
	taxOffice: string;
	payer: FormPayer;
	payments: PrintCertificateInput['payments'];
}

/** The 完税证明 of the payments chosen: one line per item of each payment, with its voucher and the day it counts from. */
export function taxCertificate(i: TaxCertificateInput, reprint: boolean): FormDocument {
	const total = i.payments.reduce((s, p) => s + p.amountFen, 0);
	return {
		kind: 'tax-certificate',
		data: {
			certificateNo: i.certificateNo,
			reprint,
			issueDate: i.issuedOn,
			taxOffice: i.taxOffice,
			payer: i.payer,
			items: i.payments.flatMap((p) =>
				p.items.map((it) => ({
					category: it.name,
					name: it.name,
					periodFrom: it.periodFrom,
					periodTo: it.periodTo,
					amount: formatYuan(it.amountFen),
					voucherNo: p.voucherNo,
					paidDate: p.bookedOn ?? p.paidOn
				}))
			),
			totalFigures: formatYuan(total),
			// The form prints the refund sentence itself.
			totalInWords: amountInWords(total)
		}
	};
}
