// The clerk's visit with residents (城乡居民) and flexible employees (灵活就业人员), one person or a
// household in one sitting (guide chapters 3 and 4):
// - find each person by ID number (typed, or read from the ID card); a name that differs from the
//   agency's, no agency registration, or a registration being changed or transferred sends the
//   person to the agency first, with a printed slip;
// - choose each person's items: this year's pension at a tier (locked once a tier is paid for the
//   year), supplementary pension where registered, next year's medical, and only agency-assessed
//   dues for back-payment, special groups and a flexible employee's months;
// - one declaration per person upstream, then ONE card sale or ONE cash tender for the household
//   through the payment machine (each person's record is its own upstream step there);
// - one receipt per person (for individuals the POS slip is a certificate).
// Children are invoked by name as in the counter session, so a snapshot restores the whole tree.

import { assign, fromPromise, not, setup } from 'xstate';
import type { IndividualOptions, IndividualSelection, Payer } from '../src/lib/domain/payer';
import { isUnitKind } from '../src/lib/domain/payer';
import type { IsoDate } from '../src/lib/domain/dates';
import {
	INDIVIDUAL_HELP_LINES,
	NotProvidedError,
	REFUND_NOT_SHOWN,
	sumFen,
	toMachineError,
	type GuidanceSlip,
	type MachineError,
	forwarding,
	type Forwarded
} from './shared';
import {
	CARD_AND_CASH_EVENTS,
	PAYMENT_TEXTS,
	paymentMachine,
	type PaidOutput,
	type PaymentDeclaration,
	type PaymentEvent,
	type PaymentOutput
} from './payment.machine';
import { receiptPrintMachine, type ReceiptData, type ReceiptPrintEvent } from './receipt-print.machine';
import { individualCertificateMachine, type IndividualCertificateEvent } from './individual-certificate.machine';
import { refundGuidanceMachine, type PrintGuidanceSlipInput, type PrintGuidanceSlipOutput, type RefundGuidanceEvent } from './refund-guidance.machine';

export interface IndividualSessionInput {
	sessionId: string;
	today: IsoDate;
	windowNo: string;
	clerkId: string;
}

/** Why a person is sent to the agency before paying. */
export type AgencyFirstReason = 'unregistered' | 'nameMismatch' | 'changing';

/** One person of the household, with what the agency and the year's tables allow and what is chosen. */
export interface HouseholdMember {
	payer: Payer;
	options: IndividualOptions;
	selection: IndividualSelection;
	/** How the person was found: the ID card on the reader, or the number typed. */
	source: 'card' | 'typed';
}

// ---------------------------------------------------------------------------------------------
// Actor contracts

export interface FindPersonInput {
	/** As typed or read; the server normalises and checks it. */
	idNumber: string;
	/** The name on the ID card, or typed by the clerk; null when only the number was given. */
	name: string | null;
	today: IsoDate;
}
export type FindPersonOutput =
	| { outcome: 'found'; payer: Payer; options: IndividualOptions }
	| { outcome: 'agencyFirst'; reason: AgencyFirstReason; personName: string; slip: GuidanceSlip }
	| { outcome: 'refused'; code: string; message: string };

export interface DeclareHouseholdInput {
	key: string;
	today: IsoDate;
	persons: { payerId: number; selection: IndividualSelection }[];
}
export type DeclareHouseholdOutput =
	| { outcome: 'declared'; declarations: { payerId: number; declarationNo: string; totalFen: number; lines: PaymentDeclaration['lines'] }[] }
	/** Nobody is left declared: the declarations made before the refusal are voided by the server. */
	| { outcome: 'refused'; payerId: number | null; code: string; message: string };

/** Voids the household's unpaid declarations (going back or leaving before money moved). Idempotent by key. */
export interface VoidHouseholdInput {
	key: string;
	declarationNos: string[];
}

// ---------------------------------------------------------------------------------------------

