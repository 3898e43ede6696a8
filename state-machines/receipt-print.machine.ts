// The payment receipt on the window's thermal printer. Every print is a job with an id the
// print queue keys on:
// - paper out → `paperOut`, and once the clerk loads paper (`PAPER_LOADED`) the SAME job is sent
//   again (the queue drops a job it already finished, so nothing prints twice);
// - offline, not answering, cover open or any other failure → `failed`, `RETRY` sends the same job;
// - after printing, `REPRINT` makes a NEW job marked 补打 (`reprint: true`).
// The actor knows from its journal whether an earlier attempt of the job put part of it on paper:
// then it voids that paper first and marks the whole copy 补打 (a job that sent nothing is still
// the first print). A snapshot restored while `printing` re-invokes `printReceipt` with the same
// job id, so the actor must be idempotent by `jobId`.

import { assign, fromPromise, setup } from 'xstate';
import type { DeclarationLine, PayerKind, PaymentChannel } from '../src/lib/domain/payer';
import type { IsoDate } from '../src/lib/domain/dates';
import type { CardApproval } from './payment.machine';
import { NotProvidedError, PAPER_MOVING, REFUND_NOT_SHOWN, toMachineError, type DeviceStatus, type MachineError } from './shared';

/** Everything the receipt shows (DOMAIN: money and forms). */
export interface ReceiptData {
	payerId: number;
	/** Individuals' ID numbers are masked on slips; units' credit codes are not. */
	payerKind: PayerKind;
	payerName: string;
	/** Credit code for units (not masked: units are not persons). */
	payerIdentifier: string;
	declarationNo: string;
	lines: DeclarationLine[];
	amountFen: number;
	/** 金额合计（大写）. */
	amountInWords: string;
	channel: PaymentChannel;
	/** 电子税票号码. */
	voucherNo: string;
	paidOn: IsoDate;
	windowNo: string;
	clerkId: string;
	card: CardApproval | null;
	cash: { tenderedFen: number; changeFen: number } | null;
	/** 《税收缴款书（税务收现专用）》 number for pending-account payments. */
	taxCashFormNo: string | null;
	/** The refund sentence; always REFUND_NOT_SHOWN. */
	refundNotice: string;
	/** One receipt of a household's payment: how many persons the one sale or tender paid for, and its total. */
	household?: { persons: number; totalFen: number };
}

// ---------------------------------------------------------------------------------------------
// Actor contract

/** Prints (or queues) one receipt job. Idempotent by `jobId`: a finished job is not printed again. */
export interface PrintReceiptInput {
	jobId: string;
	/** True for copies after the first: the layout prints 补打. */
	reprint: boolean;
	receipt: ReceiptData;
}
export type PrintReceiptOutput = { printed: true } | { printed: false; status: DeviceStatus };

// ---------------------------------------------------------------------------------------------

export interface ReceiptPrintInput {
	sessionId: string;
	receipt: ReceiptData;
}

export interface ReceiptPrintContext {
	sessionId: string;
	receipt: ReceiptData;
	/** 0 for the original, 1, 2… for reprints. */
	copy: number;
	/** Jobs printed, in order. */
	printedJobs: string[];
	error: MachineError | null;
}

export type ReceiptPrintEvent = { type: 'PAPER_LOADED' } | { type: 'RETRY' } | { type: 'REPRINT' } | { type: 'DONE' };

export interface ReceiptPrintOutput {
	printedJobs: string[];
	/** The job left unprinted when the clerk finished without it, else null. */
	unprintedJob: string | null;
}

export const RECEIPT_PRINT_TEXTS = {
	paperOut: '打印机缺纸，请装纸后点击“已装纸”：已打出的部分作废，本张凭证将完整重打（已打出部分内容的注明“补打”）。',
	failed: '凭证打印失败，请检查打印机后重试。',
	reprintMark: '补打',
	refundNotice: REFUND_NOT_SHOWN
} as const;

/** The id of a receipt job: the original is copy 0, reprints count up. */
export function receiptJobId(sessionId: string, copy: number): string {
	return `${sessionId}:receipt:${copy}`;
}

export const receiptPrintMachine = setup({
	types: {
		input: {} as ReceiptPrintInput,
		context: {} as ReceiptPrintContext,
		events: {} as ReceiptPrintEvent,
		output: {} as ReceiptPrintOutput
	},
	actors: {
		printReceipt: fromPromise<PrintReceiptOutput, PrintReceiptInput>(async () => {
			throw new NotProvidedError('printReceipt');
		})
	},
	guards: {
		paperOutAnswer: ({ event }) => {
			const e = event as { output?: PrintReceiptOutput };
			return !!e.output && !e.output.printed && e.output.status.code === 'PAPER_OUT';
		},
		paperOutError: ({ event }) => {
			const e = event as { error?: unknown };
			return toMachineError(e.error, { code: '', message: '' }).code === 'PAPER_OUT';
		}
	}
}).createMachine({
	id: 'receiptPrint',
	context: ({ input }) => ({
		sessionId: input.sessionId,
		receipt: { ...input.receipt, refundNotice: REFUND_NOT_SHOWN },
		copy: 0,
		printedJobs: [],
		error: null
	}),
	initial: 'printing',
	output: ({ context }) => ({
		printedJobs: context.printedJobs,
		unprintedJob: context.printedJobs.includes(receiptJobId(context.sessionId, context.copy)) ? null : receiptJobId(context.sessionId, context.copy)
	}),
	states: {
		printing: {
			tags: [PAPER_MOVING],
			invoke: {
				id: 'printReceipt',
				src: 'printReceipt',
				input: ({ context }) => ({
					jobId: receiptJobId(context.sessionId, context.copy),
					reprint: context.copy > 0,
					receipt: context.receipt
				}),
				onDone: [
					{
						guard: ({ event }) => event.output.printed,
						target: 'printed',
						actions: assign(({ context }) => ({
							printedJobs: [...context.printedJobs, receiptJobId(context.sessionId, context.copy)],
							error: null
						}))
					},
					{
						guard: 'paperOutAnswer',
						target: 'paperOut',
						actions: assign({ error: { code: 'PAPER_OUT', message: RECEIPT_PRINT_TEXTS.paperOut } })
					},
					{
						target: 'failed',
						actions: assign(({ event }) => ({
							error: event.output.printed ? null : { code: event.output.status.code, message: event.output.status.message || RECEIPT_PRINT_TEXTS.failed }
						}))
					}
				],
				onError: [
					{
						guard: 'paperOutError',
						target: 'paperOut',
						actions: assign({ error: { code: 'PAPER_OUT', message: RECEIPT_PRINT_TEXTS.paperOut } })
					},
					{
						target: 'failed',
						actions: assign(({ event }) => ({
							error: toMachineError(event.error, { code: 'PRINT_FAILED', message: RECEIPT_PRINT_TEXTS.failed })
						}))
					}
				]
			}
		},
		paperOut: {
			on: {
				PAPER_LOADED: { target: 'printing', actions: assign({ error: null }) },
				DONE: 'closed'
			}
		},
		failed: {
			on: {
				RETRY: { target: 'printing', actions: assign({ error: null }) },
				DONE: 'closed'
			}
		},
		printed: {
			on: {
				REPRINT: { target: 'printing', actions: assign(({ context }) => ({ copy: context.copy + 1 })) },
				DONE: 'closed'
			}
		},
		closed: { type: 'final' }
	}
});
