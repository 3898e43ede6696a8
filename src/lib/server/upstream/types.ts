import type {
	AgencyRegistration,
	AssessedDue,
	DeclarationLine,
	DeclarationRecord,
	IndividualOptions,
	IndividualSelection,
	Payer,
	PaymentChannel,
	PaymentRecord,
	YearlyAmount
} from '../../domain/payer';
import type { PayerQuery } from '../../domain/payer-query';
import type { CollectorItemCode, PersonFacts } from '../../domain/collector-list';

export type { PayerQuery };

// The upstream systems as a terminal calls them: async interfaces in domain terms, no SQL
// crosses them, so the in-process simulator can be swapped for a client of the real systems.
// What only the simulator offers (the agencies' pushes, tax's booking run) is in ./feed.ts, the
// names of every call in ./operations.ts, the simulated failures in ./faults.ts.
//
// Every write takes an idempotency key (`key`, one per attempt, recorded by the terminal before
// the call). A repeated call with the same key and the same request returns the first success
// and never writes twice; a refusal is not kept (nothing was done), so a repeat is judged anew;
// the same key with a different request than a success is refused with UpstreamKeyReusedError.
// Dates that stand for "today" must be the upstream system's own today. Failures are typed (./errors.ts): UpstreamTimeoutError (result
// unknown: look up by key), UpstreamRefusedError (nothing done), UpstreamDuplicateError (done
// before: `original` is the result).

/** `YYYY-MM-DD`. Every date is passed in by the caller: the server's one clock rules. */
export type IsoDate = string;
export type IdempotencyKey = string;

/** A declaration with the payer it belongs to. */
export interface Declaration extends DeclarationRecord {
	payerId: number;
}

/** Channels recorded directly on a declaration; agreement, bank form and pending account have their own calls. */
export type DirectPaymentChannel = Extract<PaymentChannel, 'pos' | 'cash' | 'virtual_account' | 'online'>;

/** What the POS slip (社保费缴费专用POS机小票) says about a card payment. */
export interface PosSlip {
	terminalNo: string;
	merchantNo: string;
	cardNoMasked: string;
	/** 参考号 */
	referenceNo: string;
	/** 凭证号 */
	traceNo: string;
}

export interface PaymentDetails {
	clerk?: string;
	windowNo?: number;
	/** Required for channel `pos`. */
	pos?: PosSlip;
	/** Collector batch (集中代收): the virtual account (虚拟户) paid from. */
	virtualAccountNo?: string;
}

/** 《税收缴款书（银行经收专用）》 as issued at the window. */
export interface BankForm {
	/** 电子税票号码, 18 digits, given when the form is printed. */
	voucherNo: string;
	declarationNo: string;
	payerId: number;
	amountFen: number;
	issuedOn: IsoDate;
	/** 限缴日期: the bank takes the money up to this day. */
	limitDate: IsoDate;
	treasury: string;
	taxOfficeName: string;
	status: 'issued' | 'stamped' | 'voided';
	bankName: string | null;
	stampedOn: IsoDate | null;
}

/** A payment proven by an electronic voucher (POS card, agreement deduction): basis of 《税收完税证明》. */
export interface ElectronicPayment extends PaymentRecord {
	payerId: number;
	lines: Declaration['lines'];
	treasury: string;
	taxOfficeName: string;
}

/** A payment of a resident or flexible employee, any channel: basis of 《社会保险费缴费证明》 and 《社会保险费缴费记录》. */
export interface IndividualPayment extends PaymentRecord {
	payerId: number;
	lines: DeclarationLine[];
	/** The day it is due to be booked (入库销号) by the working-day calendar; null while the calendar lacks that year. */
	bookingDueOn: IsoDate | null;
}

/**
 * A window's claim on a declaration (占用): taken before money moves for it, so no other window
 * moves money for the same declaration. It expires unless money is in flight under it.
 */
export interface DeclarationClaim {
	declarationNo: string;
	claimKey: IdempotencyKey;
	windowNo: number | null;
	clerk: string;
	claimedAt: string;
	/** When another window may take it over; null while money is in flight (it never expires then). */
	expiresAt: string | null;
	moneyInFlight: boolean;
}

export interface CancellationRequest {
	requestNo: string;
	registrationId: number;
	payerId: number;
	requestedOn: IsoDate;
	status: 'requested' | 'completed';
}