export interface IndividualSessionContext {
	sessionId: string;
	today: IsoDate;
	windowNo: string;
	clerkId: string;
	persons: HouseholdMember[];
	/** How the person being looked up was given. */
	lookupSource: HouseholdMember['source'];
	/** The person sent to the agency, and the slip to print for them. */
	agencyFirst: { reason: AgencyFirstReason; personName: string; slip: GuidanceSlip; copies: number } | null;
	/** The person whose refund guidance is shown. */
	refundFor: number | null;
	/** The person whose certificate (缴费证明 / 缴费记录) is being issued. */
	certificateFor: number | null;
	declarationRound: number;
	paymentRound: number;
	declarations: { payerId: number; declarationNo: string; totalFen: number; lines: PaymentDeclaration['lines'] }[] | null;
	payment: PaidOutput | null;
	/** Index of the person whose receipt is printing. */
	receiptIndex: number;
	escalation: Extract<PaymentOutput, { outcome: 'escalated' }> | null;
	/** Where the visit goes once the unpaid declarations are voided. */
	leaving: 'back' | 'cancelled' | null;
	notice: string | null;
	error: MachineError | null;
}

export type ResidentItem = 'supplementary' | 'medical';

type SessionOwnEvent =
	| { type: 'FIND_PERSON'; idNumber: string; name?: string; source: 'card' | 'typed' }
	| { type: 'REMOVE_PERSON'; payerId: number }
	| { type: 'SET_TIER'; payerId: number; tier: number | null }
	| { type: 'TOGGLE_ITEM'; payerId: number; item: ResidentItem }
	| { type: 'TOGGLE_DUE'; payerId: number; dueId: number }
	| { type: 'SUBMIT' }
	| { type: 'REFUND'; payerId: number }
	| { type: 'CERTIFICATE'; payerId: number }
	| { type: 'PRINT' }
	| { type: 'NEXT' }
	| { type: 'FINISH' }
	| { type: 'BACK' }
	| { type: 'CANCEL' };

const RECEIPT_EVENTS = ['PAPER_LOADED', 'RETRY', 'REPRINT'] as const satisfies readonly ReceiptPrintEvent['type'][];
const REFUND_EVENTS = ['PRINT', 'RETRY', 'CLOSE'] as const satisfies readonly RefundGuidanceEvent['type'][];
const CERTIFICATE_EVENTS = [
	'SET_RANGE',
	'TOGGLE_PAYMENT',
	'ISSUE_PROOF',
	'ISSUE_RECORD',
	'RETRY',
	'REPRINT',
	'CANCEL',
	'CLOSE'
] as const satisfies readonly IndividualCertificateEvent['type'][];

export type IndividualSessionEvent =
	| SessionOwnEvent
	| Forwarded<PaymentEvent, typeof CARD_AND_CASH_EVENTS>
	| Forwarded<ReceiptPrintEvent, typeof RECEIPT_EVENTS>
	| Forwarded<RefundGuidanceEvent, typeof REFUND_EVENTS>
	| Forwarded<IndividualCertificateEvent, typeof CERTIFICATE_EVENTS>;

export interface IndividualSessionOutput {
	outcome: 'done' | 'cancelled' | 'escalated' | 'failed';
	payerIds: number[];
	/** One per person paid. */
	vouchers: { payerId: number; declarationNo: string; voucherNo: string; amountFen: number }[];
	channel: PaidOutput['channel'] | null;
	amountFen: number | null;
	error: MachineError | null;
}

export const INDIVIDUAL_SESSION_TEXTS = {
	alreadyAdded: (name: string) => `${name}已在本次缴费名单中。`,
	unitPayer: '这是单位缴费人，请在单位缴费界面办理。',
	nothingChosen: (name: string) => `请为${name}选择要缴纳的险种或费款，或将其移出名单。`,
	nobody: '请先查找并添加缴费人。',
	tierLocked: (paidTierYuan: string) => `本年度已按每年${paidTierYuan}元档次缴费。缴费完成后，不再受理本年度缴费档次的调整。`,
	tierAlreadyPaid: '本年度该档次已缴费，无需重复缴纳。',
	unknownTier: '所选档次不在本年度档次表中。',
	itemPaid: (what: string) => `${what}已缴费，无需重复缴纳。`,
	lookupFailed: '查询缴费人信息失败，请重试；如仍失败请报告值班长。',
	declareFailed: '申报失败，请重试；如仍失败请报告值班长。',
	voidFailed: '未能作废本次未缴款的申报，请重试；如仍失败请报告值班长。',
	slipPrintFailed: '指引单打印失败，请检查打印机后重试。',
	childFailed: '本步骤发生系统错误，请报告值班长。'
} as const;

