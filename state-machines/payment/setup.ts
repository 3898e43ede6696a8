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
	type PendingTransfer,
	type PrintBankFormInput,
	type PrintBankFormOutput,
	type RecordPaymentInput,
	type RecordPaymentOutput,
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

export const VOUCHER_NO = /^\d{18}$/;

export function claimInput(context: PaymentContext, moneyInFlight: boolean): ClaimDeclarationInput {
	return {
		claimKey: claimKey(context.sessionId),
		declarationNo: context.declaration.declarationNo,
		moneyInFlight,
		windowNo: context.windowNo,
		clerkId: context.clerkId
	};
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
		// Only the pending-settlement account is not for every unit: public institutions only.
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
		// needsSupervisor is reached from a failed reversal only; the card stays for the slip data.
		reversalPending: ({ context }) => context.channel === 'pos',
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
