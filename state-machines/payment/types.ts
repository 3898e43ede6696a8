// What the payment machine is: its channels, the contracts of the actors the server provides
// (every money-moving one idempotent by `key`), and its input, context, events and output.
import type { DeclarationLine, Payer, PayerKind, PaymentChannel } from '../../src/lib/domain/payer';
import type { IsoDate } from '../../src/lib/domain/dates';
import type { MachineError } from '../shared';

// ---------------------------------------------------------------------------------------------
// Channels

// The channels a clerk can take at the window and who each serves: declared once, in the domain.
import type { CounterChannel } from '../../src/lib/domain/counter-channels';
export { COUNTER_CHANNELS, isCounterChannel, type CounterChannel } from '../../src/lib/domain/counter-channels';

// ---------------------------------------------------------------------------------------------
// Actor contracts (implemented by the server; all money-moving ones idempotent by `key`)

/** What the POS answers for an approved sale (the slip's data). */
export interface CardApproval {
	terminalId: string;
	merchantId: string;
	batchNo: string;
	/** POS voucher (trace) number 凭证号. */
	voucherNo: string;
	/** Reference number 参考号. */
	referenceNo: string;
	/** Card number as the POS prints it, e.g. 6222********1234. */
	cardMasked: string;
	/** Time of the sale as the POS reports it, `YYYY-MM-DD HH:mm:ss`. */
	time: string;
	/** Amount the POS charged, in fen. */
	amountFen: number;
}

export interface ChargeCardInput {
	key: string;
	amountFen: number;
	declarationNo: string;
	payerId: number;
}
export type ChargeCardOutput =
	{ outcome: 'approved'; approval: CardApproval } | { outcome: 'declined'; responseCode: string; reason: string } | { outcome: 'timeout' };

/** Reverses (冲正) the sale made with `key`; a sale that never went through answers 'notCharged'. */
export interface ReverseSaleInput {
	key: string;
	amountFen: number;
}
export type ReverseSaleOutput = { outcome: 'reversed' | 'notCharged' } | { outcome: 'failed'; reason: string };

export interface OpenDrawerInput {
	key: string;
}
export interface OpenDrawerOutput {
	/** 'closed' when the drawer reports it was shut again, 'opened' when it only reports the pulse. */
	status: 'opened' | 'closed';
}

export interface CheckAgreementInput {
	payerId: number;
}
export type CheckAgreementOutput =
	{ valid: true; agreementNo: string; bankName: string; accountMasked: string } | { valid: false; code: string; reason: string };

export interface DeductByAgreementInput {
	key: string;
	payerId: number;
	declarationNo: string;
	amountFen: number;
	agreementNo: string;
}
export type DeductByAgreementOutput = { outcome: 'deducted'; deductionRef: string; deductedAt: string } | { outcome: 'refused'; code: string; reason: string };

/** Prints 《税收缴款书（银行经收专用）》; the same key always gives the same form number. */
export interface PrintBankFormInput {
	key: string;
	payerId: number;
	payerName: string;
	payerIdentifier: string;
	declarationNo: string;
	amountFen: number;
	/** 金额合计（大写）. */
	amountInWords: string;
	lines: DeclarationLine[];
}
export interface PrintBankFormOutput {
	/** 电子税票号码 printed on the form (18 digits); the stub is recorded by it later. */
	voucherNo: string;
	/** Last day the bank accepts the form (限缴日期). */
	limitDate: IsoDate;
}

/** One transfer that arrived in the pending-settlement account. */
export interface PendingTransfer {
	transferId: string;
	amountFen: number;
	receivedOn: IsoDate;
	payerAccountName: string;
	bankName: string;
}
export interface ListPendingTransfersInput {
	payerId: number;
	/** The day the transfers arrived: they must all be of one day (同一日内). */
	date: IsoDate;
}
export interface ListPendingTransfersOutput {
	/** Unsettled transfers of that day for this payer. */
	transfers: PendingTransfer[];
}

