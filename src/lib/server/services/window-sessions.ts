import { randomBytes } from 'node:crypto';
import type { Runtime } from '../runtime';
import type { SignedInClerk } from '../auth/auth-service';
import { sessionView, type SessionView } from '../sessions/session-view';
import { fitsCurrentStep, SESSION_EVENT_TEXT, type SessionEvent } from '../sessions/session-events';
import type { CounterBusiness } from '../../../../state-machines';

export class WindowSessionError extends Error {
	constructor(
		readonly status: 403 | 404 | 409,
		message: string
	) {
		super(message);
	}
}

/** What the clerk may choose to do for a payer. */
export const BUSINESSES = ['payment', 'cancellation', 'transfer', 'certificate', 'refund'] as const satisfies readonly CounterBusiness[];

/** Starts the clerk's visit with a unit payer at the clerk's window. */
export async function startCounterSession(
	rt: Runtime,
	clerk: SignedInClerk,
	payerId: number,
	business: CounterBusiness = 'payment'
): Promise<string> {
	const payer = await rt.upstream.coreTax.payer(payerId);
	if (!payer) throw new WindowSessionError(404, '未找到该缴费人');
	// Keys of every call are built from the id, so it carries no ':'.
	const id = `W${clerk.windowNo}-${rt.clock.today().replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
	rt.sessions.start(id, clerk.windowNo, clerk.clerkId, {
		sessionId: id,
		today: rt.clock.today(),
		windowNo: String(clerk.windowNo),
		clerkId: String(clerk.clerkId)
	});
	rt.sessions.send(id, { type: 'PAYER_PICKED', payer, business } as { type: string });
	rt.repos.audit.record(rt.clock.now().toISOString(), {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		action: 'session-started',
		subject: id,
		detail: { payerId, business }
	});
	return id;
}

/** The live view, or the last saved one of a finished session. Only the clerk's own window may see it. */
export function viewOf(rt: Runtime, clerk: SignedInClerk, id: string): SessionView {
	const windowNo = rt.sessions.windowOf(id);
	if (windowNo === null) throw new WindowSessionError(404, '未找到该窗口业务');
	if (windowNo !== clerk.windowNo) throw new WindowSessionError(403, '这是其他窗口的业务，不能在本窗口操作');
	const actor = rt.sessions.get(id);
	if (actor) return sessionView(id, actor);
	const row = rt.sessions.row(id)!;
	const saved = JSON.parse(row.snapshot) as { value: unknown; context: Record<string, unknown>; output?: unknown };
	return { id, status: 'done', step: typeof saved.value === 'string' ? saved.value : 'done', context: saved.context, child: null, output: saved.output ?? null };
}

/** Sends what the clerk clicked or typed (checked by the route's schema); an event the step does not take is refused. */
export function sendEvent(rt: Runtime, clerk: SignedInClerk, id: string, event: SessionEvent): void {
	viewOf(rt, clerk, id);
	const actor = rt.sessions.get(id);
	if (!actor) throw new WindowSessionError(409, '该业务已结束');
	if (!fitsCurrentStep(actor, event)) throw new WindowSessionError(409, SESSION_EVENT_TEXT.notNow);
	rt.sessions.send(id, event);
}