/** A collector's virtual account (虚拟户) at the tax office: money in at the window, batches settled from it. */
export interface VirtualAccount {
	virtualAccountNo: string;
	collectorIdNumber: string;
	collectorName: string;
	county: string;
	balanceFen: number;
	openedOn: IsoDate;
}

/** One person's item of a collector batch, as the row checker found it good. */
export interface CollectorBatchRow {
	/** The list's data row (from 1): how a refusal names it. */
	row: number;
	payerId: number;
	itemCode: CollectorItemCode;
	/** The pension tier; null for the items without tiers. */
	tier: number | null;
	/** The coverage year: this year for pension and supplementary, next year for medical. */
	year: number;
	amountFen: number;
}

/** Why one row of a batch cannot be paid; any of them refuses the whole batch (BATCH_REFUSED). */
export type BatchRowCode = 'ALREADY_PAID' | 'TIER_LOCKED' | 'NOT_REGISTERED' | 'INSUFFICIENT_BALANCE' | 'UNKNOWN_TIER' | 'AMOUNT_MISMATCH' | 'WRONG_YEAR';

/**
 * A settled batch. The answer names the batch, not its people: a village's 100,000 records are read
 * by `collectorBatchRecords` when they are wanted, not carried (and kept for a replay) with the answer.
 */
export interface CollectorBatchSettlement {
	batchVoucherNo: string;
	settledOn: IsoDate;
	rowCount: number;
	totalFen: number;
}

/** One person's record of a settled batch: one declaration and one payment (channel virtual_account) per row. */
export interface CollectorBatchRecord {
	row: number;
	payerId: number;
	declarationNo: string;
	voucherNo: string;
}