const AGENCY_FIRST_TEXT = {
	title: '请先到社保、医保经办机构办理',
	reason: {
		unregistered: (name: string) => `未查到${name}在社保、医保经办机构的参保登记信息。参保登记由经办机构办理，信息传递至税务部门后方可缴费。`,
		nameMismatch: (name: string) =>
			`${name}的姓名与经办机构参保登记的姓名不一致。缴费人姓名、身份证号等参保登记基本信息发生变更的，应在缴纳本年度社会保险费之前，先行前往社保、医保经办机构办理变更。`,
		changing: (name: string) => `${name}的参保登记正在经办机构办理变更或转移，办结并传递至税务部门后方可缴费。`
	},
	where: ['参保地社保经办机构（养老保险）', '参保地医保经办机构（医疗保险）'],
	bring: ['缴费人本人居民身份证（或户口簿）'],
	steps: {
		unregistered: ['到参保地社保、医保经办机构办理参保登记；', '登记信息传递至税务部门后，再到税务窗口或通过电子税务局、微信等渠道缴费。'],
		nameMismatch: ['到社保、医保经办机构核对并变更参保登记信息；', '变更信息传递至税务部门后，再到税务窗口缴费。'],
		changing: ['到办理变更或转移的经办机构确认办结情况；', '办结信息传递至税务部门后，再到税务窗口缴费。']
	}
} as const;

/** The slip a person takes to the agency: registration, name and ID changes, transfers are done there before paying (guide 3.一, 4.一). */
export function agencyFirstSlip(reason: AgencyFirstReason, personName: string): GuidanceSlip {
	return {
		title: AGENCY_FIRST_TEXT.title,
		reason: AGENCY_FIRST_TEXT.reason[reason](personName),
		where: [...AGENCY_FIRST_TEXT.where],
		bring: [...AGENCY_FIRST_TEXT.bring],
		steps: [...AGENCY_FIRST_TEXT.steps[reason]],
		helpLines: INDIVIDUAL_HELP_LINES.map((l) => ({ ...l }))
	};
}

const yuanText = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

function member(context: IndividualSessionContext, payerId: number): HouseholdMember | undefined {
	return context.persons.find((p) => p.payer.id === payerId);
}

/** Changes one person's selection; everyone else stays as they are. */
function withSelection(context: IndividualSessionContext, payerId: number, change: (s: IndividualSelection) => IndividualSelection) {
	return context.persons.map((p) => (p.payer.id === payerId ? { ...p, selection: change(p.selection) } : p));
}

/** Why a tier cannot be chosen for this person, or null when it can. */
function tierRefusal(m: HouseholdMember, tier: number | null): string | null {
	if (tier === null) return null;
	const pension = m.options.pension;
	if (!pension || !pension.tiers.some((t) => t.tier === tier)) return INDIVIDUAL_SESSION_TEXTS.unknownTier;
	if (pension.paidTier === tier) return INDIVIDUAL_SESSION_TEXTS.tierAlreadyPaid;
	if (pension.paidTier !== null) {
		const paid = pension.tiers.find((t) => t.tier === pension.paidTier);
		return INDIVIDUAL_SESSION_TEXTS.tierLocked(paid ? yuanText(paid.amountFen) : String(pension.paidTier));
	}
	return null;
}

function itemRefusal(m: HouseholdMember, item: ResidentItem): string | null {
	const option = item === 'medical' ? m.options.medical : m.options.supplementary;
	if (!option) return null;
	return option.paid ? INDIVIDUAL_SESSION_TEXTS.itemPaid(option.item.name) : null;
}

export function selectionIsEmpty(s: IndividualSelection): boolean {
	return s.pensionTier === null && !s.supplementary && !s.medical && s.dueIds.length === 0;
}

/** What the payment machine pays: the household as one sum, each person a part. */
function householdDeclaration(context: IndividualSessionContext): PaymentDeclaration {
	const ds = context.declarations!;
	return {
		declarationNo: ds[0].declarationNo,
		totalFen: sumFen(ds.map((d) => d.totalFen)),
		lines: ds.flatMap((d) => d.lines),
		parts: ds.map((d) => {
			const m = member(context, d.payerId)!;
			return {
				payerId: d.payerId,
				payerName: m.payer.name,
				payerIdentifier: m.payer.identifier,
				declarationNo: d.declarationNo,
				totalFen: d.totalFen,
				lines: d.lines
			};
		})
	};
}

