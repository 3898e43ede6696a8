// After money moved: the payment is booked upstream; a record refused is undone where the terminal
// can (card: reversal by the sale's key) and held otherwise, until a supervisor closes it.
import { assign } from 'xstate';
import { toMachineError } from '../shared';
import { PAYMENT_TEXTS } from './texts';
import type { CounterChannel, HoldMoneyInput, PaymentContext, RecordPaymentOutput } from './types';
import { SUPERVISOR_CLOSE, badVoucherOf, bookedBeforeRefusal, details, payment, paymentKey, unbookedFen, unbookedParts } from './setup';

/** A household refused after some parts were booked: who was booked, who was not, and what is not. */
function partlyRefused(context: PaymentContext, out: RecordPaymentOutput) {
	const recordedParts = bookedBeforeRefusal(out);
	const after = { ...context, recordedParts };
	const booked = new Set(recordedParts.map((p) => p.declarationNo));
	const person = (p: { payerName: string; declarationNo: string }) => PAYMENT_TEXTS.person(p.payerName, p.declarationNo);
	const message = PAYMENT_TEXTS.recordRefusedPartly(
		out.outcome === 'refused' ? out.reason : '',
		context.channel!,
		(context.declaration.parts ?? []).filter((p) => booked.has(p.declarationNo)).map(person),
		unbookedParts(after).map(person),
		unbookedFen(after)
	);
	return { recordedParts, error: { code: 'RECORD_PARTLY_REFUSED', message } };
}

export const recording = payment.createStateConfig({
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
			clerkId: context.clerkId,
			...(context.declaration.parts
				? { parts: context.declaration.parts.map((p) => ({ payerId: p.payerId, declarationNo: p.declarationNo, amountFen: p.totalFen })) }
				: {})
		}),
		onDone: [
			{
				guard: ({ context, event }) => event.output.outcome === 'recorded' && badVoucherOf(context, event.output) === null,
				target: 'paid',
				actions: assign(({ event }) => ({
					record: event.output.outcome === 'recorded' ? { voucherNo: event.output.voucherNo, paidOn: event.output.paidOn } : null,
					recordedParts: event.output.outcome === 'recorded' ? (event.output.parts ?? null) : null,
					error: null
				}))
			},
			{
				guard: ({ event }) => event.output.outcome === 'recorded',
				target: 'recordFailed',
				actions: assign(({ context, event }) => ({
					error: {
						code: 'BAD_VOUCHER_NO',
						message: PAYMENT_TEXTS.badVoucher(event.output.outcome === 'recorded' ? (badVoucherOf(context, event.output) ?? '') : '')
					}
				}))
			},
			// A household refused after some parts were booked: the sale stands for those, so it is
			// not reversed; a supervisor decides on the card, the cash of the rest is held.
			{
				guard: ({ context, event }) => bookedBeforeRefusal(event.output).length > 0 && context.channel === 'pos',
				target: 'needsSupervisor',
				actions: assign(({ context, event }) => partlyRefused(context, event.output))
			},
			{
				guard: ({ event }) => bookedBeforeRefusal(event.output).length > 0,
				target: 'moneyHeld',
				actions: assign(({ context, event }) => partlyRefused(context, event.output))
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
});

/** The declaration(s) whose money is held: a household's unbooked parts, named one by one. */
function heldDeclarations(context: PaymentContext): Pick<HoldMoneyInput, 'declarationNo' | 'declarationNos'> {
	const unbooked = unbookedParts(context).map((p) => p.declarationNo);
	return unbooked.length ? { declarationNo: unbooked[0], declarationNos: unbooked } : { declarationNo: context.declaration.declarationNo };
}

export const recordFailed = payment.createStateConfig({
	tags: ['moneyMoving'],
	on: {
		RETRY: { target: 'recording', actions: assign({ error: null }) },
		SUPERVISOR_CLOSE
	}
});

export const moneyHeld = payment.createStateConfig({
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
					...heldDeclarations(context),
					amountFen: unbookedFen(context),
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
});
