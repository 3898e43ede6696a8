import type { Db } from './open-database';

export type WindowSessionStatus = 'active' | 'done' | 'cancelled';

export interface WindowSessionRow {
	id: string;
	windowNo: number;
	clerkId: number;
	machine: string;
	snapshot: string;
	status: WindowSessionStatus;
	startedAt: string;
	updatedAt: string;
}

const SELECT = `SELECT id, window_no AS windowNo, clerk_id AS clerkId, machine, snapshot, status,
	started_at AS startedAt, updated_at AS updatedAt FROM window_sessions`;

export function windowSessionsRepo(db: Db) {
	const save = db.prepare(`UPDATE window_sessions SET snapshot = ?, status = ?, updated_at = ? WHERE id = ?`);
	const insert = db.prepare(
		`INSERT INTO window_sessions (id, window_no, clerk_id, machine, snapshot, status, started_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, 'active', ?, ?)`
	);
	const get = db.prepare<[string], WindowSessionRow>(`${SELECT} WHERE id = ?`);
	const windowOf = db.prepare<[string], { windowNo: number }>(`SELECT window_no AS windowNo FROM window_sessions WHERE id = ?`);
	return {
		insert(r: Omit<WindowSessionRow, 'updatedAt' | 'status'>) {
			insert.run(r.id, r.windowNo, r.clerkId, r.machine, r.snapshot, r.startedAt, r.startedAt);
		},
		/** Called after every transition: the snapshot on disk is never behind the one on screen. */
		save(id: string, snapshot: string, status: WindowSessionStatus, at: string) {
			save.run(snapshot, status, at, id);
		},
		get: (id: string) => get.get(id) ?? null,
		/** The window a session belongs to, without reading its snapshot. */
		windowOf: (id: string) => windowOf.get(id)?.windowNo ?? null,
		active: () => db.prepare<[], WindowSessionRow>(`${SELECT} WHERE status = 'active' ORDER BY started_at`).all()
	};
}

export type WindowSessionsRepo = ReturnType<typeof windowSessionsRepo>;
