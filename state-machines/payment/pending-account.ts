// The pending-settlement account 待报解社会保险费专户 (public institutions only): several same-day
// transfers, each with its proof, matched to the due to the fen.
import { and, assign } from 'xstate';
import { toMachineError, toggleSortedText } from '../shared';
import { PAYMENT_TEXTS } from './texts';
import { LEAVE_CANCELLED, SUPERVISOR_CLOSE, missingProofs, payment, paymentKey, selectedSum, settledTransfers } from './setup';

export const pendingAccount = payment.createStateConfig({
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
});

// Outside `pendingAccount`, so BACK and CANCEL are not accepted while money moves.
export const pendingSettlement = payment.createStateConfig({
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
});
