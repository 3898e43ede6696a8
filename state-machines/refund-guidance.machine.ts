// 退（抵）费办理 (guide ch. 1 §五, ch. 2 §五 and §八): a unit that paid more than it owed is refunded
// or has the excess offset against later dues by the agencies — 社保、医保经办机构受理，
// 社保、医保经办机构退还. Tax neither accepts nor pays refunds: the window shows where to go and
// what to bring, and prints that as a guidance slip. No actor here moves money.

import { assign, fromPromise, setup } from 'xstate';
import { isUnitKind, type Payer } from '../src/lib/domain/payer';
import { HELP_LINES, INDIVIDUAL_HELP_LINES, NotProvidedError, REFUND_NOT_SHOWN, toMachineError, type GuidanceSlip, type MachineError } from './shared';

// ---------------------------------------------------------------------------------------------
// Actor contract (shared with the counter session's own guidance slips)

/** Prints one guidance slip. Idempotent by `jobId`. */
export interface PrintGuidanceSlipInput {
	jobId: string;
	payerName: string;
	slip: GuidanceSlip;
}
export interface PrintGuidanceSlipOutput {
	printed: true;
}

// ---------------------------------------------------------------------------------------------

export interface RefundGuidanceInput {
	sessionId: string;
	payer: Payer;
}

export interface RefundGuidanceContext {
	sessionId: string;
	payer: Payer;
	slip: GuidanceSlip;
	error: MachineError | null;
}

export type RefundGuidanceEvent = { type: 'PRINT' } | { type: 'RETRY' } | { type: 'CLOSE' };

export interface RefundGuidanceOutput {
	printed: boolean;
	slip: GuidanceSlip;
}

export const REFUND_GUIDANCE_TEXTS = {
	title: '社会保险费退（抵）费指引',
	reason:
		'缴纳的社会保险费超过应缴费额的，由社保、医保经办机构根据不同情形，抵缴以后应缴费款或者办理退费。' +
		'山西省社会保险费退费实行“社保、医保经办机构受理，社保、医保经办机构退还”的方式办理，税务窗口不受理退费申请，也不退还费款。',
	where: ['退费地社保、医保经办机构（工作日）'],
	bring: ['按照当地社保、医保经办机构政策规定提供（是否符合退费政策及所需资料请咨询退费地经办机构）'],
	steps: [
		'咨询退费地社保、医保经办机构是否符合退费政策及需提交的资料；',
		'由缴费人直接向退费地社保、医保经办机构提交退费申请；',
		'经办机构受理并退还费款或抵缴以后应缴费款。',
		REFUND_NOT_SHOWN
	],
	/** Occupational annuity refunds (ch. 2 §八): taken and paid by the social security agency. */
	annuityWhere: '职业年金退费：当地社保经办机构受理并退还',
	annuityTitle: '职业年金退（抵）费指引',
	annuityReason:
		'机关事业单位缴纳的职业年金超过应缴费额的，可根据不同情形，抵缴以后应缴费款或者办理退费。职业年金退付采取社保经办机构受理并退还的方式办理，税务窗口不受理退费申请，也不退还费款。',
	annuityBring: ['职业年金退费：机关事业单位职业年金退费申请 2份', '职业年金退费：职业年金缴费证明 2份', '职业年金退费：《社会保险费核定通知单》 2份'],
	/** Residents and flexible employees (ch. 3 and 4 §四): over- or double payment, handled by the agencies. */
	individualReason: '缴费人多缴或者重复缴费的，由社保、医保经办机构办理退费。',
	individualBring: ['缴费人本人居民身份证', '缴费凭证（缴费专用POS机小票、《社会保险费缴费证明》或《社会保险费缴费记录》）'],
	printFailed: '指引单打印失败，请检查打印机后重试。'
} as const;

/**
 * The occupational annuity refund slip alone (ch. 2 §八), for the annuity pages: 社保经办机构受理并退还,
 * the three documents in two copies each.
 */
export function annuityRefundSlip(): GuidanceSlip {
	return {
		title: REFUND_GUIDANCE_TEXTS.annuityTitle,
		reason: REFUND_GUIDANCE_TEXTS.annuityReason,
		where: [REFUND_GUIDANCE_TEXTS.annuityWhere],
		bring: REFUND_GUIDANCE_TEXTS.annuityBring.map((b) => b.slice(b.indexOf('：') + 1)),
		steps: [...REFUND_GUIDANCE_TEXTS.steps],
		helpLines: HELP_LINES.map((l) => ({ ...l }))
	};
}

/** The slip for this payer: institutions also get the occupational annuity materials, individuals their own reason and papers. */
function refundGuidanceSlip(payer: Pick<Payer, 'kind'>): GuidanceSlip {
	const institution = payer.kind === 'institution';
	const individual = !isUnitKind(payer.kind);
	return {
		title: REFUND_GUIDANCE_TEXTS.title,
		reason: individual
			? `${REFUND_GUIDANCE_TEXTS.individualReason}${REFUND_GUIDANCE_TEXTS.reason.slice(REFUND_GUIDANCE_TEXTS.reason.indexOf('山西省'))}`
			: REFUND_GUIDANCE_TEXTS.reason,
		where: [...REFUND_GUIDANCE_TEXTS.where, ...(institution ? [REFUND_GUIDANCE_TEXTS.annuityWhere] : [])],
		bring: [
			...(individual ? REFUND_GUIDANCE_TEXTS.individualBring : []),
			...REFUND_GUIDANCE_TEXTS.bring,
			...(institution ? REFUND_GUIDANCE_TEXTS.annuityBring : [])
		],
		steps: [...REFUND_GUIDANCE_TEXTS.steps],
		helpLines: (individual ? INDIVIDUAL_HELP_LINES : HELP_LINES).map((l) => ({ ...l }))
	};
}

export const refundGuidanceMachine = setup({
	types: {
		input: {} as RefundGuidanceInput,
		context: {} as RefundGuidanceContext,
		events: {} as RefundGuidanceEvent,
		output: {} as RefundGuidanceOutput
	},
	actors: {
		printGuidanceSlip: fromPromise<PrintGuidanceSlipOutput, PrintGuidanceSlipInput>(async () => {
			throw new NotProvidedError('printGuidanceSlip');
		})
	}
}).createMachine({
	id: 'refundGuidance',
	context: ({ input }) => ({
		sessionId: input.sessionId,
		payer: input.payer,
		slip: refundGuidanceSlip(input.payer),
		error: null
	}),
	initial: 'showing',
	output: ({ context, event }) => ({
		printed: (event as unknown as { output?: { printed?: boolean } }).output?.printed === true,
		slip: context.slip
	}),
	states: {
		showing: {
			on: { PRINT: 'printing', CLOSE: 'closed' }
		},
		printing: {
			invoke: {
				id: 'printGuidanceSlip',
				src: 'printGuidanceSlip',
				input: ({ context }) => ({
					jobId: `${context.sessionId}:guidance:refund`,
					payerName: context.payer.name,
					slip: context.slip
				}),
				onDone: 'printed',
				onError: {
					target: 'failed',
					actions: assign(({ event }) => ({
						error: toMachineError(event.error, { code: 'PRINT_FAILED', message: REFUND_GUIDANCE_TEXTS.printFailed })
					}))
				}
			}
		},
		failed: {
			on: {
				RETRY: { target: 'printing', actions: assign({ error: null }) },
				CLOSE: 'closed'
			}
		},
		printed: { type: 'final', output: { printed: true } },
		closed: { type: 'final', output: { printed: false } }
	}
});
