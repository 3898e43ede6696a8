// The clerk's whole visit with one unit payer (enterprise or public institution): pick the payer,
// then the business — by default link → declare → pay → receipt (→ certificate); or the
// cancellation/transfer check, a certificate, the refund guidance.
//
// Composition: each step is its own machine INVOKED AS A CHILD BY NAME
// (`invoke: { id: 'payment', src: 'payment' }` with the machines declared in `setup({ actors })`).
// - The server provides each child's actors with `provide()` on the child and hands the provided
//   child to the session: `counterSessionMachine.provide({ actors: { payment:
//   paymentMachine.provide({ actors: real }) , … } })`; tests replace a child wholesale the same way.
// - Because children are referenced by name, `getPersistedSnapshot()` stores each child's own
//   snapshot under its src name and `createActor(machine, { snapshot })` restores the whole tree,
//   down to a promise actor of a child (which is re-invoked with the same input and key).
// - The session forwards the clerk's events to the active child; the CHILD decides whether they
//   are accepted. In particular `BACK` and `CANCEL` are forwarded to the declaration and payment
//   children, which accept them only before money moves (the payment machine's 'moneyMoving'
//   states do not handle them); the child then ends with outcome 'back' or 'cancelled'.
//   After a payment the session only goes forward (receipt, certificate, done).
// - Each declaration and payment child gets its own key prefix (`<sessionId>:d<n>`, `:p<n>`),
//   so going back and paying again never reuses a key of an earlier attempt.

import { assign, fromPromise, sendTo, setup } from 'xstate';
import type { Payer } from '../src/lib/domain/payer';
import { isUnitKind } from '../src/lib/domain/payer';
import type { IsoDate } from '../src/lib/domain/dates';
import { NotProvidedError, REFUND_NOT_SHOWN, toMachineError, type Forwarded, type GuidanceSlip, type MachineError } from './shared';
import { registrationLinkMachine, type RegistrationLinkEvent, type RegistrationLinkOutput, type RegistrationRequest } from './registration-link.machine';
import { declarationMachine, type DeclarationEvent, type DeclarationOutput } from './declaration.machine';
import { PAYMENT_TEXTS, paymentMachine, type PaidOutput, type PaymentEvent, type PaymentOutput } from './payment.machine';
import { receiptPrintMachine, type ReceiptData, type ReceiptPrintEvent } from './receipt-print.machine';
import { certificateMachine, type CertificateEvent, type CertificateOutput } from './certificate.machine';
import { refundGuidanceMachine, type PrintGuidanceSlipInput, type PrintGuidanceSlipOutput, type RefundGuidanceEvent } from './refund-guidance.machine';

export type CounterBusiness = 'payment' | 'cancellation' | 'transfer' | 'certificate' | 'refund';

export interface CounterSessionInput {
	sessionId: string;
	today: IsoDate;
	windowNo: string;
	clerkId: string;
}

export type GuidanceTopic = 'registration' | 'cancellation' | 'dispute';

export interface CounterSessionContext {
	sessionId: string;
	today: IsoDate;
	windowNo: string;
	clerkId: string;
	payer: Payer | null;
	business: CounterBusiness;
	/** A record was linked by hand in this visit: show it to the supervisor. */
	supervisorNotice: boolean;
	/** Declaration children started so far (key prefix of the next one). */
	declarationRound: number;
	/** Payment children started so far (key prefix of the next one). */
	paymentRound: number;
	declaration: { declarationNo: string; totalFen: number; lines: PaidOutput['lines'] } | null;
	payment: PaidOutput | null;
	bankForm: { voucherNo: string; limitDate: IsoDate; notice: string } | null;
	certificateNo: string | null;
	guidance: { topic: GuidanceTopic; slip: GuidanceSlip; copies: number } | null;
	escalation: Extract<PaymentOutput, { outcome: 'escalated' }> | null;
	/** Something the clerk must read (e.g. why a cancellation is refused). */
	notice: string | null;
	error: MachineError | null;
}

type SessionOwnEvent =
	| { type: 'PAYER_PICKED'; payer: Payer; business?: CounterBusiness }
	| { type: 'CERTIFICATE' }
	| { type: 'PRINT' }
	| { type: 'FINISH' }
	| { type: 'BACK' }
	| { type: 'CANCEL' };

