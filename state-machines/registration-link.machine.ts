// 缴费登记 (guide ch. 1 §一 and ch. 2 §一): registration happens at the social security or
// medical insurance agency, which sends its records to tax. At the counter the clerk confirms
// the link between the agency record and the tax registration:
// - every active record linked already (系统自动关联) → done, nothing to do;
// - a record the system did not link → the clerk checks it and confirms (税务人员按实际情况进行关联,
//   `CONFIRM`) → linked by hand, recorded and shown to the supervisor;
// - a project-based work-injury record (以项目方式参加工伤保险) is always linked at the counter
//   (`CONFIRM` on it links with method 'project');
// - no agency record at all → the payer registers at the agency first: guidance slip;
// - cancellation or transfer (注销、转移) is done by the agency, but only after every assessed
//   and unpaid due is settled at tax: refused with the rule while dues are outstanding.
//   The request comes in the input (the clerk chose that business) or as `REQUEST_CANCELLATION`.
// Changes and cancellations themselves arrive from the agency and update status automatically;
// nothing on this machine edits a registration.

import { assign, fromPromise, setup } from 'xstate';
import type { AgencyRegistration, AssessedDue, Payer } from '../src/lib/domain/payer';
import { formatYuan } from '../src/lib/domain/money';
import type { IsoDate } from '../src/lib/domain/dates';
import { HELP_LINES, NotProvidedError, sumFen, toMachineError, type GuidanceSlip, type MachineError } from './shared';

// ---------------------------------------------------------------------------------------------
// Actor contracts (implemented by the server)

export interface LoadRegistrationsInput {
	payerId: number;
	identifier: string;
}
export interface LoadRegistrationsOutput {
	/** The agency records for this payer's identifier, linked or not, any status. */
	registrations: AgencyRegistration[];
	/** Dues the agencies assessed on this payer that are not paid yet (declared or not). */
	outstandingDues: AssessedDue[];
}

export type CounterLinkMethod = 'manual' | 'project';

/**
 * Links one agency record to the payer's tax registration. Idempotent by `key` (and by
 * `registrationId`): linking a record already linked to this payer returns it unchanged.
 */
export interface LinkRegistrationInput {
	key: string;
	payerId: number;
	registrationId: number;
	method: CounterLinkMethod;
	linkedOn: IsoDate;
	/** The clerk who confirmed the link (null when the session did not say). */
	clerkId: string | null;
	/** True for hand links: the server records them for the supervisor's review. */
	supervisorNotice: boolean;
}
export interface LinkRegistrationOutput {
	registration: AgencyRegistration;
}

// ---------------------------------------------------------------------------------------------
// Input, context, events, output

export type RegistrationRequest = 'link' | 'cancellation' | 'transfer';

export interface RegistrationLinkInput {
	sessionId: string;
	payer: Payer;
	today: IsoDate;
	/** What the payer came for; 'link' (the default) before declaring and paying. */
	request?: RegistrationRequest;
	/** The clerk at the window, recorded with hand links. */
	clerkId?: string;
}

export interface LinkRecord {
	registrationId: number;
	method: CounterLinkMethod;
}

export interface RegistrationLinkContext {
	sessionId: string;
	payer: Payer;
	today: IsoDate;
	clerkId: string | null;
	request: RegistrationRequest;
	registrations: AgencyRegistration[];
	outstandingDues: AssessedDue[];
	/** Links made in this flow. */
	links: LinkRecord[];
	/** The record being linked while `linking`. */
	linkingId: number | null;
	/** Why a cancellation or transfer request was refused (the rule in words). */
	refusal: MachineError | null;
	error: MachineError | null;
}

export type RegistrationLinkEvent =
	{ type: 'CONFIRM'; registrationId: number } | { type: 'REQUEST_CANCELLATION'; kind: 'cancellation' | 'transfer' } | { type: 'RETRY' } | { type: 'CANCEL' };

