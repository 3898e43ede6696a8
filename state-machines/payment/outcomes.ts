// The final states and what each one hands to the session.
import { PAYMENT_TEXTS } from './texts';
import type { CounterChannel } from './types';
import { details, payment } from './setup';

export const paid = payment.createStateConfig({
	type: 'final',
	tags: ['moneyMoving'],
	output: ({ context }) => ({
		outcome: 'paid' as const,
		channel: context.channel as Exclude<CounterChannel, 'bank_form'>,
		declarationNo: context.declaration.declarationNo,
		lines: context.declaration.lines,
		amountFen: context.declaration.totalFen,
		voucherNo: context.record!.voucherNo,
		paidOn: context.record!.paidOn,
		details: details(context),
		electronic: context.channel === 'pos' || context.channel === 'agreement',
		taxCashFormNo: context.settlement?.formNo ?? null,
		...(context.declaration.parts ? { parts: context.recordedParts } : {})
	})
});

export const awaitingBankStub = payment.createStateConfig({
	type: 'final',
	output: ({ context }) => ({
		outcome: 'awaitingBankStub' as const,
		declarationNo: context.declaration.declarationNo,
		amountFen: context.declaration.totalFen,
		voucherNo: context.bankForm!.voucherNo,
		limitDate: context.bankForm!.limitDate,
		notice: PAYMENT_TEXTS.bankFormNotice(context.bankForm!.limitDate)
	})
});

export const escalated = payment.createStateConfig({
	type: 'final',
	tags: ['moneyMoving'],
	output: ({ context }) => ({
		outcome: 'escalated' as const,
		channel: context.channel,
		declarationNo: context.declaration.declarationNo,
		amountFen: context.declaration.totalFen,
		attempt: context.attempt,
		reason: context.error,
		supervisorId: context.escalation!.supervisorId,
		note: context.escalation!.note,
		card: context.card,
		held: context.held
	})
});

export const back = payment.createStateConfig({ type: 'final', output: () => ({ outcome: 'back' as const }) });

export const cancelled = payment.createStateConfig({ type: 'final', output: () => ({ outcome: 'cancelled' as const }) });
