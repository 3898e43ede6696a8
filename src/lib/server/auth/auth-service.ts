import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { clerksRepo, ClerkRole } from '../db/clerks-repo';
import type { authSessionsRepo, AuthSessionRow } from '../db/auth-sessions-repo';
import type { windowsRepo } from '../db/windows-repo';
import type { auditRepo } from '../db/audit-repo';
import { hashPassword, verifyPassword } from './password';

/** Who is signed in at which window, as the session table knows it. */
export type SignedInClerk = AuthSessionRow;

export type SignInResult =
	| { ok: true; token: string; expiresAt: Date; clerk: SignedInClerk }
	| { ok: false; code: 'BAD_CREDENTIALS' | 'LOCKED' | 'BAD_WINDOW'; message: string };

export const AUTH_TEXT = {
	badCredentials: (left: number) =>
		left > 0 ? `工号或密码错误，再错 ${left} 次账户将被锁定` : '工号或密码错误',
	locked: (until: string) => `账户已锁定，请于 ${until} 后再试，或请值班长协助`,
	badWindow: '请选择有效的窗口号'
};

interface Deps {
	clock: Clock;
	clerks: ReturnType<typeof clerksRepo>;
	sessions: ReturnType<typeof authSessionsRepo>;
	windows: ReturnType<typeof windowsRepo>;
	audit: ReturnType<typeof auditRepo>;
	sessionHours: number;
	lockout: { attempts: number; minutes: number };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// A hash to compare against when the login is unknown, so both answers take as long.
const decoyHash = hashPassword('decoy-password-never-valid');

export function authService(d: Deps) {
	const cstTime = (iso: string) =>
		new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);

	return {
		async signIn(login: string, password: string, windowNo: number): Promise<SignInResult> {
			const now = d.clock.now();
			const clerk = d.clerks.byLogin(login.trim());
			if (!clerk || !clerk.active) {
				await verifyPassword(password, await decoyHash);
				d.audit.record(now.toISOString(), { clerkId: null, windowNo, action: 'sign-in-failed', subject: login.trim() });
				return { ok: false, code: 'BAD_CREDENTIALS', message: AUTH_TEXT.badCredentials(0) };
			}
			if (clerk.lockedUntil && clerk.lockedUntil > now.toISOString()) {
				return { ok: false, code: 'LOCKED', message: AUTH_TEXT.locked(cstTime(clerk.lockedUntil)) };
			}
			if (!(await verifyPassword(password, clerk.passwordHash))) {
				// A lock that has run out starts the count again.
				const attempts = (clerk.lockedUntil ? 0 : clerk.failedAttempts) + 1;
				const locks = attempts >= d.lockout.attempts;
				const until = locks ? new Date(now.getTime() + d.lockout.minutes * 60_000).toISOString() : null;
				d.clerks.recordFailure(clerk.id, locks ? 0 : attempts, until);
				d.audit.record(now.toISOString(), {
					clerkId: clerk.id,
					windowNo,
					action: locks ? 'account-locked' : 'sign-in-failed',
					subject: clerk.login
				});
				return locks
					? { ok: false, code: 'LOCKED', message: AUTH_TEXT.locked(cstTime(until!)) }
					: { ok: false, code: 'BAD_CREDENTIALS', message: AUTH_TEXT.badCredentials(d.lockout.attempts - attempts) };
			}
			const window = d.windows.get(windowNo);
			if (!window || window.kind !== 'counter') return { ok: false, code: 'BAD_WINDOW', message: AUTH_TEXT.badWindow };

			d.clerks.clearFailures(clerk.id);
			const token = randomBytes(32).toString('base64url');
			const expiresAt = new Date(now.getTime() + d.sessionHours * 3600_000);
			d.sessions.insert({
				tokenHash: hashToken(token),
				clerkId: clerk.id,
				windowNo,
				createdAt: now.toISOString(),
				expiresAt: expiresAt.toISOString()
			});
			d.audit.record(now.toISOString(), { clerkId: clerk.id, windowNo, action: 'signed-in' });
			return {
				ok: true,
				token,
				expiresAt,
				clerk: {
					clerkId: clerk.id,
					login: clerk.login,
					displayName: clerk.displayName,
					role: clerk.role,
					windowNo,
					expiresAt: expiresAt.toISOString()
				}
			};
		},

		clerkFor(token: string | undefined): SignedInClerk | null {
			if (!token) return null;
			return d.sessions.live(hashToken(token), d.clock.now().toISOString());
		},

		signOut(token: string, clerk: SignedInClerk) {
			const at = d.clock.now().toISOString();
			d.sessions.end(hashToken(token), at);
			d.audit.record(at, { clerkId: clerk.clerkId, windowNo: clerk.windowNo, action: 'signed-out' });
		}
	};
}

export type AuthService = ReturnType<typeof authService>;
