import type { Db } from './open-database';

export interface AuditEntry {
	clerkId: number | null;
	windowNo: number | null;
	action: string;
	subject?: string;
	detail?: unknown;
}

export function auditRepo(db: Db) {
	const insert = db.prepare(
		`INSERT INTO audit_log (at, clerk_id, window_no, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)`
	);
	const shown = db.prepare(
		`INSERT INTO shown_copies (at, clerk_id, window_no, kind, subject, content) VALUES (?, ?, ?, ?, ?, ?)`
	);
	return {
		record(at: string, e: AuditEntry) {
			insert.run(at, e.clerkId, e.windowNo, e.action, e.subject ?? null, e.detail === undefined ? null : JSON.stringify(e.detail));
		},
		/** Keeps the journal's own copy of what the clerk was shown. */
		keepShownCopy(at: string, e: { clerkId: number; windowNo: number; kind: string; subject: string; content: unknown }) {
			shown.run(at, e.clerkId, e.windowNo, e.kind, e.subject, JSON.stringify(e.content));
		}
	};
}
