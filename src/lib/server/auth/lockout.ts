import { createHash } from 'node:crypto';

// The lock-out rule, one place for accounts that exist and for logins that do not.

export interface FailureState {
	failedAttempts: number;
	/** ISO instant; a past instant is a lock that has run out. */
	lockedUntil: string | null;
}

export interface LockoutPolicy {
	attempts: number;
	minutes: number;
}

export interface CountedFailure {
	/** False while a lock holds: the attempt is refused without being counted. */
	counted: boolean;
	state: FailureState;
}

export const isLocked = (s: FailureState, now: Date): boolean => s.lockedUntil !== null && s.lockedUntil > now.toISOString();

/** The state after one more wrong password, or null while a lock holds. */
export function afterFailure(s: FailureState, now: Date, policy: LockoutPolicy): FailureState | null {
	if (isLocked(s, now)) return null;
	// A lock that has run out starts the count again.
	const failedAttempts = (s.lockedUntil ? 0 : s.failedAttempts) + 1;
	const locks = failedAttempts >= policy.attempts;
	return { failedAttempts, lockedUntil: locks ? new Date(now.getTime() + policy.minutes * 60_000).toISOString() : null };
}

/**
 * Wrong passwords against logins that do not exist (or were removed) are counted and locked the
 * same way, in memory, so "账户已锁定" tells an outsider nothing about which logins are real.
 * Bounded: the oldest entries go first.
 */
export function unknownLoginFailures(limit = 10_000) {
	// Kept by a digest of the login: however long what was typed, an entry stays small.
	const states = new Map<string, FailureState>();
	return {
		count(login: string, next: (s: FailureState) => FailureState | null): CountedFailure {
			login = createHash('sha256').update(login).digest('base64');
			const current = states.get(login) ?? { failedAttempts: 0, lockedUntil: null };
			const state = next(current);
			if (!state) return { counted: false, state: current };
			states.delete(login);
			states.set(login, state);
			if (states.size > limit) states.delete(states.keys().next().value!);
			return { counted: true, state };
		}
	};
}