export const PROOF_KINDS = ['treasury_payment', 'bank_receipt', 'other'] as const;
export type ProofKind = (typeof PROOF_KINDS)[number];
export interface TransferProof {
	transferId: string;
	kind: ProofKind;
	number: string;
}
export interface SettledTransfer {
	transferId: string;
	amountFen: number;
	receivedOn: IsoDate;
	proof: TransferProof;
}
export interface SettlePendingTransfersInput {
	key: string;
	payerId: number;
	declarationNo: string;
	amountFen: number;
	transfers: SettledTransfer[];
}
export type SettlePendingTransfersOutput =
	/** `formNo`: 《税收缴款书（税务收现专用）》 to print as the payer's certificate. */
	{ outcome: 'settled'; formNo: string } | { outcome: 'refused'; code: string; reason: string };

export type PaymentDetails =
	| { channel: 'pos'; approval: CardApproval }
	| { channel: 'cash'; tenderedFen: number; changeFen: number }
	| { channel: 'agreement'; agreementNo: string; deductionRef: string; deductedAt: string }
	| { channel: 'pending_account'; formNo: string; transfers: SettledTransfer[] };

/** Booked part of a household payment. */
export interface RecordedPart {
	payerId: number;
	declarationNo: string;
	/** 电子税票号码 of this person's part, 18 digits. */
	voucherNo: string;
	paidOn: IsoDate;
	amountFen: number;
	lines: DeclarationLine[];
}

/**
 * Books the payment in the core tax system; answers the electronic voucher number. A household's
 * `parts` are booked one upstream call each, keyed `${key}:${declarationNo}`, so a repeat books
 * only the parts not booked yet.
 */
export interface RecordPaymentInput {
	key: string;
	payerId: number;
	declarationNo: string;
	channel: Exclude<CounterChannel, 'bank_form'>;
	amountFen: number;
	details: PaymentDetails;
	windowNo: string | null;
	clerkId: string | null;
	parts?: { payerId: number; declarationNo: string; amountFen: number }[];
}
export type RecordPaymentOutput =
	| {
			outcome: 'recorded';
			/** 电子税票号码, 18 digits (a household: the first part's). */
			voucherNo: string;
			paidOn: IsoDate;
			/** A household: every part, as booked. */
			parts?: RecordedPart[];
	  }
	/**
	 * The core tax system will not book it (declaration paid elsewhere, voided, date past): money
	 * moved all the same. A household: `recorded` are the parts booked before the refusal of
	 * `refusedDeclarationNo`.
	 */
	| { outcome: 'refused'; code: string; reason: string; recorded?: RecordedPart[]; refusedDeclarationNo?: string };

/** Claims the declaration for this session before money moves (占用); see CoreTax.claimDeclaration. */
export interface ClaimDeclarationInput {
	claimKey: string;
	declarationNo: string;
	/** A household: every part's declaration, each claimed (a refusal of one releases the others). */
	declarationNos?: string[];
	moneyInFlight: boolean;
	windowNo: string | null;
	clerkId: string | null;
}
export type ClaimDeclarationOutput = { outcome: 'held' } | { outcome: 'refused'; code: string; reason: string };

export interface ReleaseClaimInput {
	claimKey: string;
	declarationNo: string;
	/** A household: every part's declaration. */
	declarationNos?: string[];
}

/** Money taken that no book shows: kept in the journal for a supervisor's decision. Idempotent by key. */
export interface HoldMoneyInput {
	key: string;
	channel: Exclude<CounterChannel, 'bank_form' | 'pos'>;
	declarationNo: string;
	/** A household: the declarations not booked, whose money (`amountFen`) is held. */
	declarationNos?: string[];
	amountFen: number;
	reason: string;
	details: PaymentDetails;
	windowNo: string | null;
	clerkId: string | null;
}
export interface HoldMoneyOutput {
	kind: 'cash_held' | 'refund_requested';
}

// ---------------------------------------------------------------------------------------------
// Input, context, events, output

/** One person's declaration in a household payment: the money moves once, each part is booked on its own. */
export interface PaymentPart {
	payerId: number;
	payerName: string;
	/** Resident ID number (not masked here; receipts mask it). */
	payerIdentifier: string;
	declarationNo: string;
	totalFen: number;
	lines: DeclarationLine[];
}

export interface PaymentDeclaration {
	/** A household: the first part's number (used for the POS sale's reference). */
	declarationNo: string;
	/** A household: the sum of the parts. */
	totalFen: number;
	/** A household: every part's lines. */
	lines: DeclarationLine[];
	/** Set for a household (two or more persons, or one person through the individual flow); absent for units. */
	parts?: PaymentPart[];
}

