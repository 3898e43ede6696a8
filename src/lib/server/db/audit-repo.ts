import type { Db } from './open-database';

export interface AuditEntry {
	clerkId: number | null;
	windowNo: number | null;
	action: string;
	subject?: string;
	detail?: unknown;
}

export function auditRepo(db: Db) {
	const insert = db.prepare(`INSERT INTO audit_log (at, clerk_id, window_no, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)`);
	const shown = db.prepare(`INSERT INTO shown_copies (at, clerk_id, window_no, kind, subject, content) VALUES (?, ?, ?, ?, ?, ?)`);
	return {
		/** Newest first. */
		byAction(action: string, limit = 200) {
			return db
				.prepare<[string, number], { at: string; clerkName: string | null; windowNo: number | null; subject: string | null; detail: string | null }>(
					`SELECT a.at, c.display_name AS clerkName, a.window_no AS windowNo, a.subject, a.detail
					 FROM audit_log a LEFT JOIN clerks c ON c.id = a.clerk_id WHERE a.action = ? ORDER BY a.id DESC LIMIT ?`
				)
				.all(action, limit)
				.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as unknown) : null }));
		},
		/** Rows of those actions whose detail names that business date, counted by subject, action and 补打. */
		countsOfDay(actions: readonly string[], businessDate: string) {
			return db
				.prepare<unknown[], { subject: string | null; action: string; reprint: number; n: number }>(
					`SELECT subject, action, coalesce(json_extract(detail, '$.reprint'), 0) AS reprint, count(*) AS n FROM audit_log
					 WHERE action IN (${actions.map(() => '?').join(', ')}) AND json_extract(detail, '$.businessDate') = ? GROUP BY subject, action, reprint`
				)
				.all(...actions, businessDate)
				.map((r) => ({ ...r, reprint: r.reprint === 1 }));
		},
		record(at: string, e: AuditEntry) {
			insert.run(at, e.clerkId, e.windowNo, e.action, e.subject ?? null, e.detail === undefined ? null : JSON.stringify(e.detail));
		},
		/** Keeps the journal's own copy of what the clerk was shown. */
		keepShownCopy(at: string, e: { clerkId: number; windowNo: number; kind: string; subject: string; content: unknown }) {
			shown.run(at, e.clerkId, e.windowNo, e.kind, e.subject, JSON.stringify(e.content));
		}
	};
}

export type AuditRepo = ReturnType<typeof auditRepo>;
