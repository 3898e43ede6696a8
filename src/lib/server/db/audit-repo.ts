import type { Db } from './open-database';
import { auditRowHash, GENESIS_HASH, type StoredAuditRow } from './audit-chain';
import { CST_OFFSET_MS } from '../../views/local-time';

export interface AuditEntry {
	clerkId: number | null;
	windowNo: number | null;
	/** The self-service kiosk that acted (no clerk, no window). */
	kioskId?: string;
	action: string;
	subject?: string;
	detail?: unknown;
	/** What the subject was before the act and is after it, where the act changed something. */
	before?: unknown;
	after?: unknown;
}

/** The supervisor's filters over the trail; every one may be left out. */
export interface AuditFilter {
	action?: string;
	clerkLogin?: string;
	windowNo?: number;
	/** Business days in the hall's time (UTC+8), both included. */
	from?: string;
	to?: string;
	/** Part of the subject. */
	subject?: string;
}

/** A row of the trail as the supervisor's page shows it: the clerk by login and name, without the chain's hashes. */
export type AuditTrailRow = Omit<StoredAuditRow, 'clerkId' | 'prevHash' | 'hash'> & { clerkLogin: string | null; clerkName: string | null };

/** The instant a hall's day (UTC+8) starts, `days` on, as stored times are written (ISO, UTC). */
const hallDayStart = (date: string, days = 0) => new Date(Date.parse(`${date}T00:00:00Z`) - CST_OFFSET_MS + days * 86_400_000).toISOString();
const jsonText = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export function auditRepo(db: Db) {
	const last = db.prepare<[], { id: number; hash: string | null }>(`SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`);
	const insert = db.prepare(
		`INSERT INTO audit_log (id, at, clerk_id, window_no, kiosk_id, action, subject, detail, before_json, after_json, prev_hash, hash)
		 VALUES (@id, @at, @clerkId, @windowNo, @kioskId, @action, @subject, @detail, @before, @after, @prevHash, @hash)`
	);
	// The last row is read and the next one written under one write lock (a savepoint inside a
	// caller's transaction), so two writers, even in two processes, never chain to the same row.
	const append = db.transaction((at: string, e: AuditEntry) => {
		const prev = last.get();
		const row = {
			id: (prev?.id ?? 0) + 1,
			at,
			clerkId: e.clerkId,
			windowNo: e.windowNo,
			kioskId: e.kioskId ?? null,
			action: e.action,
			subject: e.subject ?? null,
			detail: jsonText(e.detail),
			before: jsonText(e.before),
			after: jsonText(e.after),
			prevHash: prev?.hash ?? GENESIS_HASH
		};
		insert.run({ ...row, hash: auditRowHash(row) });
	});
	const trailWhere = `FROM audit_log a LEFT JOIN clerks c ON c.id = a.clerk_id
		WHERE (@action IS NULL OR a.action = @action) AND (@clerkLogin IS NULL OR c.login = @clerkLogin)
		AND (@windowNo IS NULL OR a.window_no = @windowNo) AND (@from IS NULL OR a.at >= @from) AND (@to IS NULL OR a.at < @to)
		AND (@subject IS NULL OR instr(a.subject, @subject) > 0)`;
	const trailRows = db.prepare<Record<string, unknown>, AuditTrailRow>(
		`SELECT a.id, a.at, c.login AS clerkLogin, c.display_name AS clerkName, a.window_no AS windowNo, a.kiosk_id AS kioskId, a.action,
			a.subject, a.detail, a.before_json AS before, a.after_json AS after ${trailWhere} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`
	);
	const trailCount = db.prepare<Record<string, unknown>, { n: number }>(`SELECT count(*) AS n ${trailWhere}`);
	const actions = db.prepare<[], { action: string }>(`SELECT DISTINCT action FROM audit_log ORDER BY action`);
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
		/** Appends one row to the chain: immediate on its own, a savepoint inside the caller's transaction. */
		record(at: string, e: AuditEntry) {
			append.immediate(at, e);
		},
		/** One page of the trail, newest first, and how many rows the filters match. */
		trail(f: AuditFilter, page: { limit: number; offset: number }) {
			const params = {
				action: f.action ?? null,
				clerkLogin: f.clerkLogin ?? null,
				windowNo: f.windowNo ?? null,
				from: f.from ? hallDayStart(f.from) : null,
				to: f.to ? hallDayStart(f.to, 1) : null,
				subject: f.subject ?? null
			};
			return { rows: trailRows.all({ ...params, ...page }), total: trailCount.get(params)!.n };
		},
		/** Every action the trail holds, for the filter's choice. */
		actions: () => actions.all().map((r) => r.action),
		/** Keeps the journal's own copy of what the clerk was shown. */
		keepShownCopy(at: string, e: { clerkId: number; windowNo: number; kind: string; subject: string; content: unknown }) {
			shown.run(at, e.clerkId, e.windowNo, e.kind, e.subject, JSON.stringify(e.content));
		}
	};
}

export type AuditRepo = ReturnType<typeof auditRepo>;