export interface PaymentInput {
	sessionId: string;
	payer: Payer;
	declaration: PaymentDeclaration;
	today: IsoDate;
	payerKind: PayerKind;
	/** The window and clerk, recorded with the payment. */
	windowNo?: string;
	clerkId?: string;
}

export interface PaymentContext {
	sessionId: string;
	payer: Payer;
	declaration: PaymentDeclaration;
	today: IsoDate;
	payerKind: PayerKind;
	windowNo: string | null;
	clerkId: string | null;
	window: { open: boolean; closes: IsoDate };
	/** Number of the current attempt; grows after an attempt ends with a known answer. */
	attempt: number;
	channel: CounterChannel | null;
	error: MachineError | null;
	/** Something the clerk must tell the payer (e.g. the reversed sale did not charge). */
	notice: string | null;
	card: CardApproval | null;
	cash: { tenderedFen: number; changeFen: number } | null;
	agreement: { agreementNo: string; bankName: string; accountMasked: string } | null;
	deduction: { deductionRef: string; deductedAt: string } | null;
	bankForm: PrintBankFormOutput | null;
	transferDate: IsoDate;
	transfers: PendingTransfer[];
	selectedTransfers: string[];
	proofs: TransferProof[];
	settlement: { formNo: string } | null;
	record: { voucherNo: string; paidOn: IsoDate } | null;
	/** A household's parts booked so far (all of them once paid); null for units and before any answer. */
	recordedParts: RecordedPart[] | null;
	escalation: { supervisorId: string; note: string } | null;
	/** Where the session goes once its claim is released. */
	leaving: 'back' | 'cancelled' | null;
	/** Money held after a refused record, awaiting the supervisor. */
	held: HoldMoneyOutput | null;
}

export type PaymentEvent =
	| { type: 'CHOOSE'; channel: PaymentChannel }
	| { type: 'TENDER'; amountFen: number }
	| { type: 'DRAWER_CLOSED' }
	| { type: 'CONFIRM' }
	| { type: 'SET_TRANSFER_DATE'; date: IsoDate }
	| { type: 'TOGGLE_TRANSFER'; transferId: string }
	| { type: 'PROOF'; transferId: string; kind: ProofKind; number: string }
	| { type: 'RETRY' }
	| { type: 'RETRY_REVERSAL' }
	| { type: 'SUPERVISOR_CLOSE'; supervisorId: string; note: string }
	| { type: 'BACK' }
	| { type: 'CANCEL' };

/** What a session paying by card or cash only (individuals, a collector's batch) forwards to the payment step. */
export const CARD_AND_CASH_EVENTS = [
	'CHOOSE',
	'TENDER',
	'DRAWER_CLOSED',
	'CONFIRM',
	'RETRY',
	'RETRY_REVERSAL',
	'SUPERVISOR_CLOSE',
	'BACK',
	'CANCEL'
] as const satisfies readonly PaymentEvent['type'][];

export interface PaidOutput {
	outcome: 'paid';
	channel: Exclude<CounterChannel, 'bank_form'>;
	declarationNo: string;
	lines: DeclarationLine[];
	amountFen: number;
	voucherNo: string;
	paidOn: IsoDate;
	details: PaymentDetails;
	/** Paid electronically (POS card, agreement): 《税收完税证明》 can be issued once booked. */
	electronic: boolean;
	/** 《税收缴款书（税务收现专用）》 to print for pending-account payments, else null. */
	taxCashFormNo: string | null;
	/** A household: every person's booked part (one voucher each); absent for units. */
	parts?: RecordedPart[] | null;
}

export type PaymentOutput =
	| PaidOutput
	| {
			outcome: 'awaitingBankStub';
			declarationNo: string;
			amountFen: number;
			/** The form's 电子税票号码, by which the stamped stub is recorded. */
			voucherNo: string;
			limitDate: IsoDate;
			/** What to tell the payer about the form. */
			notice: string;
	  }
	| {
			outcome: 'escalated';
			channel: CounterChannel | null;
			declarationNo: string;
			amountFen: number;
			attempt: number;
			reason: MachineError | null;
			supervisorId: string;
			note: string;
			card: CardApproval | null;
			/** Money taken that no book shows, as held in the journal for the supervisor. */
			held: HoldMoneyOutput | null;
	  }
	| { outcome: 'back' }
	| { outcome: 'cancelled' };
