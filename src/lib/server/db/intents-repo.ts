import type { Db } from './open-database';

export type IntentStatus = 'pending' | 'succeeded' | 'failed' | 'reversed' | 'unknown';

export interface IntentRow {
	key: string;
	windowSessionId: string | null;
	action: string;
	payload: unknown;
	status: IntentStatus;
	outcome: unknown;
	createdAt: string;
	updatedAt: string;
}

interface RawIntent {
	key: string;
	windowSessionId: string | null;
	action: string;
	payload: string;
	status: IntentStatus;
	outcome: string | null;
	createdAt: string;
	updatedAt: string;
}

const SELECT = `SELECT idempotency_key AS key, window_session_id AS windowSessionId, action, payload, status, outcome,
	created_at AS createdAt, updated_at AS updatedAt FROM intents`;

const parse = (r: RawIntent): IntentRow => ({
	...r,
	payload: JSON.parse(r.payload),
	outcome: r.outcome === null ? null : JSON.parse(r.outcome)
});

/** Intents are written before a device or upstream call and finished after it. */
export function intentsRepo(db: Db) {
	const get = db.prepare<[string], RawIntent>(`${SELECT} WHERE idempotency_key = ?`);
	const insert = db.prepare(
		`INSERT INTO intents (idempotency_key, window_session_id, action, payload, status, created_at, updated_at)
		 VALUES (?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`
	);
	const finish = db.prepare(`UPDATE intents SET status = ?, outcome = ?, updated_at = ? WHERE idempotency_key = ?`);
	const endPending = db.prepare(`UPDATE intents SET status = 'unknown', outcome = ?, updated_at = ? WHERE window_session_id = ? AND status = 'pending'`);
	const bySession = db.prepare<[string], RawIntent>(`${SELECT} WHERE window_session_id = ? ORDER BY created_at, rowid`);
	const unfinished = db.prepare<[], RawIntent>(`${SELECT} WHERE status IN ('pending', 'unknown') ORDER BY created_at, rowid`);
	const succeeded = db.prepare<[string], RawIntent>(`${SELECT} WHERE action = ? AND status = 'succeeded' ORDER BY created_at, rowid`);
	return {
		/**
		 * Records the intent unless one with this key exists. `fresh` is false when it existed: the
		 * call may have been made before a crash, so its outcome must be asked for, not assumed.
		 */
		begin(i: { key: string; windowSessionId: string | null; action: string; payload: unknown }, at: string): { intent: IntentRow; fresh: boolean } {
			const r = insert.run(i.key, i.windowSessionId, i.action, JSON.stringify(i.payload), at, at);
			return { intent: parse(get.get(i.key)!), fresh: r.changes === 1 };
		},
		finish(key: string, status: Exclude<IntentStatus, 'pending'>, outcome: unknown, at: string) {
			finish.run(status, JSON.stringify(outcome ?? null), at, key);
		},
		/**
		 * The session ended with calls never answered: they become 'unknown' (for a supervisor to
		 * look into), never 'pending' for ever. Answers how many.
		 */
		endSession(windowSessionId: string, at: string): number {
			return endPending.run(JSON.stringify({ reason: 'session-ended' }), at, windowSessionId).changes;
		},
		get(key: string): IntentRow | null {
			const r = get.get(key);
			return r ? parse(r) : null;
		},
		ofSession: (windowSessionId: string) => bySession.all(windowSessionId).map(parse),
		/** Calls begun and not known to have ended, oldest first: what a day close lists as still open. */
		unfinished: () => unfinished.all().map(parse),
		/** Every call of one kind that succeeded, oldest first. */
		succeeded: (action: string) => succeeded.all(action).map(parse)
	};
}

export type IntentsRepo = ReturnType<typeof intentsRepo>;

/** What a print that journals its intent needs: its printer, the intents to finish, the journal's time. */
export interface JournalledPrintDeps<P> {
	readonly printer: P;
	readonly intents: Pick<IntentsRepo, 'finish'>;
	/** ISO time for the journal. */
	readonly at: () => string;
}