/** The receipt of one person of the household: their own items and voucher, the household's one sale. */
function receiptOf(context: IndividualSessionContext, index: number): ReceiptData {
	const p = context.payment!;
	const part = p.parts![index];
	const m = member(context, part.payerId)!;
	return {
		payerId: m.payer.id,
		payerKind: m.payer.kind,
		payerName: m.payer.name,
		payerIdentifier: m.payer.identifier,
		declarationNo: part.declarationNo,
		lines: part.lines,
		amountFen: part.amountFen,
		amountInWords: PAYMENT_TEXTS.amountInWords(part.amountFen),
		channel: p.channel,
		voucherNo: part.voucherNo,
		paidOn: part.paidOn,
		windowNo: context.windowNo,
		clerkId: context.clerkId,
		card: p.details.channel === 'pos' ? p.details.approval : null,
		cash: p.details.channel === 'cash' ? { tenderedFen: p.details.tenderedFen, changeFen: p.details.changeFen } : null,
		taxCashFormNo: null,
		refundNotice: REFUND_NOT_SHOWN,
		// One person alone pays for nobody else: the household line is for two or more.
		...(p.parts!.length > 1 ? { household: { persons: p.parts!.length, totalFen: p.amountFen } } : {})
	};
}

function childError(error: unknown): MachineError {
	return toMachineError(error, { code: 'CHILD_FAILED', message: INDIVIDUAL_SESSION_TEXTS.childFailed });
}

