// The payment machine's setup, built once: its actors (to be provided by the server), guards
// and actions. Every state config in this folder is typed against it (`payment.createStateConfig`).
import { assign, fromPromise, setup } from 'xstate';
import { NotProvidedError, claimKey, isIsoDate, sumFen } from '../shared';
import { channelServes } from '../../src/lib/domain/counter-channels';
import { PAYMENT_TEXTS } from './texts';
import {
	PROOF_KINDS,
	isCounterChannel,
	type ChargeCardInput,
	type ChargeCardOutput,
	type CheckAgreementInput,
	type CheckAgreementOutput,
	type ClaimDeclarationInput,
	type ClaimDeclarationOutput,
	type CounterChannel,
	type DeductByAgreementInput,
	type DeductByAgreementOutput,
	type HoldMoneyInput,
	type HoldMoneyOutput,
	type ListPendingTransfersInput,
	type ListPendingTransfersOutput,
	type OpenDrawerInput,
	type OpenDrawerOutput,
	type PaymentContext,
	type PaymentDetails,
	type PaymentEvent,
	type PaymentInput,
	type PaymentOutput,
	type PaymentPart,
	type PendingTransfer,
	type PrintBankFormInput,
	type PrintBankFormOutput,
	type RecordPaymentInput,
	type RecordPaymentOutput,
	type RecordedPart,
	type ReleaseClaimInput,
	type ReverseSaleInput,
	type ReverseSaleOutput,
	type SettledTransfer,
	type SettlePendingTransfersInput,
	type SettlePendingTransfersOutput
} from './types';

// ---------------------------------------------------------------------------------------------
// Pure helpers

type KeyStep = 'card' | 'cash' | 'agreement' | 'bankForm' | 'pending' | 'record' | 'hold';

/** The idempotency key of a step of the current attempt. */
export function paymentKey(context: Pick<PaymentContext, 'sessionId' | 'attempt'>, step: KeyStep): string {
	return `${context.sessionId}:${step}:${context.attempt}`;
}

export function selectedTransfers(context: PaymentContext): PendingTransfer[] {
	return context.transfers.filter((t) => context.selectedTransfers.includes(t.transferId));
}

export function selectedSum(context: PaymentContext): number {
	return sumFen(selectedTransfers(context).map((t) => t.amountFen));
}

export function missingProofs(context: PaymentContext): string[] {
	return context.selectedTransfers.filter((id) => !context.proofs.some((p) => p.transferId === id));
}

