// 城乡居民 / 灵活就业人员缴费凭证开具 (guide ch. 3 §三, ch. 4 §三): at the window, on the person's ID,
// the clerk issues 《社会保险费缴费证明》 for the payments the person picks, or 《社会保险费缴费记录》
// listing every payment of a chosen period. Both only once the payment is booked (入库销号,
// 缴费完成的3-5个工作日后): before that the step says from which day it can be issued. Each
// certificate carries a number of its own and a verification code, and the sentence that the
// agencies' refunds are not shown. Several certificates may be issued in one visit; the last one
// can be printed again (补打, same number).

import { assign, fromPromise, setup } from 'xstate';
import type { Payer, PaymentChannel } from '../src/lib/domain/payer';
import type { IsoDate } from '../src/lib/domain/dates';
import { dateRangeError } from './certificate.machine';
import { NotProvidedError, PAPER_MOVING, REFUND_NOT_SHOWN, toMachineError, toggleSortedText, type MachineError } from './shared';

// ---------------------------------------------------------------------------------------------
// Actor contracts

export type IndividualCertificateKind = 'proof' | 'record';

/** A payment of the person as the step lists it (plain JSON). */
export interface IndividualCertificatePayment {
	/** 电子税票号码. */
	voucherNo: string;
	channel: PaymentChannel;
	paidOn: IsoDate;
	/** 入库销号 day; null while not booked. */
	bookedOn: IsoDate | null;
	/** The day it is due to be booked; null while the calendar lacks that year. */
	bookingDueOn: IsoDate | null;
	amountFen: number;
	items: { name: string; periodFrom: IsoDate; periodTo: IsoDate; amountFen: number }[];
}

export interface ListIndividualPaymentsInput {
	payerId: number;
	from: IsoDate;
	to: IsoDate;
}
export interface ListIndividualPaymentsOutput {
	payments: IndividualCertificatePayment[];
}

/**
 * Issues and prints one certificate. Idempotent by `jobId`: the same job keeps its number, its
 * content and its code; `copy` above 0 prints that certificate again, marked 补打. The server
 * builds the content from the upstream's booked payments, never from this input's rows.
 */
export interface PrintIndividualCertificateInput {
	jobId: string;
	kind: IndividualCertificateKind;
	payerId: number;
	from: IsoDate;
	to: IsoDate;
	/** The payments certified: the ones picked (proof) or every booked one of the period (record). */
	voucherNos: string[];
	copy: number;
}
export interface PrintIndividualCertificateOutput {
	certificateNo: string;
	/** 验证码, e.g. `3F9A-0C1B-77D2-E410`. */
	verificationCode: string;
}

// ---------------------------------------------------------------------------------------------

export interface IndividualCertificateInput {
	sessionId: string;
	payer: Payer;
	today: IsoDate;
}

/** A certificate issued in this visit. */
export interface IssuedIndividualCertificate {
	kind: IndividualCertificateKind;
	certificateNo: string;
	verificationCode: string;
	/** Which job of the visit issued it (its number in the job id). */
	job: number;
	/** Copies printed again (补打). */
	reprints: number;
}

export interface IndividualCertificateContext {
	sessionId: string;
	payer: Payer;
	today: IsoDate;
	from: IsoDate;
	to: IsoDate;
	payments: IndividualCertificatePayment[];
	/** Picked voucher numbers for the proof, sorted. */
	selected: string[];
	/** The certificate being printed. */
	printing: IndividualCertificateKind | null;
	/** Certificates issued in this visit, oldest first; the last one is the one REPRINT prints. */
	issued: IssuedIndividualCertificate[];
	error: MachineError | null;
}

export type IndividualCertificateEvent =
	| { type: 'SET_RANGE'; from: IsoDate; to: IsoDate }
	| { type: 'TOGGLE_PAYMENT'; voucherNo: string }
	| { type: 'ISSUE_PROOF' }
	| { type: 'ISSUE_RECORD' }
	| { type: 'RETRY' }
	| { type: 'REPRINT' }
	| { type: 'CANCEL' }
	| { type: 'CLOSE' };

export type IndividualCertificateOutput = { outcome: 'printed'; certificateNos: string[] } | { outcome: 'cancelled' };

export const INDIVIDUAL_CERTIFICATE_TEXTS = {
	title: { proof: '社会保险费缴费证明', record: '社会保险费缴费记录' } satisfies Record<IndividualCertificateKind, string>,
	refundNotice: REFUND_NOT_SHOWN,
	availableFrom: (day: IsoDate) => `可于${day}起开具`,
	loadFailed: '查询缴费记录失败，请稍后重试。',
	none: '该期间没有缴费记录，请调整起止日期。',
	notBooked: (day: IsoDate | null) =>
		day ? `该笔缴费尚未入库销号，可于${day}起开具缴费证明。` : '该笔缴费尚未入库销号，入库销号后方可开具缴费证明（节假日安排未录入，暂不能推算日期）。',
	noneBooked: (day: IsoDate | null) =>
		day
			? `该期间的缴费尚未入库销号，暂不能开具；最早可于${day}起开具《社会保险费缴费证明》《社会保险费缴费记录》。`
			: '该期间的缴费尚未入库销号，入库销号后方可开具（节假日安排未录入，暂不能推算日期）。',
	unknown: '所选不是本期间的缴费记录。',
	nothingSelected: '请勾选要开具缴费证明的缴费记录。',
	printFailed: '缴费凭证打印失败，请检查A4打印机后重试（重试不会重复编号）。'
} as const;

