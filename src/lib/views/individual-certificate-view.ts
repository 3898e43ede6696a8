import type { PaymentChannel } from '../domain/payer';
import type { IsoDate } from '../domain/dates';
import type { IndividualCertificateKind } from '../../../state-machines';

// The step of an individual's 缴费凭证开具 as the clerk's screen shows it, derived on the server
// (src/lib/server/sessions/individual-certificate-screen.ts) from the child `individualCertificate`.

export interface IndividualCertificatePaymentRow {
	voucherNo: string;
	channel: PaymentChannel;
	paidOn: IsoDate;
	bookedOn: IsoDate | null;
	amountFen: number;
	/** Each item with its 费款所属期 ('2026年度' or a from–to span). */
	items: { name: string; coverage: string; amountFen: number }[];
	/** Booked: it can be picked for the proof and is listed on the record. */
	selectable: boolean;
	/** Not booked yet: 可于YYYY-MM-DD起开具, or why no day can be said. */
	availability: string | null;
}

export interface IssuedCertificateRow {
	kind: IndividualCertificateKind;
	title: string;
	certificateNo: string;
	verificationCode: string;
	reprints: number;
}

export interface IndividualCertificateScreen {
	id: 'individualCertificate';
	/** The machine's state, e.g. `selecting`. */
	step: string;
	today: IsoDate;
	from: IsoDate;
	to: IsoDate;
	payments: IndividualCertificatePaymentRow[];
	selected: string[];
	selectedFen: number;
	/** Nothing of the period is booked: the message saying from which day the first can be issued; null otherwise. */
	notYet: string | null;
	/** The certificate being printed. */
	printing: IndividualCertificateKind | null;
	/** Certificates issued in this visit; the last one can be printed again (补打). */
	issued: IssuedCertificateRow[];
	/** Nothing printed yet: the visit may still be cancelled. */
	canCancel: boolean;
	refundNotice: string;
}
