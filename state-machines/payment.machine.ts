// 费款缴纳 at the counter (guide ch. 1 §三, ch. 2 §三): one declaration, one channel per attempt.
//
// Channels: bank card on the hall's POS, cash with change, tripartite agreement deduction
// (三方协议, one sum through the treasury network), the bank-collection form
// 《税收缴款书（银行经收专用）》 the payer pays at a bank, and — public institutions only — the
// pending-settlement account 待报解社会保险费专户 (several same-day transfers matched to the due).
// 办理时间 每月1-25日（节假日不顺延）: choosing a channel is refused from the 26th on.
//
// Money safety (write the intent before the effect):
// - Every money-moving actor gets a key deterministic from context, `${sessionId}:<step>:<attempt>`.
//   `attempt` grows only when an attempt is over with a known answer (declined, reversed,
//   refused), so the machine never makes a second key for the same attempt. A snapshot restored
//   in an invoking state re-invokes the actor with the same input and key: every actor here MUST
//   be idempotent by its key (answer with the first result, never act twice).
// - A card sale with no clear answer (time-out, lost answer, amount not the one asked) is
//   reversed (冲正) with the sale's own key, then the clerk chooses again; a reversal that fails
//   goes to `needsSupervisor` — never a new sale.
// - An agreement deduction or a settlement with no answer waits in `uncertain` and is repeated
//   only with the same key.
// - One payment per declaration across windows: the session claims the declaration upstream
//   (占用, by `claimKey(sessionId)`) when it starts, and again with money in flight right before
//   any money moves (sale, drawer, deduction, settlement, bank form). A claim held by another
//   window refuses both, and the screen says which window holds it; BACK and CANCEL release it.
// - A record refused after money moved is undone where the terminal can (card: reversal by the
//   sale's key) and held otherwise (cash in the drawer, a deduction to refund: `holdMoney`), until
//   a supervisor closes it. Every state that waits on a person has SUPERVISOR_CLOSE as its exit.
// - Dates are not the machine's: the actors use the clock at the moment of each call.
// - `CANCEL` and `BACK` are handled only before money moves; states tagged 'moneyMoving'
//   (a charge, deduction, settlement or cash in flight or done) do not accept them.
// - Actors answer business refusals (declined, insufficient funds…) as outputs and throw only
//   when the outcome is unknown (or on a fault).

import { and, assign, fromPromise, setup } from 'xstate';
import type { DeclarationLine, Payer, PayerKind, PaymentChannel } from '../src/lib/domain/payer';
import { CHANNEL_LABEL } from '../src/lib/domain/payer';
import { channelServes, isCounterChannel, type CounterChannel } from '../src/lib/domain/counter-channels';
import type { IsoDate } from '../src/lib/domain/dates';
import { declarationWindow } from '../src/lib/domain/declaration-window';
import { formatYuan } from '../src/lib/domain/money';
import { amountInWords } from '../src/lib/domain/amount-in-words';
import {
	NotProvidedError,
	claimKey,
	isIsoDate,
	sumFen,
	toMachineError,
	toggleSortedText,
	type MachineError
} from './shared';

// ---------------------------------------------------------------------------------------------
// Channels

// The channels a clerk can take at the window and who each serves: declared once, in the domain.
export { COUNTER_CHANNELS, type CounterChannel } from '../src/lib/domain/counter-channels';

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
	| { outcome: 'approved'; approval: CardApproval }
	| { outcome: 'declined'; responseCode: string; reason: string }
	| { outcome: 'timeout' };

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
	| { valid: true; agreementNo: string; bankName: string; accountMasked: string }
	| { valid: false; code: string; reason: string };

export interface DeductByAgreementInput {
	key: string;
	payerId: number;
	declarationNo: string;
	amountFen: number;
	agreementNo: string;
}
export type DeductByAgreementOutput =
	| { outcome: 'deducted'; deductionRef: string; deductedAt: string }
	| { outcome: 'refused'; code: string; reason: string };

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

export type ProofKind = 'treasury_payment' | 'bank_receipt' | 'other';
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
	| { outcome: 'settled'; formNo: string }
	| { outcome: 'refused'; code: string; reason: string };

export type PaymentDetails =
	| { channel: 'pos'; approval: CardApproval }
	| { channel: 'cash'; tenderedFen: number; changeFen: number }
	| { channel: 'agreement'; agreementNo: string; deductionRef: string; deductedAt: string }
	| { channel: 'pending_account'; formNo: string; transfers: SettledTransfer[] };

/** Books the payment in the core tax system; answers the electronic voucher number. */
export interface RecordPaymentInput {
	key: string;
	payerId: number;
	declarationNo: string;
	channel: Exclude<CounterChannel, 'bank_form'>;
	amountFen: number;
	details: PaymentDetails;
	windowNo: string | null;
	clerkId: string | null;
}
export type RecordPaymentOutput =
	| {
			outcome: 'recorded';
			/** 电子税票号码, 18 digits. */
			voucherNo: string;
			paidOn: IsoDate;
	  }
	/** The core tax system will not book it (declaration paid elsewhere, voided, date past): money moved all the same. */
	| { outcome: 'refused'; code: string; reason: string };

/** Claims the declaration for this session before money moves (占用); see CoreTax.claimDeclaration. */
export interface ClaimDeclarationInput {
	claimKey: string;
	declarationNo: string;
	moneyInFlight: boolean;
	windowNo: string | null;
	clerkId: string | null;
}
export type ClaimDeclarationOutput = { outcome: 'held' } | { outcome: 'refused'; code: string; reason: string };

export interface ReleaseClaimInput {
	claimKey: string;
	declarationNo: string;
}