export const individualSessionMachine = setup({
	types: {
		input: {} as IndividualSessionInput,
		context: {} as IndividualSessionContext,
		events: {} as IndividualSessionEvent,
		output: {} as IndividualSessionOutput
	},
	actors: {
		payment: paymentMachine,
		receiptPrint: receiptPrintMachine,
		refundGuidance: refundGuidanceMachine,
		individualCertificate: individualCertificateMachine,
		findPerson: fromPromise<FindPersonOutput, FindPersonInput>(async () => {
			throw new NotProvidedError('findPerson');
		}),
		declareHousehold: fromPromise<DeclareHouseholdOutput, DeclareHouseholdInput>(async () => {
			throw new NotProvidedError('declareHousehold');
		}),
		voidHousehold: fromPromise<void, VoidHouseholdInput>(async () => {
			throw new NotProvidedError('voidHousehold');
		}),
		printGuidanceSlip: fromPromise<PrintGuidanceSlipOutput, PrintGuidanceSlipInput>(async () => {
			throw new NotProvidedError('printGuidanceSlip');
		})
	},
	guards: {
		paymentOutcome: ({ event }, params: { is: PaymentOutput['outcome'] }) => (event as unknown as { output: PaymentOutput }).output.outcome === params.is,
		morePersons: ({ context }) => context.receiptIndex + 1 < (context.payment?.parts?.length ?? 0)
	}
}).createMachine({
	id: 'individualSession',
	context: ({ input }) => ({
		sessionId: input.sessionId,
		today: input.today,
		windowNo: input.windowNo,
		clerkId: input.clerkId,
		persons: [],
		lookupSource: 'typed',
		agencyFirst: null,
		refundFor: null,
		certificateFor: null,
		declarationRound: 0,
		paymentRound: 0,
		declarations: null,
		payment: null,
		receiptIndex: 0,
		escalation: null,
		leaving: null,
		notice: null,
		error: null
	}),
	initial: 'gathering',
	output: ({ context, event }) => {
		const outcome = (event as unknown as { output?: { outcome?: IndividualSessionOutput['outcome'] } }).output?.outcome ?? 'done';
		return {
			outcome,
			payerIds: context.persons.map((p) => p.payer.id),
			vouchers: (context.payment?.parts ?? []).map((p) => ({
				payerId: p.payerId,
				declarationNo: p.declarationNo,
				voucherNo: p.voucherNo,
				amountFen: p.amountFen
			})),
			channel: context.payment?.channel ?? null,
			amountFen: context.payment?.amountFen ?? null,
			error: context.error
		};
	},
	states: {
		gathering: {
			on: {
				FIND_PERSON: { target: 'finding', actions: assign(({ event }) => ({ lookupSource: event.source, error: null, notice: null })) },
				REMOVE_PERSON: { actions: assign(({ context, event }) => ({ persons: context.persons.filter((p) => p.payer.id !== event.payerId), error: null })) },
				SET_TIER: [
					{
						guard: ({ context, event }) => {
							const m = member(context, event.payerId);
							return !!m && tierRefusal(m, event.tier) !== null;
						},
						actions: assign(({ context, event }) => ({
							error: { code: 'TIER_NOT_AVAILABLE', message: tierRefusal(member(context, event.payerId)!, event.tier)! }
						}))
					},
					{
						guard: ({ context, event }) => !!member(context, event.payerId),
						actions: assign(({ context, event }) => ({
							persons: withSelection(context, event.payerId, (s) => ({ ...s, pensionTier: event.tier })),
							error: null
						}))
					}
				],
				TOGGLE_ITEM: [
					{
						guard: ({ context, event }) => {
							const m = member(context, event.payerId);
							return !!m && itemRefusal(m, event.item) !== null;
						},
						actions: assign(({ context, event }) => ({ error: { code: 'ITEM_PAID', message: itemRefusal(member(context, event.payerId)!, event.item)! } }))
					},
					{
						guard: ({ context, event }) => {
							const m = member(context, event.payerId);
							return !!m && (event.item === 'medical' ? m.options.medical : m.options.supplementary) !== null;
						},
						actions: assign(({ context, event }) => ({
							persons: withSelection(context, event.payerId, (s) => ({ ...s, [event.item]: !s[event.item] })),
							error: null
						}))
					}
				],
				TOGGLE_DUE: {
					guard: ({ context, event }) => member(context, event.payerId)?.options.dues.some((d) => d.id === event.dueId) ?? false,
					actions: assign(({ context, event }) => ({
						persons: withSelection(context, event.payerId, (s) => ({
							...s,
							dueIds: s.dueIds.includes(event.dueId) ? s.dueIds.filter((id) => id !== event.dueId) : [...s.dueIds, event.dueId]
						})),
						error: null
					}))
				},
				SUBMIT: [
					{ guard: ({ context }) => context.persons.length === 0, actions: assign({ error: { code: 'NOBODY', message: INDIVIDUAL_SESSION_TEXTS.nobody } }) },
					{
						guard: ({ context }) => context.persons.some((p) => selectionIsEmpty(p.selection)),
						actions: assign(({ context }) => ({
							error: {
								code: 'NOTHING_SELECTED',
								message: INDIVIDUAL_SESSION_TEXTS.nothingChosen(context.persons.find((p) => selectionIsEmpty(p.selection))!.payer.name)
							}
						}))
					},
					// A new round, new keys: a round that ended with an unknown answer is retried with its own keys.
					{ target: 'declaring', actions: assign(({ context }) => ({ error: null, declarationRound: context.declarationRound + 1 })) }
				],
				REFUND: {
					guard: ({ context, event }) => !!member(context, event.payerId),
					target: 'refundGuidance',
					actions: assign(({ event }) => ({ refundFor: event.payerId }))
				},
				CERTIFICATE: {
					guard: ({ context, event }) => !!member(context, event.payerId),
					target: 'certificate',
					actions: assign(({ event }) => ({ certificateFor: event.payerId, error: null }))
				},
				CANCEL: 'cancelled'
			}
		},
		finding: {
			invoke: {
				id: 'findPerson',
				src: 'findPerson',
				input: ({ context, event }) => {
					const e = event as Extract<IndividualSessionEvent, { type: 'FIND_PERSON' }>;
					return { idNumber: e.idNumber, name: e.name?.trim() || null, today: context.today };
				},
				onDone: [
					{
						guard: ({ event }) => event.output.outcome === 'found' && isUnitKind(event.output.payer.kind),
						target: 'gathering',
						actions: assign({ error: { code: 'NOT_AN_INDIVIDUAL', message: INDIVIDUAL_SESSION_TEXTS.unitPayer } })
					},
					{
						guard: ({ context, event }) => event.output.outcome === 'found' && !!member(context, event.output.payer.id),
						target: 'gathering',
						actions: assign(({ event }) => ({
							error: { code: 'ALREADY_ADDED', message: INDIVIDUAL_SESSION_TEXTS.alreadyAdded(event.output.outcome === 'found' ? event.output.payer.name : '') }
						}))
					},
					{
						guard: ({ event }) => event.output.outcome === 'found',
						target: 'gathering',
						actions: assign(({ context, event }) => {
							if (event.output.outcome !== 'found') return {};
							const { payer, options } = event.output;
							return {
								persons: [
									...context.persons,
									{ payer, options, selection: { pensionTier: null, supplementary: false, medical: false, dueIds: [] }, source: context.lookupSource }
								]
							};
						})
					},
					{
						guard: ({ event }) => event.output.outcome === 'agencyFirst',
						target: 'agencyFirst',
						actions: assign(({ event }) =>
							event.output.outcome === 'agencyFirst'
								? { agencyFirst: { reason: event.output.reason, personName: event.output.personName, slip: event.output.slip, copies: 0 } }
								: {}
						)
					},
					{
						target: 'gathering',
						actions: assign(({ event }) => (event.output.outcome === 'refused' ? { error: { code: event.output.code, message: event.output.message } } : {}))
					}
				],
				onError: {
					target: 'gathering',
					actions: assign(({ event }) => ({ error: toMachineError(event.error, { code: 'LOOKUP_FAILED', message: INDIVIDUAL_SESSION_TEXTS.lookupFailed }) }))
				}
			},
			on: { CANCEL: 'cancelled' }
		},
		// The person must see the agency first: a slip to take along; the household stays as it was.
		agencyFirst: {
			initial: 'showing',
			states: {
				showing: {
					on: {
						PRINT: 'printing',
						BACK: { target: '#individualSession.gathering', actions: assign({ agencyFirst: null, error: null }) },
						CANCEL: '#individualSession.cancelled'
					}
				},
				printing: {
					invoke: {
						id: 'printGuidanceSlip',
						src: 'printGuidanceSlip',
						input: ({ context }) => ({
							jobId: `${context.sessionId}:guidance:${context.agencyFirst!.reason}:${context.agencyFirst!.copies}`,
							payerName: context.agencyFirst!.personName,
							slip: context.agencyFirst!.slip
						}),
						onDone: {
							target: 'showing',
							actions: assign(({ context }) => ({ agencyFirst: { ...context.agencyFirst!, copies: context.agencyFirst!.copies + 1 }, error: null }))
						},
						onError: {
							target: 'showing',
							actions: assign(({ event }) => ({
								error: toMachineError(event.error, { code: 'PRINT_FAILED', message: INDIVIDUAL_SESSION_TEXTS.slipPrintFailed })
							}))
						}
					}
				}
			}
		},
		declaring: {
			invoke: {
				id: 'declareHousehold',
				src: 'declareHousehold',
				input: ({ context }) => ({
					key: `${context.sessionId}:d${context.declarationRound}`,
					today: context.today,
					persons: context.persons.map((p) => ({ payerId: p.payer.id, selection: p.selection }))
				}),
				onDone: [
					{
						guard: ({ event }) => event.output.outcome === 'declared',
						target: 'paying',
						actions: assign(({ event }) => ({ declarations: event.output.outcome === 'declared' ? event.output.declarations : null }))
					},
					{
						target: 'gathering',
						actions: assign(({ event }) => (event.output.outcome === 'refused' ? { error: { code: event.output.code, message: event.output.message } } : {}))
					}
				],
				onError: {
					target: 'declareFailed',
					actions: assign(({ event }) => ({ error: toMachineError(event.error, { code: 'DECLARE_FAILED', message: INDIVIDUAL_SESSION_TEXTS.declareFailed }) }))
				}
			}
		},
		// The answer is unknown: the same round again (same keys) finds what was declared, never twice.
		declareFailed: {
			on: {
				RETRY: { target: 'declaring', actions: assign({ error: null }) },
				CANCEL: 'cancelled'
			}
		},
		paying: {
			entry: assign(({ context }) => ({ paymentRound: context.paymentRound + 1 })),
			invoke: {
				id: 'payment',
				src: 'payment',
				input: ({ context }) => ({
					sessionId: `${context.sessionId}:p${context.paymentRound}`,
					payer: context.persons[0].payer,
					declaration: householdDeclaration(context),
					today: context.today,
					payerKind: context.persons[0].payer.kind,
					windowNo: context.windowNo,
					clerkId: context.clerkId
				}),
				onDone: [
					{
						guard: { type: 'paymentOutcome', params: { is: 'paid' } },
						target: 'receipts',
						actions: assign(({ event }) => ({ payment: event.output.outcome === 'paid' ? event.output : null, receiptIndex: 0 }))
					},
					{
						guard: { type: 'paymentOutcome', params: { is: 'escalated' } },
						target: 'escalated',
						actions: assign(({ event }) => ({ escalation: event.output.outcome === 'escalated' ? event.output : null }))
					},
					{ guard: { type: 'paymentOutcome', params: { is: 'back' } }, target: 'voiding', actions: assign({ leaving: 'back' }) },
					{ target: 'voiding', actions: assign({ leaving: 'cancelled' }) }
				],
				onError: { target: 'failed', actions: assign(({ event }) => ({ error: childError(event.error) })) }
			},
			on: forwarding<PaymentEvent>('payment', CARD_AND_CASH_EVENTS)
		},
		// Before money moved the household's declarations are voided, so nothing unpaid is left behind.
		voiding: {
			invoke: {
				id: 'voidHousehold',
				src: 'voidHousehold',
				input: ({ context }) => ({
					key: `${context.sessionId}:v${context.declarationRound}`,
					declarationNos: (context.declarations ?? []).map((d) => d.declarationNo)
				}),
				onDone: [
					{ guard: ({ context }) => context.leaving === 'back', target: 'gathering', actions: assign({ declarations: null, leaving: null }) },
					{ target: 'cancelled' }
				],
				onError: {
					target: 'voidFailed',
					actions: assign(({ event }) => ({ error: toMachineError(event.error, { code: 'VOID_FAILED', message: INDIVIDUAL_SESSION_TEXTS.voidFailed }) }))
				}
			}
		},
		voidFailed: {
			on: { RETRY: { target: 'voiding', actions: assign({ error: null }) } }
		},
		// After money moved: forward only, a receipt per person.
		receipts: {
			invoke: {
				id: 'receiptPrint',
				src: 'receiptPrint',
				input: ({ context }) => ({ sessionId: `${context.sessionId}:r${context.receiptIndex}`, receipt: receiptOf(context, context.receiptIndex) }),
				onError: {
					target: 'done',
					actions: assign(({ event }) => ({ error: toMachineError(event.error, { code: 'CHILD_FAILED', message: INDIVIDUAL_SESSION_TEXTS.childFailed }) }))
				}
			},
			on: {
				...forwarding<ReceiptPrintEvent>('receiptPrint', RECEIPT_EVENTS),
				NEXT: { guard: 'morePersons', target: 'receipts', reenter: true, actions: assign(({ context }) => ({ receiptIndex: context.receiptIndex + 1 })) },
				// Every person gets a receipt: the visit ends at the last one.
				FINISH: { guard: not('morePersons'), target: 'done' }
			}
		},
		refundGuidance: {
			invoke: {
				id: 'refundGuidance',
				src: 'refundGuidance',
				input: ({ context }) => ({ sessionId: `${context.sessionId}:refund:${context.refundFor}`, payer: member(context, context.refundFor!)!.payer }),
				onDone: { target: 'gathering', actions: assign({ refundFor: null }) },
				onError: { target: 'failed', actions: assign(({ event }) => ({ error: childError(event.error) })) }
			},
			on: {
				...forwarding<RefundGuidanceEvent>('refundGuidance', REFUND_EVENTS),
				BACK: { target: 'gathering', actions: assign({ refundFor: null }) },
				CANCEL: 'cancelled'
			}
		},
		// 《社会保险费缴费证明》 or 《社会保险费缴费记录》 of one person, once their payments are booked.
		certificate: {
			invoke: {
				id: 'individualCertificate',
				src: 'individualCertificate',
				input: ({ context }) => ({
					sessionId: `${context.sessionId}:c${context.certificateFor}`,
					payer: member(context, context.certificateFor!)!.payer,
					today: context.today
				}),
				onDone: { target: 'gathering', actions: assign({ certificateFor: null }) },
				onError: { target: 'failed', actions: assign(({ event }) => ({ error: childError(event.error) })) }
			},
			on: {
				...forwarding<IndividualCertificateEvent>('individualCertificate', CERTIFICATE_EVENTS),
				BACK: { target: 'gathering', actions: assign({ certificateFor: null }) }
			}
		},
		done: { type: 'final', output: { outcome: 'done' } },
		cancelled: { type: 'final', output: { outcome: 'cancelled' } },
		escalated: { type: 'final', output: { outcome: 'escalated' } },
		failed: { type: 'final', output: { outcome: 'failed' } }
	}
});
