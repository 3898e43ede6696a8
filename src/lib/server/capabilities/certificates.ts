import type { Devices } from '../../../../drivers';
import type { ListElectronicPaymentsInput, ListElectronicPaymentsOutput, PrintCertificateInput, PrintCertificateOutput } from '../../../../state-machines';
import type { Clock } from '../clock';
import type { CertificateNumbersRepo } from '../db/certificate-numbers-repo';
import type { IntentsRepo } from '../db/intents-repo';
import { taxCertificate } from '../forms/tax-certificate';
import { printFormOnce } from './drawer-and-paper';
import type { CoreTax } from '../upstream/types';
import { sessionOf } from './journal';

/** What certificates use: the payer's payments upstream, the form printer, the journal, the certificates' number sequence. */
export interface CertificateDeps {
	upstream: { coreTax: Pick<CoreTax, 'payer' | 'electronicPayments' | 'paymentsOf' | 'declaration'> };
	devices: Pick<Devices, 'formPrinter'>;
	intents: Pick<IntentsRepo, 'finish'>;
	certificateNumbers: Pick<CertificateNumbersRepo, 'beginPrint'>;
	clock: Clock;
}

/** The certificate machine's actors: the payments a 完税证明 can list, and its print under a number of its own. */
export function certificates({ upstream, devices, intents, certificateNumbers, clock }: CertificateDeps) {
	const at = () => clock.now().toISOString();

	/**
	 * The payer's electronic payments for 完税证明: those booked in the range, as the core tax system
	 * lists them, and those paid in the range and not booked yet, so the clerk sees them with the
	 * day they can be certified (the certificate machine refuses to tick them).
	 */
	async function listElectronicPayments(i: ListElectronicPaymentsInput): Promise<ListElectronicPaymentsOutput> {
		const [booked, all] = await Promise.all([upstream.coreTax.electronicPayments(i), upstream.coreTax.paymentsOf(i.payerId)]);
		const waiting = all.filter((p) => (p.channel === 'pos' || p.channel === 'agreement') && p.bookedOn === null && p.paidOn >= i.from && p.paidOn <= i.to);
		const unbooked = await Promise.all(
			waiting.map(async (p) => {
				const declaration = await upstream.coreTax.declaration(p.declarationNo);
				if (!declaration) throw new Error(`declaration ${p.declarationNo} of payment ${p.voucherNo} not found`);
				return { ...p, lines: declaration.lines };
			})
		);
		return {
			payments: [...booked, ...unbooked].map((p) => ({
				voucherNo: p.voucherNo,
				channel: p.channel as 'pos' | 'agreement',
				paidOn: p.paidOn,
				bookedOn: p.bookedOn,
				amountFen: p.amountFen,
				items: p.lines.map((l) => ({ name: l.item.name, periodFrom: l.periodFrom, periodTo: l.periodTo, amountFen: l.amountFen }))
			}))
		};
	}

	async function printCertificate(i: PrintCertificateInput): Promise<PrintCertificateOutput> {
		const payer = await upstream.coreTax.payer(i.payerId);
		if (!payer) throw new Error(`payer ${i.payerId} not found`);
		const { intent, fresh, certificateNo } = certificateNumbers.beginPrint(
			{
				jobId: i.jobId,
				windowSessionId: sessionOf(i.jobId),
				officeCode: payer.taxOffice.code,
				year: Number(i.issuedOn.slice(0, 4)),
				payload: { payerId: i.payerId, vouchers: i.payments.map((p) => p.voucherNo) }
			},
			at()
		);
		const of = {
			certificateNo,
			issuedOn: i.issuedOn,
			taxOffice: payer.taxOffice.name,
			payer: { name: i.payerName, id: i.payerIdentifier },
			payments: i.payments
		};
		await printFormOnce(
			{ printer: devices.formPrinter, intents, at },
			{ intent, fresh, keep: { certificateNo }, document: (reprint) => taxCertificate(of, reprint) }
		);
		return { certificateNo };
	}

	return { listElectronicPayments, printCertificate };
}