/** The provincial core tax system: tax registrations, declarations, payments, vouchers. */
export interface CoreTax {
	findPayers(query: PayerQuery, limit: number): Promise<Payer[]>;
	payer(id: number): Promise<Payer | null>;
	declarationsOf(payerId: number): Promise<DeclarationRecord[]>;
	paymentsOf(payerId: number): Promise<PaymentRecord[]>;
	/** Resident pension tiers and medical amounts of a year. */
	yearlyAmounts(year: number): Promise<YearlyAmount[]>;
	declaration(declarationNo: string): Promise<Declaration | null>;
	/**
	 * 申报: only from assessed, open dues of the payer's linked registrations, within 1st–25th
	 * (节假日不顺延); occupational annuity has its own flow. Refused: a due already declared or paid.
	 */
	declare(input: { key: IdempotencyKey; payerId: number; dueIds: number[]; today: IsoDate }): Promise<Declaration>;
	/**
	 * What a resident or flexible employee can pay now (from the agency registration and the year's
	 * tables): only items of linked, active records. Refused: PAYER_NOT_FOUND, NOT_AN_INDIVIDUAL.
	 */
	individualOptions(input: { payerId: number; today: IsoDate }): Promise<IndividualOptions>;
	/**
	 * 申报 for an individual: regular resident items by the year's tables (pension at a tier and
	 * supplementary of this year, medical of next year), plus open assessed dues, the only way to
	 * a past year (补缴) or a special group (特殊人群). Within 1st–25th (节假日不顺延) like `declare`.
	 * Refused: NOT_AN_INDIVIDUAL, NOTHING_SELECTED, UNKNOWN_TIER, NOT_REGISTERED_FOR_ITEM,
	 * REGISTRATION_CHANGE_PENDING (the agency is changing or transferring the record), TIER_LOCKED
	 * (this year's pension paid at another tier), ALREADY_PAID, and the dues' refusals of `declare`.
	 * The tier lock and ALREADY_PAID are checked again before money moves (recordPayment,
	 * claimDeclaration with money in flight, issueBankForm, deduct, settlePendingTransfers).
	 */
	declareIndividual(input: { key: IdempotencyKey; payerId: number; today: IsoDate; selection: IndividualSelection }): Promise<Declaration>;
	/**
	 * 作废申报, only while unpaid and while no other window holds a claim on it (`claimKey`: the
	 * caller's own claim, which does not stand in the way); a bank form issued for it is voided
	 * with it. The dues are open again.
	 */
	voidDeclaration(input: { key: IdempotencyKey; declarationNo: string; claimKey?: IdempotencyKey }): Promise<Declaration>;
	/**
	 * Takes or renews the caller's claim on an unpaid declaration: refused with
	 * DECLARATION_RESERVED while another live claim holds it, and, when `moneyInFlight`, outside the
	 * 1st–25th or for a date that is not today. A claim with money in flight never expires.
	 */
	claimDeclaration(input: {
		claimKey: IdempotencyKey;
		declarationNo: string;
		windowNo: number | null;
		clerk: string;
		moneyInFlight: boolean;
		today: IsoDate;
	}): Promise<DeclarationClaim>;
	/** Gives up the caller's own claim (back, cancel); another key's claim is left as it is. */
	releaseClaim(input: { claimKey: IdempotencyKey; declarationNo: string }): Promise<void>;
	/** A supervisor frees a declaration held by a window that left; refused while money is in flight under it. */
	releaseClaimBySupervisor(input: { declarationNo: string; supervisor: string; reason: string }): Promise<DeclarationClaim | null>;
	/** The live claim on a declaration, if any. */
	claimOf(declarationNo: string): Promise<DeclarationClaim | null>;
	/** POS, cash, collector or online payment: the amount must equal the declaration total to the fen. */
	recordPayment(input: {
		key: IdempotencyKey;
		declarationNo: string;
		channel: DirectPaymentChannel;
		amountFen: number;
		paidOn: IsoDate;
		details: PaymentDetails;
		/** The caller's claim; refused while another window's claim holds the declaration. */
		claimKey?: IdempotencyKey;
	}): Promise<PaymentRecord>;
	/** The payment made by the write that had this key (recordPayment, deduct, recordBankStub, settlePendingTransfers). */
	paymentByKey(key: IdempotencyKey): Promise<PaymentRecord | null>;
	/** Prints 《税收缴款书（银行经收专用）》: voucher number and 限缴日期; the declaration stays unpaid. */
	issueBankForm(input: { key: IdempotencyKey; declarationNo: string; today: IsoDate; claimKey?: IdempotencyKey }): Promise<BankForm>;
	/** The bank-stamped stub (回执联) came back: the declaration is paid through the bank. */
	recordBankStub(
		input: { key: IdempotencyKey; bankName: string; stampedOn: IsoDate } & (
			{ voucherNo: string; declarationNo?: undefined } | { declarationNo: string; voucherNo?: undefined }
		)
	): Promise<{ payment: PaymentRecord; form: BankForm }>;
	bankForm(voucherNo: string): Promise<BankForm | null>;
	/** Booked (入库) POS and agreement payments of the payer, by booking date: for 《税收完税证明》. */
	electronicPayments(input: { payerId: number; from: IsoDate; to: IsoDate }): Promise<ElectronicPayment[]>;
	/** Payments of a resident or flexible employee paid in the range, booked or not, oldest first; none for a unit. */
	individualPayments(input: { payerId: number; from: IsoDate; to: IsoDate }): Promise<IndividualPayment[]>;
	/** Opens a collector's virtual account (虚拟户), balance 0; `today` must be the system's today. */
	openVirtualAccount(input: {
		key: IdempotencyKey;
		collectorIdNumber: string;
		collectorName: string;
		village: string;
		county: string;
		today: IsoDate;
	}): Promise<VirtualAccount>;
	virtualAccount(no: string): Promise<VirtualAccount | null>;
	/** Facts of many people at once (for the row checker), by normalised ID number; unknown IDs are absent. Fast: one query per table. */
	personFacts(input: { idNumbers: string[]; today: IsoDate }): Promise<Map<string, PersonFacts>>;
	/** Money into the virtual account at the window (cash counted, or a POS sale). Idempotent by key. Refused: VIRTUAL_ACCOUNT_NOT_FOUND. */
	depositToVirtualAccount(input: {
		key: IdempotencyKey;
		virtualAccountNo: string;
		amountFen: number;
		channel: 'cash' | 'pos';
		today: IsoDate;
	}): Promise<{ depositNo: string; balanceFen: number }>;
	/**
	 * Settles a batch from the virtual account in ONE transaction: one declaration + one payment (channel
	 * virtual_account) per row, every row or none, the balance debited by the total; within 1st–25th like
	 * `declare`. Refused whole (`BATCH_REFUSED`, details `{ rows: [{ row, code }] }` with BatchRowCode) if any
	 * row cannot be paid; VIRTUAL_ACCOUNT_NOT_FOUND. Idempotent by key: a repeat (answer lost) returns the first
	 * result and pays nothing.
	 */
	settleCollectorBatch(input: { key: IdempotencyKey; virtualAccountNo: string; today: IsoDate; rows: CollectorBatchRow[] }): Promise<CollectorBatchSettlement>;
	/** The records of a settled batch, in its rows' order; empty for an unknown batch. */
	collectorBatchRecords(batchVoucherNo: string): Promise<CollectorBatchRecord[]>;
}

