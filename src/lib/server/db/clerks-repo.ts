import type { Db } from './open-database';

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

export function clerksRepo(db: Db) {
	const byLogin = db.prepare<[string], Omit<ClerkRow, 'active'> & { active: number }>(
		`SELECT id, login, display_name AS displayName, role, password_hash AS passwordHash,
		        failed_attempts AS failedAttempts, locked_until AS lockedUntil, active
		 FROM clerks WHERE login = ?`
	);
	const displayName = db.prepare<[number], { n: string }>('SELECT display_name AS n FROM clerks WHERE id = ?');
	return {
		byLogin(login: string): ClerkRow | null {
			const r = byLogin.get(login);
			return r ? { ...r, active: r.active === 1 } : null;
		},
		displayName: (id: number) => displayName.get(id)?.n ?? `工号${id}`,
		insert(c: { login: string; displayName: string; role: ClerkRole; passwordHash: string }, at: string): number {
			const r = db
				.prepare(
					`INSERT INTO clerks (login, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)`
				)
				.run(c.login, c.displayName, c.role, c.passwordHash, at);
			return Number(r.lastInsertRowid);
		},
		recordFailure(id: number, attempts: number, lockedUntil: string | null) {
			db.prepare('UPDATE clerks SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(attempts, lockedUntil, id);
		},
		setPassword(id: number, passwordHash: string) {
			db.prepare('UPDATE clerks SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(passwordHash, id);
		},
		all: () =>
			db
				.prepare<[], { login: string; displayName: string; role: ClerkRole; lockedUntil: string | null }>(
					'SELECT login, display_name AS displayName, role, locked_until AS lockedUntil FROM clerks ORDER BY login'
				)
				.all(),
		clearFailures(id: number) {
			db.prepare('UPDATE clerks SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
		},
		count: () => (db.prepare('SELECT count(*) AS n FROM clerks').get() as { n: number }).n
	};
}
