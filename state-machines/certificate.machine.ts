// 缴费凭证开具 (guide ch. 1 §四, ch. 2 §四): for payments made by electronic voucher (三方协议扣款,
// POS机刷卡) the window issues 《税收完税证明》. The clerk sets a date range (`SET_RANGE`,
// from ≤ to, not after today), the machine lists the payer's electronic payments in it, the clerk
// ticks payments and issues. Only booked payments (入库) can be certified. The certificate
// carries the guide's sentence that the agencies' refunds are not shown.
// Bank-collection forms and pending-account forms are certificates themselves; they are not
// issued here. 办理时间：工作日 — the hall's opening days, not checked by this machine.

import { assign, fromPromise, setup } from 'xstate';
import type { Payer } from '../src/lib/domain/payer';
import type { IsoDate } from '../src/lib/domain/dates';
import { NotProvidedError, PAPER_MOVING, REFUND_NOT_SHOWN, isIsoDate, toMachineError, toggleSortedText, type MachineError } from './shared';

// ---------------------------------------------------------------------------------------------
// Actor contracts

export type ElectronicChannel = 'pos' | 'agreement';

export interface ElectronicPayment {
	/** 电子税票号码. */
	voucherNo: string;
	channel: ElectronicChannel;
	paidOn: IsoDate;
	/** Day the money was booked in the treasury (入库); null while not booked yet. */
	bookedOn: IsoDate | null;
	amountFen: number;
	items: { name: string; periodFrom: IsoDate; periodTo: IsoDate; amountFen: number }[];
}

export interface ListElectronicPaymentsInput {
	payerId: number;
	from: IsoDate;
	to: IsoDate;
}
export interface ListElectronicPaymentsOutput {
	payments: ElectronicPayment[];
}

/** Issues and prints one 《税收完税证明》. Idempotent by `jobId` (same certificate number). */
export interface PrintCertificateInput {
	jobId: string;
	payerId: number;
	payerName: string;
	payerIdentifier: string;
	payments: ElectronicPayment[];
	issuedOn: IsoDate;
	/** Printed on the certificate: refunds by the agencies are not shown. */
	refundNotice: string;
}
export interface PrintCertificateOutput {
	certificateNo: string;
}

// ---------------------------------------------------------------------------------------------

export interface CertificateInput {
	sessionId: string;
	payer: Payer;
	today: IsoDate;
}

export interface CertificateContext {
	sessionId: string;
	payer: Payer;
	today: IsoDate;
	from: IsoDate | null;
	to: IsoDate | null;
	payments: ElectronicPayment[];
	/** Ticked voucher numbers, sorted. */
	selected: string[];
	/** Certificates issued in this flow, to number the next job. */
	issued: number;
	certificateNo: string | null;
	error: MachineError | null;
}

export type CertificateEvent =
	| { type: 'SET_RANGE'; from: IsoDate; to: IsoDate }
	| { type: 'TOGGLE_PAYMENT'; voucherNo: string }
	| { type: 'ISSUE' }
	| { type: 'RETRY' }
	| { type: 'BACK' }
	| { type: 'CANCEL' };

export type CertificateOutput = { outcome: 'printed'; certificateNo: string; payments: ElectronicPayment[]; refundNotice: string } | { outcome: 'cancelled' };

export const CERTIFICATE_TEXTS = {
	title: '税收完税证明',
	refundNotice: REFUND_NOT_SHOWN,
	badDate: '请输入有效的起止日期（YYYY-MM-DD）。',
	reversed: '起始日期不能晚于截止日期。',
	future: (today: IsoDate) => `截止日期不能晚于今天（${today}）。`,
	loadFailed: '查询电子缴款记录失败，请稍后重试。',
	none: '该期间没有可开具《税收完税证明》的电子缴款记录（三方协议扣款、POS机刷卡）。',
	notBooked: '该笔缴款尚未入库，暂不能开具《税收完税证明》，请入库后再来开具。',
	unknown: '所选不是本期间的电子缴款记录。',
	nothingSelected: '请勾选要开具完税证明的缴款记录。',
	printFailed: '完税证明打印失败，请检查打印机后重试（重试不会重复开具）。'
} as const;

/** What is wrong with a certificate's date range (valid dates, from ≤ to, not after today); null when nothing. */
export function dateRangeError(today: IsoDate, from: unknown, to: unknown): MachineError | null {
	if (!isIsoDate(from) || !isIsoDate(to)) return { code: 'BAD_DATE', message: CERTIFICATE_TEXTS.badDate };
	if (from > to) return { code: 'RANGE_REVERSED', message: CERTIFICATE_TEXTS.reversed };
	if (to > today) return { code: 'RANGE_IN_FUTURE', message: CERTIFICATE_TEXTS.future(today) };
	return null;
}

const rangeError = (context: CertificateContext, from: unknown, to: unknown) => dateRangeError(context.today, from, to);

function paymentProblem(context: CertificateContext, voucherNo: string): MachineError | null {
	const p = context.payments.find((x) => x.voucherNo === voucherNo);
	if (!p) return { code: 'PAYMENT_UNKNOWN', message: CERTIFICATE_TEXTS.unknown };
	if (p.bookedOn === null) return { code: 'NOT_BOOKED', message: CERTIFICATE_TEXTS.notBooked };
	return null;
}

export function certificateJobId(sessionId: string, issued: number): string {
	return `${sessionId}:certificate:${issued}`;
}

