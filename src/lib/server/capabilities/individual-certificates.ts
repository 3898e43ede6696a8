import type { Devices } from '../../../../drivers';
import {
	INDIVIDUAL_CERTIFICATE_TEXTS,
	type ListIndividualPaymentsInput,
	type ListIndividualPaymentsOutput,
	type PrintIndividualCertificateInput,
	type PrintIndividualCertificateOutput
} from '../../../../state-machines';
import { isUnitKind } from '../../domain/payer';
import type { Clock } from '../clock';
import type { IndividualCertificatesRepo, Issued } from '../db/individual-certificates-repo';
import type { IntentsRepo } from '../db/intents-repo';
import { individualPaymentProof, type IndividualFormOptions } from '../forms/individual-payment-proof';
import { individualPaymentRecord } from '../forms/individual-payment-record';
import type { CoreTax, IndividualPayment } from '../upstream/types';
import { printFormOnce } from './drawer-and-paper';
import { sessionOf } from './journal';
import { canonicalContent, verificationCode, type IndividualCertificateContent } from './verification-code';

export const INDIVIDUAL_CERTIFICATE_ERROR_TEXT = {
	notIndividual: '缴费证明、缴费记录只为城乡居民和灵活就业人员开具；单位请开具《税收完税证明》。',
	notBookable: (voucherNo: string) => `缴费 ${voucherNo} 不在所选期间内或尚未入库销号，不能开具，请重新查询后勾选。`,
	nothingToCertify: INDIVIDUAL_CERTIFICATE_TEXTS.noneBooked(null)
} as const;

/** A refusal of the certificate's own rules: nothing was printed or numbered. */
export class IndividualCertificateRefusedError extends Error {
	constructor(
		readonly code: 'NOT_INDIVIDUAL' | 'NOT_BOOKABLE' | 'NOTHING_TO_CERTIFY',
		message: string
	) {
		super(message);
		this.name = 'IndividualCertificateRefusedError';
	}
}

/** What individuals' certificates use: the person's payments upstream, the form printer, the journal, the code's key. */
export interface IndividualCertificateDeps {
	upstream: { coreTax: Pick<CoreTax, 'payer' | 'individualPayments'> };
	devices: Pick<Devices, 'formPrinter'>;
	intents: Pick<IntentsRepo, 'finish'>;
	individualCertificates: Pick<IndividualCertificatesRepo, 'issue' | 'reprint'>;
	clock: Clock;
	/** SIFEE_CERTIFICATE_KEY: the verification codes' key. */
	certificateKey: string;
}

const itemsOf = (p: IndividualPayment) => p.lines.map((l) => ({ name: l.item.name, periodFrom: l.periodFrom, periodTo: l.periodTo, amountFen: l.amountFen }));

