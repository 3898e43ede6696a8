import type { Db } from './open-database';
import type { CountedFailure, FailureState } from '../auth/lockout';

export type ClerkRole = 'clerk' | 'supervisor';

export interface ClerkRow {
	id: number;
	login: string;
	displayName: string;
	role: ClerkRole;
	passwordHash: string;
	failedAttempts: number;
	lockedUntil: string | null;
	active: boolean;
}

export interface ClerkListing {
	login: string;
	displayName: string;
	role: ClerkRole;
	failedAttempts: number;
	lockedUntil: string | null;
	active: boolean;
}

export function clerksRepo(db: Db) {
	const byLogin = db.prepare<[string], Omit<ClerkRow, 'active'> & { active: number }>(
		`SELECT id, login, display_name AS displayName, role, password_hash AS passwordHash,
		        failed_attempts AS failedAttempts, locked_until AS lockedUntil, active
		 FROM clerks WHERE login = ?`
	);
	const displayName = db.prepare<[number], { n: string }>('SELECT display_name AS n FROM clerks WHERE id = ?');
	const failureState = db.prepare<[number], FailureState>('SELECT failed_attempts AS failedAttempts, locked_until AS lockedUntil FROM clerks WHERE id = ?');
	const writeFailure = db.prepare<[number, string | null, number]>('UPDATE clerks SET failed_attempts = ?, locked_until = ? WHERE id = ?');
	// Read, decide and write in one immediate transaction: parallel wrong passwords are counted
	// one after the other, however their hash checks interleave.
	const countFailure = db.transaction((id: number, next: (s: FailureState) => FailureState | null): CountedFailure => {
		const current = failureState.get(id)!;
		const state = next(current);
		if (!state) return { counted: false, state: current };
		writeFailure.run(state.failedAttempts, state.lockedUntil, id);
		return { counted: true, state };
	});
	return {
		byLogin(login: string): ClerkRow | null {
			const r = byLogin.get(login);
			return r ? { ...r, active: r.active === 1 } : null;
		},
		displayName: (id: number) => displayName.get(id)?.n ?? `工号${id}`,
		insert(c: { login: string; displayName: string; role: ClerkRole; passwordHash: string }, at: string): number {
			const r = db
				.prepare(`INSERT INTO clerks (login, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)`)
				.run(c.login, c.displayName, c.role, c.passwordHash, at);
			return Number(r.lastInsertRowid);
		},
		failureState: (id: number): FailureState => failureState.get(id)!,
		countFailure: (id: number, next: (s: FailureState) => FailureState | null): CountedFailure => countFailure.immediate(id, next),
		setPassword(id: number, passwordHash: string) {
			db.prepare('UPDATE clerks SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(passwordHash, id);
		},
		all: () =>
			db
				.prepare<[], Omit<ClerkListing, 'active'> & { active: number }>(
					`SELECT login, display_name AS displayName, role, failed_attempts AS failedAttempts,
					        locked_until AS lockedUntil, active
					 FROM clerks ORDER BY login`
				)
				.all()
				.map((r): ClerkListing => ({ ...r, active: r.active === 1 })),
		clearFailures(id: number) {
			db.prepare('UPDATE clerks SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
		},
		/** Rows stay (the audit log and past sessions point at them); the login no longer signs in. */
		deactivate(id: number) {
			db.prepare('UPDATE clerks SET active = 0 WHERE id = ?').run(id);
		},
		count: () => (db.prepare('SELECT count(*) AS n FROM clerks').get() as { n: number }).n
	};
}
