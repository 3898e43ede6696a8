// After money moved: the payment is booked upstream; a record refused is undone where the terminal
// can (card: reversal by the sale's key) and held otherwise, until a supervisor closes it.
import { assign } from 'xstate';
import { toMachineError } from '../shared';
import { PAYMENT_TEXTS } from './texts';
import type { CounterChannel, HoldMoneyInput } from './types';
import { SUPERVISOR_CLOSE, VOUCHER_NO, details, payment, paymentKey } from './setup';

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
});

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
});
