import type { Db } from './open-database';
import type { ClerkRole } from './clerks-repo';

export interface AuthSessionRow {
	clerkId: number;
	login: string;
	displayName: string;
	role: ClerkRole;
	windowNo: number;
	expiresAt: string;
}

export function authSessionsRepo(db: Db) {
	const live = db.prepare<[string, string], AuthSessionRow>(
		`SELECT s.clerk_id AS clerkId, c.login, c.display_name AS displayName, c.role, s.window_no AS windowNo,
		        s.expires_at AS expiresAt
		 FROM auth_sessions s JOIN clerks c ON c.id = s.clerk_id
		 WHERE s.token_hash = ? AND s.ended_at IS NULL AND s.expires_at > ? AND c.active = 1`
	);
	return {
		insert(s: { tokenHash: string; clerkId: number; windowNo: number; createdAt: string; expiresAt: string }) {
			db.prepare(`INSERT INTO auth_sessions (token_hash, clerk_id, window_no, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`).run(
				s.tokenHash,
				s.clerkId,
				s.windowNo,
				s.createdAt,
				s.expiresAt
			);
		},
		live: (tokenHash: string, now: string) => live.get(tokenHash, now) ?? null,
		end(tokenHash: string, at: string) {
			db.prepare('UPDATE auth_sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL').run(at, tokenHash);
		},
		/** Ends every live sign-in of a clerk (password reset, removal); answers how many. */
		endAllOf(clerkId: number, at: string): number {
			return db.prepare('UPDATE auth_sessions SET ended_at = ? WHERE clerk_id = ? AND ended_at IS NULL').run(at, clerkId).changes;
		}
	};
}
