import type { IndividualCertificateScreen } from './individual-certificate-view';
import type { AgencyRegistration, AssessedDue, DeclarationLine, DeclarationRecord, Payer, PaymentChannel } from '../domain/payer';
import type { CounterChannel } from '../domain/counter-channels';
import type { IsoDate } from '../domain/dates';
import type { CounterSessionOutput, GuidanceSlip, PendingTransfer, TransferProof } from '../../../state-machines';

// What the clerk's screen shows of a window session: one typed view per step, derived on the
// server from the machines' snapshots (src/lib/server/sessions/session-screen.ts) and sent to the
// browser as is. Components take these types and never read a machine's context.

/** The step name of a machine: its state value written with dots, e.g. `cash.tendering`. */
export type StepName = string;

export interface RegistrationLinkScreen {
	id: 'registrationLink';
	step: StepName;
	/** Active agency records the system did not link: the clerk confirms each. */
	unlinked: AgencyRegistration[];
	/** Ids of those linked by hand (人工关联): a supervisor confirms them on the spot. */
	supervisorLinks: number[];
}

export interface DeclarationScreen {
	id: 'declaration';
	step: StepName;
	window: { open: boolean; closes: IsoDate };
	dues: AssessedDue[];
	/** Unpaid declarations of the payer, to pay or void. */
	declarations: DeclarationRecord[];
	selected: number[];
	selectedFen: number;
	/** The declaration being voided, then voided (shown until the clerk continues). */
	voiding: string | null;
}

/** What 《税收缴款书（银行经收专用）》 will carry, shown before the clerk prints it. */
export interface BankFormPreview {
	payerName: string;
	payerIdentifier: string;
	declarationNo: string;
	lines: DeclarationLine[];
	totalFen: number;
	amountInWords: string;
	/** The rule of the form's 限缴日期 (the date itself is set when the form is issued). */
	limitRule: string;
}

export interface PaymentScreen {
	id: 'payment';
	step: StepName;
	declaration: { declarationNo: string; totalFen: number };
	/** The channels this payer may use, in screen order (digit keys 1–5). */
	channels: CounterChannel[];
	/** Cash taken and change to give, once tendered. */
	cash: { tenderedFen: number; changeFen: number; changeInWords: string } | null;
	agreement: { agreementNo: string; bankName: string; accountMasked: string } | null;
	bankForm: BankFormPreview;
	transfers: PendingTransfer[];
	selectedTransfers: string[];
	proofs: TransferProof[];
	held: { kind: 'cash_held' | 'refund_requested' } | null;
	/** A state that waits on a person: the supervisor's on-the-spot exit is offered. */
	waitsOnSupervisor: boolean;
}

export interface ReceiptScreen {
	id: 'receiptPrint';
	step: StepName;
	channel: PaymentChannel;
	amountFen: number;
	voucherNo: string;
	/** Cash tendered and change given, for a cash payment. */
	cash: { tenderedFen: number; changeFen: number; changeInWords: string } | null;
	/** An electronic payment: 《税收完税证明》 can follow once booked. */
	electronic: boolean;
	/** The next 补打 would be the second of this receipt: a supervisor confirms it on the spot. */
	reprintNeedsSupervisor: boolean;
}

export interface CertificatePaymentRow {
	voucherNo: string;
	channel: 'pos' | 'agreement';
	paidOn: IsoDate;
	amountFen: number;
	bookedOn: IsoDate | null;
	/** For a payment not booked yet: the earliest and latest day it is expected to be booked. */
	expectedBooking: { from: IsoDate; to: IsoDate } | null;
}

export interface CertificateScreen {
	id: 'certificate';
	step: StepName;
	today: IsoDate;
	payments: CertificatePaymentRow[];
	selected: string[];
}

export interface RefundGuidanceScreen {
	id: 'refundGuidance';
	step: StepName;
	slip: GuidanceSlip;
}

export type StepScreen =
	RegistrationLinkScreen | DeclarationScreen | PaymentScreen | ReceiptScreen | CertificateScreen | RefundGuidanceScreen | IndividualCertificateScreen;

export interface SessionOutcomeScreen {
	outcome: CounterSessionOutput['outcome'];
	voucherNo: string | null;
	channel: PaymentChannel | null;
	amountFen: number | null;
	bankFormVoucherNo: string | null;
	certificateNo: string | null;
}

export interface SessionScreen {
	id: string;
	status: 'active' | 'done' | 'error' | 'stopped';
	/** The session's own step, e.g. `paying` or `guidance.showing`. */
	step: StepName;
	payer: Payer | null;
	/** The active step's error, else the session's: always the latest refusal, never an older one. */
	error: string | null;
	notice: string | null;
	/** Money is moving: nothing may go back or cancel. */
	moneyMoving: boolean;
	/** A guidance slip of the session's own (registration, cancellation, dispute). */
	guidance: { slip: GuidanceSlip; copies: number } | null;
	child: StepScreen | null;
	outcome: SessionOutcomeScreen | null;
}

/** A session of this window not finished yet, to find again and resume. */
export interface OpenSessionItem {
	id: string;
	payerId: number | null;
	payerName: string | null;
	/** The session's step, e.g. `paying`. */
	step: StepName;
	/** Started, in the hall's time. */
	startedAt: string;
}