/** What the session takes: its own events and those it forwards; a child's other events never reach it. */
export type CounterSessionEvent =
	| SessionOwnEvent
	| Forwarded<RegistrationLinkEvent, typeof LINK_EVENTS>
	| Forwarded<DeclarationEvent, typeof DECLARATION_EVENTS>
	| Forwarded<PaymentEvent, typeof PAYMENT_EVENTS>
	| Forwarded<ReceiptPrintEvent, typeof RECEIPT_EVENTS>
	| Forwarded<CertificateEvent, typeof CERTIFICATE_EVENTS>
	| Forwarded<RefundGuidanceEvent, typeof REFUND_EVENTS>;

export interface CounterSessionOutput {
	outcome: 'done' | 'cancelled' | 'escalated' | 'failed';
	payerId: number | null;
	business: CounterBusiness;
	declarationNo: string | null;
	voucherNo: string | null;
	channel: PaidOutput['channel'] | null;
	amountFen: number | null;
	/** 电子税票号码 of the bank-collection form issued, whose stamped stub is still to come. */
	bankFormVoucherNo: string | null;
	certificateNo: string | null;
	guidanceTopic: GuidanceTopic | null;
	supervisorNotice: boolean;
	error: MachineError | null;
}

export const COUNTER_SESSION_TEXTS = {
	notUnit: '本流程办理企业、机关事业单位缴费；城乡居民、灵活就业人员请在个人缴费界面办理。',
	childFailed: '本步骤发生系统错误，请报告值班长。',
	slipPrintFailed: '指引单打印失败，请检查打印机后重试。',
	declareDuesFirst: (refusal: string) => `${refusal}（可在本窗口直接申报缴纳上述费款。）`
} as const;

// Events forwarded to each child, each list typed by the child's own events: a forwarded event
// the child does not take fails to compile.
const LINK_EVENTS = ['CONFIRM', 'REQUEST_CANCELLATION', 'RETRY'] as const satisfies readonly RegistrationLinkEvent['type'][];
const DECLARATION_EVENTS = [
	'TOGGLE_DUE',
	'SUBMIT',
	'VOID',
	'PAY_EXISTING',
	'DISPUTE',
	'RETRY',
	'CONTINUE',
	'BACK',
	'CANCEL'
] as const satisfies readonly DeclarationEvent['type'][];
const PAYMENT_EVENTS = [
	'CHOOSE',
	'TENDER',
	'DRAWER_CLOSED',
	'CONFIRM',
	'SET_TRANSFER_DATE',
	'TOGGLE_TRANSFER',
	'PROOF',
	'RETRY',
	'RETRY_REVERSAL',
	'SUPERVISOR_CLOSE',
	'BACK',
	'CANCEL'
] as const satisfies readonly PaymentEvent['type'][];
// The receipt machine's DONE is not forwarded: the session's FINISH ends the visit.
const RECEIPT_EVENTS = ['PAPER_LOADED', 'RETRY', 'REPRINT'] as const satisfies readonly ReceiptPrintEvent['type'][];
const CERTIFICATE_EVENTS = ['SET_RANGE', 'TOGGLE_PAYMENT', 'ISSUE', 'RETRY'] as const satisfies readonly CertificateEvent['type'][];
const REFUND_EVENTS = ['PRINT', 'RETRY', 'CLOSE'] as const satisfies readonly RefundGuidanceEvent['type'][];

/** Each child's events, by invoke id (the server reads the list of children from the machine itself). */
interface ChildEvents {
	registrationLink: RegistrationLinkEvent;
	declaration: DeclarationEvent;
	payment: PaymentEvent;
	receiptPrint: ReceiptPrintEvent;
	certificate: CertificateEvent;
	refundGuidance: RefundGuidanceEvent;
}

function forwarding<C extends keyof ChildEvents>(child: C, types: readonly ChildEvents[C]['type'][]) {
	// The list is typed by the child's events; the event itself is the session's, forwarded as is.
	const forward = sendTo(child, ({ event }) => event as never);
	return Object.fromEntries(types.map((t) => [t, { actions: forward }])) as Record<string, { actions: typeof forward }>;
}

function receiptOf(context: CounterSessionContext): ReceiptData {
	const p = context.payment!;
	return {
		payerId: context.payer!.id,
		payerKind: context.payer!.kind,
		payerName: context.payer!.name,
		payerIdentifier: context.payer!.identifier,
		declarationNo: p.declarationNo,
		lines: p.lines,
		amountFen: p.amountFen,
		amountInWords: PAYMENT_TEXTS.amountInWords(p.amountFen),
		channel: p.channel,
		voucherNo: p.voucherNo,
		paidOn: p.paidOn,
		windowNo: context.windowNo,
		clerkId: context.clerkId,
		card: p.details.channel === 'pos' ? p.details.approval : null,
		cash: p.details.channel === 'cash' ? { tenderedFen: p.details.tenderedFen, changeFen: p.details.changeFen } : null,
		taxCashFormNo: p.taxCashFormNo,
		refundNotice: REFUND_NOT_SHOWN
	};
}