/** What the social security and medical insurance agencies send to tax, and what tax answers. */
export interface AgencyFeed {
	/** Agency records for this payer's identifier, linked or not. */
	registrationsFor(payer: Payer): Promise<AgencyRegistration[]>;
	/** Dues assessed on the payer's linked registrations, with their settlement state. */
	assessedDuesOf(payer: Payer): Promise<AssessedDue[]>;
	registration(id: number): Promise<AgencyRegistration | null>;
	/**
	 * 关联确认 at the window, where the system did not link by itself. Refused: already linked
	 * (to this or another payer), identifiers differ from the tax registration, record closed,
	 * `project` for a regular record or `manual` for a project record. Occupational annuity
	 * records of the same unit follow the pension record.
	 */
	linkRegistration(input: {
		key: IdempotencyKey;
		registrationId: number;
		payerId: number;
		method: 'manual' | 'project';
		clerk: string;
		today: IsoDate;
	}): Promise<AgencyRegistration>;
	/**
	 * The payer asks to end a registration (注销 / 转移). Refused while dues the agency assessed
	 * are unpaid: 需先结清经办机构已核定未缴纳的社会保险费 (for a regular record, every regular
	 * record of that agency, occupational annuity included; for a project record, its own dues).
	 */
	requestCancellation(input: { key: IdempotencyKey; payerId: number; registrationId: number; today: IsoDate }): Promise<CancellationRequest>;
}

export type AgreementCheck =
	| { status: 'valid'; agreementNo: string; bankName: string; accountName: string; accountNoMasked: string }
	| { status: 'none'; message: string }
	| { status: 'invalid'; agreementNo: string; bankName: string; reason: string };

/** A tripartite-agreement deduction (三方协议扣款): one single sum per declaration into the treasury. */
export interface Deduction {
	/** The bank's serial of the deduction. */
	bankSerial: string;
	payerId: number;
	declarationNo: string;
	amountFen: number;
	deductedOn: IsoDate;
	payment: PaymentRecord;
}

export type FundSource = 'fiscal' | 'own';
export type TransferProofKind = 'treasury_payment' | 'bank_receipt';

/** Money that reached the 待报解社会保险费专户, with the proof the payer holds for it. */
export interface PendingTransfer {
	id: number;
	payerId: number;
	arrivedOn: IsoDate;
	amountFen: number;
	fundSource: FundSource;
	/** 财政拨款 / 单位自有资金 */
	fundSourceLabel: string;
	/** 《国库集中支付凭证》 for fiscal money, 《银行付款回单》 for the unit's own. */
	proof: { kind: TransferProofKind; label: string; no: string };
	remitterName: string;
	remitterAccountMasked: string;
	/** The declaration it paid, once used. */
	settledDeclarationNo: string | null;
}

export interface PendingSettlement {
	payment: PaymentRecord;
	transfers: PendingTransfer[];
	/** The certificate: 《税收缴款书（税务收现专用）》 with the payment's voucher number. */
	certificate: { title: string; voucherNo: string };
}

/** The treasury network (横向联网电子缴税系统, TIPS-like) and the banks behind it. */
export interface BankGateway {
	checkAgreement(input: { payerId: number }): Promise<AgreementCheck>;
	/**
	 * Real-time deduction under the tripartite agreement: the amount must be the declaration's
	 * total. Refused: NO_AGREEMENT, AGREEMENT_INVALID, INSUFFICIENT_FUNDS (余额不足), and the
	 * declaration's own rules. Done: the declaration is paid with channel `agreement`.
	 */
	deduct(input: {
		key: IdempotencyKey;
		payerId: number;
		declarationNo: string;
		amountFen: number;
		today: IsoDate;
		claimKey?: IdempotencyKey;
	}): Promise<Deduction>;
	/** The deduction sent with this key, if the bank did it (查询扣款结果). */
	deductionByKey(key: IdempotencyKey): Promise<Deduction | null>;
	/** Transfers of the payer into the pending-settlement account that arrived on `date`, used or not. */
	pendingTransfers(input: { payerId: number; date: IsoDate }): Promise<PendingTransfer[]>;
	/**
	 * 待报解专户 settlement at the window: transfers of one day, each used once, each with its
	 * proof number shown, summing exactly to the declaration total, settled within that month's
	 * 1st–25th. Records the payment (channel `pending_account`).
	 */
	settlePendingTransfers(input: {
		key: IdempotencyKey;
		payerId: number;
		declarationNo: string;
		transferIds: number[];
		proofs: { transferId: number; proofNo: string }[];
		today: IsoDate;
		claimKey?: IdempotencyKey;
	}): Promise<PendingSettlement>;
}