export const certificateMachine = setup({
	types: {
		input: {} as CertificateInput,
		context: {} as CertificateContext,
		events: {} as CertificateEvent,
		output: {} as CertificateOutput
	},
	actors: {
		listElectronicPayments: fromPromise<ListElectronicPaymentsOutput, ListElectronicPaymentsInput>(async () => {
			throw new NotProvidedError('listElectronicPayments');
		}),
		printCertificate: fromPromise<PrintCertificateOutput, PrintCertificateInput>(async () => {
			throw new NotProvidedError('printCertificate');
		})
	},
	guards: {
		rangeValid: ({ context, event }) => event.type === 'SET_RANGE' && rangeError(context, event.from, event.to) === null,
		paymentSelectable: ({ context, event }) =>
			event.type === 'TOGGLE_PAYMENT' && (context.selected.includes(event.voucherNo) || paymentProblem(context, event.voucherNo) === null),
		nothingSelected: ({ context }) => context.selected.length === 0
	},
	actions: {
		setRange: assign(({ event }) => (event.type === 'SET_RANGE' ? { from: event.from, to: event.to, error: null } : {})),
		refuseRange: assign(({ context, event }) => (event.type === 'SET_RANGE' ? { error: rangeError(context, event.from, event.to) } : {}))
	}
}).createMachine({
	id: 'certificate',
	context: ({ input }) => ({
		sessionId: input.sessionId,
		payer: input.payer,
		today: input.today,
		from: null,
		to: null,
		payments: [],
		selected: [],
		issued: 0,
		certificateNo: null,
		error: null
	}),
	initial: 'range',
	output: ({ event }) => (event as unknown as { output: CertificateOutput }).output,
	states: {
		range: {
			on: {
				SET_RANGE: [{ guard: 'rangeValid', target: 'loading', actions: 'setRange' }, { actions: 'refuseRange' }],
				CANCEL: 'cancelled'
			}
		},
		loading: {
			invoke: {
				id: 'listElectronicPayments',
				src: 'listElectronicPayments',
				input: ({ context }) => ({ payerId: context.payer.id, from: context.from!, to: context.to! }),
				onDone: {
					target: 'selecting',
					actions: assign(({ event }) => {
						// Only electronic payments (defensive: the list is for 完税证明 only).
						const payments = event.output.payments.filter((p) => p.channel === 'pos' || p.channel === 'agreement');
						return {
							payments,
							selected: [],
							error: payments.length === 0 ? { code: 'NONE', message: CERTIFICATE_TEXTS.none } : null
						};
					})
				},
				onError: {
					target: 'loadFailed',
					actions: assign(({ event }) => ({
						error: toMachineError(event.error, { code: 'LOAD_FAILED', message: CERTIFICATE_TEXTS.loadFailed })
					}))
				}
			}
		},
		loadFailed: {
			on: {
				RETRY: { target: 'loading', actions: assign({ error: null }) },
				BACK: { target: 'range', actions: assign({ error: null }) },
				CANCEL: 'cancelled'
			}
		},
		selecting: {
			on: {
				SET_RANGE: [{ guard: 'rangeValid', target: 'loading', actions: 'setRange' }, { actions: 'refuseRange' }],
				TOGGLE_PAYMENT: [
					{
						guard: 'paymentSelectable',
						actions: assign(({ context, event }) => ({
							selected: toggleSortedText(context.selected, event.voucherNo),
							error: null
						}))
					},
					{ actions: assign(({ context, event }) => ({ error: paymentProblem(context, event.voucherNo) })) }
				],
				ISSUE: [
					{
						guard: 'nothingSelected',
						actions: assign({ error: { code: 'NOTHING_SELECTED', message: CERTIFICATE_TEXTS.nothingSelected } })
					},
					{ target: 'printing', actions: assign({ error: null }) }
				],
				BACK: { target: 'range', actions: assign({ error: null }) },
				CANCEL: 'cancelled'
			}
		},
		printing: {
			tags: [PAPER_MOVING],
			invoke: {
				id: 'printCertificate',
				src: 'printCertificate',
				input: ({ context }) => ({
					jobId: certificateJobId(context.sessionId, context.issued),
					payerId: context.payer.id,
					payerName: context.payer.name,
					payerIdentifier: context.payer.identifier,
					payments: context.payments.filter((p) => context.selected.includes(p.voucherNo)),
					issuedOn: context.today,
					refundNotice: CERTIFICATE_TEXTS.refundNotice
				}),
				onDone: {
					target: 'printed',
					actions: assign(({ context, event }) => ({
						certificateNo: event.output.certificateNo,
						issued: context.issued + 1,
						error: null
					}))
				},
				onError: {
					target: 'failed',
					actions: assign(({ event }) => ({
						error: toMachineError(event.error, { code: 'PRINT_FAILED', message: CERTIFICATE_TEXTS.printFailed })
					}))
				}
			}
		},
		failed: {
			on: {
				RETRY: { target: 'printing', actions: assign({ error: null }) },
				BACK: { target: 'selecting', actions: assign({ error: null }) },
				CANCEL: 'cancelled'
			}
		},
		printed: {
			type: 'final',
			output: ({ context }) => ({
				outcome: 'printed' as const,
				certificateNo: context.certificateNo!,
				payments: context.payments.filter((p) => context.selected.includes(p.voucherNo)),
				refundNotice: CERTIFICATE_TEXTS.refundNotice
			})
		},
		cancelled: { type: 'final', output: () => ({ outcome: 'cancelled' as const }) }
	}
});
