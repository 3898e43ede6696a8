// 费款申报 (guide ch. 1 §二, ch. 2 §二): a unit declares from the dues the agencies assessed
// (核定应缴信息) — regular (日常缴费), historical back-payment (历史性补缴), retirement top-up
// (退休补收), policy back-payment (政策性补缴) and project work injury (工程项目工伤保险).
// - The clerk ticks assessed dues (`TOGGLE_DUE`); there is no amount anywhere in the events.
// - 办理时间 每月1-25日（节假日不顺延）: the guide gives this one period for the whole item, which
//   covers the back-payments and the project work injury too, so `SUBMIT` (and paying an earlier
//   declaration) is refused from the 26th on, even when the 25th was a holiday.
// - A declaration can be voided (作废申报) while unpaid: `VOID`, then the dues are open again.
// - A declaration made earlier (e.g. on the e-tax bureau) and not paid can be paid here:
//   `PAY_EXISTING` ends the flow with it, no new declaration.
// - A payer who disputes a due (对缴费信息有异议) goes to the agency: `DISPUTE` ends the flow with
//   a guidance slip; the counter never edits a due.

import { assign, fromPromise, setup } from 'xstate';
import type { AssessedDue, DeclarationLine, DeclarationRecord, Payer } from '../src/lib/domain/payer';
import { DUE_KIND_LABEL } from '../src/lib/domain/payer';
import type { IsoDate } from '../src/lib/domain/dates';
import { declarationWindow } from '../src/lib/domain/declaration-window';
import { formatYuan } from '../src/lib/domain/money';
import { HELP_LINES, NotProvidedError, claimKey, sumFen, toMachineError, toggleSorted, type GuidanceSlip, type MachineError } from './shared';

// ---------------------------------------------------------------------------------------------
// Actor contracts (implemented by the server)

export interface LoadDuesInput {
	payerId: number;
}
export interface LoadDuesOutput {
	/** Social insurance dues assessed on the payer's linked registrations (not annuity). */
	dues: AssessedDue[];
	/** The payer's declarations not paid yet (status 'declared'), from any channel. */
	declarations: DeclarationRecord[];
}

/**
 * Creates one declaration of the given dues, dated by the clock at the moment of the call.
 * Idempotent by `key`: the same key always answers with the declaration it created first, so a
 * repeat after a lost answer declares nothing twice.
 */
export interface DeclareInput {
	key: string;
	payerId: number;
	dueIds: number[];
}
export interface DeclareOutput {
	declarationNo: string;
	declaredOn: IsoDate;
	lines: DeclarationLine[];
	totalFen: number;
}

/**
 * Voids an unpaid declaration, refused while another window holds a claim on it (`claimKey` is
 * this session's own). Idempotent by `key` (voiding a voided one answers the same).
 */
export interface VoidDeclarationInput {
	key: string;
	payerId: number;
	declarationNo: string;
	claimKey: string;
}
export interface VoidDeclarationOutput {
	declarationNo: string;
}

// ---------------------------------------------------------------------------------------------
// Input, context, events, output

export interface DeclarationInput {
	sessionId: string;
	payer: Payer;
	today: IsoDate;
}

export interface DeclarationContext {
	sessionId: string;
	payer: Payer;
	today: IsoDate;
	/** The 1st–25th window of today's month. */
	window: { open: boolean; closes: IsoDate };
	dues: AssessedDue[];
	/** Unpaid declarations of the payer. */
	declarations: DeclarationRecord[];
	/** Ticked due ids, ascending. */
	selected: number[];
	/** Bumped after each void, so the same dues declared again get a new key. */
	round: number;
	/** The declaration the flow ends with; `existing` when taken from the unpaid ones. */
	declared: (DeclareOutput & { existing: boolean }) | null;
	/** Declaration being voided, then the one voided. */
	voiding: string | null;
	/** The clerk's reason for that void, audited by the server once the void is done. */
	voidReason: string | null;
	disputedDueId: number | null;
	error: MachineError | null;
}

