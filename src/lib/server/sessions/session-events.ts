import { z } from 'zod';
import type { AnyActorRef, AnyStateMachine } from 'xstate';
import {
	PAPER_MOVING,
	type CollectorBatchEvent,
	type CounterSessionEvent,
	type IndividualCertificateEvent,
	type IndividualSessionEvent
} from '../../../../state-machines';
import { COUNTER_CHANNELS } from '../../domain/counter-channels';
import { decimalInt, isoDate, oneOf, pattern, plainText, positiveId, yuanAmount } from '../http/fields';
import { activeChild } from './session-children';

// What the clerk's screen may send to a window session: one schema per event type (the form
// action posts flat text fields, the JSON endpoint the same fields as JSON). Nothing else reaches
// a session; an event of the right shape that the session's current step does not take is
// refused by `fitsCurrentStep` before it is sent.

export const SESSION_EVENT_TEXT = {
	unknownType: (type: unknown) => (type === undefined ? '操作：缺少操作类型' : `操作：不支持的操作“${String(type).slice(0, 40)}”`),
	notNow: '当前步骤不能进行此操作，页面可能已过时：请看最新画面后再操作',
	paperMoving: '正在打印，请等打印完成后再操作',
	declarationNo: '格式不正确',
	transferId: '必须是正整数编号',
	voucherNo: '应为18位数字',
	channel: '请选择缴款方式',
	proofKind: '请选择凭证种类',
	notFound: '未找到该窗口业务',
	voidReason: '请用至少2个汉字写明原因'
} as const;

const SIMPLE = [
	'SUBMIT',
	'CONTINUE',
	'BACK',
	'CANCEL',
	'RETRY',
	'RETRY_REVERSAL',
	'CONFIRM',
	'DRAWER_CLOSED',
	'PAPER_LOADED',
	'REPRINT',
	'FINISH',
	'PRINT',
	'CLOSE',
	'ISSUE',
	'ISSUE_PROOF',
	'ISSUE_RECORD',
	'NEXT',
	// A collector's batch: pay the good rows, refuse the whole list, print the summary or the register again.
	'PAY',
	'REFUSE',
	'REPRINT_SUMMARY',
	'REPRINT_REGISTER'
] as const satisfies readonly (CounterSessionEvent | IndividualSessionEvent | IndividualCertificateEvent | CollectorBatchEvent)['type'][];

// 申报序号 (letters of the issuing system, then digits), an upstream record id, 电子税票号码.
const declarationNo = pattern('申报序号', /^[A-Z]{0,4}\d{6,30}$/, SESSION_EVENT_TEXT.declarationNo);
const transferId = pattern('到账记录', /^[1-9]\d{0,15}$/, SESSION_EVENT_TEXT.transferId);
const voucherNo = pattern('电子税票号码', /^\d{18}$/, SESSION_EVENT_TEXT.voucherNo);

const PROOF_KINDS = ['treasury_payment', 'bank_receipt', 'other'] as const;

