// Tripartite agreement deduction (三方协议): checked, then one sum through the treasury network; a
// deduction with no answer waits in `uncertain` and is repeated only with the same key.
import { assign } from 'xstate';
import { toMachineError } from '../shared';
import { PAYMENT_TEXTS } from './texts';
import { LEAVE_CANCELLED, SUPERVISOR_CLOSE, payment, paymentKey } from './setup';

export const agreement = payment.createStateConfig({
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
							deduction: event.output.outcome === 'deducted' ? { deductionRef: event.output.deductionRef, deductedAt: event.output.deductedAt } : null,
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
										message: out.code === 'INSUFFICIENT_FUNDS' ? PAYMENT_TEXTS.insufficientFunds(out.reason) : PAYMENT_TEXTS.deductionRefused(out.reason)
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
});