function childError(error: unknown): MachineError {
	return toMachineError(error, { code: 'CHILD_FAILED', message: COUNTER_SESSION_TEXTS.childFailed });
}

export const counterSessionMachine = setup({
	types: {
		input: {} as CounterSessionInput,
		context: {} as CounterSessionContext,
		events: {} as CounterSessionEvent,
		output: {} as CounterSessionOutput
	},
	actors: {
		registrationLink: registrationLinkMachine,
		declaration: declarationMachine,
		payment: paymentMachine,
		receiptPrint: receiptPrintMachine,
		certificate: certificateMachine,
		refundGuidance: refundGuidanceMachine,
		printGuidanceSlip: fromPromise<PrintGuidanceSlipOutput, PrintGuidanceSlipInput>(async () => {
			throw new NotProvidedError('printGuidanceSlip');
		})
	},
	guards: {
		unitPayer: ({ event }) => event.type === 'PAYER_PICKED' && isUnitKind(event.payer.kind),
		business: ({ event }, params: { is: CounterBusiness[] }) => event.type === 'PAYER_PICKED' && params.is.includes(event.business ?? 'payment'),
		linkOutcome: ({ event }, params: { is: RegistrationLinkOutput['outcome'] }) =>
			(event as unknown as { output: RegistrationLinkOutput }).output.outcome === params.is,
		declarationOutcome: ({ event }, params: { is: DeclarationOutput['outcome'] }) =>
			(event as unknown as { output: DeclarationOutput }).output.outcome === params.is,
		paymentOutcome: ({ event }, params: { is: PaymentOutput['outcome'] }) => (event as unknown as { output: PaymentOutput }).output.outcome === params.is,
		electronicPayment: ({ context }) => context.payment?.electronic === true,
		noPayment: ({ context }) => context.payment === null
	},
	actions: {
		clearPayer: assign({ payer: null, notice: null, error: null, declaration: null, guidance: null })
	}
}).createMachine({
	id: 'counterSession',
	context: ({ input }) => ({
		sessionId: input.sessionId,
		today: input.today,
		windowNo: input.windowNo,
		clerkId: input.clerkId,
		payer: null,
		business: 'payment',
		supervisorNotice: false,
		declarationRound: 0,
		paymentRound: 0,
		declaration: null,
		payment: null,
		bankForm: null,
		certificateNo: null,
		guidance: null,
		escalation: null,
		notice: null,
		error: null
	}),
	initial: 'pickingPayer',
	output: ({ context, event }) => {
		const outcome = (event as unknown as { output?: { outcome?: CounterSessionOutput['outcome'] } }).output?.outcome ?? 'done';
		return {
			outcome,
			payerId: context.payer?.id ?? null,
			business: context.business,
			declarationNo: context.payment?.declarationNo ?? context.declaration?.declarationNo ?? null,
			voucherNo: context.payment?.voucherNo ?? null,
			channel: context.payment?.channel ?? null,
			amountFen: context.payment?.amountFen ?? null,
			bankFormVoucherNo: context.bankForm?.voucherNo ?? null,
			certificateNo: context.certificateNo,
			guidanceTopic: context.guidance?.topic ?? null,
			supervisorNotice: context.supervisorNotice,
			error: context.error
		};
	},
	states: {
		pickingPayer: {
			on: {
				PAYER_PICKED: [
					{
						guard: 'unitPayer',
						target: 'routingBusiness',
						actions: assign(({ event }) => ({ payer: event.payer, business: event.business ?? 'payment', error: null }))
					},
					{ actions: assign({ error: { code: 'NOT_A_UNIT', message: COUNTER_SESSION_TEXTS.notUnit } }) }
				],
				CANCEL: 'cancelled'
			}
		},
		routingBusiness: {
			always: [
				{ guard: ({ context }) => context.business === 'certificate', target: 'certificate' },
				{ guard: ({ context }) => context.business === 'refund', target: 'refundGuidance' },
				{ target: 'linking' }
			]
		},
		linking: {
			invoke: {
				id: 'registrationLink',
				src: 'registrationLink',
				input: ({ context }) => ({
					sessionId: context.sessionId,
					payer: context.payer!,
					today: context.today,
					clerkId: context.clerkId,
					request: (context.business === 'payment' ? 'link' : context.business) as RegistrationRequest
				}),
				onDone: [
					{
						guard: { type: 'linkOutcome', params: { is: 'linked' } },
						target: 'declaring',
						actions: assign(({ event }) => ({
							supervisorNotice: event.output.outcome === 'linked' && event.output.supervisorNotice
						}))
					},
					{
						// Dues must be settled before the agency cancels: declare and pay them here.
						guard: { type: 'linkOutcome', params: { is: 'cancellationRefused' } },
						target: 'declaring',
						actions: assign(({ event }) => ({
							notice:
								event.output.outcome !== 'cancellationRefused'
									? null
									: // Annuity alone is owed: nothing can be declared here, the page links to its notices instead.
										event.output.refusal.code === 'ANNUITY_OUTSTANDING'
										? event.output.refusal.message
										: COUNTER_SESSION_TEXTS.declareDuesFirst(event.output.refusal.message)
						}))
					},
					{
						guard: { type: 'linkOutcome', params: { is: 'guidance' } },
						target: 'guidance',
						actions: assign(({ event }) => ({
							guidance: event.output.outcome === 'guidance' ? { topic: 'registration' as const, slip: event.output.slip, copies: 0 } : null
						}))
					},
					{
						guard: { type: 'linkOutcome', params: { is: 'cancellationGuidance' } },
						target: 'guidance',
						actions: assign(({ event }) => ({
							guidance: event.output.outcome === 'cancellationGuidance' ? { topic: 'cancellation' as const, slip: event.output.slip, copies: 0 } : null
						}))
					},
					{ target: 'cancelled' }
				],
				onError: { target: 'failed', actions: assign(({ event }) => ({ error: childError(event.error) })) }
			},
			on: {
				...forwarding('registrationLink', LINK_EVENTS),
				BACK: { target: 'pickingPayer', actions: 'clearPayer' },
				CANCEL: 'cancelled'
			}
		},
		declaring: {
			entry: assign(({ context }) => ({ declarationRound: context.declarationRound + 1 })),
			invoke: {
				id: 'declaration',
				src: 'declaration',
				input: ({ context }) => ({
					sessionId: `${context.sessionId}:d${context.declarationRound}`,
					payer: context.payer!,
					today: context.today
				}),
				onDone: [
					{
						guard: { type: 'declarationOutcome', params: { is: 'declared' } },
						target: 'paying',
						actions: assign(({ event }) => ({
							declaration:
								event.output.outcome === 'declared'
									? { declarationNo: event.output.declarationNo, totalFen: event.output.totalFen, lines: event.output.lines }
									: null,
							notice: null
						}))
					},
					{
						guard: { type: 'declarationOutcome', params: { is: 'sentToAgency' } },
						target: 'guidance',
						actions: assign(({ event }) => ({
							guidance: event.output.outcome === 'sentToAgency' ? { topic: 'dispute' as const, slip: event.output.slip, copies: 0 } : null
						}))
					},
					{
						guard: { type: 'declarationOutcome', params: { is: 'back' } },
						target: 'pickingPayer',
						actions: 'clearPayer'
					},
					{ target: 'cancelled' }
				],
				onError: { target: 'failed', actions: assign(({ event }) => ({ error: childError(event.error) })) }
			},
			on: forwarding('declaration', DECLARATION_EVENTS)
		},
		paying: {
			entry: assign(({ context }) => ({ paymentRound: context.paymentRound + 1 })),
			invoke: {
				id: 'payment',
				src: 'payment',
				input: ({ context }) => ({
					sessionId: `${context.sessionId}:p${context.paymentRound}`,
					payer: context.payer!,
					declaration: context.declaration!,
					today: context.today,
					payerKind: context.payer!.kind,
					windowNo: context.windowNo,
					clerkId: context.clerkId
				}),
				onDone: [
					{
						guard: { type: 'paymentOutcome', params: { is: 'paid' } },
						target: 'receipt',
						actions: assign(({ event }) => ({ payment: event.output.outcome === 'paid' ? event.output : null }))
					},
					{
						guard: { type: 'paymentOutcome', params: { is: 'awaitingBankStub' } },
						target: 'done',
						actions: assign(({ event }) => ({
							bankForm:
								event.output.outcome === 'awaitingBankStub'
									? { voucherNo: event.output.voucherNo, limitDate: event.output.limitDate, notice: event.output.notice }
									: null
						}))
					},
					{
						guard: { type: 'paymentOutcome', params: { is: 'escalated' } },
						target: 'escalated',
						actions: assign(({ event }) => ({ escalation: event.output.outcome === 'escalated' ? event.output : null }))
					},
					{
						// Back to the declarations: the unpaid one is listed there to pay or void.
						guard: { type: 'paymentOutcome', params: { is: 'back' } },
						target: 'declaring',
						actions: assign({ declaration: null })
					},
					{ target: 'cancelled' }
				],
				onError: { target: 'failed', actions: assign(({ event }) => ({ error: childError(event.error) })) }
			},
			on: forwarding('payment', PAYMENT_EVENTS)
		},
		// After money moved: forward only.
		receipt: {
			invoke: {
				id: 'receiptPrint',
				src: 'receiptPrint',
				input: ({ context }) => ({ sessionId: context.sessionId, receipt: receiptOf(context) }),
				onDone: 'done',
				onError: { target: 'done', actions: assign(({ event }) => ({ error: childError(event.error) })) }
			},
			on: {
				...forwarding('receiptPrint', RECEIPT_EVENTS),
				CERTIFICATE: { guard: 'electronicPayment', target: 'certificate' },
				FINISH: 'done'
			}
		},
		certificate: {
			invoke: {
				id: 'certificate',
				src: 'certificate',
				input: ({ context }) => ({ sessionId: context.sessionId, payer: context.payer!, today: context.today }),
				onDone: [
					{
						guard: ({ event }) => (event.output as CertificateOutput).outcome === 'printed',
						target: 'done',
						actions: assign(({ event }) => ({
							certificateNo: event.output.outcome === 'printed' ? event.output.certificateNo : null
						}))
					},
					// Cancelled inside the certificate flow: before a payment the visit ends, after
					// one it ends as done (the payment stands).
					{ guard: 'noPayment', target: 'cancelled' },
					{ target: 'done' }
				],
				onError: { target: 'failed', actions: assign(({ event }) => ({ error: childError(event.error) })) }
			},
			on: {
				...forwarding('certificate', CERTIFICATE_EVENTS),
				BACK: { guard: 'noPayment', target: 'pickingPayer', actions: 'clearPayer' },
				CANCEL: { guard: 'noPayment', target: 'cancelled' },
				FINISH: 'done'
			}
		},
		refundGuidance: {
			invoke: {
				id: 'refundGuidance',
				src: 'refundGuidance',
				input: ({ context }) => ({ sessionId: context.sessionId, payer: context.payer! }),
				onDone: 'done',
				onError: { target: 'failed', actions: assign(({ event }) => ({ error: childError(event.error) })) }
			},
			on: {
				...forwarding('refundGuidance', REFUND_EVENTS),
				BACK: { target: 'pickingPayer', actions: 'clearPayer' },
				CANCEL: 'cancelled'
			}
		},
		// A slip for the payer to take to the agency (no registration, cancellation, dispute).
		guidance: {
			initial: 'showing',
			states: {
				showing: {
					on: {
						PRINT: 'printing',
						FINISH: '#counterSession.done',
						BACK: { target: '#counterSession.pickingPayer', actions: 'clearPayer' },
						CANCEL: '#counterSession.cancelled'
					}
				},
				printing: {
					invoke: {
						id: 'printGuidanceSlip',
						src: 'printGuidanceSlip',
						input: ({ context }) => ({
							jobId: `${context.sessionId}:guidance:${context.guidance!.topic}:${context.guidance!.copies}`,
							payerName: context.payer!.name,
							slip: context.guidance!.slip
						}),
						onDone: {
							target: 'showing',
							actions: assign(({ context }) => ({
								guidance: { ...context.guidance!, copies: context.guidance!.copies + 1 },
								error: null
							}))
						},
						onError: {
							target: 'showing',
							actions: assign(({ event }) => ({
								error: toMachineError(event.error, { code: 'PRINT_FAILED', message: COUNTER_SESSION_TEXTS.slipPrintFailed })
							}))
						}
					}
				}
			}
		},
		done: { type: 'final', output: { outcome: 'done' } },
		cancelled: { type: 'final', output: { outcome: 'cancelled' } },
		escalated: { type: 'final', output: { outcome: 'escalated' } },
		failed: { type: 'final', output: { outcome: 'failed' } }
	}
});