/** The individual certificate machine's actors: the person's payments of a period, and the print of a numbered, coded certificate. */
export function individualCertificates({ upstream, devices, intents, individualCertificates: certificates, clock, certificateKey }: IndividualCertificateDeps) {
	const at = () => clock.now().toISOString();

	async function listIndividualPayments(i: ListIndividualPaymentsInput): Promise<ListIndividualPaymentsOutput> {
		const payments = await upstream.coreTax.individualPayments(i);
		return {
			payments: payments.map((p) => ({
				voucherNo: p.voucherNo,
				channel: p.channel,
				paidOn: p.paidOn,
				bookedOn: p.bookedOn,
				bookingDueOn: p.bookingDueOn,
				amountFen: p.amountFen,
				items: itemsOf(p)
			}))
		};
	}

	/** The content of a new certificate, from the upstream's booked payments of the period only. */
	async function contentFor(i: PrintIndividualCertificateInput, issuedOn: string): Promise<Omit<IndividualCertificateContent, 'certificateNo'>> {
		const payer = await upstream.coreTax.payer(i.payerId);
		if (!payer || isUnitKind(payer.kind)) throw new IndividualCertificateRefusedError('NOT_INDIVIDUAL', INDIVIDUAL_CERTIFICATE_ERROR_TEXT.notIndividual);
		const booked = (await upstream.coreTax.individualPayments({ payerId: i.payerId, from: i.from, to: i.to })).filter((p) => p.bookedOn !== null);
		const chosen = i.voucherNos.map((no) => {
			const p = booked.find((b) => b.voucherNo === no);
			if (!p) throw new IndividualCertificateRefusedError('NOT_BOOKABLE', INDIVIDUAL_CERTIFICATE_ERROR_TEXT.notBookable(no));
			return p;
		});
		// The record lists the whole period as the upstream has it, whatever the screen had listed.
		const payments = i.kind === 'record' ? booked : chosen;
		if (payments.length === 0) throw new IndividualCertificateRefusedError('NOTHING_TO_CERTIFY', INDIVIDUAL_CERTIFICATE_ERROR_TEXT.nothingToCertify);
		return {
			kind: i.kind,
			issuedOn,
			taxOffice: payer.taxOffice.name,
			payer: { id: payer.id, name: payer.name, identifier: payer.identifier },
			period: { from: i.from, to: i.to },
			payments: payments.map((p) => ({
				voucherNo: p.voucherNo,
				channel: p.channel,
				paidOn: p.paidOn,
				bookedOn: p.bookedOn!,
				amountFen: p.amountFen,
				items: itemsOf(p)
			})),
			totalFen: payments.reduce((s, p) => s + p.amountFen, 0)
		};
	}

	/**
	 * The job's certificate: numbered, its content and code stored with the print's intent begun; a
	 * `copy` above 0 is a 补打 of the job's stored certificate. What was issued is what prints: a job
	 * asked again gets the stored content, not today's upstream.
	 */
	async function issueCertificate(i: PrintIndividualCertificateInput): Promise<Issued & { content: IndividualCertificateContent }> {
		const windowSessionId = sessionOf(i.jobId);
		let issued: Issued;
		if (i.copy > 0) {
			issued = certificates.reprint({ jobId: i.jobId, copy: i.copy, windowSessionId }, at());
		} else {
			const issuedOn = clock.today();
			const draft = await contentFor(i, issuedOn);
			issued = certificates.issue(
				{ jobId: i.jobId, windowSessionId, kind: i.kind, payerId: i.payerId, year: Number(issuedOn.slice(0, 4)) },
				(certificateNo) => {
					const content = canonicalContent({ certificateNo, ...draft });
					return { content, verificationCode: verificationCode(certificateKey, content) };
				},
				at()
			);
		}
		return { ...issued, content: JSON.parse(issued.certificate.content) as IndividualCertificateContent };
	}

	/** Prints an issued certificate on the A4 form printer, once; `maskId` for paper a kiosk hands out. */
	async function printOnForm(issued: Issued & { content: IndividualCertificateContent }, copyAskedFor: boolean, options: IndividualFormOptions = {}) {
		const { certificate, content } = issued;
		const layout = content.kind === 'proof' ? individualPaymentProof : individualPaymentRecord;
		await printFormOnce(
			{ printer: devices.formPrinter, intents, at },
			{
				intent: issued.intent,
				fresh: issued.fresh,
				keep: { certificateNo: certificate.certificateNo },
				// A copy asked for again is 补打 by definition; the first copy only if it may have come out before.
				document: (reprint) => layout(content, certificate.verificationCode, reprint || copyAskedFor, options)
			}
		);
	}

	async function printIndividualCertificate(i: PrintIndividualCertificateInput): Promise<PrintIndividualCertificateOutput> {
		const issued = await issueCertificate(i);
		await printOnForm(issued, i.copy > 0);
		return { certificateNo: issued.certificate.certificateNo, verificationCode: issued.certificate.verificationCode };
	}

	return { listIndividualPayments, printIndividualCertificate, issueCertificate, printOnForm };
}