export type DeclarationEvent =
	| { type: 'TOGGLE_DUE'; dueId: number }
	| { type: 'SUBMIT' }
	| { type: 'VOID'; declarationNo: string; reason: string }
	| { type: 'PAY_EXISTING'; declarationNo: string }
	| { type: 'DISPUTE'; dueId: number }
	| { type: 'RETRY' }
	| { type: 'CONTINUE' }
	| { type: 'BACK' }
	| { type: 'CANCEL' };

export type DeclarationOutput =
	| {
			outcome: 'declared';
			declarationNo: string;
			declaredOn: IsoDate;
			lines: DeclarationLine[];
			totalFen: number;
			/** True when an earlier unpaid declaration was taken instead of declaring. */
			existing: boolean;
	  }
	| { outcome: 'sentToAgency'; due: AssessedDue; slip: GuidanceSlip }
	| { outcome: 'back' }
	| { outcome: 'cancelled' };

// ---------------------------------------------------------------------------------------------
// Texts

export const DECLARATION_TEXTS = {
	windowClosed: (today: IsoDate, closes: IsoDate) =>
		`社会保险费申报缴费时间为每月1日至25日，节假日不顺延（补缴、工程项目工伤保险同样适用）。` +
		`今天是${today}，本月申报期已于${closes}结束，请于下月1日至25日再来办理。`,
	nothingSelected: '请先勾选要申报的核定应缴信息。',
	notYours: '所选不是本单位的核定应缴信息，请刷新后重新勾选。',
	alreadyDeclared: '该笔核定应缴信息已申报未缴款，可在“未缴款申报”中直接缴款或作废后重新申报。',
	alreadyPaid: '该笔核定应缴信息已缴费，无需再申报。',
	notVoidable: '只能作废本单位已申报未缴款的申报。',
	notPayable: '只能缴纳本单位已申报未缴款的申报。',
	loadFailed: '查询核定应缴信息失败，请稍后重试。',
	declareFailed: '申报未成功，请稍后重试；重试不会重复申报。',
	voidFailed: '作废申报未成功，请稍后重试。',
	mismatch: (declarationNo: string) => `申报结果（申报表号${declarationNo}）与所选核定应缴金额不一致，请勿缴款：请作废该申报并报告值班长。`,
	voided: (declarationNo: string) => `申报${declarationNo}已作废，相关核定应缴信息可重新申报。`,
	disputeSlip: (due: AssessedDue): Omit<GuidanceSlip, 'helpLines'> => ({
		title: '缴费信息异议指引',
		reason:
			`缴费人对核定应缴信息有异议：${due.item.name}（${DUE_KIND_LABEL[due.kind]}），` +
			`所属期${due.periodFrom}至${due.periodTo}，金额${formatYuan(due.amountFen)}元。税务窗口按经办机构核定的信息征收，不能修改。`,
		where: ['核定该笔费款的社保、医保经办机构'],
		bring: ['按照当地社保、医保经办机构要求提供', '本指引单'],
		steps: ['前往社保、医保经办机构核实缴费信息；', '经办机构重新核定后，再到税务窗口办理申报缴费（每月1日至25日，节假日不顺延）。']
	})
} as const;

// ---------------------------------------------------------------------------------------------

function dueProblem(context: DeclarationContext, dueId: number): MachineError | null {
	const due = context.dues.find((d) => d.id === dueId);
	if (!due) return { code: 'DUE_NOT_FOUND', message: DECLARATION_TEXTS.notYours };
	if (due.state === 'declared') return { code: 'DUE_ALREADY_DECLARED', message: DECLARATION_TEXTS.alreadyDeclared };
	if (due.state === 'paid') return { code: 'DUE_ALREADY_PAID', message: DECLARATION_TEXTS.alreadyPaid };
	return null;
}

function unpaidDeclaration(context: DeclarationContext, declarationNo: string): DeclarationRecord | undefined {
	return context.declarations.find((d) => d.declarationNo === declarationNo && d.status === 'declared');
}

function windowError(context: DeclarationContext): MachineError {
	return { code: 'OUTSIDE_PERIOD', message: DECLARATION_TEXTS.windowClosed(context.today, context.window.closes) };
}

