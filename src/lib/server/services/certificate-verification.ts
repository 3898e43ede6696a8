import { INDIVIDUAL_CERTIFICATE_TEXTS, type IndividualCertificateKind } from '../../../../state-machines';
import { maskResidentId } from '../../domain';
import { codeMatches, type IndividualCertificateContent } from '../capabilities/verification-code';
import type { IndividualCertificatesRepo } from '../db/individual-certificates-repo';

// 证明查验: the counter checks a 《社会保险费缴费证明》 or 《社会保险费缴费记录》 a person brings
// against what this terminal issued, by its number and verification code.

export const VERIFY_TEXT = {
	valid: '有效',
	invalid: '无效',
	unknownNumber: (no: string) => `本厅未开具编号为 ${no} 的缴费证明或缴费记录，请核对证明编号。`,
	badNumber: '证明编号格式不对：应为 JZ 或 JL、四位年份、短横和六位序号，如 JZ2026-000001。',
	codeMismatch: '验证码与该编号的证明不符：证明内容可能被改动，或验证码抄写有误，请核对。'
} as const;

export interface CertificateVerificationDeps {
	individualCertificates: Pick<IndividualCertificatesRepo, 'byNumber'>;
	/** SIFEE_CERTIFICATE_KEY. */
	certificateKey: string;
}

export type VerificationResult =
	| {
			valid: true;
			certificateNo: string;
			kind: IndividualCertificateKind;
			title: string;
			payerName: string;
			/** The ID number masked: the page shows it to whoever holds the paper. */
			payerIdMasked: string;
			totalFen: number;
			period: { from: string; to: string };
			issuedOn: string;
	  }
	| { valid: false; certificateNo: string; reason: string };

/** A number as typed (lower case, spaces, with or without its dash) in its printed form; null if it cannot be one. */
export function normalizeCertificateNo(typed: string): string | null {
	const compact = typed.replace(/[\s\-－—]/g, '').toUpperCase();
	const m = /^(JZ|JL)(\d{4})(\d{6})$/.exec(compact);
	return m ? `${m[1]}${m[2]}-${m[3]}` : null;
}

function parsed(text: string): IndividualCertificateContent | null {
	try {
		return JSON.parse(text) as IndividualCertificateContent;
	} catch {
		// Unreadable content is content changed.
		return null;
	}
}

/**
 * Checks a certificate by its number and code: the code is recomputed over the content stored at
 * issue, so a changed digit of the code, or content changed in storage, answers 无效.
 */
export function verifyCertificate(deps: CertificateVerificationDeps, input: { certificateNo: string; code: string }): VerificationResult {
	const certificateNo = normalizeCertificateNo(input.certificateNo);
	if (!certificateNo) return { valid: false, certificateNo: input.certificateNo, reason: VERIFY_TEXT.badNumber };
	const row = deps.individualCertificates.byNumber(certificateNo);
	if (!row) return { valid: false, certificateNo, reason: VERIFY_TEXT.unknownNumber(certificateNo) };
	const content = parsed(row.content);
	// The code is taken over the content, and the content names its own number and kind.
	if (
		content === null ||
		content.certificateNo !== row.certificateNo ||
		content.kind !== row.kind ||
		!codeMatches(deps.certificateKey, row.content, input.code)
	) {
		return { valid: false, certificateNo, reason: VERIFY_TEXT.codeMismatch };
	}
	return {
		valid: true,
		certificateNo,
		kind: content.kind,
		title: INDIVIDUAL_CERTIFICATE_TEXTS.title[content.kind],
		payerName: content.payer.name,
		payerIdMasked: maskResidentId(content.payer.identifier),
		totalFen: content.totalFen,
		period: content.period,
		issuedOn: content.issuedOn
	};
}
