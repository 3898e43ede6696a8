// The bank-collection form 《税收缴款书（银行经收专用）》: printed here, paid by the payer at a bank;
// nothing is recorded until its stamped stub comes back.
import { assign } from 'xstate';
import { toMachineError } from '../shared';
import { PAYMENT_TEXTS } from './texts';
import { LEAVE_CANCELLED, payment, paymentKey } from './setup';

export const bankForm = payment.createStateConfig({
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
					amountInWords: PAYMENT_TEXTS.amountInWords(context.declaration.totalFen),
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
});
