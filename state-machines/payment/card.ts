// Bank card on the hall's POS. A sale with no clear answer is reversed (冲正) with the sale's own
// key; a reversal that fails waits for a supervisor, never a new sale.
import { assign } from 'xstate';
import { toMachineError } from '../shared';
import { PAYMENT_TEXTS } from './texts';
import { SUPERVISOR_CLOSE, payment, paymentKey } from './setup';

export const card = payment.createStateConfig({
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
						guard: ({ context, event }) => event.output.outcome === 'approved' && event.output.approval.amountFen === context.declaration.totalFen,
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
								message: PAYMENT_TEXTS.amountMismatch(event.output.outcome === 'approved' ? event.output.approval.amountFen : 0, context.declaration.totalFen)
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
						// A sale whose record was refused had a clear answer: the refusal already says it was reversed.
						actions: [assign(({ context }) => ({ notice: context.error?.code === 'RECORD_REFUSED' ? null : PAYMENT_TEXTS.reversed })), 'nextAttempt']
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
});

export const needsSupervisor = payment.createStateConfig({
	tags: ['moneyMoving'],
	on: {
		// The same sale's reversal again (same key), never a new sale.
		RETRY_REVERSAL: { guard: 'reversalPending', target: '#payment.card.reversing' },
		SUPERVISOR_CLOSE
	}
});