const booked = (payments: readonly IndividualCertificatePayment[]) => payments.filter((p) => p.bookedOn !== null);

/** The first day an unbooked payment of the list can be certified; null when none is known. */
export function firstIssuableDay(payments: readonly IndividualCertificatePayment[]): IsoDate | null {
	const days = payments.flatMap((p) => (p.bookedOn === null && p.bookingDueOn !== null ? [p.bookingDueOn] : []));
	return days.length ? days.sort()[0] : null;
}

function nothingBooked(context: IndividualCertificateContext): MachineError | null {
	if (context.payments.length === 0) return { code: 'NONE', message: INDIVIDUAL_CERTIFICATE_TEXTS.none };
	if (booked(context.payments).length === 0)
		return { code: 'NOT_BOOKED', message: INDIVIDUAL_CERTIFICATE_TEXTS.noneBooked(firstIssuableDay(context.payments)) };
	return null;
}

function paymentProblem(context: IndividualCertificateContext, voucherNo: string): MachineError | null {
	const p = context.payments.find((x) => x.voucherNo === voucherNo);
	if (!p) return { code: 'PAYMENT_UNKNOWN', message: INDIVIDUAL_CERTIFICATE_TEXTS.unknown };
	if (p.bookedOn === null) return { code: 'NOT_BOOKED', message: INDIVIDUAL_CERTIFICATE_TEXTS.notBooked(p.bookingDueOn) };
	return null;
}

/** One print job per certificate of the visit; a restored session asks again under the same id. */
export function individualCertificateJobId(sessionId: string, job: number): string {
	return `${sessionId}:individual-certificate:${job}`;
}

function yearStart(today: IsoDate): IsoDate {
	return `${today.slice(0, 4)}-01-01`;
}

const last = (context: IndividualCertificateContext) => context.issued[context.issued.length - 1];

