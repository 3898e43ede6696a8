// The claim on the declaration (占用): taken when the payment starts, again with money in flight right
// before money moves, released when the payer goes back or cancels before any money moved.
import { assign } from 'xstate';
import { PAYMENT_TEXTS } from './texts';
import { claimInput, payment, releaseInput } from './setup';

// Claimed (not yet with money in flight) on entry, so a second window is told at once.
export const choosing = payment.createStateConfig({
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
						guard: 'unitsOnlyChannel',
						actions: assign(({ event }) => ({
							error: { code: 'UNITS_ONLY', message: PAYMENT_TEXTS.unitsOnly(event.channel) }
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
				]
			}
		},
		// Another window holds it (or it is no longer payable): try again, or leave.
		refused: {
			on: { RETRY: { target: 'claiming', actions: 'clearMessages' } }
		}
	}
});

// Right before money moves: the claim, now with money in flight, must still be this session's.
export const moneyClaim = payment.createStateConfig({
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
});

// Back or cancel before money moved: the claim goes, whether or not the release is heard.
export const releasing = payment.createStateConfig({
	invoke: {
		id: 'releaseClaim',
		src: 'releaseClaim',
		input: ({ context }) => releaseInput(context),
		onDone: [{ guard: 'leavingBack', target: 'back' }, { target: 'cancelled' }],
		onError: [{ guard: 'leavingBack', target: 'back' }, { target: 'cancelled' }]
	}
});
