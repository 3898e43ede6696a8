import { randomBytes } from 'node:crypto';
import type { AuthService, SignedInClerk, SupervisorOnTheSpot } from '../auth/auth-service';
import { authoriseOverride, OverrideError, OVERRIDE_TEXT, type OverrideRequest } from '../auth/override';
import type { OverrideAct } from '../../domain/overrides';
import type { LedgerRepo } from '../db/ledger-repo';
import type { ShiftRow, ShiftsRepo } from '../db/shifts-repo';
import { overrideFor, reprintsBefore, type SessionOverrideFacts } from '../sessions/session-overrides';
import type { Operator } from '../auth/operator';
import type { Clock } from '../clock';
import type { AuditRepo } from '../db/audit-repo';
import type { HeldMoneyRepo } from '../db/held-money-repo';
import { operatorOwns, type SessionHost } from '../sessions/session-host';
import type { CoreTax } from '../upstream/types';
import { stateName } from '../sessions/session-view';
import { outcomeScreen, waitsOnSupervisor } from '../sessions/session-screen';
import { COUNTER_SESSION } from '../sessions/counter-session-kind';
import { INDIVIDUAL_SESSION } from '../sessions/individual-session-kind';
import { COLLECTOR_BATCH } from '../sessions/collector-batch-kind';
import { batchScreenOf } from '../sessions/collector-batch-screen';
import type { IndividualSessionScreen } from '../../views/individual-view';
import type { CollectorBatchScreen } from '../../views/collector-batch-view';
import type { WindowKinds } from '../sessions/window-kinds';
import type { OpenSessionItem, SessionScreen } from '../../views/session-view';
import { localTime } from '../../views/local-time';
import { stepRefusal, type SessionEvent } from '../sessions/session-events';
import {
	claimKey,
	type CounterBusiness,
	type CounterSessionContext,
	type CounterSessionOutput,
	type CollectorBatchContext,
	type CollectorBatchOutput,
	type IndividualSessionContext,
	type IndividualSessionOutput
} from '../../../../state-machines';
import { UpstreamError, UpstreamRefusedError } from '../upstream/errors';
import { AUTH_TEXT } from '../auth/auth-service';
import { windowJobPrefix } from './window-jobs';

export const WINDOW_SESSION_TEXT = {
	noShift: '本窗口尚未开班：请先清点备用金开班，再办理业务。',
	othersShift: (name: string) => `本窗口的班次由${name}开班，请该柜员班结后再在本窗口办理业务。`,
	notFound: '未找到该窗口业务',
	otherWindow: '这是其他窗口的业务，不能在本窗口操作',
	windowOnly: '自助终端不能办理窗口业务，请到柜台窗口办理'
} as const;

export class WindowSessionError extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 409,
		message: string
	) {
		super(message);
	}
}

/**
 * What the window sessions use: the host, the payer and claim calls upstream, the clock, the
 * audit log, the supervisor's check, held money, and the ledger (a bank form printed for a declaration).
 */
export interface WindowSessionDeps {
	sessions: Pick<SessionHost<WindowKinds>, 'start' | 'send' | 'get' | 'row' | 'ownerOf' | 'active' | 'subscribe' | 'screen'>;
	upstream: { coreTax: Pick<CoreTax, 'payer' | 'releaseClaim' | 'releaseClaimBySupervisor'> };
	clock: Clock;
	repos: { audit: Pick<AuditRepo, 'record'> };
	auth: Pick<AuthService, 'verifySupervisor'>;
	heldMoney: Pick<HeldMoneyRepo, 'closeFor'>;
	ledger: Pick<LedgerRepo, 'formIssuedFor'>;
	shifts: Pick<ShiftsRepo, 'openAt'>;
}

/** What the clerk may choose to do for a payer. */
export const BUSINESSES = ['payment', 'cancellation', 'transfer', 'certificate', 'refund'] as const satisfies readonly CounterBusiness[];

