// 集中代收 at the window (guide ch. 3 二.2; DOMAIN business 7): a collector (代办员) brings the cash
// and the list of a village; the clerk imports the list, every row is checked, and the good rows
// are paid as ONE batch through the collector's virtual account (虚拟户):
// - the list never enters this context (it is saved after every transition): the server stores the
//   checked rows under an upload id, the machine keeps the id and the summary only;
// - a new upload replaces the list until money moves; the clerk pays the good rows or refuses the
//   whole list;
// - the county's double limits (双限: most cash held, most days held, from the 收款日期 column) do
//   not stop the payment (the residents must not lose their cover), but a breach is shown and goes
//   on only with a supervisor's confirmation on the spot (SUPERVISOR_CONFIRM, sent by the server
//   once it checked the supervisor's password);
// - the money is taken by the payment machine (cash with change, or POS card) as one declaration:
//   the batch. The batch kind provides its recordPayment: deposit into the virtual account, then
//   the settlement of every good row in one upstream transaction, idempotent by the record key;
// - then the batch summary on the receipt printer and the person-by-person register (登记造册) on
//   the form printer, each printed again marked 补打 on request.

import { assign, fromPromise, setup } from 'xstate';
import type { CashLimitCheck, CashLimits } from '../src/lib/domain/cash-limits';
import type { Payer } from '../src/lib/domain/payer';
import type { IsoDate } from '../src/lib/domain/dates';
import { NotProvidedError, REFUND_NOT_SHOWN, toMachineError, type MachineError, forwarding, type Forwarded } from './shared';
import {
	CARD_AND_CASH_EVENTS,
	PAYMENT_TEXTS,
	paymentMachine,
	type CardApproval,
	type PaidOutput,
	type PaymentEvent,
	type PaymentInput,
	type PaymentOutput
} from './payment.machine';

/** The collector at the window, as registered by a supervisor. */
export interface BatchCollector {
	code: string;
	name: string;
	idNumber: string;
	county: string;
	virtualAccountNo: string;
}

export interface CollectorBatchInput {
	sessionId: string;
	today: IsoDate;
	windowNo: string;
	clerkId: string;
	collector: BatchCollector;
}

// ---------------------------------------------------------------------------------------------
// Actor contracts

/** Summarises a stored upload: its good and bad rows, and the double limits against its 收款日期. */
export interface CheckUploadInput {
	uploadId: number;
	today: IsoDate;
}
export interface CheckUploadOutput {
	good: number;
	bad: number;
	goodFen: number;
	/** The good rows' cash against the county's limits for today; null when the county has none set. */
	collections: CashLimitCheck | null;
	limits: CashLimits | null;
}

/** What the batch summary on the receipt printer shows. */
export interface BatchReceiptData {
	batchNo: string;
	collector: BatchCollector;
	persons: number;
	amountFen: number;
	amountInWords: string;
	/** The batch voucher of the settlement. */
	voucherNo: string;
	paidOn: IsoDate;
	channel: PaidOutput['channel'];
	card: CardApproval | null;
	cash: { tenderedFen: number; changeFen: number } | null;
	windowNo: string;
	clerkId: string;
	refundNotice: string;
}

/** Prints the batch summary; idempotent by `jobId`. */
export interface PrintBatchSummaryInput {
	jobId: string;
	/** Copies after the first are marked 补打. */
	reprint: boolean;
	summary: BatchReceiptData;
}

/** Prints 登记造册 (A4): the upload's good rows person by person; idempotent by `jobId`. */
export interface PrintRegisterInput {
	jobId: string;
	reprint: boolean;
	uploadId: number;
	batch: BatchReceiptData;
}

export interface PrintedOutput {
	printed: true;
}

// ---------------------------------------------------------------------------------------------

export interface BatchSummary extends CheckUploadOutput {
	uploadId: number;
}

export type PrintJob = 'summary' | 'register';

export interface CollectorBatchContext {
	sessionId: string;
	today: IsoDate;
	windowNo: string;
	clerkId: string;
	collector: BatchCollector;
	/** The list being checked, then shown; replaced by a new upload until money moves. */
	uploadId: number | null;
	summary: BatchSummary | null;
	/** The supervisor's on-the-spot confirmation of this list's breach of the double limits. */
	breachConfirmed: { supervisorId: string; note: string } | null;
	paymentRound: number;
	payment: PaidOutput | null;
	/** The copy number of each print's next (or current) job; 0 is the original. */
	copies: Record<PrintJob, number>;
	printedJobs: string[];
	escalation: Extract<PaymentOutput, { outcome: 'escalated' }> | null;
	error: MachineError | null;
}