export const sessionEventSchema = z.discriminatedUnion(
	'type',
	[
		z.object({ type: z.literal(SIMPLE) }),
		z.object({ type: z.literal('DISPUTE'), dueId: positiveId('费款') }),
		// A household's due names its person; a unit's does not.
		z.object({ type: z.literal('TOGGLE_DUE'), dueId: positiveId('费款'), payerId: positiveId('缴费人').optional() }),
		// Residents and flexible employees: the ID number as typed or read (normalised and checked by the lookup).
		z.object({
			type: z.literal('FIND_PERSON'),
			idNumber: plainText('身份证号码', 40, { chars: /^[0-9０-９xXｘＸ \u3000]*$/u }),
			name: plainText('姓名', 50, { optional: true }),
			source: oneOf('来源', ['card', 'typed'] as const)
		}),
		z.object({ type: z.literal(['REMOVE_PERSON', 'REFUND']), payerId: positiveId('缴费人') }),
		// A unit's certificate step, or an individual's certificate of one person.
		z.object({ type: z.literal('CERTIFICATE'), payerId: positiveId('缴费人').optional() }),
		z
			.object({ type: z.literal('SET_TIER'), payerId: positiveId('缴费人'), tier: decimalInt('档次', 0, 99) })
			.transform(({ payerId, tier }) => ({ type: 'SET_TIER' as const, payerId, tier: tier === 0 ? null : tier })),
		z.object({ type: z.literal('TOGGLE_ITEM'), payerId: positiveId('缴费人'), item: oneOf('险种', ['supplementary', 'medical'] as const) }),
		z.object({ type: z.literal('PAY_EXISTING'), declarationNo }),
		// A void is audited with the clerk's reason, written for the supervisor who reads the log.
		z.object({
			type: z.literal('VOID'),
			declarationNo,
			reason: plainText('作废原因', 200).refine((r) => (r.match(/\p{Script=Han}/gu) ?? []).length >= 2, {
				error: `作废原因：${SESSION_EVENT_TEXT.voidReason}`
			})
		}),
		z
			.object({ type: z.literal('CONFIRM_LINK'), registrationId: positiveId('登记信息') })
			.transform(({ registrationId }) => ({ type: 'CONFIRM' as const, registrationId })),
		z.object({ type: z.literal('CHOOSE'), channel: oneOf('缴款方式', COUNTER_CHANNELS, SESSION_EVENT_TEXT.channel) }),
		z.object({ type: z.literal('TENDER'), amount: yuanAmount('实收金额') }).transform(({ amount }) => ({ type: 'TENDER' as const, amountFen: amount })),
		z.object({ type: z.literal('TOGGLE_TRANSFER'), transferId }),
		z.object({
			type: z.literal('PROOF'),
			transferId,
			kind: oneOf('凭证种类', PROOF_KINDS, SESSION_EVENT_TEXT.proofKind),
			number: plainText('凭证编号', 64)
		}),
		z.object({ type: z.literal('TOGGLE_PAYMENT'), voucherNo }),
		z.object({ type: z.literal('SET_RANGE'), from: isoDate('缴款日期自'), to: isoDate('缴款日期至') })
	],
	{ error: (issue) => SESSION_EVENT_TEXT.unknownType((issue.input as { type?: unknown } | undefined)?.type) }
);

export type SessionEvent = z.output<typeof sessionEventSchema>;

/** The window session's route parameter: `W<window>-<yyyymmdd>-<8 hex>` as startCounterSession builds it. */
export const sessionParams = z.object({
	sessionId: z.string().regex(/^W\d{1,2}-\d{8}-[0-9a-f]{8}$/, { error: SESSION_EVENT_TEXT.notFound })
});

/**
 * Why the session's current step does not take the event (null when it does). The session forwards
 * its steps' events to the active child, which then decides; `can` evaluates guards without running
 * anything. A transition of the session's own (with a target) is its answer, once no paper is
 * coming out of the step's printer; a targetless one forwards.
 */
export function stepRefusal(actor: AnyActorRef, event: SessionEvent): string | null {
	const snap = actor.getSnapshot();
	if (!snap.can(event)) return SESSION_EVENT_TEXT.notNow;
	const child = activeChild(snap);
	if (!child) return null;
	const transitions = (snap.machine as AnyStateMachine).getTransitionData(snap, event);
	const childSnap = child.ref.getSnapshot();
	if (transitions.some((t) => t.target !== undefined)) return childSnap.hasTag?.(PAPER_MOVING) ? SESSION_EVENT_TEXT.paperMoving : null;
	return childSnap.can(event) ? null : SESSION_EVENT_TEXT.notNow;
}

export const fitsCurrentStep = (actor: AnyActorRef, event: SessionEvent): boolean => stepRefusal(actor, event) === null;