/** The shift open at the clerk's window, the clerk's own: no session (and so no money) at a window without one. */
export function shiftAt(deps: { shifts: Pick<ShiftsRepo, 'openAt'> }, clerk: SignedInClerk): ShiftRow {
	const shift = deps.shifts.openAt(clerk.windowNo);
	if (!shift) throw new WindowSessionError(409, WINDOW_SESSION_TEXT.noShift);
	if (shift.clerkId !== clerk.clerkId) throw new WindowSessionError(409, WINDOW_SESSION_TEXT.othersShift(shift.clerkName));
	return shift;
}

/** The clerk at a window that a counter business needs; a kiosk is refused. */
export function clerkAtWindow(operator: Operator): SignedInClerk {
	if (operator.kind !== 'clerk') throw new WindowSessionError(403, WINDOW_SESSION_TEXT.windowOnly);
	return operator.clerk;
}

/** Keys of every call are built from the id, so it carries no ':'. */
export function newSessionId(deps: Pick<WindowSessionDeps, 'clock'>, clerk: SignedInClerk): string {
	return `${windowJobPrefix(clerk.windowNo)}${deps.clock.today().replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
}

export function windowInput(deps: Pick<WindowSessionDeps, 'clock'>, clerk: SignedInClerk, id: string) {
	return { sessionId: id, today: deps.clock.today(), windowNo: String(clerk.windowNo), clerkId: String(clerk.clerkId) };
}

/**
 * Starts the clerk's visit with residents or flexible employees (one person or a household); the
 * first person, when given (typed, read from the card, or picked from the search), is looked up at once.
 */
export function startIndividualSession(
	deps: WindowSessionDeps,
	operator: Operator,
	first?: { idNumber: string; name?: string; source: 'card' | 'typed' }
): string {
	const clerk = clerkAtWindow(operator);
	shiftAt(deps, clerk);
	const id = newSessionId(deps, clerk);
	deps.sessions.start(INDIVIDUAL_SESSION, id, operator, windowInput(deps, clerk, id));
	if (first) deps.sessions.send(id, { type: 'FIND_PERSON', ...first } as { type: string });
	deps.repos.audit.record(deps.clock.now().toISOString(), {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		action: 'session-started',
		subject: id,
		detail: { kind: INDIVIDUAL_SESSION, source: first?.source ?? null }
	});
	return id;
}

/** The individual session's live screen, or what its saved snapshot shows once it is over. */
export function individualViewOf(deps: Pick<WindowSessionDeps, 'sessions'>, operator: Operator, id: string): IndividualSessionScreen {
	if (ownedKind(deps, operator, id) !== INDIVIDUAL_SESSION) throw new WindowSessionError(404, WINDOW_SESSION_TEXT.notFound);
	const live = deps.sessions.screen(INDIVIDUAL_SESSION, id);
	if (live) return live;
	const saved = JSON.parse(deps.sessions.row(id)!.snapshot) as { value: unknown; context: IndividualSessionContext; output?: IndividualSessionOutput };
	return {
		kind: 'individual',
		id,
		status: 'done',
		step: stateName(saved.value),
		persons: [],
		householdFen: 0,
		agencyFirst: null,
		receipt: null,
		error: saved.context.error?.message ?? null,
		notice: null,
		moneyMoving: false,
		child: null,
		outcome: saved.output
			? { outcome: saved.output.outcome, channel: saved.output.channel, amountFen: saved.output.amountFen, vouchers: saved.output.vouchers }
			: null
	};
}

/** The batch's live screen, or what its saved snapshot shows once it is over (the outcome; the list is no longer shown). */
export function collectorBatchViewOf(deps: Pick<WindowSessionDeps, 'sessions'>, operator: Operator, id: string): CollectorBatchScreen {
	if (ownedKind(deps, operator, id) !== COLLECTOR_BATCH) throw new WindowSessionError(404, WINDOW_SESSION_TEXT.notFound);
	const live = deps.sessions.screen(COLLECTOR_BATCH, id);
	if (live) return live;
	const saved = JSON.parse(deps.sessions.row(id)!.snapshot) as { value: unknown; context: CollectorBatchContext; output?: CollectorBatchOutput };
	return batchScreenOf(id, { status: 'done', ...saved }, () => null, null);
}

/** The screen of a session of any kind, for the JSON answer and the event stream. */
export function screenOf(
	deps: Pick<WindowSessionDeps, 'sessions'>,
	operator: Operator,
	id: string
): SessionScreen | IndividualSessionScreen | CollectorBatchScreen {
	switch (ownedKind(deps, operator, id)) {
		case INDIVIDUAL_SESSION:
			return individualViewOf(deps, operator, id);
		case COLLECTOR_BATCH:
			return collectorBatchViewOf(deps, operator, id);
		default:
			return viewOf(deps, operator, id);
	}
}

/** Starts the clerk's visit with a unit payer at the clerk's window. */
export async function startCounterSession(
	deps: WindowSessionDeps,
	operator: Operator,
	payerId: number,
	business: CounterBusiness = 'payment'
): Promise<string> {
	const clerk = clerkAtWindow(operator);
	shiftAt(deps, clerk);
	const payer = await deps.upstream.coreTax.payer(payerId);
	if (!payer) throw new WindowSessionError(404, '未找到该缴费人');
	// Asked again with nothing awaited before the start: the shift may have closed while the payer was fetched.
	shiftAt(deps, clerk);
	const id = newSessionId(deps, clerk);
	deps.sessions.start(COUNTER_SESSION, id, operator, windowInput(deps, clerk, id));
	deps.sessions.send(id, { type: 'PAYER_PICKED', payer, business } as { type: string });
	deps.repos.audit.record(deps.clock.now().toISOString(), {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		action: 'session-started',
		subject: id,
		detail: { payerId, business }
	});
	return id;
}

/** The kind of the session, once the operator is known to own it: only its own window (or kiosk) may see it. */
export function ownedKind(deps: Pick<WindowSessionDeps, 'sessions'>, operator: Operator, id: string): string {
	const owner = deps.sessions.ownerOf(id);
	if (owner === null) throw new WindowSessionError(404, WINDOW_SESSION_TEXT.notFound);
	if (!operatorOwns(operator, owner)) throw new WindowSessionError(403, WINDOW_SESSION_TEXT.otherWindow);
	return deps.sessions.row(id)!.machine;
}

/** The live screen, or the last saved one of a finished session. Only the operator who owns it (the clerk's own window) may see it. */
export function viewOf(deps: Pick<WindowSessionDeps, 'sessions'>, operator: Operator, id: string): SessionScreen {
	ownedKind(deps, operator, id);
	const live = deps.sessions.screen(COUNTER_SESSION, id);
	if (live) return live;
	const row = deps.sessions.row(id)!;
	const saved = JSON.parse(row.snapshot) as { value: unknown; context: CounterSessionContext; output?: CounterSessionOutput };
	return {
		id,
		status: 'done',
		step: typeof saved.value === 'string' ? saved.value : 'done',
		payer: saved.context.payer,
		error: saved.context.error?.message ?? null,
		notice: null,
		moneyMoving: false,
		guidance: null,
		child: null,
		outcome: outcomeScreen(saved.output)
	};
}

/** This window's sessions not finished yet (left for another payer, or by a closed browser), oldest first. */
export function openSessionsAt(deps: Pick<WindowSessionDeps, 'sessions'>, operator: Operator): OpenSessionItem[] {
	return deps.sessions
		.active(COUNTER_SESSION)
		.filter((r) => operatorOwns(operator, r))
		.flatMap((r) => {
			const actor = deps.sessions.get(r.id);
			if (!actor) return [];
			const snap = actor.getSnapshot() as { value: unknown; context: CounterSessionContext };
			const payer = snap.context.payer;
			return [{ id: r.id, payerId: payer?.id ?? null, payerName: payer?.name ?? null, step: stateName(snap.value), startedAt: localTime(r.startedAt) }];
		});
}

/** What the journal knows and a session does not: a bank form (银行缴款书) printed for the declaration and handed out. */
function overrideFacts(deps: Pick<WindowSessionDeps, 'ledger'>): SessionOverrideFacts {
	return { documentPrinted: (declarationNo) => deps.ledger.formIssuedFor(declarationNo) };
}

/** The session's live actor once the event fits its current step (409 otherwise). */
function actorTaking(deps: WindowSessionDeps, id: string, event: SessionEvent) {
	const actor = deps.sessions.get(id);
	if (!actor) throw new WindowSessionError(409, '该业务已结束');
	const refusal = stepRefusal(actor, event);
	if (refusal) throw new WindowSessionError(409, refusal);
	return actor;
}

/**
 * Sends what the clerk clicked or typed (checked by the route's schema); an event the step does
 * not take is refused, and so is one that needs a supervisor on the spot (sendWithOverride).
 */
export function sendEvent(deps: WindowSessionDeps, operator: Operator, id: string, event: SessionEvent): void {
	ownedKind(deps, operator, id);
	const actor = actorTaking(deps, id, event);
	const needed = overrideFor(actor, event, overrideFacts(deps));
	if (needed) throw new WindowSessionError(403, OVERRIDE_TEXT.needed(needed.act));
	if (event.type === 'VOID') auditVoidOnceDone(deps, clerkAtWindow(operator), id, event.declarationNo, event.reason);
	auditReprint(deps, operator, id, reprintsBefore(actor, event));
	deps.sessions.send(id, event);
}

/** Audit action of a document printed again at the clerk's request (补打). */
export const REPRINT_ACTION = 'document-reprinted';

/** A reprint is audited when the clerk asks for it, with the supervisor who allowed it if one had to. */
function auditReprint(
	deps: WindowSessionDeps,
	operator: Operator,
	id: string,
	reprint: ReturnType<typeof reprintsBefore>,
	supervisor?: SupervisorOnTheSpot
): void {
	if (!reprint) return;
	const clerk = clerkAtWindow(operator);
	deps.repos.audit.record(deps.clock.now().toISOString(), {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		action: REPRINT_ACTION,
		subject: id,
		detail: supervisor ? { ...reprint, supervisorId: supervisor.clerkId, supervisorName: supervisor.displayName } : reprint
	});
}

/** The supervisor typed at the window, as the session services answer a refusal. */
export async function supervisorFor(
	deps: Pick<WindowSessionDeps, 'auth' | 'repos' | 'clock'>,
	clerk: SignedInClerk,
	act: OverrideAct,
	r: OverrideRequest
): Promise<SupervisorOnTheSpot> {
	try {
		return await authoriseOverride(deps, clerk, act, r);
	} catch (e) {
		if (e instanceof OverrideError) throw new WindowSessionError(e.status, e.message);
		throw e;
	}
}

/**
 * The clerk's event that needs a supervisor (a void after the bank form was printed, a second
 * reprint, a link by hand), sent once the supervisor typed at the clerk's window is checked.
 */
export async function sendWithOverride(
	deps: WindowSessionDeps,
	operator: Operator,
	id: string,
	event: SessionEvent,
	credentials: Pick<OverrideRequest, 'login' | 'password' | 'reason'>
): Promise<void> {
	ownedKind(deps, operator, id);
	const clerk = clerkAtWindow(operator);
	const needed = overrideFor(actorTaking(deps, id, event), event, overrideFacts(deps));
	if (!needed) throw new WindowSessionError(409, SUPERVISOR_TEXT.notNeeded);
	const supervisor = await supervisorFor(deps, clerk, needed.act, { ...credentials, subject: id, detail: needed.detail });
	// The password check took time: the step may have moved on meanwhile.
	const actor = actorTaking(deps, id, event);
	if (event.type === 'VOID') auditVoidOnceDone(deps, clerk, id, event.declarationNo, event.reason, supervisor);
	auditReprint(deps, operator, id, reprintsBefore(actor, event), supervisor);
	deps.sessions.send(id, event);
}

interface DeclarationChildSnapshot {
	value: unknown;
	context: { voiding: string | null };
}

/** A void is audited with the clerk's reason once the core tax system has voided it (not when refused). */
function auditVoidOnceDone(deps: WindowSessionDeps, clerk: SignedInClerk, id: string, declarationNo: string, reason: string, supervisor?: SupervisorOnTheSpot) {
	let started = false;
	const off = deps.sessions.subscribe(id, () => {
		const child = deps.sessions.get(id)?.getSnapshot().children.declaration?.getSnapshot() as DeclarationChildSnapshot | undefined;
		const step = child ? stateName(child.value) : null;
		started ||= step === 'voiding';
		if (!started || step === 'voiding') return;
		off();
		if (step !== 'voided' || child?.context.voiding !== declarationNo) return;
		deps.repos.audit.record(deps.clock.now().toISOString(), {
			clerkId: clerk.clerkId,
			windowNo: clerk.windowNo,
			action: 'declaration-voided',
			subject: id,
			detail: supervisor ? { declarationNo, reason, supervisorId: supervisor.clerkId, supervisorName: supervisor.displayName } : { declarationNo, reason }
		});
	});
}

export const SUPERVISOR_TEXT = {
	nothingToClose: '本笔业务当前不需要值班长处理。',
	notHeldElsewhere: '本笔业务当前没有被其他窗口占用的申报。',
	releaseFailed: (reason: string) => `未能解除占用：${reason}`,
	notNeeded: '此操作不需要值班长确认，请直接操作。'
} as const;

/** A supervisor's decision typed at the clerk's window, with the supervisor's own login. */
export interface SupervisorDecision {
	/** `close`: end a stuck payment; `release`: free a declaration another window left held. */
	intent: 'close' | 'release';
	login: string;
	password: string;
	reason: string;
}

interface PaymentChildSnapshot {
	value: unknown;
	context: { declaration: { declarationNo: string }; error: { code: string; message: string } | null };
	can(event: { type: string; supervisorId?: string; note?: string }): boolean;
}

/**
 * A supervisor signs in on the spot and closes a stuck payment with a reason, or releases a
 * declaration another window holds. Both are audited; closing also ends the session's claim and
 * closes the money it held.
 */
export async function supervisorDecides(deps: WindowSessionDeps, operator: Operator, id: string, d: SupervisorDecision): Promise<void> {
	ownedKind(deps, operator, id);
	const clerk = clerkAtWindow(operator);
	const reason = d.reason.trim();
	if (reason.length < 2 || reason.length > 200) throw new WindowSessionError(400, AUTH_TEXT.reasonMissing);
	const child = deps.sessions.get(id)?.getSnapshot().children.payment?.getSnapshot() as PaymentChildSnapshot | undefined;
	const closing = d.intent === 'close';
	if (!child) throw new WindowSessionError(409, closing ? SUPERVISOR_TEXT.nothingToClose : SUPERVISOR_TEXT.notHeldElsewhere);
	if (closing && !waitsOnSupervisor(child)) {
		throw new WindowSessionError(409, SUPERVISOR_TEXT.nothingToClose);
	}
	if (!closing && stateName(child.value) !== 'choosing.refused') throw new WindowSessionError(409, SUPERVISOR_TEXT.notHeldElsewhere);
	const declarationNo = child.context.declaration.declarationNo;
	const supervisor = await supervisorFor(deps, clerk, closing ? 'close-stuck-session' : 'release-held-claim', {
		...d,
		subject: id,
		detail: { declarationNo, step: stateName(child.value) }
	});

	const at = deps.clock.now().toISOString();
	const audit = (action: string, detail: Record<string, unknown>) =>
		deps.repos.audit.record(at, {
			clerkId: supervisor.clerkId,
			windowNo: clerk.windowNo,
			action,
			subject: id,
			detail: { declarationNo, reason, clerkId: clerk.clerkId, ...detail }
		});

	if (closing) {
		const step = child.value;
		deps.sessions.send(id, { type: 'SUPERVISOR_CLOSE', supervisorId: String(supervisor.clerkId), note: reason } as { type: string });
		const heldClosed = deps.heldMoney.closeFor(id, supervisor.clerkId, reason, at);
		audit('supervisor-closed', { step, error: child.context.error, heldClosed });
		// The session no longer stands for the declaration; another window may take it.
		await deps.upstream.coreTax.releaseClaim({ claimKey: claimKey(id), declarationNo }).catch(() => undefined);
		return;
	}
	try {
		const released = await deps.upstream.coreTax.releaseClaimBySupervisor({ declarationNo, supervisor: supervisor.displayName, reason });
		audit('claim-released', { heldBy: released });
	} catch (e) {
		if (e instanceof UpstreamRefusedError) throw new WindowSessionError(409, e.message);
		if (e instanceof UpstreamError) throw new WindowSessionError(409, SUPERVISOR_TEXT.releaseFailed(e.message));
		throw e;
	}
	deps.sessions.send(id, { type: 'RETRY' });
}
