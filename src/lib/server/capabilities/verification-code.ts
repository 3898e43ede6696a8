import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IndividualCertificateKind } from '../../../../state-machines';
import type { PaymentChannel } from '../../domain/payer';

/**
 * What an individual's certificate certifies, as stored and hashed: built with its keys in one
 * fixed order, so the stored JSON text is the canonical form the verification code is taken of.
 */
export interface IndividualCertificateContent {
	certificateNo: string;
	kind: IndividualCertificateKind;
	issuedOn: string;
	taxOffice: string;
	payer: { id: number; name: string; identifier: string };
	/** The period asked for (the record lists it; the proof's payments lie in it). */
	period: { from: string; to: string };
	payments: {
		voucherNo: string;
		channel: PaymentChannel;
		paidOn: string;
		bookedOn: string;
		amountFen: number;
		items: { name: string; periodFrom: string; periodTo: string; amountFen: number }[];
	}[];
	totalFen: number;
}

/** The canonical text of a content (keys in the interface's order, whatever order the caller built them in). */
export function canonicalContent(c: IndividualCertificateContent): string {
	return JSON.stringify({
		certificateNo: c.certificateNo,
		kind: c.kind,
		issuedOn: c.issuedOn,
		taxOffice: c.taxOffice,
		payer: { id: c.payer.id, name: c.payer.name, identifier: c.payer.identifier },
		period: { from: c.period.from, to: c.period.to },
		payments: c.payments.map((p) => ({
			voucherNo: p.voucherNo,
			channel: p.channel,
			paidOn: p.paidOn,
			bookedOn: p.bookedOn,
			amountFen: p.amountFen,
			items: p.items.map((i) => ({ name: i.name, periodFrom: i.periodFrom, periodTo: i.periodTo, amountFen: i.amountFen }))
		})),
		totalFen: c.totalFen
	});
}

const CODE_HEX = 16;

function rawCode(key: string, content: string): string {
	return createHmac('sha256', key).update(content, 'utf8').digest('hex').slice(0, CODE_HEX).toUpperCase();
}

/** 验证码: HMAC-SHA256 of the canonical content under the hall's key, 16 upper-case hex digits in groups of 4. */
export function verificationCode(key: string, content: string): string {
	return rawCode(key, content).match(/.{4}/g)!.join('-');
}

/** A code as a person types it (lower case, spaces, dashes) in the 16 digits it stands for; null if it cannot be one. */
export function normalizeCode(typed: string): string | null {
	const digits = typed.replace(/[\s\-－—]/g, '').toUpperCase();
	return /^[0-9A-F]{16}$/.test(digits) ? digits : null;
}

/** Whether the typed code is the one of this content under the key (recomputed, never read from storage). */
export function codeMatches(key: string, content: string, typed: string): boolean {
	const digits = normalizeCode(typed);
	return digits !== null && timingSafeEqual(Buffer.from(digits), Buffer.from(rawCode(key, content)));
}
