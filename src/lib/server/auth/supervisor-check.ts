import type { clerksRepo } from '../db/clerks-repo';
import type { AuditRepo } from '../db/audit-repo';
import type { Clock } from '../clock';
import { hashPassword, verifyPassword } from './password';

/** A supervisor who signed in on the spot at another's window to decide one thing. */
export interface SupervisorOnTheSpot {
	clerkId: number;
	login: string;
	displayName: string;
}

export const SUPERVISOR_CHECK_TEXT = {
	refused: '值班长工号或密码不正确，或该账户不是值班长，或已被锁定。',
	reasonMissing: '请值班长填写处理原因（2至200个字）。'
} as const;

// Compared against when the login is unknown, so every refusal takes as long.
const decoyHash = hashPassword('decoy-password-never-valid');

/**
 * Checks a supervisor's login and password typed at a clerk's window. Every refusal answers the
 * same words after the same work, and is audited with the window it came from.
 */
export function supervisorCheck(d: { clerks: ReturnType<typeof clerksRepo>; audit: AuditRepo; clock: Clock }) {
	return async function verify(login: string, password: string, at: { clerkId: number; windowNo: number }): Promise<SupervisorOnTheSpot | null> {
		const now = d.clock.now().toISOString();
		const c = d.clerks.byLogin(login.trim());
		const usable = c && c.active && c.role === 'supervisor' && !(c.lockedUntil && c.lockedUntil > now);
		const matches = await verifyPassword(password, usable ? c.passwordHash : await decoyHash);
		if (!usable || !matches) {
			d.audit.record(now, { clerkId: at.clerkId, windowNo: at.windowNo, action: 'supervisor-check-failed', subject: login.trim().slice(0, 64) });
			return null;
		}
		return { clerkId: c.id, login: c.login, displayName: c.displayName };
	};
}

export type SupervisorVerify = ReturnType<typeof supervisorCheck>;
