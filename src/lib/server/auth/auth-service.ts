import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { clerksRepo } from '../db/clerks-repo';
import type { authSessionsRepo, AuthSessionRow } from '../db/auth-sessions-repo';
import type { windowsRepo } from '../db/windows-repo';
import type { auditRepo } from '../db/audit-repo';
import { hashPassword, verifyPassword } from './password';
import { afterFailure, isLocked, unknownLoginFailures, type FailureState, type LockoutPolicy } from './lockout';

/** Who is signed in at which window, as the session table knows it. */
export type SignedInClerk = AuthSessionRow;

export type SignInResult =
	{ ok: true; token: string; expiresAt: Date; clerk: SignedInClerk } | { ok: false; code: 'BAD_CREDENTIALS' | 'LOCKED' | 'BAD_WINDOW'; message: string };

export type UnlockResult = { ok: true; message: string } | { ok: false; status: 404 | 409; message: string };

export const AUTH_TEXT = {
	// The same words for an unknown login and a wrong password: nothing tells an outsider which logins exist.
	badCredentials: '工号或密码错误',
	locked: (until: string) => `账户已锁定，请于 ${until} 后再试，或请值班长在“人员与锁定”中解除锁定`,
	badWindow: '请选择有效的窗口号',
	unlocked: (login: string) => `已解除 ${login} 的锁定`,
	notLocked: (login: string) => `${login} 当前未被锁定`,
	noSuchClerk: (login: string) => `没有工号为“${login}”的人员`,
	notSupervisor: '值班长工号或密码不正确，或该账户不是值班长。',
	reasonMissing: '请值班长填写处理原因（2至200个字）。'
};

/** A supervisor who signed in on the spot at another's window to decide one thing. */
export interface SupervisorOnTheSpot {
	clerkId: number;
	login: string;
	displayName: string;
}

type CredentialCheck =
	| { ok: true; clerk: NonNullable<ReturnType<ReturnType<typeof clerksRepo>['byLogin']>>; now: Date; audit: (action: string) => void }
	| { ok: false; code: 'BAD_CREDENTIALS' | 'LOCKED'; message: string };

interface Deps {
	clock: Clock;
	clerks: ReturnType<typeof clerksRepo>;
	sessions: ReturnType<typeof authSessionsRepo>;
	windows: ReturnType<typeof windowsRepo>;
	audit: ReturnType<typeof auditRepo>;
	/** Runs one step in one journal transaction (one commit, so every refusal costs the same). */
	atomically: <T>(work: () => T) => T;
	sessionHours: number;
	lockout: LockoutPolicy;
	/** The password check; tests count the hash work through it. */
	verify?: typeof verifyPassword;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// A hash to compare against when the login is unknown, so both answers take as long; made on
// first use (the shell's npm run clerk imports these texts and never needs it).
let decoy: Promise<string> | null = null;
const decoyHash = () => (decoy ??= hashPassword('decoy-password-never-valid'));

export function authService(d: Deps) {
	const verify = d.verify ?? verifyPassword;
	const unknownLogins = unknownLoginFailures();
	const cstTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);
	const locked = (until: string | null) => ({ ok: false as const, code: 'LOCKED' as const, message: AUTH_TEXT.locked(cstTime(until!)) });
	const badCredentials = { ok: false as const, code: 'BAD_CREDENTIALS' as const, message: AUTH_TEXT.badCredentials };

	/** The password check with its lock-out, shared by sign-in and a supervisor's check on the spot. */
	async function checkCredentials(login: string, password: string, windowNo: number): Promise<CredentialCheck> {
		const name = login.trim();
		const found = d.clerks.byLogin(name);
		const clerk = found?.active ? found : null;
		// The hash work is done on every path (unknown login, locked account, wrong or right
		// password), so no answer comes sooner than another.
		const passwordOk = await verify(password, clerk?.passwordHash ?? (await decoyHash()));
		// Everything below is decided after the hash check, without another await: parallel
		// guesses see each other's counts.
		const now = d.clock.now();
		const audit = (action: string) => d.audit.record(now.toISOString(), { clerkId: clerk?.id ?? null, windowNo, action, subject: clerk?.login ?? name });

		if (!clerk || !passwordOk) {
			const step = (s: FailureState) => afterFailure(s, now, d.lockout);
			return d.atomically(() => {
				const r = clerk ? d.clerks.countFailure(clerk.id, step) : unknownLogins.count(name, step);
				if (!r.counted) {
					audit('sign-in-refused-locked');
					return locked(r.state.lockedUntil);
				}
				const locks = r.state.lockedUntil !== null;
				audit(locks && clerk ? 'account-locked' : 'sign-in-failed');
				return locks ? locked(r.state.lockedUntil) : badCredentials;
			});
		}
		const state = d.clerks.failureState(clerk.id);
		if (isLocked(state, now)) {
			audit('sign-in-refused-locked');
			return locked(state.lockedUntil);
		}
		return { ok: true, clerk, now, audit };
	}

	return {
		async signIn(login: string, password: string, windowNo: number): Promise<SignInResult> {
			const checked = await checkCredentials(login, password, windowNo);
			if (!checked.ok) return checked;
			const { clerk, now, audit } = checked;
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
			audit('signed-in');
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

		/**
		 * A supervisor's login and password typed at a clerk's window, for one decision there: the
		 * same hash work, lock-out and answers as a sign-in, and no sign-in is made.
		 */
		async verifySupervisor(login: string, password: string, at: { windowNo: number }): Promise<SupervisorOnTheSpot | null> {
			const checked = await checkCredentials(login, password, at.windowNo);
			if (!checked.ok) return null;
			if (checked.clerk.role !== 'supervisor') {
				checked.audit('supervisor-check-failed');
				return null;
			}
			checked.audit('supervisor-checked');
			return { clerkId: checked.clerk.id, login: checked.clerk.login, displayName: checked.clerk.displayName };
		},

		/** Every clerk with the lock state as of now (a lock that has run out shows as none). */
		clerks() {
			const now = d.clock.now();
			return d.clerks.all().map((c) => ({
				login: c.login,
				displayName: c.displayName,
				role: c.role,
				active: c.active,
				/** Local time (UTC+8) the lock runs out, null when not locked. */
				lockedUntil: isLocked(c, now) ? cstTime(c.lockedUntil!) : null,
				/** Wrong passwords since the last good sign-in; a lock that has run out counts from zero. */
				failedAttempts: c.lockedUntil ? 0 : c.failedAttempts
			}));
		},

		/** A supervisor lifts a clerk's lock before it runs out; written to the audit log. */
		unlock(by: SignedInClerk, login: string): UnlockResult {
			const clerk = d.clerks.byLogin(login);
			if (!clerk || !clerk.active) return { ok: false, status: 404, message: AUTH_TEXT.noSuchClerk(login) };
			const now = d.clock.now();
			if (!isLocked(clerk, now)) return { ok: false, status: 409, message: AUTH_TEXT.notLocked(clerk.login) };
			const was = { failedAttempts: clerk.failedAttempts, lockedUntil: clerk.lockedUntil };
			d.atomically(() => {
				d.clerks.clearFailures(clerk.id);
				d.audit.record(now.toISOString(), {
					clerkId: by.clerkId,
					windowNo: by.windowNo,
					action: 'account-unlocked',
					subject: clerk.login,
					detail: was,
					before: was,
					after: { failedAttempts: 0, lockedUntil: null }
				});
			});
			return { ok: true, message: AUTH_TEXT.unlocked(clerk.login) };
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