export const declarationMachine = setup({
	types: {
		input: {} as DeclarationInput,
		context: {} as DeclarationContext,
		events: {} as DeclarationEvent,
		output: {} as DeclarationOutput
	},
	actors: {
		loadDues: fromPromise<LoadDuesOutput, LoadDuesInput>(async () => {
			throw new NotProvidedError('loadDues');
		}),
		declare: fromPromise<DeclareOutput, DeclareInput>(async () => {
			throw new NotProvidedError('declare');
		}),
		voidDeclaration: fromPromise<VoidDeclarationOutput, VoidDeclarationInput>(async () => {
			throw new NotProvidedError('voidDeclaration');
		})
	},
	guards: {
		windowClosed: ({ context }) => !context.window.open,
		nothingSelected: ({ context }) => context.selected.length === 0,
		dueSelectable: ({ context, event }) => event.type === 'TOGGLE_DUE' && (context.selected.includes(event.dueId) || dueProblem(context, event.dueId) === null),
		dueKnown: ({ context, event }) => event.type === 'DISPUTE' && context.dues.some((d) => d.id === event.dueId),
		voidable: ({ context, event }) => event.type === 'VOID' && !!unpaidDeclaration(context, event.declarationNo),
		payable: ({ context, event }) => event.type === 'PAY_EXISTING' && !!unpaidDeclaration(context, event.declarationNo)
	},
	actions: {
		refuseOutsideWindow: assign(({ context }) => ({ error: windowError(context) }))
	}
}).createMachine({
	id: 'declaration',
	context: ({ input }) => ({
		sessionId: input.sessionId,
		payer: input.payer,
		today: input.today,
		window: declarationWindow(input.today, 'regular'),
		dues: [],
		declarations: [],
		selected: [],
		round: 0,
		declared: null,
		voiding: null,
		voidReason: null,
		disputedDueId: null,
		error: null
	}),
	initial: 'loading',
	output: ({ event }) => (event as unknown as { output: DeclarationOutput }).output,
	states: {
		loading: {
			invoke: {
				id: 'loadDues',
				src: 'loadDues',
				input: ({ context }) => ({ payerId: context.payer.id }),
				onDone: {
					target: 'selecting',
					actions: assign(({ context, event }) => ({
						dues: event.output.dues,
						declarations: event.output.declarations.filter((d) => d.status === 'declared'),
						// Keep only ticks that are still open dues after a reload.
						selected: context.selected.filter((id) => event.output.dues.some((d) => d.id === id && d.state === 'open'))
					}))
				},
				onError: {
					target: 'loadFailed',
					actions: assign(({ event }) => ({
						error: toMachineError(event.error, { code: 'LOAD_FAILED', message: DECLARATION_TEXTS.loadFailed })
					}))
				}
			},
			on: {
				BACK: 'back',
				CANCEL: 'cancelled'
			}
		},
		loadFailed: {
			on: {
				RETRY: { target: 'loading', actions: assign({ error: null }) },
				BACK: 'back',
				CANCEL: 'cancelled'
			}
		},
		selecting: {
			on: {
				TOGGLE_DUE: [
					{
						guard: 'dueSelectable',
						actions: assign(({ context, event }) => ({ selected: toggleSorted(context.selected, event.dueId), error: null }))
					},
					{ actions: assign(({ context, event }) => ({ error: dueProblem(context, event.dueId) })) }
				],
				SUBMIT: [
					{ guard: 'windowClosed', actions: 'refuseOutsideWindow' },
					{
						guard: 'nothingSelected',
						actions: assign({ error: { code: 'NOTHING_SELECTED', message: DECLARATION_TEXTS.nothingSelected } })
					},
					{ target: 'declaring', actions: assign({ error: null }) }
				],
				PAY_EXISTING: [
					{ guard: 'windowClosed', actions: 'refuseOutsideWindow' },
					{
						guard: 'payable',
						target: 'declared',
						actions: assign(({ context, event }) => {
							const d = unpaidDeclaration(context, event.declarationNo)!;
							return {
								declared: {
									declarationNo: d.declarationNo,
									declaredOn: d.declaredOn,
									lines: d.lines,
									totalFen: d.totalFen,
									existing: true
								},
								error: null
							};
						})
					},
					{ actions: assign({ error: { code: 'NOT_PAYABLE', message: DECLARATION_TEXTS.notPayable } }) }
				],
				VOID: [
					{
						guard: 'voidable',
						target: 'voiding',
						actions: assign(({ event }) => ({ voiding: event.declarationNo, voidReason: event.reason, error: null }))
					},
					{ actions: assign({ error: { code: 'NOT_VOIDABLE', message: DECLARATION_TEXTS.notVoidable } }) }
				],
				DISPUTE: {
					guard: 'dueKnown',
					target: 'sentToAgency',
					actions: assign(({ event }) => ({ disputedDueId: event.dueId }))
				},
				BACK: 'back',
				CANCEL: 'cancelled'
			}
		},
		declaring: {
			invoke: {
				id: 'declare',
				src: 'declare',
				input: ({ context }) => ({
					key: `${context.sessionId}:declare:${context.round}:${context.selected.join('-')}`,
					payerId: context.payer.id,
					dueIds: context.selected
				}),
				onDone: [
					{
						guard: ({ context, event }) =>
							event.output.totalFen === sumFen(context.dues.filter((d) => context.selected.includes(d.id)).map((d) => d.amountFen)) &&
							event.output.totalFen === sumFen(event.output.lines.map((l) => l.amountFen)),
						target: 'declared',
						actions: assign(({ event }) => ({ declared: { ...event.output, existing: false } }))
					},
					{
						// Never pay a declaration that differs from the assessed dues: reload so it
						// shows among the unpaid ones and can be voided.
						target: 'loading',
						actions: assign(({ event }) => ({
							selected: [],
							error: { code: 'DECLARATION_MISMATCH', message: DECLARATION_TEXTS.mismatch(event.output.declarationNo) }
						}))
					}
				],
				onError: {
					target: 'selecting',
					actions: assign(({ event }) => ({
						error: toMachineError(event.error, { code: 'DECLARE_FAILED', message: DECLARATION_TEXTS.declareFailed })
					}))
				}
			},
			// No money moves in a declaration: leaving is allowed even while the call is out (a
			// declaration made meanwhile stays unpaid and is listed next time, to pay or void).
			on: {
				BACK: 'back',
				CANCEL: 'cancelled'
			}
		},
		voiding: {
			invoke: {
				id: 'voidDeclaration',
				src: 'voidDeclaration',
				input: ({ context }) => ({
					key: `${context.sessionId}:void:${context.voiding}`,
					payerId: context.payer.id,
					declarationNo: context.voiding!,
					claimKey: claimKey(context.sessionId)
				}),
				onDone: {
					target: 'voided',
					actions: assign(({ context }) => ({ round: context.round + 1, selected: [] }))
				},
				onError: {
					target: 'selecting',
					actions: assign(({ event }) => ({
						voiding: null,
						voidReason: null,
						error: toMachineError(event.error, { code: 'VOID_FAILED', message: DECLARATION_TEXTS.voidFailed })
					}))
				}
			},
			on: {
				BACK: 'back',
				CANCEL: 'cancelled'
			}
		},
		voided: {
			on: {
				CONTINUE: { target: 'loading', actions: assign({ voiding: null, voidReason: null }) },
				BACK: 'back',
				CANCEL: 'cancelled'
			}
		},
		declared: {
			type: 'final',
			output: ({ context }) => ({
				outcome: 'declared' as const,
				declarationNo: context.declared!.declarationNo,
				declaredOn: context.declared!.declaredOn,
				lines: context.declared!.lines,
				totalFen: context.declared!.totalFen,
				existing: context.declared!.existing
			})
		},
		sentToAgency: {
			type: 'final',
			output: ({ context }) => {
				const due = context.dues.find((d) => d.id === context.disputedDueId)!;
				return {
					outcome: 'sentToAgency' as const,
					due,
					slip: { ...DECLARATION_TEXTS.disputeSlip(due), helpLines: HELP_LINES.map((l) => ({ ...l })) }
				};
			}
		},
		back: { type: 'final', output: () => ({ outcome: 'back' as const }) },
		cancelled: { type: 'final', output: () => ({ outcome: 'cancelled' as const }) }
	}
});
