// The return of a bank-collection form (guide ch. 2 §三: 将银行盖章的回执联，及时返回办税服务厅).
// The payment flow ends in `awaitingBankStub` once 《税收缴款书（银行经收专用）》 is printed; when
// the payer brings back the stub the bank stamped, the clerk records it by the form's voucher
// number 电子税票号码 (`STUB_RECORDED`). The form itself, once stamped, is the payer's certificate.

import { assign, fromPromise, setup } from 'xstate';
import type { IsoDate } from '../src/lib/domain/dates';
import { NotProvidedError, isIsoDate, toMachineError, type MachineError } from './shared';

/** Records a stamped stub. Idempotent by `key` (one key per voucher number). */
export interface RecordBankStubInput {
	key: string;
	voucherNo: string;
	bankName: string;
	bankStampedOn: IsoDate;
	recordedOn: IsoDate;
}
export interface RecordBankStubOutput {
	voucherNo: string;
	declarationNo: string;
	payerName: string;
	amountFen: number;
}

export interface BankStubInput {
	sessionId: string;
	today: IsoDate;
}

export interface BankStubContext {
	sessionId: string;
	today: IsoDate;
	voucherNo: string | null;
	bankName: string | null;
	bankStampedOn: IsoDate | null;
	recorded: RecordBankStubOutput | null;
	error: MachineError | null;
}

export type BankStubEvent =
	| { type: 'STUB_RECORDED'; voucherNo: string; bankName: string; bankStampedOn: IsoDate }
	| { type: 'CANCEL' };

export type BankStubOutput = { outcome: 'recorded'; stub: RecordBankStubOutput } | { outcome: 'cancelled' };

export const BANK_STUB_TEXTS = {
	badVoucherNo: '请输入缴款书上的电子税票号码（18位数字）。',
	badBankName: '请输入盖章银行的名称。',
	badStampDate: (today: IsoDate) => `请输入银行盖章日期，不能晚于今天（${today}）。`,
	recordFailed: '回执联登记失败，请核对缴款书号码后重试。'
} as const;

const VOUCHER_NO = /^\d{18}$/;

export const bankStubMachine = setup({
	types: {
		input: {} as BankStubInput,
		context: {} as BankStubContext,
		events: {} as BankStubEvent,
		output: {} as BankStubOutput
	},
	actors: {
		recordBankStub: fromPromise<RecordBankStubOutput, RecordBankStubInput>(async () => {
			throw new NotProvidedError('recordBankStub');
		})
	}
}).createMachine({
	id: 'bankStub',
	context: ({ input }) => ({
		sessionId: input.sessionId,
		today: input.today,
		voucherNo: null,
		bankName: null,
		bankStampedOn: null,
		recorded: null,
		error: null
	}),
	initial: 'entering',
	output: ({ event }) => (event as unknown as { output: BankStubOutput }).output,
	states: {
		entering: {
			on: {
				STUB_RECORDED: [
					{
						guard: ({ event }) => !VOUCHER_NO.test(event.voucherNo.trim()),
						actions: assign({ error: { code: 'BAD_VOUCHER_NO', message: BANK_STUB_TEXTS.badVoucherNo } })
					},
					{
						guard: ({ event }) => event.bankName.trim() === '',
						actions: assign({ error: { code: 'BAD_BANK_NAME', message: BANK_STUB_TEXTS.badBankName } })
					},
					{
						guard: ({ context, event }) => !isIsoDate(event.bankStampedOn) || event.bankStampedOn > context.today,
						actions: assign(({ context }) => ({
							error: { code: 'BAD_STAMP_DATE', message: BANK_STUB_TEXTS.badStampDate(context.today) }
						}))
					},
					{
						target: 'recording',
						actions: assign(({ event }) => ({
							voucherNo: event.voucherNo.trim(),
							bankName: event.bankName.trim(),
							bankStampedOn: event.bankStampedOn,
							error: null
						}))
					}
				],
				CANCEL: 'cancelled'
			}
		},
		recording: {
			invoke: {
				id: 'recordBankStub',
				src: 'recordBankStub',
				input: ({ context }) => ({
					key: `${context.sessionId}:stub:${context.voucherNo}`,
					voucherNo: context.voucherNo!,
					bankName: context.bankName!,
					bankStampedOn: context.bankStampedOn!,
					recordedOn: context.today
				}),
				onDone: { target: 'recorded', actions: assign(({ event }) => ({ recorded: event.output })) },
				onError: {
					target: 'entering',
					actions: assign(({ event }) => ({
						error: toMachineError(event.error, { code: 'RECORD_FAILED', message: BANK_STUB_TEXTS.recordFailed })
					}))
				}
			}
		},
		recorded: {
			type: 'final',
			output: ({ context }) => ({ outcome: 'recorded' as const, stub: context.recorded! })
		},
		cancelled: { type: 'final', output: () => ({ outcome: 'cancelled' as const }) }
	}
});