export function details(context: PaymentContext): PaymentDetails {
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

export function settledTransfers(context: PaymentContext): SettledTransfer[] {
	return selectedTransfers(context).map((t) => ({
		transferId: t.transferId,
		amountFen: t.amountFen,
		receivedOn: t.receivedOn,
		proof: context.proofs.find((p) => p.transferId === t.transferId)!
	}));
}

// 电子税票号码 (18 digits), or the batch voucher of a collector batch settled from a virtual account (DS + day + serial).
export const VOUCHER_NO = /^(\d{18}|DS\d{14})$/;

/** A household's declarations, for the claim and its release; nothing for a unit (its one `declarationNo`). */
function partNos(context: PaymentContext): { declarationNos?: string[] } {
	return context.declaration.parts ? { declarationNos: context.declaration.parts.map((p) => p.declarationNo) } : {};
}

export function claimInput(context: PaymentContext, moneyInFlight: boolean): ClaimDeclarationInput {
	return {
		claimKey: claimKey(context.sessionId),
		declarationNo: context.declaration.declarationNo,
		...partNos(context),
		moneyInFlight,
		windowNo: context.windowNo,
		clerkId: context.clerkId
	};
}

export function releaseInput(context: PaymentContext): ReleaseClaimInput {
	return { claimKey: claimKey(context.sessionId), declarationNo: context.declaration.declarationNo, ...partNos(context) };
}

/** The parts of a household still to book (every part before any answer); empty for a unit. */
export function unbookedParts(context: PaymentContext): PaymentPart[] {
	const booked = new Set((context.recordedParts ?? []).map((p) => p.declarationNo));
	return (context.declaration.parts ?? []).filter((p) => !booked.has(p.declarationNo));
}

/** What is held or to be decided on after a refused record: the whole payment, or a household's unbooked parts. */
export function unbookedFen(context: PaymentContext): number {
	return context.recordedParts?.length ? sumFen(unbookedParts(context).map((p) => p.totalFen)) : context.declaration.totalFen;
}

/** A recorded answer whose voucher numbers are not all 18 digits (or which lacks a household part): the offending voucher, else null. */
export function badVoucherOf(context: PaymentContext, out: RecordPaymentOutput & { outcome: 'recorded' }): string | null {
	if (!VOUCHER_NO.test(out.voucherNo)) return out.voucherNo;
	for (const part of context.declaration.parts ?? []) {
		const booked = out.parts?.find((p) => p.declarationNo === part.declarationNo);
		if (!booked || !VOUCHER_NO.test(booked.voucherNo)) return booked?.voucherNo ?? '';
	}
	return null;
}

/** A household's parts booked before a refusal (none for a unit, or when the first part was refused). */
export function bookedBeforeRefusal(out: RecordPaymentOutput): RecordedPart[] {
	return out.outcome === 'refused' ? (out.recorded ?? []) : [];
}

/** Leaving before money moved releases the claim first. */
export const LEAVE_CANCELLED = { target: '#payment.releasing', actions: 'leaveCancelled' } as const;

/** The exit of every state that waits on a person: a supervisor, signed in on the spot, closes it with a reason. */
export const SUPERVISOR_CLOSE = [
	{ guard: 'supervisorFieldsGiven', target: '#payment.escalated', actions: 'escalate' },
	// Keep the error that brought the supervisor here; ask for the missing fields.
	{ actions: 'askSupervisorFields' }
] as const;

export const payment = setup({
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
		// Individuals pay by card or cash only; the pending-settlement account is for public institutions only.
		unitsOnlyChannel: ({ context, event }) =>
			event.type === 'CHOOSE' && isCounterChannel(event.channel) && event.channel !== 'pending_account' && !channelServes(event.channel, context.payerKind),
		pendingNotInstitution: ({ context, event }) =>
			event.type === 'CHOOSE' && isCounterChannel(event.channel) && !channelServes(event.channel, context.payerKind),
		chose: ({ event }, params: { channel: CounterChannel }) => event.type === 'CHOOSE' && event.channel === params.channel,
		tenderInvalid: ({ event }) => event.type === 'TENDER' && (!Number.isSafeInteger(event.amountFen) || event.amountFen <= 0),
		tenderTooLow: ({ context, event }) => event.type === 'TENDER' && event.amountFen < context.declaration.totalFen,
		transferKnown: ({ context, event }) =>
			(event.type === 'TOGGLE_TRANSFER' || event.type === 'PROOF') && context.transfers.some((t) => t.transferId === event.transferId),
		proofValid: ({ event }) =>
			event.type === 'PROOF' && (PROOF_KINDS as readonly string[]).includes(event.kind) && event.number.trim().length > 0 && event.number.trim().length <= 40,
		transferDateValid: ({ context, event }) => event.type === 'SET_TRANSFER_DATE' && isIsoDate(event.date) && event.date <= context.today,
		nothingSelected: ({ context }) => context.selectedTransfers.length === 0,
		proofMissing: ({ context }) => missingProofs(context).length > 0,
		notSameDay: ({ context }) => new Set(selectedTransfers(context).map((t) => t.receivedOn)).size > 1,
		sumMismatch: ({ context }) => selectedSum(context) !== context.declaration.totalFen,
		supervisorFieldsGiven: ({ event }) => event.type === 'SUPERVISOR_CLOSE' && event.supervisorId.trim() !== '' && event.note.trim() !== '',
		// needsSupervisor is reached from a failed reversal, or from a household's record refused after
		// some parts were booked: that sale cannot be reversed as a whole.
		reversalPending: ({ context }) => context.channel === 'pos' && !context.recordedParts?.length,
		leavingBack: ({ context }) => context.leaving === 'back',
		paidBy: ({ context }, params: { channel: CounterChannel }) => context.channel === params.channel
	},
	actions: {
		nextAttempt: assign(({ context }) => ({ attempt: context.attempt + 1 })),
		leaveCancelled: assign({ leaving: 'cancelled' as const }),
		escalate: assign(({ event }) => (event.type === 'SUPERVISOR_CLOSE' ? { escalation: { supervisorId: event.supervisorId, note: event.note } } : {})),
		askSupervisorFields: assign({ notice: PAYMENT_TEXTS.supervisorFieldsMissing }),
		claimRefused: assign(({ event }) => {
			const out = (event as unknown as { output: ClaimDeclarationOutput }).output;
			return { error: out.outcome === 'refused' ? { code: out.code, message: out.reason } : null };
		}),
		clearMessages: assign({ error: null, notice: null })
	}
});