export type RegistrationLinkOutput =
	| {
			outcome: 'linked';
			registrations: AgencyRegistration[];
			links: LinkRecord[];
			/** True when a record was linked by hand in this flow: show it to the supervisor. */
			supervisorNotice: boolean;
	  }
	| { outcome: 'guidance'; printGuidanceSlip: true; slip: GuidanceSlip }
	| {
			outcome: 'cancellationRefused';
			request: 'cancellation' | 'transfer';
			refusal: MachineError;
			outstandingDues: AssessedDue[];
			outstandingFen: number;
	  }
	| { outcome: 'cancellationGuidance'; request: 'cancellation' | 'transfer'; printGuidanceSlip: true; slip: GuidanceSlip }
	| { outcome: 'cancelled' };

// ---------------------------------------------------------------------------------------------
// Texts for the clerk and the payer

export const REGISTRATION_LINK_TEXTS = {
	requestWord: { cancellation: '注销', transfer: '转移' },
	loadFailed: '查询参保登记信息失败，请稍后重试。',
	linkFailed: '关联失败，请核对登记信息后重试。',
	notLinkable: '该登记信息不能在窗口关联：只能关联本单位未关联的有效参保登记信息。',
	noRecordSlip: {
		title: '社会保险费缴费登记指引',
		reason: '税务系统查询不到贵单位的参保登记信息。缴费人初次办理社保费业务时，需先到社保、医保经办机构办理参保登记。',
		where: ['当地社保经办机构（养老、失业、工伤保险）', '当地医保经办机构（医疗保险）'],
		bring: ['按照当地社保、医保经办机构政策规定提供'],
		steps: [
			'到社保、医保经办机构办理参保登记；',
			'经办机构将登记信息传递至税务部门；',
			'再到主管税务机关办税服务厅、政务大厅税务征收窗口进行关联确认并办理申报缴费（工作日）。'
		]
	},
	/** The rule of the guide (ch. 1 and 2 §一 2), with what is still owed. */
	cancellationRefused: (request: 'cancellation' | 'transfer', count: number, totalFen: number, institution: boolean): string =>
		`缴费人依法终止缴费义务${request === 'transfer' ? '或办理转移' : ''}的，在向社保、医保经办机构申请办理参保${REGISTRATION_LINK_TEXTS.requestWord[request]}前，` +
		`需先向主管税务机关结清社保、医保经办机构已核定未缴纳的社会保险费${institution ? '、职业年金' : ''}。` +
		`该单位尚有${count}笔已核定未缴费款，合计${formatYuan(totalFen)}元，请先办理申报缴费，结清后再到经办机构办理${REGISTRATION_LINK_TEXTS.requestWord[request]}。`,
	/**
	 * Only occupational annuity is owed: it is never declared at the window, so saying "declare and
	 * pay here" would be a dead end. It is settled by the notice and the transfer (ch. 2 六).
	 */
	annuityOnly: (request: 'cancellation' | 'transfer', count: number, totalFen: number): string =>
		`在向社保经办机构申请办理参保${REGISTRATION_LINK_TEXTS.requestWord[request]}前，需先结清已核定未缴纳的职业年金。` +
		`该单位尚有${count}笔职业年金未缴，合计${formatYuan(totalFen)}元。职业年金不在窗口申报：请打印《职业年金缴费通知单》，` +
		`由单位按通知单转账至托管银行归集户（附言只填7位通知单编号），税务机关到账确认（回款销号）后即为结清。`,
	cancellationSlip: (request: 'cancellation' | 'transfer', institution: boolean) => ({
		title: `参保${REGISTRATION_LINK_TEXTS.requestWord[request]}指引`,
		reason: `税务系统中贵单位没有已核定未缴纳的社会保险费，可以到经办机构申请办理参保${REGISTRATION_LINK_TEXTS.requestWord[request]}。`,
		where: ['当地社保、医保经办机构'],
		bring: ['按照当地社保、医保经办机构政策规定提供'],
		steps: [
			`向社保、医保经办机构申请办理参保${REGISTRATION_LINK_TEXTS.requestWord[request]}；`,
			'经办机构依法办结后将信息传递至税务部门，税务机关同步更新登记状态，无需再到税务窗口办理。',
			...(institution ? ['职业年金如有已核定未缴纳的款项，须一并结清；职业年金登记信息与机关事业单位基本养老保险同步注销，无需单独办理。'] : [])
		]
	})
} as const;

function slip(base: { title: string; reason: string; where: readonly string[]; bring: readonly string[]; steps: readonly string[] }): GuidanceSlip {
	return {
		title: base.title,
		reason: base.reason,
		where: [...base.where],
		bring: [...base.bring],
		steps: [...base.steps],
		helpLines: HELP_LINES.map((l) => ({ ...l }))
	};
}