export const individualCertificateMachine = setup({
	types: {
		input: {} as IndividualCertificateInput,
		context: {} as IndividualCertificateContext,
		events: {} as IndividualCertificateEvent,
		output: {} as IndividualCertificateOutput
	},
	actors: {
		listIndividualPayments: fromPromise<ListIndividualPaymentsOutput, ListIndividualPaymentsInput>(async () => {
			throw new NotProvidedError('listIndividualPayments');
		}),
		printIndividualCertificate: fromPromise<PrintIndividualCertificateOutput, PrintIndividualCertificateInput>(async () => {
			throw new NotProvidedError('printIndividualCertificate');
		})
	},
	guards: {
		rangeValid: ({ context, event }) => event.type === 'SET_RANGE' && dateRangeError(context.today, event.from, event.to) === null,
		paymentSelectable: ({ context, event }) =>
			event.type === 'TOGGLE_PAYMENT' && (context.selected.includes(event.voucherNo) || paymentProblem(context, event.voucherNo) === null),
		nothingBooked: ({ context }) => nothingBooked(context) !== null,
		nothingSelected: ({ context }) => context.selected.length === 0,
		nothingIssued: ({ context }) => context.issued.length === 0,
		somethingIssued: ({ context }) => context.issued.length > 0
	},
	actions: {
		setRange: assign(({ event }) => (event.type === 'SET_RANGE' ? { from: event.from, to: event.to, error: null } : {})),
		refuseRange: assign(({ context, event }) => (event.type === 'SET_RANGE' ? { error: dateRangeError(context.today, event.from, event.to) } : {})),
		refuseNothingBooked: assign(({ context }) => ({ error: nothingBooked(context) })),
		clearError: assign({ error: null })
	}
}).createMachine({
	id: 'individualCertificate',
	context: ({ input }) => ({
		sessionId: input.sessionId,
		payer: input.payer,
		today: input.today,
		from: yearStart(input.today),
		to: input.today,
		payments: [],
		selected: [],
		printing: null,
		issued: [],
		error: null
	}),
	initial: 'loading',
	output: ({ event }) => (event as unknown as { output: IndividualCertificateOutput }).output,
	states: {
		loading: {
			invoke: {
				id: 'listIndividualPayments',
				src: 'listIndividualPayments',
				input: ({ context }) => ({ payerId: context.payer.id, from: context.from, to: context.to }),
				onDone: {
					target: 'selecting',
					actions: assign(({ event }) => ({
						payments: event.output.payments,
						selected: [],
						error: event.output.payments.length === 0 ? { code: 'NONE', message: INDIVIDUAL_CERTIFICATE_TEXTS.none } : null
					}))
				},
				onError: {
					target: 'loadFailed',
					actions: assign(({ event }) => ({ error: toMachineError(event.error, { code: 'LOAD_FAILED', message: INDIVIDUAL_CERTIFICATE_TEXTS.loadFailed }) }))
				}
			}
		},
		loadFailed: {
			on: {
				RETRY: { target: 'loading', actions: 'clearError' },
				SET_RANGE: [{ guard: 'rangeValid', target: 'loading', actions: 'setRange' }, { actions: 'refuseRange' }],
				CANCEL: { guard: 'nothingIssued', target: 'cancelled' },
				CLOSE: { guard: 'somethingIssued', target: 'done' }
			}
		},
		selecting: {
			on: {
				SET_RANGE: [{ guard: 'rangeValid', target: 'loading', actions: 'setRange' }, { actions: 'refuseRange' }],
				TOGGLE_PAYMENT: [
					{
						guard: 'paymentSelectable',
						actions: assign(({ context, event }) => ({ selected: toggleSortedText(context.selected, event.voucherNo), error: null }))
					},
					{ actions: assign(({ context, event }) => ({ error: paymentProblem(context, event.voucherNo) })) }
				],
				ISSUE_PROOF: [
					{ guard: 'nothingBooked', actions: 'refuseNothingBooked' },
					{ guard: 'nothingSelected', actions: assign({ error: { code: 'NOTHING_SELECTED', message: INDIVIDUAL_CERTIFICATE_TEXTS.nothingSelected } }) },
					{ target: 'printing', actions: assign({ printing: 'proof', error: null }) }
				],
				ISSUE_RECORD: [
					{ guard: 'nothingBooked', actions: 'refuseNothingBooked' },
					{ target: 'printing', actions: assign({ printing: 'record', error: null }) }
				],
				REPRINT: { guard: 'somethingIssued', target: 'reprinting', actions: 'clearError' },
				CANCEL: { guard: 'nothingIssued', target: 'cancelled' },
				// Once a certificate is out the visit ends with CLOSE; before that, CANCEL.
				CLOSE: { guard: 'somethingIssued', target: 'done' }
			}
		},
		printing: {
			tags: [PAPER_MOVING],
			invoke: {
				id: 'printIndividualCertificate',
				src: 'printIndividualCertificate',
				input: ({ context }) => {
					const kind = context.printing!;
					const rows = booked(context.payments);
					return {
						jobId: individualCertificateJobId(context.sessionId, context.issued.length),
						kind,
						payerId: context.payer.id,
						from: context.from,
						to: context.to,
						voucherNos: (kind === 'proof' ? rows.filter((p) => context.selected.includes(p.voucherNo)) : rows).map((p) => p.voucherNo),
						copy: 0
					};
				},
				onDone: {
					target: 'selecting',
					actions: assign(({ context, event }) => ({
						issued: [...context.issued, { kind: context.printing!, ...event.output, job: context.issued.length, reprints: 0 }],
						printing: null,
						selected: [],
						error: null
					}))
				},
				onError: {
					target: 'failed',
					actions: assign(({ event }) => ({ error: toMachineError(event.error, { code: 'PRINT_FAILED', message: INDIVIDUAL_CERTIFICATE_TEXTS.printFailed }) }))
				}
			}
		},
		failed: {
			on: {
				RETRY: { target: 'printing', actions: 'clearError' },
				CANCEL: { guard: 'nothingIssued', target: 'cancelled', actions: assign({ printing: null }) },
				CLOSE: { guard: 'somethingIssued', target: 'done', actions: assign({ printing: null }) }
			}
		},
		reprinting: {
			tags: [PAPER_MOVING],
			// The copy is of the stored certificate: its content does not follow the range or the ticks.
			invoke: {
				id: 'printIndividualCertificate',
				src: 'printIndividualCertificate',
				input: ({ context }) => {
					const l = last(context);
					return {
						jobId: individualCertificateJobId(context.sessionId, l.job),
						kind: l.kind,
						payerId: context.payer.id,
						from: context.from,
						to: context.to,
						voucherNos: [],
						copy: l.reprints + 1
					};
				},
				onDone: {
					target: 'selecting',
					actions: assign(({ context }) => ({
						issued: context.issued.map((c, i) => (i === context.issued.length - 1 ? { ...c, reprints: c.reprints + 1 } : c)),
						error: null
					}))
				},
				onError: {
					target: 'reprintFailed',
					actions: assign(({ event }) => ({ error: toMachineError(event.error, { code: 'PRINT_FAILED', message: INDIVIDUAL_CERTIFICATE_TEXTS.printFailed }) }))
				}
			}
		},
		reprintFailed: {
			on: { RETRY: { target: 'reprinting', actions: 'clearError' }, CLOSE: 'done' }
		},
		done: {
			type: 'final',
			output: ({ context }) => ({ outcome: 'printed' as const, certificateNos: context.issued.map((c) => c.certificateNo) })
		},
		cancelled: { type: 'final', output: () => ({ outcome: 'cancelled' as const }) }
	}
});