export type CollectorBatchEvent =
	/** Sent by the server once it stored a checked list. */
	| { type: 'UPLOADED'; uploadId: number }
	| { type: 'PAY' }
	| { type: 'REFUSE' }
	/** Sent by the server once it checked the supervisor's password. */
	| { type: 'SUPERVISOR_CONFIRM'; supervisorId: string; note: string }
	| { type: 'REPRINT_SUMMARY' }
	| { type: 'REPRINT_REGISTER' }
	| { type: 'FINISH' }
	| { type: 'RETRY' }
	| { type: 'CANCEL' }
	| Forwarded<PaymentEvent, typeof CARD_AND_CASH_EVENTS>;

export interface CollectorBatchOutput {
	outcome: 'done' | 'refused' | 'cancelled' | 'escalated' | 'failed';
	collectorCode: string;
	batchNo: string;
	uploadId: number | null;
	persons: number;
	amountFen: number | null;
	/** The batch voucher, once settled. */
	voucherNo: string | null;
	channel: PaidOutput['channel'] | null;
	breachConfirmed: boolean;
	error: MachineError | null;
}

export const COLLECTOR_BATCH_TEXTS = {
	nothingToPay: '清单中没有可缴费的行：请代办员修改后重新导入，或拒收本清单。',
	checkFailed: '清单校验结果读取失败，请重试；如仍失败请报告值班长。',
	supervisorFieldsMissing: '请值班长登录并填写确认说明。',
	printFailed: '打印失败，请检查打印机后重试。',
	childFailed: '本步骤发生系统错误，请报告值班长。'
} as const;

/** The batch's number: one per session, from its id (`W<window>-<yyyymmdd>-<8 hex>`), digits after `JZ`. */
export function batchNumber(sessionId: string): string {
	const [, windowNo = '0', day = '', hex = '0'] = /^W(\d+)-(\d{8})-([0-9a-f]+)/.exec(sessionId.split(':')[0]) ?? [];
	return `JZ${day}${windowNo.padStart(2, '0')}${String(parseInt(hex, 16)).padStart(10, '0')}`;
}

/**
 * The collector as the payment machine's payer: a resident's kind, so the channels at the window
 * are POS card and cash; the collector is no payer upstream (id 0), the rows' persons are.
 */
export function collectorPayer(c: BatchCollector, today: IsoDate): Payer {
	return {
		id: 0,
		kind: 'resident',
		name: c.name,
		identifier: c.idNumber,
		taxOffice: { code: '', name: '', treasury: '' },
		address: c.county,
		registeredOn: today
	};
}

/** Whether the list breaks the county's double limits (over means strictly more). */
export function breached(summary: BatchSummary | null): boolean {
	return summary?.collections ? !summary.collections.ok : false;
}

export function printJobId(sessionId: string, job: PrintJob, copy: number): string {
	return `${sessionId}:${job === 'summary' ? 'batch-summary' : 'register'}:${copy}`;
}

function receiptData(c: CollectorBatchContext): BatchReceiptData {
	const p = c.payment!;
	return {
		batchNo: batchNumber(c.sessionId),
		collector: c.collector,
		persons: c.summary!.good,
		amountFen: p.amountFen,
		amountInWords: PAYMENT_TEXTS.amountInWords(p.amountFen),
		voucherNo: p.voucherNo,
		paidOn: p.paidOn,
		channel: p.channel,
		card: p.details.channel === 'pos' ? p.details.approval : null,
		cash: p.details.channel === 'cash' ? { tenderedFen: p.details.tenderedFen, changeFen: p.details.changeFen } : null,
		windowNo: c.windowNo,
		clerkId: c.clerkId,
		refundNotice: REFUND_NOT_SHOWN
	};
}

