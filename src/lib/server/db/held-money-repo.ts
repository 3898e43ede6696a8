import type { Db } from './open-database';

export type HeldMoneyKind = 'cash_held' | 'refund_requested';

export interface HeldMoneyRow {
	key: string;
	windowSessionId: string;
	windowNo: number | null;
	clerkId: number | null;
	kind: HeldMoneyKind;
	channel: string;
	declarationNo: string;
	amountFen: number;
	reason: string;
	details: unknown;
	createdAt: string;
	closedAt: string | null;
	closedBy: number | null;
	closeNote: string | null;
}

const SELECT = `SELECT idempotency_key AS key, window_session_id AS windowSessionId, window_no AS windowNo, clerk_id AS clerkId,
	kind, channel, declaration_no AS declarationNo, amount_fen AS amountFen, reason, details, created_at AS createdAt,
	closed_at AS closedAt, closed_by AS closedBy, close_note AS closeNote FROM held_money`;

const parse = (r: HeldMoneyRow & { details: string }): HeldMoneyRow => ({ ...r, details: JSON.parse(r.details) });

/** Money the terminal took that no book shows, kept until a supervisor decides on it. */
export function heldMoneyRepo(db: Db) {
	const insert = db.prepare(
		`INSERT INTO held_money (idempotency_key, window_session_id, window_no, clerk_id, kind, channel, declaration_no, amount_fen, reason, details, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`
	);
	const get = db.prepare<[string], HeldMoneyRow & { details: string }>(`${SELECT} WHERE idempotency_key = ?`);
	const openOf = db.prepare<[string], HeldMoneyRow & { details: string }>(`${SELECT} WHERE window_session_id = ? AND closed_at IS NULL`);
	const allOpen = db.prepare<[], HeldMoneyRow & { details: string }>(`${SELECT} WHERE closed_at IS NULL ORDER BY created_at`);
	const close = db.prepare(`UPDATE held_money SET closed_at = ?, closed_by = ?, close_note = ? WHERE window_session_id = ? AND closed_at IS NULL`);
	return {
		/** Idempotent by key: a restored session holding the same money writes it once. */
		hold(h: Omit<HeldMoneyRow, 'closedAt' | 'closedBy' | 'closeNote'>): HeldMoneyRow {
			insert.run(
				h.key,
				h.windowSessionId,
				h.windowNo,
				h.clerkId,
				h.kind,
				h.channel,
				h.declarationNo,
				h.amountFen,
				h.reason,
				JSON.stringify(h.details),
				h.createdAt
			);
			return parse(get.get(h.key)!);
		},
		openOf: (windowSessionId: string) => openOf.all(windowSessionId).map(parse),
		open: () => allOpen.all().map(parse),
		closeFor(windowSessionId: string, by: number, note: string, at: string): number {
			return close.run(at, by, note, windowSessionId).changes;
		}
	};
}

export type HeldMoneyRepo = ReturnType<typeof heldMoneyRepo>;
