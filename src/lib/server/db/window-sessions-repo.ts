import type { Db } from './open-database';

export type WindowSessionStatus = 'active' | 'done' | 'cancelled';

/** Who a session belongs to: a clerk at a window, or a hall kiosk. */
export type SessionOwner = { windowNo: number; clerkId: number; kioskId: null } | { windowNo: null; clerkId: null; kioskId: string };

export type WindowSessionRow = SessionOwner & {
	id: string;
	machine: string;
	snapshot: string;
	status: WindowSessionStatus;
	startedAt: string;
	updatedAt: string;
};

const OWNER = `window_no AS windowNo, clerk_id AS clerkId, kiosk_id AS kioskId`;
const SELECT = `SELECT id, ${OWNER}, machine, snapshot, status,
	started_at AS startedAt, updated_at AS updatedAt FROM window_sessions`;

export function windowSessionsRepo(db: Db) {
	const save = db.prepare(`UPDATE window_sessions SET snapshot = ?, status = ?, updated_at = ? WHERE id = ?`);
	const insert = db.prepare(
		`INSERT INTO window_sessions (id, window_no, clerk_id, kiosk_id, machine, snapshot, status, started_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)`
	);
	const get = db.prepare<[string], WindowSessionRow>(`${SELECT} WHERE id = ?`);
	const ownerOf = db.prepare<[string], SessionOwner>(`SELECT ${OWNER} FROM window_sessions WHERE id = ?`);
	return {
		insert(r: Omit<WindowSessionRow, 'updatedAt' | 'status'>) {
			insert.run(r.id, r.windowNo, r.clerkId, r.kioskId, r.machine, r.snapshot, r.startedAt, r.startedAt);
		},
		/** Called after every transition: the snapshot on disk is never behind the one on screen. */
		save(id: string, snapshot: string, status: WindowSessionStatus, at: string) {
			save.run(snapshot, status, at, id);
		},
		get: (id: string) => get.get(id) ?? null,
		/** Who a session belongs to, without reading its snapshot. */
		ownerOf: (id: string) => ownerOf.get(id) ?? null,
		active: () => db.prepare<[], WindowSessionRow>(`${SELECT} WHERE status = 'active' ORDER BY started_at`).all()
	};
}

export type WindowSessionsRepo = ReturnType<typeof windowSessionsRepo>;