export const collectorBatchMachine = setup({
	types: {
		input: {} as CollectorBatchInput,
		context: {} as CollectorBatchContext,
		events: {} as CollectorBatchEvent,
		output: {} as CollectorBatchOutput
	},
	actors: {
		payment: paymentMachine,
		checkUpload: fromPromise<CheckUploadOutput, CheckUploadInput>(async () => {
			throw new NotProvidedError('checkUpload');
		}),
		printBatchSummary: fromPromise<PrintedOutput, PrintBatchSummaryInput>(async () => {
			throw new NotProvidedError('printBatchSummary');
		}),
		printRegister: fromPromise<PrintedOutput, PrintRegisterInput>(async () => {
			throw new NotProvidedError('printRegister');
		})
	},
	guards: {
		paymentOutcome: ({ event }, params: { is: PaymentOutput['outcome'] }) => (event as unknown as { output: PaymentOutput }).output.outcome === params.is,
		nothingGood: ({ context }) => (context.summary?.good ?? 0) === 0,
		breachUnconfirmed: ({ context }) => breached(context.summary) && context.breachConfirmed === null,
		supervisorFieldsGiven: ({ event }) => event.type === 'SUPERVISOR_CONFIRM' && event.supervisorId.trim() !== '' && event.note.trim() !== '',
		registerNotPrinted: ({ context }) => !context.printedJobs.includes(printJobId(context.sessionId, 'register', 0))
	},
	actions: {
		markPrinted: assign(({ context }, params: { job: PrintJob }) => ({
			printedJobs: [...context.printedJobs, printJobId(context.sessionId, params.job, context.copies[params.job])],
			error: null
		})),
		printFailed: assign(({ event }) => ({
			error: toMachineError((event as { error?: unknown }).error, { code: 'PRINT_FAILED', message: COLLECTOR_BATCH_TEXTS.printFailed })
		})),
		nextCopy: assign(({ context }, params: { job: PrintJob }) => ({ copies: { ...context.copies, [params.job]: context.copies[params.job] + 1 } })),
		// A new list: its own check, its own breach, nothing of the old one.
		takeUpload: assign(({ event }) => (event.type === 'UPLOADED' ? { uploadId: event.uploadId, summary: null, breachConfirmed: null, error: null } : {}))
	}
}).createMachine({
	id: 'collectorBatch',
	context: ({ input }) => ({
		sessionId: input.sessionId,
		today: input.today,
		windowNo: input.windowNo,
		clerkId: input.clerkId,
		collector: input.collector,
		uploadId: null,
		summary: null,
		breachConfirmed: null,
		paymentRound: 0,
		payment: null,
		copies: { summary: 0, register: 0 },
		printedJobs: [],
		escalation: null,
		error: null
	}),
	initial: 'waitingList',
	output: ({ context, event }) => ({
		outcome: (event as unknown as { output?: { outcome?: CollectorBatchOutput['outcome'] } }).output?.outcome ?? 'done',
		collectorCode: context.collector.code,
		batchNo: batchNumber(context.sessionId),
		uploadId: context.uploadId,
		persons: context.payment ? (context.summary?.good ?? 0) : 0,
		amountFen: context.payment?.amountFen ?? null,
		voucherNo: context.payment?.voucherNo ?? null,
		channel: context.payment?.channel ?? null,
		breachConfirmed: context.breachConfirmed !== null,
		error: context.error
	}),
	states: {
		waitingList: {
			on: {
				UPLOADED: { target: 'checking', actions: 'takeUpload' },
				CANCEL: 'cancelled'
			}
		},
		checking: {
			invoke: {
				id: 'checkUpload',
				src: 'checkUpload',
				input: ({ context }) => ({ uploadId: context.uploadId!, today: context.today }),
				onDone: { target: 'report', actions: assign(({ context, event }) => ({ summary: { uploadId: context.uploadId!, ...event.output } })) },
				onError: {
					target: 'checkFailed',
					actions: assign(({ event }) => ({ error: toMachineError(event.error, { code: 'CHECK_FAILED', message: COLLECTOR_BATCH_TEXTS.checkFailed }) }))
				}
			},
			on: { CANCEL: 'cancelled' }
		},
		checkFailed: {
			on: {
				RETRY: { target: 'checking', actions: assign({ error: null }) },
				UPLOADED: { target: 'checking', actions: 'takeUpload' },
				CANCEL: 'cancelled'
			}
		},
		// The report: bad rows first with their reasons (the server's view), the good rows' total.
		report: {
			on: {
				UPLOADED: { target: 'checking', actions: 'takeUpload' },
				PAY: [
					{ guard: 'nothingGood', actions: assign({ error: { code: 'NOTHING_TO_PAY', message: COLLECTOR_BATCH_TEXTS.nothingToPay } }) },
					{ guard: 'breachUnconfirmed', target: 'breach', actions: assign({ error: null }) },
					{ target: 'paying', actions: assign({ error: null }) }
				],
				REFUSE: 'refused',
				CANCEL: 'cancelled'
			}
		},
		// The double limits are breached: the money is still taken, once a supervisor confirmed on the spot.
		breach: {
			on: {
				SUPERVISOR_CONFIRM: [
					{
						guard: 'supervisorFieldsGiven',
						target: 'paying',
						actions: assign(({ event }) => ({ breachConfirmed: { supervisorId: event.supervisorId, note: event.note.trim() }, error: null }))
					},
					{ actions: assign({ error: { code: 'SUPERVISOR_FIELDS_MISSING', message: COLLECTOR_BATCH_TEXTS.supervisorFieldsMissing } }) }
				],
				UPLOADED: { target: 'checking', actions: 'takeUpload' },
				REFUSE: 'refused',
				CANCEL: 'cancelled'
			}
		},
		paying: {
			entry: assign(({ context }) => ({ paymentRound: context.paymentRound + 1 })),
			invoke: {
				id: 'payment',
				src: 'payment',
				input: ({ context }): PaymentInput => ({
					sessionId: `${context.sessionId}:p${context.paymentRound}`,
					payer: collectorPayer(context.collector, context.today),
					declaration: { declarationNo: batchNumber(context.sessionId), totalFen: context.summary!.goodFen, lines: [] },
					today: context.today,
					payerKind: 'resident',
					windowNo: context.windowNo,
					clerkId: context.clerkId
				}),
				onDone: [
					{
						guard: { type: 'paymentOutcome', params: { is: 'paid' } },
						target: 'printing',
						actions: assign(({ event }) => ({ payment: event.output.outcome === 'paid' ? event.output : null }))
					},
					{
						guard: { type: 'paymentOutcome', params: { is: 'escalated' } },
						target: 'escalated',
						actions: assign(({ event }) => ({ escalation: event.output.outcome === 'escalated' ? event.output : null }))
					},
					{ guard: { type: 'paymentOutcome', params: { is: 'back' } }, target: 'report' },
					{ target: 'cancelled' }
				],
				onError: {
					target: 'failed',
					actions: assign(({ event }) => ({ error: toMachineError(event.error, { code: 'CHILD_FAILED', message: COLLECTOR_BATCH_TEXTS.childFailed }) }))
				}
			},
			on: forwarding<PaymentEvent>('payment', CARD_AND_CASH_EVENTS)
		},
		// After money moved: forward only. The summary first, then the register; each again on request, marked 补打.
		printing: {
			initial: 'summary',
			states: {
				summary: {
					invoke: {
						id: 'printBatchSummary',
						src: 'printBatchSummary',
						input: ({ context }) => ({
							jobId: printJobId(context.sessionId, 'summary', context.copies.summary),
							reprint: context.copies.summary > 0,
							summary: receiptData(context)
						}),
						onDone: [
							{ guard: 'registerNotPrinted', target: 'register', actions: { type: 'markPrinted', params: { job: 'summary' } } },
							{ target: 'ready', actions: { type: 'markPrinted', params: { job: 'summary' } } }
						],
						onError: { target: 'summaryFailed', actions: 'printFailed' }
					}
				},
				summaryFailed: { on: { RETRY: { target: 'summary', actions: assign({ error: null }) }, FINISH: '#collectorBatch.done' } },
				register: {
					invoke: {
						id: 'printRegister',
						src: 'printRegister',
						input: ({ context }) => ({
							jobId: printJobId(context.sessionId, 'register', context.copies.register),
							reprint: context.copies.register > 0,
							uploadId: context.uploadId!,
							batch: receiptData(context)
						}),
						onDone: { target: 'ready', actions: { type: 'markPrinted', params: { job: 'register' } } },
						onError: { target: 'registerFailed', actions: 'printFailed' }
					}
				},
				registerFailed: { on: { RETRY: { target: 'register', actions: assign({ error: null }) }, FINISH: '#collectorBatch.done' } },
				ready: {
					on: {
						REPRINT_SUMMARY: { target: 'summary', actions: { type: 'nextCopy', params: { job: 'summary' } } },
						REPRINT_REGISTER: { target: 'register', actions: { type: 'nextCopy', params: { job: 'register' } } },
						FINISH: '#collectorBatch.done'
					}
				}
			}
		},
		done: { type: 'final', output: { outcome: 'done' } },
		refused: { type: 'final', output: { outcome: 'refused' } },
		cancelled: { type: 'final', output: { outcome: 'cancelled' } },
		escalated: { type: 'final', output: { outcome: 'escalated' } },
		failed: { type: 'final', output: { outcome: 'failed' } }
	}
});