/** The custodian bank's collection account (托管银行归集户) annuity is transferred to. */
export interface CustodianAccount {
	bankName: string;
	accountName: string;
	accountNo: string;
}

/** 《职业年金缴费通知单》 as the annuity collection system issued it for one assessed due. */
export interface AnnuityNoticeRecord {
	/** 7 half-width digits: the only text the transfer's remark (附言) may hold. */
	noticeNo: string;
	payerId: number;
	dueId: number;
	dueNo: string;
	/** 征缴期, `YYYY-MM`. */
	month: string;
	amountFen: number;
	issuedOn: IsoDate;
	/** 回款销号: the day arrival was confirmed; null while open. */
	settledOn: IsoDate | null;
	custodian: CustodianAccount;
}

/** One credit on the collection account, as the custodian bank's statement lists it. */
export interface CustodianTransfer {
	transferId: string;
	payerAccount: string;
	payerName: string;
	amountFen: number;
	date: IsoDate;
	/** 附言 as the payer typed it. */
	remark: string;
}

/** An annuity due with the notice issued for it, if any. */
export interface AnnuityDue {
	due: AssessedDue;
	notice: AnnuityNoticeRecord | null;
}

/**
 * The occupational annuity collection system (职业年金征缴系统): dues of linked public
 * institutions from the agency, notices, the custodian bank's statement, arrival confirmation.
 */
export interface AnnuityCollection {
	/**
	 * The annuity dues of the payer's annuity records with their notices, open ones first. Refused:
	 * PAYER_NOT_FOUND, NOT_LINKED (annuity records exist but none is linked: no notice can be issued).
	 */
	annuityDuesOf(payerId: number): Promise<AnnuityDue[]>;
	/**
	 * 征缴通知登记: the notice of one open annuity due of a linked record; a due has one notice, so a
	 * second request (any key) answers the first. Refused: DUE_NOT_FOUND, NOT_ANNUITY, DUE_NOT_LINKED, DUE_ALREADY_PAID.
	 */
	issueNotice(input: { key: IdempotencyKey; payerId: number; dueId: number; today: IsoDate }): Promise<AnnuityNoticeRecord>;
	notice(noticeNo: string): Promise<AnnuityNoticeRecord | null>;
	/** Every notice, settled or not, by number: what a statement is matched against. */
	notices(): Promise<AnnuityNoticeRecord[]>;
	/** The custodian bank's statement feed: credits dated in the range, by date then id. */
	statement(input: { from: IsoDate; to: IsoDate }): Promise<CustodianTransfer[]>;
	/**
	 * 到账确认 (回款销号) of a notice with the transfers matched to it: their sum must be the notice
	 * amount to the fen. The due is paid then. Refused: NOTICE_NOT_FOUND, NOTICE_SETTLED, TRANSFER_SUM_MISMATCH.
	 */
	confirmArrival(input: {
		key: IdempotencyKey;
		noticeNo: string;
		transfers: { transferId: string; amountFen: number; date: IsoDate }[];
		today: IsoDate;
	}): Promise<AnnuityNoticeRecord>;
}

/** 财政电子票据: the certificate of an annuity payment. */
export interface EReceipt {
	/** 票据号码. */
	receiptNo: string;
	/** 校验码. */
	checkCode: string;
	issuedOn: IsoDate;
	/** 票据代码 and the issuer (开票单位) as printed. */
	receiptCode: string;
	issuer: string;
	noticeNo: string;
	payerName: string;
	payerCode: string;
	month: string;
	amountFen: number;
}

/** The fiscal electronic receipt platform (财政电子票据平台). */
export interface EReceipts {
	/** Issues the receipt of a settled notice; one per notice, so a second request answers the first. Refused: NOTICE_NOT_FOUND, NOTICE_NOT_SETTLED. */
	issue(input: { key: IdempotencyKey; noticeNo: string; today: IsoDate }): Promise<EReceipt>;
	receiptOf(noticeNo: string): Promise<EReceipt | null>;
}

export interface Upstream {
	coreTax: CoreTax;
	agencyFeed: AgencyFeed;
	bankGateway: BankGateway;
	annuityCollection: AnnuityCollection;
	eReceipts: EReceipts;
}