// ---------------------------------------------------------------------------------------------
// Pure helpers

function active(regs: readonly AgencyRegistration[]): AgencyRegistration[] {
	return regs.filter((r) => r.status === 'active');
}

/** The fee item settled by notice and transfer, never declared at the window. */
const ANNUITY_ITEM = 'ANNUITY';

function unpaid(dues: readonly AssessedDue[]): AssessedDue[] {
	return dues.filter((d) => d.state !== 'paid');
}

/** How the counter links a record: by hand (人工关联), or as a project-based work-injury record. */
export function linkMethodFor(reg: Pick<AgencyRegistration, 'scope'>): CounterLinkMethod {
	return reg.scope === 'project' ? 'project' : 'manual';
}

function isCancellation(request: RegistrationRequest): request is 'cancellation' | 'transfer' {
	return request === 'cancellation' || request === 'transfer';
}

// ---------------------------------------------------------------------------------------------

export const registrationLinkMachine = setup({
	types: {
		input: {} as RegistrationLinkInput,
		context: {} as RegistrationLinkContext,
		events: {} as RegistrationLinkEvent,
		output: {} as RegistrationLinkOutput
	},
	actors: {
		loadRegistrations: fromPromise<LoadRegistrationsOutput, LoadRegistrationsInput>(async () => {
			throw new NotProvidedError('loadRegistrations');
		}),
		linkRegistration: fromPromise<LinkRegistrationOutput, LinkRegistrationInput>(async () => {
			throw new NotProvidedError('linkRegistration');
		})
	},
	guards: {
		noActiveRegistration: ({ context }) => active(context.registrations).length === 0,
		hasUnlinked: ({ context }) => active(context.registrations).some((r) => r.link === null),
		cancellationRequested: ({ context }) => isCancellation(context.request),
		hasOutstandingDues: ({ context }) => unpaid(context.outstandingDues).length > 0,
		canLink: ({ context, event }) => {
			if (event.type !== 'CONFIRM') return false;
			const reg = context.registrations.find((r) => r.id === event.registrationId);
			return !!reg && reg.status === 'active' && reg.link === null && reg.payerIdentifier === context.payer.identifier;
		}
	},
	actions: {
		refuseCancellation: assign(({ context }) => {
			const request = isCancellation(context.request) ? context.request : 'cancellation';
			const dues = unpaid(context.outstandingDues);
			if (dues.every((d) => d.item.code === ANNUITY_ITEM)) {
				return {
					refusal: { code: 'ANNUITY_OUTSTANDING', message: REGISTRATION_LINK_TEXTS.annuityOnly(request, dues.length, sumFen(dues.map((d) => d.amountFen))) }
				};
			}
			return {
				refusal: {
					code: 'DUES_OUTSTANDING',
					message: REGISTRATION_LINK_TEXTS.cancellationRefused(request, dues.length, sumFen(dues.map((d) => d.amountFen)), context.payer.kind === 'institution')
				}
			};
		}),
		rememberRequest: assign(({ event }) => (event.type === 'REQUEST_CANCELLATION' ? { request: event.kind } : {}))
	}
}).createMachine({
	id: 'registrationLink',
	context: ({ input }) => ({
		sessionId: input.sessionId,
		payer: input.payer,
		today: input.today,
		clerkId: input.clerkId ?? null,
		request: input.request ?? 'link',
		registrations: [],
		outstandingDues: [],
		links: [],
		linkingId: null,
		refusal: null,
		error: null
	}),
	initial: 'loading',
	output: ({ event }) => (event as unknown as { output: RegistrationLinkOutput }).output,
	states: {
		loading: {
			invoke: {
				id: 'loadRegistrations',
				src: 'loadRegistrations',
				input: ({ context }) => ({ payerId: context.payer.id, identifier: context.payer.identifier }),
				onDone: {
					target: 'routing',
					actions: assign(({ event }) => ({
						registrations: event.output.registrations,
						outstandingDues: event.output.outstandingDues,
						error: null
					}))
				},
				onError: {
					target: 'loadFailed',
					actions: assign(({ event }) => ({
						error: toMachineError(event.error, { code: 'LOAD_FAILED', message: REGISTRATION_LINK_TEXTS.loadFailed })
					}))
				}
			},
			on: {
				REQUEST_CANCELLATION: { actions: 'rememberRequest' }
			}
		},
		loadFailed: {
			on: {
				RETRY: 'loading',
				CANCEL: 'cancelled'
			}
		},
		routing: {
			always: [
				{ guard: 'noActiveRegistration', target: 'guidance' },
				{ guard: 'hasUnlinked', target: 'unlinked' },
				{ guard: 'cancellationRequested', target: 'cancellationChecked' },
				{ target: 'done' }
			]
		},
		cancellationChecked: {
			always: [{ guard: 'hasOutstandingDues', target: 'cancellationRefused', actions: 'refuseCancellation' }, { target: 'cancellationGuidance' }]
		},
		unlinked: {
			on: {
				CONFIRM: [
					{
						guard: 'canLink',
						target: 'linking',
						actions: assign(({ event }) => ({ linkingId: event.registrationId, error: null }))
					},
					{
						actions: assign({
							error: { code: 'NOT_LINKABLE', message: REGISTRATION_LINK_TEXTS.notLinkable }
						})
					}
				],
				REQUEST_CANCELLATION: [
					{
						// Still shown here: the clerk may link and the payer then pays what is owed.
						guard: 'hasOutstandingDues',
						actions: ['rememberRequest', 'refuseCancellation']
					},
					{ target: 'cancellationGuidance', actions: 'rememberRequest' }
				],
				CANCEL: 'cancelled'
			}
		},
		linking: {
			invoke: {
				id: 'linkRegistration',
				src: 'linkRegistration',
				input: ({ context }) => {
					const reg = context.registrations.find((r) => r.id === context.linkingId)!;
					const method = linkMethodFor(reg);
					return {
						key: `${context.sessionId}:link:${reg.id}`,
						payerId: context.payer.id,
						registrationId: reg.id,
						method,
						linkedOn: context.today,
						clerkId: context.clerkId,
						supervisorNotice: method === 'manual'
					};
				},
				onDone: {
					target: 'routing',
					actions: assign(({ context, event }) => {
						const linked = event.output.registration;
						const reg = context.registrations.find((r) => r.id === context.linkingId)!;
						return {
							registrations: context.registrations.map((r) => (r.id === linked.id ? linked : r)),
							links: [...context.links, { registrationId: reg.id, method: linkMethodFor(reg) }],
							linkingId: null,
							error: null
						};
					})
				},
				onError: {
					target: 'unlinked',
					actions: assign(({ event }) => ({
						linkingId: null,
						error: toMachineError(event.error, { code: 'LINK_FAILED', message: REGISTRATION_LINK_TEXTS.linkFailed })
					}))
				}
			}
		},
		done: {
			type: 'final',
			output: ({ context }) => ({
				outcome: 'linked' as const,
				registrations: context.registrations,
				links: context.links,
				supervisorNotice: context.links.some((l) => l.method === 'manual')
			})
		},
		guidance: {
			type: 'final',
			output: () => ({
				outcome: 'guidance' as const,
				printGuidanceSlip: true as const,
				slip: slip(REGISTRATION_LINK_TEXTS.noRecordSlip)
			})
		},
		cancellationRefused: {
			type: 'final',
			output: ({ context }) => {
				const dues = unpaid(context.outstandingDues);
				return {
					outcome: 'cancellationRefused' as const,
					request: isCancellation(context.request) ? context.request : 'cancellation',
					refusal: context.refusal!,
					outstandingDues: dues,
					outstandingFen: sumFen(dues.map((d) => d.amountFen))
				};
			}
		},
		cancellationGuidance: {
			type: 'final',
			output: ({ context }) => {
				const request = isCancellation(context.request) ? context.request : 'cancellation';
				return {
					outcome: 'cancellationGuidance' as const,
					request,
					printGuidanceSlip: true as const,
					slip: slip(REGISTRATION_LINK_TEXTS.cancellationSlip(request, context.payer.kind === 'institution'))
				};
			}
		},
		cancelled: {
			type: 'final',
			output: () => ({ outcome: 'cancelled' as const })
		}
	}
});
