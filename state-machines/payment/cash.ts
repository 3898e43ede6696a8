// Cash with change: the tender is checked, the drawer opens once per attempt (by its key).
import { assign } from 'xstate';
import { toMachineError } from '../shared';
import { PAYMENT_TEXTS } from './texts';
import { LEAVE_CANCELLED, SUPERVISOR_CLOSE, payment, paymentKey } from './setup';

export const cash = payment.createStateConfig({
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
});