/** Money taken that no book shows: kept in the journal for a supervisor's decision. Idempotent by key. */
export interface HoldMoneyInput {
	key: string;
	channel: Exclude<CounterChannel, 'bank_form' | 'pos'>;
	declarationNo: string;
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

export interface PaymentDeclaration {
	declarationNo: string;
	totalFen: number;
	lines: DeclarationLine[];
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

// ---------------------------------------------------------------------------------------------
// Texts

export const PAYMENT_TEXTS = {
	proofKind: {
		treasury_payment: '国库集中支付凭证',
		bank_receipt: '银行付款回单',
		other: '其他资金入账证明'
	} satisfies Record<ProofKind, string>,
	windowClosed: (today: IsoDate, closes: IsoDate) =>
		`社会保险费缴纳时间为每月1日至25日，节假日不顺延。今天是${today}，本月缴费期已于${closes}结束，请于下月1日至25日办理。`,
	channelNotAtCounter: (channel: PaymentChannel) => `窗口不能以“${CHANNEL_LABEL[channel]}”方式收款，请选择其他缴费方式。`,
	pendingInstitutionsOnly: '待报解社会保险费专户缴费仅适用于机关事业单位。',
	declined: (reason: string) => `银行卡交易被拒绝：${reason}。缴费人未被扣款，可换卡重试或改用其他缴费方式。`,
	reversed: '刷卡未得到明确结果，已自动冲正：缴费人未被扣款（如已显示扣款，银行将退回）。请重新选择缴费方式。',
	amountMismatch: (charged: number, due: number) =>
		`POS机扣款金额${formatYuan(charged)}元与应缴金额${formatYuan(due)}元不一致，已发起冲正。`,
	reversalFailed: (reason: string) =>
		`冲正未成功（${reason}）。请勿重新刷卡，请值班长与收单银行核实该笔交易后处理。`,
	tenderTooLow: (tendered: number, due: number) =>
		`收取现金${formatYuan(tendered)}元少于应缴金额${formatYuan(due)}元，请收足款项。`,
	tenderInvalid: '收款金额须为以分计的正整数。',
	drawerFailed: '钱箱未能打开，请检查钱箱后重试；如已手动开箱放入现金，请确认“钱箱已关闭”。',
	agreementInvalid: (reason: string) =>
		`三方协议无效，不能扣款：${reason}。请缴费人与开户银行、主管税务机关核实或重新签订三方协议，本次可改用其他缴费方式。`,
	agreementCheckFailed: '查询三方协议失败，请稍后重试或改用其他缴费方式。',
	insufficientFunds: (reason: string) =>
		`三方协议账户余额不足，扣款未成功，缴费人未被扣款（银行答复：${reason}）。请存足资金后重试，或改用其他缴费方式。`,
	deductionRefused: (reason: string) => `三方协议扣款未成功，缴费人未被扣款：${reason}。`,
	deductionUnknown: '扣款结果未知：请勿改用其他方式收款。请点击“重试”查询并完成本笔扣款（不会重复扣款）。',
	bankFormFailed: '《税收缴款书（银行经收专用）》打印失败，请检查打印机后重试（重试不会重复开具）。',
	bankFormNotice: (limitDate: IsoDate) =>
		`请缴费人持《税收缴款书（银行经收专用）》到银行以转账或现金方式缴款（限缴日期${limitDate}），并将银行盖章的回执联及时送回办税服务厅。`,
	transfersLoadFailed: '查询待报解专户到账信息失败，请稍后重试。',
	transferDateInvalid: (today: IsoDate) => `到账日期须为不晚于今天（${today}）的有效日期。`,
	transferUnknown: '所选不是本单位在该日到账的款项。',
	proofInvalid: '请填写资金入账证明的编号（1至40个字符）。',
	nothingSelected: '请勾选到账款项。',
	proofMissing: (ids: string[]) => `以下到账款项缺少资金入账证明（国库集中支付凭证、银行付款回单等）：${ids.join('、')}。`,
	sumMismatch: (selected: number, due: number) =>
		`所选到账款项合计${formatYuan(selected)}元，应缴金额${formatYuan(due)}元：须与应缴金额分毫不差，请重新勾选。`,
	notSameDay: '多笔资金须于同一日内缴入待报解社会保险费专户，所选款项不是同一日到账。',
	settlementRefused: (reason: string) => `待报解专户缴费未成功：${reason}。`,
	settlementUnknown: '待报解专户缴费结果未知：请点击“重试”查询并完成本笔缴费（不会重复缴费）。',
	recordFailed: '缴费记账未完成：款项已收取，请点击“重试”完成记账（不会重复记账）；多次失败请报告值班长。',
	badVoucher: (voucherNo: string) => `核心征管系统返回的电子税票号码“${voucherNo}”不是18位数字，请重试或报告值班长。`,
	supervisorFieldsMissing: '请值班长填写工号和处理说明。',
	claimFailed: '未能向税务核心征管系统确认本窗口占用该申报，款项未收取。请稍后重试。',
	recordRefusedReversed: (reason: string) => `缴费记账被拒绝：${reason}。已自动冲正该笔刷卡，缴费人未被扣款。`,
	recordRefusedHeld: (reason: string, channel: CounterChannel, amountFen: number) =>
		channel === 'cash'
			? `缴费记账被拒绝：${reason}。已收现金${formatYuan(amountFen)}元已登记为待处理现金，请勿放入营业款；请值班长到场决定退还缴费人或另行处理。`
			: `缴费记账被拒绝：${reason}。已扣${formatYuan(amountFen)}元已登记退款申请，请值班长到场处理。`,
	holdFailed: '待处理款项未能登记到本机账册，请点击“重试”；在登记完成前请勿离开本笔业务。'
} as const;

export const PROOF_KIND_LABEL: Record<ProofKind, string> = PAYMENT_TEXTS.proofKind;

// ---------------------------------------------------------------------------------------------
// Pure helpers

type KeyStep = 'card' | 'cash' | 'agreement' | 'bankForm' | 'pending' | 'record' | 'hold';

/** The idempotency key of a step of the current attempt. */
export function paymentKey(context: Pick<PaymentContext, 'sessionId' | 'attempt'>, step: KeyStep): string {
	return `${context.sessionId}:${step}:${context.attempt}`;
}

function selectedTransfers(context: PaymentContext): PendingTransfer[] {
	return context.transfers.filter((t) => context.selectedTransfers.includes(t.transferId));
}

function selectedSum(context: PaymentContext): number {
	return sumFen(selectedTransfers(context).map((t) => t.amountFen));
}

function missingProofs(context: PaymentContext): string[] {
	return context.selectedTransfers.filter((id) => !context.proofs.some((p) => p.transferId === id));
}

function details(context: PaymentContext): PaymentDetails {
	switch (context.channel) {
		case 'pos':
			return { channel: 'pos', approval: context.card! };
		case 'cash':
			return { channel: 'cash', tenderedFen: context.cash!.tenderedFen, changeFen: context.cash!.changeFen };
		case 'agreement':
			return {
				channel: 'agreement',
				agreementNo: context.agreement!.agreementNo,
				deductionRef: context.deduction!.deductionRef,
				deductedAt: context.deduction!.deductedAt
			};
		case 'pending_account':
			return {
				channel: 'pending_account',
				formNo: context.settlement!.formNo,
				transfers: settledTransfers(context)
			};
		default:
			throw new Error(`no payment to record for channel ${String(context.channel)}`);
	}
}

function settledTransfers(context: PaymentContext): SettledTransfer[] {
	return selectedTransfers(context).map((t) => ({
		transferId: t.transferId,
		amountFen: t.amountFen,
		receivedOn: t.receivedOn,
		proof: context.proofs.find((p) => p.transferId === t.transferId)!
	}));
}

const VOUCHER_NO = /^\d{18}$/;

function claimInput(context: PaymentContext, moneyInFlight: boolean): ClaimDeclarationInput {
	return {
		claimKey: claimKey(context.sessionId),
		declarationNo: context.declaration.declarationNo,
		moneyInFlight,
		windowNo: context.windowNo,
		clerkId: context.clerkId
	};
}

/** Leaving before money moved releases the claim first. */
const LEAVE_CANCELLED = { target: '#payment.releasing', actions: 'leaveCancelled' } as const;

/** The exit of every state that waits on a person: a supervisor, signed in on the spot, closes it with a reason. */
const SUPERVISOR_CLOSE = [
	{ guard: 'supervisorFieldsGiven', target: '#payment.escalated', actions: 'escalate' },
	// Keep the error that brought the supervisor here; ask for the missing fields.
	{ actions: 'askSupervisorFields' }
] as const;

// ---------------------------------------------------------------------------------------------

export const paymentMachine = setup({
	types: {
		input: {} as PaymentInput,
		context: {} as PaymentContext,
		events: {} as PaymentEvent,
		output: {} as PaymentOutput,
		tags: {} as 'moneyMoving'
	},
	actors: {
		chargeCard: fromPromise<ChargeCardOutput, ChargeCardInput>(async () => {
			throw new NotProvidedError('chargeCard');
		}),
		reverseSale: fromPromise<ReverseSaleOutput, ReverseSaleInput>(async () => {
			throw new NotProvidedError('reverseSale');
		}),
		openDrawer: fromPromise<OpenDrawerOutput, OpenDrawerInput>(async () => {
			throw new NotProvidedError('openDrawer');
		}),
		checkAgreement: fromPromise<CheckAgreementOutput, CheckAgreementInput>(async () => {
			throw new NotProvidedError('checkAgreement');
		}),
		deductByAgreement: fromPromise<DeductByAgreementOutput, DeductByAgreementInput>(async () => {
			throw new NotProvidedError('deductByAgreement');
		}),
		printBankForm: fromPromise<PrintBankFormOutput, PrintBankFormInput>(async () => {
			throw new NotProvidedError('printBankForm');
		}),
		listPendingTransfers: fromPromise<ListPendingTransfersOutput, ListPendingTransfersInput>(async () => {
			throw new NotProvidedError('listPendingTransfers');
		}),
		settlePendingTransfers: fromPromise<SettlePendingTransfersOutput, SettlePendingTransfersInput>(async () => {
			throw new NotProvidedError('settlePendingTransfers');
		}),
		recordPayment: fromPromise<RecordPaymentOutput, RecordPaymentInput>(async () => {
			throw new NotProvidedError('recordPayment');
		}),
		claimDeclaration: fromPromise<ClaimDeclarationOutput, ClaimDeclarationInput>(async () => {
			throw new NotProvidedError('claimDeclaration');
		}),
		releaseClaim: fromPromise<void, ReleaseClaimInput>(async () => {
			throw new NotProvidedError('releaseClaim');
		}),
		holdMoney: fromPromise<HoldMoneyOutput, HoldMoneyInput>(async () => {
			throw new NotProvidedError('holdMoney');
		})
	},
	guards: {
		windowClosed: ({ context }) => !context.window.open,
		notAtCounter: ({ event }) => event.type === 'CHOOSE' && !isCounterChannel(event.channel),
		// Only the pending-settlement account is not for every unit: public institutions only.
		pendingNotInstitution: ({ context, event }) =>
			event.type === 'CHOOSE' && isCounterChannel(event.channel) && !channelServes(event.channel, context.payerKind),
		chose: ({ event }, params: { channel: CounterChannel }) => event.type === 'CHOOSE' && event.channel === params.channel,
		tenderInvalid: ({ event }) => event.type === 'TENDER' && (!Number.isSafeInteger(event.amountFen) || event.amountFen <= 0),
		tenderTooLow: ({ context, event }) => event.type === 'TENDER' && event.amountFen < context.declaration.totalFen,
		transferKnown: ({ context, event }) =>
			(event.type === 'TOGGLE_TRANSFER' || event.type === 'PROOF') &&
			context.transfers.some((t) => t.transferId === event.transferId),
		proofValid: ({ event }) =>
			event.type === 'PROOF' &&
			Object.keys(PAYMENT_TEXTS.proofKind).includes(event.kind) &&
			event.number.trim().length > 0 &&
			event.number.trim().length <= 40,
		transferDateValid: ({ context, event }) =>
			event.type === 'SET_TRANSFER_DATE' && isIsoDate(event.date) && event.date <= context.today,
		nothingSelected: ({ context }) => context.selectedTransfers.length === 0,
		proofMissing: ({ context }) => missingProofs(context).length > 0,
		notSameDay: ({ context }) => new Set(selectedTransfers(context).map((t) => t.receivedOn)).size > 1,
		sumMismatch: ({ context }) => selectedSum(context) !== context.declaration.totalFen,
		supervisorFieldsGiven: ({ event }) =>
			event.type === 'SUPERVISOR_CLOSE' && event.supervisorId.trim() !== '' && event.note.trim() !== '',
		// needsSupervisor is reached from a failed reversal only; the card stays for the slip data.
		reversalPending: ({ context }) => context.channel === 'pos',
		leavingBack: ({ context }) => context.leaving === 'back',
		paidBy: ({ context }, params: { channel: CounterChannel }) => context.channel === params.channel
	},
	actions: {
		nextAttempt: assign(({ context }) => ({ attempt: context.attempt + 1 })),
		leaveCancelled: assign({ leaving: 'cancelled' as const }),
		escalate: assign(({ event }) =>
			event.type === 'SUPERVISOR_CLOSE' ? { escalation: { supervisorId: event.supervisorId, note: event.note } } : {}
		),
		askSupervisorFields: assign({ notice: PAYMENT_TEXTS.supervisorFieldsMissing }),
		claimRefused: assign(({ event }) => {
			const out = (event as unknown as { output: ClaimDeclarationOutput }).output;
			return { error: out.outcome === 'refused' ? { code: out.code, message: out.reason } : null };
		}),
		clearMessages: assign({ error: null, notice: null })
	}
}).createMachine({
	id: 'payment',
	context: ({ input }) => ({
		sessionId: input.sessionId,
		payer: input.payer,
		declaration: input.declaration,
		today: input.today,
		payerKind: input.payerKind,
		windowNo: input.windowNo ?? null,
		clerkId: input.clerkId ?? null,
		window: declarationWindow(input.today, 'regular'),
		attempt: 0,
		channel: null,
		error: null,
		notice: null,
		card: null,
		cash: null,
		agreement: null,
		deduction: null,
		bankForm: null,
		transferDate: input.today,
		transfers: [],
		selectedTransfers: [],
		proofs: [],
		settlement: null,
		record: null,
		escalation: null,
		leaving: null,
		held: null
	}),
	initial: 'choosing',
	output: ({ event }) => (event as unknown as { output: PaymentOutput }).output,
	states: {
		// Claimed (not yet with money in flight) on entry, so a second window is told at once.
		choosing: {
			initial: 'claiming',
			on: {
				BACK: { target: 'releasing', actions: assign({ leaving: 'back' as const }) },
				CANCEL: { target: 'releasing', actions: assign({ leaving: 'cancelled' as const }) }
			},
			states: {
				claiming: {
					invoke: {
						id: 'claimDeclaration',
						src: 'claimDeclaration',
						input: ({ context }) => claimInput(context, false),
						onDone: [
							{ guard: ({ event }) => event.output.outcome === 'held', target: 'ready' },
							{
								target: 'refused',
								actions: assign(({ event }) => ({
									error: event.output.outcome === 'refused' ? { code: event.output.code, message: event.output.reason } : null
								}))
							}
						],
						// Nothing moves on this claim; the claim before money moves decides.
						onError: 'ready'
					}
				},
				ready: {
					on: {
						CHOOSE: [
							{
								guard: 'windowClosed',
								actions: assign(({ context }) => ({
									error: { code: 'OUTSIDE_PERIOD', message: PAYMENT_TEXTS.windowClosed(context.today, context.window.closes) }
								}))
							},
							{
								guard: 'notAtCounter',
								actions: assign(({ event }) => ({
									error: { code: 'CHANNEL_NOT_AT_COUNTER', message: PAYMENT_TEXTS.channelNotAtCounter(event.channel) }
								}))
							},
							{
								guard: 'pendingNotInstitution',
								actions: assign({ error: { code: 'INSTITUTIONS_ONLY', message: PAYMENT_TEXTS.pendingInstitutionsOnly } })
							},
							{
								guard: { type: 'chose', params: { channel: 'pos' } },
								target: '#payment.moneyClaim',
								actions: ['clearMessages', assign({ channel: 'pos' as const })]
							},
							{
								guard: { type: 'chose', params: { channel: 'cash' } },
								target: '#payment.cash',
								actions: ['clearMessages', assign({ channel: 'cash' as const })]
							},
							{
								guard: { type: 'chose', params: { channel: 'agreement' } },
								target: '#payment.agreement',
								actions: ['clearMessages', assign({ channel: 'agreement' as const })]
							},
							{
								guard: { type: 'chose', params: { channel: 'bank_form' } },
								target: '#payment.moneyClaim',
								actions: ['clearMessages', assign({ channel: 'bank_form' as const })]
							},
							{
								guard: { type: 'chose', params: { channel: 'pending_account' } },
								target: '#payment.pendingAccount',
								actions: [
									'clearMessages',
									assign(({ context }) => ({
										channel: 'pending_account' as const,
										transferDate: context.today,
										transfers: [],
										selectedTransfers: [],
										proofs: []
									}))
								]
							}
						],
					}
				},
				// Another window holds it (or it is no longer payable): try again, or leave.
				refused: {
					on: { RETRY: { target: 'claiming', actions: 'clearMessages' } }
				}
			}
		},
		// Right before money moves: the claim, now with money in flight, must still be this session's.
		moneyClaim: {
			invoke: {
				id: 'claimDeclaration',
				src: 'claimDeclaration',
				input: ({ context }) => claimInput(context, true),
				onDone: [
					{ guard: ({ event }) => event.output.outcome !== 'held', target: 'choosing', actions: 'claimRefused' },
					{ guard: { type: 'paidBy', params: { channel: 'pos' } }, target: 'card.charging' },
					{ guard: { type: 'paidBy', params: { channel: 'cash' } }, target: 'cash.drawer' },
					{ guard: { type: 'paidBy', params: { channel: 'agreement' } }, target: 'agreement.deducting' },
					{ guard: { type: 'paidBy', params: { channel: 'bank_form' } }, target: 'bankForm.printing' },
					{ target: 'pendingSettlement.settling' }
				],
				onError: { target: 'choosing', actions: assign({ error: { code: 'CLAIM_FAILED', message: PAYMENT_TEXTS.claimFailed } }) }
			}
		},
		// Back or cancel before money moved: the claim goes, whether or not the release is heard.
		releasing: {
			invoke: {
				id: 'releaseClaim',
				src: 'releaseClaim',
				input: ({ context }) => ({ claimKey: claimKey(context.sessionId), declarationNo: context.declaration.declarationNo }),
				onDone: [{ guard: 'leavingBack', target: 'back' }, { target: 'cancelled' }],
				onError: [{ guard: 'leavingBack', target: 'back' }, { target: 'cancelled' }]
			}
		},

		// --- bank card on the POS ----------------------------------------------------------
		card: {
			initial: 'charging',
			states: {
				charging: {
					tags: ['moneyMoving'],
					invoke: {
						id: 'chargeCard',
						src: 'chargeCard',
						input: ({ context }) => ({
							key: paymentKey(context, 'card'),
							amountFen: context.declaration.totalFen,
							declarationNo: context.declaration.declarationNo,
							payerId: context.payer.id
						}),
						onDone: [
							{
								guard: ({ context, event }) =>
									event.output.outcome === 'approved' &&
									event.output.approval.amountFen === context.declaration.totalFen,
								target: '#payment.recording',
								actions: assign(({ event }) => ({
									card: event.output.outcome === 'approved' ? event.output.approval : null
								}))
							},
							{
								guard: ({ event }) => event.output.outcome === 'approved',
								target: 'reversing',
								actions: assign(({ context, event }) => ({
									error: {
										code: 'AMOUNT_MISMATCH',
										message: PAYMENT_TEXTS.amountMismatch(
											event.output.outcome === 'approved' ? event.output.approval.amountFen : 0,
											context.declaration.totalFen
										)
									}
								}))
							},
							{
								guard: ({ event }) => event.output.outcome === 'declined',
								target: '#payment.choosing',
								actions: [
									assign(({ event }) => ({
										error: {
											code: 'CARD_DECLINED',
											message: PAYMENT_TEXTS.declined(event.output.outcome === 'declined' ? event.output.reason : '')
										}
									})),
									'nextAttempt'
								]
							},
							// Time-out: the outcome is unknown, so the sale is reversed.
							{ target: 'reversing' }
						],
						onError: { target: 'reversing' }
					}
				},
				reversing: {
					tags: ['moneyMoving'],
					invoke: {
						id: 'reverseSale',
						src: 'reverseSale',
						// The key of the sale being reversed: same attempt, same key.
						input: ({ context }) => ({ key: paymentKey(context, 'card'), amountFen: context.declaration.totalFen }),
						onDone: [
							{
								guard: ({ event }) => event.output.outcome === 'reversed' || event.output.outcome === 'notCharged',
								target: '#payment.choosing',
								actions: [assign({ notice: PAYMENT_TEXTS.reversed }), 'nextAttempt']
							},
							{
								target: '#payment.needsSupervisor',
								actions: assign(({ event }) => ({
									error: {
										code: 'REVERSAL_FAILED',
										message: PAYMENT_TEXTS.reversalFailed(event.output.outcome === 'failed' ? event.output.reason : '')
									}
								}))
							}
						],
						onError: {
							target: '#payment.needsSupervisor',
							actions: assign(({ event }) => {
								const e = toMachineError(event.error, { code: 'REVERSAL_FAILED', message: '' });
								return { error: { code: 'REVERSAL_FAILED', message: PAYMENT_TEXTS.reversalFailed(e.message || e.code) } };
							})
						}
					}
				}
			}
		},
		needsSupervisor: {
			tags: ['moneyMoving'],
			on: {
				// The same sale's reversal again (same key), never a new sale.
				RETRY_REVERSAL: { guard: 'reversalPending', target: '#payment.card.reversing' },
				SUPERVISOR_CLOSE
			}
		},

		// --- cash --------------------------------------------------------------------------
		cash: {
			initial: 'tendering',
			states: {
				tendering: {
					on: {
						TENDER: [
							{
								guard: 'tenderInvalid',
								actions: assign({ error: { code: 'TENDER_INVALID', message: PAYMENT_TEXTS.tenderInvalid } })
							},
							{
								guard: 'tenderTooLow',
								actions: assign(({ context, event }) => ({
									error: {
										code: 'TENDER_TOO_LOW',
										message: PAYMENT_TEXTS.tenderTooLow(event.amountFen, context.declaration.totalFen)
									}
								}))
							},
							{
								target: '#payment.moneyClaim',
								actions: assign(({ context, event }) => ({
									cash: { tenderedFen: event.amountFen, changeFen: event.amountFen - context.declaration.totalFen },
									error: null
								}))
							}
						],
						BACK: { target: '#payment.choosing', actions: assign({ cash: null, error: null }) },
						CANCEL: LEAVE_CANCELLED
					}
				},
				drawer: {
					tags: ['moneyMoving'],
					invoke: {
						id: 'openDrawer',
						src: 'openDrawer',
						input: ({ context }) => ({ key: paymentKey(context, 'cash') }),
						onDone: '#payment.recording',
						onError: {
							target: 'drawerProblem',
							actions: assign(({ event }) => ({
								error: toMachineError(event.error, { code: 'DRAWER_FAILED', message: PAYMENT_TEXTS.drawerFailed })
							}))
						}
					},
					on: { DRAWER_CLOSED: '#payment.recording' }
				},
				drawerProblem: {
					tags: ['moneyMoving'],
					on: {
						SUPERVISOR_CLOSE,
						RETRY: { target: 'drawer', actions: assign({ error: null }) },
						DRAWER_CLOSED: { target: '#payment.recording', actions: assign({ error: null }) }
					}
				}
			}
		},

		// --- tripartite agreement ----------------------------------------------------------
		agreement: {
			initial: 'checking',
			states: {
				checking: {
					invoke: {
						id: 'checkAgreement',
						src: 'checkAgreement',
						input: ({ context }) => ({ payerId: context.payer.id }),
						onDone: [
							{
								guard: ({ event }) => event.output.valid,
								target: 'ready',
								actions: assign(({ event }) => ({
									agreement: event.output.valid
										? {
												agreementNo: event.output.agreementNo,
												bankName: event.output.bankName,
												accountMasked: event.output.accountMasked
											}
										: null
								}))
							},
							{
								target: '#payment.choosing',
								actions: assign(({ event }) => ({
									error: {
										code: event.output.valid ? 'AGREEMENT_INVALID' : event.output.code,
										message: PAYMENT_TEXTS.agreementInvalid(event.output.valid ? '' : event.output.reason)
									}
								}))
							}
						],
						onError: {
							target: '#payment.choosing',
							actions: assign(({ event }) => ({
								error: toMachineError(event.error, {
									code: 'AGREEMENT_CHECK_FAILED',
									message: PAYMENT_TEXTS.agreementCheckFailed
								})
							}))
						}
					},
					on: {
						BACK: '#payment.choosing',
						CANCEL: LEAVE_CANCELLED
					}
				},
				ready: {
					on: {
						CONFIRM: '#payment.moneyClaim',
						BACK: { target: '#payment.choosing', actions: assign({ agreement: null }) },
						CANCEL: LEAVE_CANCELLED
					}
				},
				deducting: {
					tags: ['moneyMoving'],
					invoke: {
						id: 'deductByAgreement',
						src: 'deductByAgreement',
						input: ({ context }) => ({
							key: paymentKey(context, 'agreement'),
							payerId: context.payer.id,
							declarationNo: context.declaration.declarationNo,
							amountFen: context.declaration.totalFen,
							agreementNo: context.agreement!.agreementNo
						}),
						onDone: [
							{
								guard: ({ event }) => event.output.outcome === 'deducted',
								target: '#payment.recording',
								actions: assign(({ event }) => ({
									deduction:
										event.output.outcome === 'deducted'
											? { deductionRef: event.output.deductionRef, deductedAt: event.output.deductedAt }
											: null,
									error: null
								}))
							},
							{
								target: '#payment.choosing',
								actions: [
									assign(({ event }) => {
										const out = event.output.outcome === 'refused' ? event.output : { code: 'REFUSED', reason: '' };
										return {
											error: {
												code: out.code,
												message:
													out.code === 'INSUFFICIENT_FUNDS'
														? PAYMENT_TEXTS.insufficientFunds(out.reason)
														: PAYMENT_TEXTS.deductionRefused(out.reason)
											}
										};
									}),
									'nextAttempt'
								]
							}
						],
						onError: {
							target: 'uncertain',
							actions: assign({ error: { code: 'DEDUCTION_UNKNOWN', message: PAYMENT_TEXTS.deductionUnknown } })
						}
					}
				},
				uncertain: {
					tags: ['moneyMoving'],
					on: { RETRY: 'deducting', SUPERVISOR_CLOSE }
				}
			}
		},

		// --- bank-collection form ----------------------------------------------------------
		bankForm: {
			initial: 'printing',
			states: {
				printing: {
					invoke: {
						id: 'printBankForm',
						src: 'printBankForm',
						input: ({ context }) => ({
							key: paymentKey(context, 'bankForm'),
							payerId: context.payer.id,
							payerName: context.payer.name,
							payerIdentifier: context.payer.identifier,
							declarationNo: context.declaration.declarationNo,
							amountFen: context.declaration.totalFen,
							amountInWords: amountInWords(context.declaration.totalFen),
							lines: context.declaration.lines
						}),
						onDone: {
							target: '#payment.awaitingBankStub',
							actions: assign(({ event }) => ({ bankForm: event.output, error: null }))
						},
						onError: {
							target: 'failed',
							actions: assign(({ event }) => ({
								error: toMachineError(event.error, { code: 'BANK_FORM_FAILED', message: PAYMENT_TEXTS.bankFormFailed })
							}))
						}
					}
				},
				failed: {
					on: {
						RETRY: { target: 'printing', actions: assign({ error: null }) },
						BACK: { target: '#payment.choosing', actions: assign({ error: null }) },
						CANCEL: LEAVE_CANCELLED
					}
				}
			}
		},

		// --- pending-settlement account (public institutions) -------------------------------
		pendingAccount: {
			initial: 'loading',
			on: {
				BACK: { target: 'choosing', actions: assign({ error: null }) },
				CANCEL: LEAVE_CANCELLED
			},
			states: {
				loading: {
					invoke: {
						id: 'listPendingTransfers',
						src: 'listPendingTransfers',
						input: ({ context }) => ({ payerId: context.payer.id, date: context.transferDate }),
						onDone: {
							target: 'selecting',
							actions: assign(({ context, event }) => ({
								// Only that day's transfers: several transfers must arrive on one day.
								transfers: event.output.transfers.filter((t) => t.receivedOn === context.transferDate),
								selectedTransfers: [],
								proofs: []
							}))
						},
						onError: {
							target: 'loadFailed',
							actions: assign(({ event }) => ({
								error: toMachineError(event.error, { code: 'TRANSFERS_LOAD_FAILED', message: PAYMENT_TEXTS.transfersLoadFailed })
							}))
						}
					}
				},
				loadFailed: {
					on: { RETRY: { target: 'loading', actions: assign({ error: null }) } }
				},
				selecting: {
					on: {
						SET_TRANSFER_DATE: [
							{
								guard: 'transferDateValid',
								target: 'loading',
								actions: assign(({ event }) => ({ transferDate: event.date, error: null }))
							},
							{
								actions: assign(({ context }) => ({
									error: { code: 'TRANSFER_DATE_INVALID', message: PAYMENT_TEXTS.transferDateInvalid(context.today) }
								}))
							}
						],
						TOGGLE_TRANSFER: [
							{
								guard: 'transferKnown',
								actions: assign(({ context, event }) => ({
									selectedTransfers: toggleSortedText(context.selectedTransfers, event.transferId),
									error: null
								}))
							},
							{ actions: assign({ error: { code: 'TRANSFER_UNKNOWN', message: PAYMENT_TEXTS.transferUnknown } }) }
						],
						PROOF: [
							{
								guard: and(['transferKnown', 'proofValid']),
								actions: assign(({ context, event }) => {
									const proof = { transferId: event.transferId, kind: event.kind, number: event.number.trim() };
									return {
										proofs: [...context.proofs.filter((p) => p.transferId !== event.transferId), proof].sort((a, b) =>
											a.transferId < b.transferId ? -1 : a.transferId > b.transferId ? 1 : 0
										),
										error: null
									};
								})
							},
							{
								guard: 'transferKnown',
								actions: assign({ error: { code: 'PROOF_INVALID', message: PAYMENT_TEXTS.proofInvalid } })
							},
							{ actions: assign({ error: { code: 'TRANSFER_UNKNOWN', message: PAYMENT_TEXTS.transferUnknown } }) }
						],
						CONFIRM: [
							{
								guard: 'nothingSelected',
								actions: assign({ error: { code: 'NOTHING_SELECTED', message: PAYMENT_TEXTS.nothingSelected } })
							},
							{
								guard: 'notSameDay',
								actions: assign({ error: { code: 'TRANSFERS_NOT_SAME_DAY', message: PAYMENT_TEXTS.notSameDay } })
							},
							{
								guard: 'sumMismatch',
								actions: assign(({ context }) => ({
									error: {
										code: 'TRANSFER_SUM_MISMATCH',
										message: PAYMENT_TEXTS.sumMismatch(selectedSum(context), context.declaration.totalFen)
									}
								}))
							},
							{
								guard: 'proofMissing',
								actions: assign(({ context }) => ({
									error: { code: 'PROOF_MISSING', message: PAYMENT_TEXTS.proofMissing(missingProofs(context)) }
								}))
							},
							{ target: '#payment.moneyClaim', actions: assign({ error: null }) }
						]
					}
				}
			}
		},
		// Outside `pendingAccount`, so BACK and CANCEL are not accepted while money moves.
		pendingSettlement: {
			initial: 'settling',
			states: {
				settling: {
					tags: ['moneyMoving'],
					invoke: {
						id: 'settlePendingTransfers',
						src: 'settlePendingTransfers',
						input: ({ context }) => ({
							key: paymentKey(context, 'pending'),
							payerId: context.payer.id,
							declarationNo: context.declaration.declarationNo,
							amountFen: context.declaration.totalFen,
							transfers: settledTransfers(context)
						}),
						onDone: [
							{
								guard: ({ event }) => event.output.outcome === 'settled',
								target: '#payment.recording',
								actions: assign(({ event }) => ({
									settlement: event.output.outcome === 'settled' ? { formNo: event.output.formNo } : null,
									error: null
								}))
							},
							{
								target: '#payment.pendingAccount.selecting',
								actions: [
									assign(({ event }) => ({
										error: {
											code: event.output.outcome === 'refused' ? event.output.code : 'REFUSED',
											message: PAYMENT_TEXTS.settlementRefused(event.output.outcome === 'refused' ? event.output.reason : '')
										}
									})),
									'nextAttempt'
								]
							}
						],
						onError: {
							target: 'uncertain',
							actions: assign({ error: { code: 'SETTLEMENT_UNKNOWN', message: PAYMENT_TEXTS.settlementUnknown } })
						}
					}
				},
				uncertain: {
					tags: ['moneyMoving'],
					on: { RETRY: 'settling', SUPERVISOR_CLOSE }
				}
			}
		},

		// --- after money moved ---------------------------------------------------------------
		recording: {
			tags: ['moneyMoving'],
			invoke: {
				id: 'recordPayment',
				src: 'recordPayment',
				input: ({ context }) => ({
					key: paymentKey(context, 'record'),
					payerId: context.payer.id,
					declarationNo: context.declaration.declarationNo,
					channel: context.channel as Exclude<CounterChannel, 'bank_form'>,
					amountFen: context.declaration.totalFen,
					details: details(context),
					windowNo: context.windowNo,
					clerkId: context.clerkId
				}),
				onDone: [
					{
						guard: ({ event }) => event.output.outcome === 'recorded' && VOUCHER_NO.test(event.output.voucherNo),
						target: 'paid',
						actions: assign(({ event }) => ({
							record: event.output.outcome === 'recorded' ? { voucherNo: event.output.voucherNo, paidOn: event.output.paidOn } : null,
							error: null
						}))
					},
					{
						guard: ({ event }) => event.output.outcome === 'recorded',
						target: 'recordFailed',
						actions: assign(({ event }) => ({
							error: {
								code: 'BAD_VOUCHER_NO',
								message: PAYMENT_TEXTS.badVoucher(event.output.outcome === 'recorded' ? event.output.voucherNo : '')
							}
						}))
					},
					// Refused after the money moved: a card sale is reversed by its own key…
					{
						guard: { type: 'paidBy', params: { channel: 'pos' } },
						target: 'card.reversing',
						actions: assign(({ event }) => ({
							error: {
								code: 'RECORD_REFUSED',
								message: PAYMENT_TEXTS.recordRefusedReversed(event.output.outcome === 'refused' ? event.output.reason : '')
							}
						}))
					},
					// …anything else is held in the journal until a supervisor decides.
					{
						target: 'moneyHeld',
						actions: assign(({ context, event }) => ({
							error: {
								code: 'RECORD_REFUSED',
								message: PAYMENT_TEXTS.recordRefusedHeld(
									event.output.outcome === 'refused' ? event.output.reason : '',
									context.channel!,
									context.declaration.totalFen
								)
							}
						}))
					}
				],
				onError: {
					target: 'recordFailed',
					actions: assign(({ event }) => ({
						error: toMachineError(event.error, { code: 'RECORD_FAILED', message: PAYMENT_TEXTS.recordFailed })
					}))
				}
			}
		},
		recordFailed: {
			tags: ['moneyMoving'],
			on: {
				RETRY: { target: 'recording', actions: assign({ error: null }) },
				SUPERVISOR_CLOSE
			}
		},
		moneyHeld: {
			tags: ['moneyMoving'],
			initial: 'holding',
			states: {
				holding: {
					invoke: {
						id: 'holdMoney',
						src: 'holdMoney',
						input: ({ context }) => ({
							key: paymentKey(context, 'hold'),
							channel: context.channel as HoldMoneyInput['channel'],
							declarationNo: context.declaration.declarationNo,
							amountFen: context.declaration.totalFen,
							reason: context.error?.message ?? '',
							details: details(context),
							windowNo: context.windowNo,
							clerkId: context.clerkId
						}),
						onDone: { target: 'held', actions: assign(({ event }) => ({ held: event.output })) },
						onError: 'holdFailed'
					}
				},
				holdFailed: {
					on: { RETRY: 'holding', SUPERVISOR_CLOSE }
				},
				held: {
					on: { SUPERVISOR_CLOSE }
				}
			}
		},
		paid: {
			type: 'final',
			tags: ['moneyMoving'],
			output: ({ context }) => ({
				outcome: 'paid' as const,
				channel: context.channel as Exclude<CounterChannel, 'bank_form'>,
				declarationNo: context.declaration.declarationNo,
				lines: context.declaration.lines,
				amountFen: context.declaration.totalFen,
				voucherNo: context.record!.voucherNo,
				paidOn: context.record!.paidOn,
				details: details(context),
				electronic: context.channel === 'pos' || context.channel === 'agreement',
				taxCashFormNo: context.settlement?.formNo ?? null
			})
		},
		awaitingBankStub: {
			type: 'final',
			output: ({ context }) => ({
				outcome: 'awaitingBankStub' as const,
				declarationNo: context.declaration.declarationNo,
				amountFen: context.declaration.totalFen,
				voucherNo: context.bankForm!.voucherNo,
				limitDate: context.bankForm!.limitDate,
				notice: PAYMENT_TEXTS.bankFormNotice(context.bankForm!.limitDate)
			})
		},
		escalated: {
			type: 'final',
			tags: ['moneyMoving'],
			output: ({ context }) => ({
				outcome: 'escalated' as const,
				channel: context.channel,
				declarationNo: context.declaration.declarationNo,
				amountFen: context.declaration.totalFen,
				attempt: context.attempt,
				reason: context.error,
				supervisorId: context.escalation!.supervisorId,
				note: context.escalation!.note,
				card: context.card,
				held: context.held
			})
		},
		back: { type: 'final', output: () => ({ outcome: 'back' as const }) },
		cancelled: { type: 'final', output: () => ({ outcome: 'cancelled' as const }) }
	}
});
