import { OVERRIDE_ACT_LABEL, type OverrideAct } from '../../domain/overrides';
import type { Clock } from '../clock';
import type { AuditRepo } from '../db/audit-repo';
import { AUTH_TEXT, type AuthService, type SignedInClerk, type SupervisorOnTheSpot } from './auth-service';

// A supervisor's override on the spot (值班长现场确认): the supervisor's own login and password
// typed at the clerk's window for one act there, never a sign-in of the browser. Every answer,
// granted or refused, is in the audit trail with both the clerk and the supervisor named.

export const OVERRIDE_TEXT = {
	needed: (act: OverrideAct) => `${OVERRIDE_ACT_LABEL[act]}需值班长到场，输入值班长工号和密码确认。`,
	self: '值班长不能确认自己的操作，请另一位值班长到场确认。'
} as const;

/** Audit actions of an override's answer. */
export const OVERRIDE_AUDIT = { granted: 'override-granted', refused: 'override-refused' } as const;

export type OverrideRefusal = 'REASON_MISSING' | 'NOT_SUPERVISOR' | 'SELF_OVERRIDE' | 'OVERRIDE_NEEDED';

/** An override refused: 400 without a reason, 403 without a supervisor (or with the clerk as their own supervisor). */
export class OverrideError extends Error {
	constructor(
		readonly status: 400 | 403,
		readonly code: OverrideRefusal,
		message: string
	) {
		super(message);
		this.name = 'OverrideError';
	}
}

/** What an override uses: the supervisor's password check, the audit trail, the clock. */
export interface OverrideDeps {
	auth: Pick<AuthService, 'verifySupervisor'>;
	repos: { audit: Pick<AuditRepo, 'record'> };
	clock: Clock;
}

/** What is typed at the window: the supervisor's login and password, and why. */
export interface OverrideRequest {
	login: string;
	password: string;
	reason: string;
	/** What the act is about (a session id, a window's drawer), for the audit row. */
	subject?: string;
	/** The act's own facts for the audit row (a declaration number, a reprint count). */
	detail?: Record<string, unknown>;
}

/** The clerk's act refused before anything was asked: it needs a supervisor on the spot. */
export function overrideNeeded(act: OverrideAct): OverrideError {
	return new OverrideError(403, 'OVERRIDE_NEEDED', OVERRIDE_TEXT.needed(act));
}

/**
 * Checks the supervisor typed at the clerk's window for one act and answers the supervisor, or
 * throws an OverrideError. A clerk who is not a supervisor, a wrong password (with the sign-in's
 * lock-out), or the clerk themself are refused alike; both answers are audited.
 */
export async function authoriseOverride(deps: OverrideDeps, clerk: SignedInClerk, act: OverrideAct, r: OverrideRequest): Promise<SupervisorOnTheSpot> {
	const reason = r.reason.trim();
	if (reason.length < 2 || reason.length > 200) throw new OverrideError(400, 'REASON_MISSING', AUTH_TEXT.reasonMissing);
	const supervisor = await deps.auth.verifySupervisor(r.login, r.password, clerk);
	const self = supervisor !== null && supervisor.clerkId === clerk.clerkId;
	const audit = (action: string, clerkId: number, detail: Record<string, unknown>) =>
		deps.repos.audit.record(deps.clock.now().toISOString(), {
			clerkId,
			windowNo: clerk.windowNo,
			action,
			subject: r.subject,
			detail: { act, reason, clerkId: clerk.clerkId, clerkName: clerk.displayName, ...detail, ...r.detail }
		});
	if (!supervisor || self) {
		audit(OVERRIDE_AUDIT.refused, clerk.clerkId, {
			refusal: self ? 'SELF_OVERRIDE' : 'NOT_SUPERVISOR',
			supervisorLogin: r.login.trim(),
			supervisorId: supervisor?.clerkId ?? null,
			supervisorName: supervisor?.displayName ?? null
		});
		throw self ? new OverrideError(403, 'SELF_OVERRIDE', OVERRIDE_TEXT.self) : new OverrideError(403, 'NOT_SUPERVISOR', AUTH_TEXT.notSupervisor);
	}
	audit(OVERRIDE_AUDIT.granted, supervisor.clerkId, { supervisorId: supervisor.clerkId, supervisorName: supervisor.displayName });
	return supervisor;
}
