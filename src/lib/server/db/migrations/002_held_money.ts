import type { Migration } from '../migrator';

/**
 * Money taken that no book upstream shows (the record was refused after the money moved): cash in
 * the drawer, a deduction to be refunded. It stays open until a supervisor decides on it.
 */
export default {
	version: 2,
	name: 'held_money',
	sql: /* sql */ `
CREATE TABLE held_money (
	idempotency_key TEXT PRIMARY KEY,
	window_session_id TEXT NOT NULL REFERENCES window_sessions(id),
	window_no INTEGER,
	clerk_id INTEGER REFERENCES clerks(id),
	kind TEXT NOT NULL CHECK (kind IN ('cash_held', 'refund_requested')),
	channel TEXT NOT NULL,
	declaration_no TEXT NOT NULL,
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	reason TEXT NOT NULL,
	details TEXT NOT NULL,
	created_at TEXT NOT NULL,
	closed_at TEXT,
	closed_by INTEGER REFERENCES clerks(id),
	close_note TEXT,
	CHECK ((closed_at IS NULL) = (closed_by IS NULL))
);
CREATE INDEX held_money_open ON held_money(window_session_id) WHERE closed_at IS NULL;
`
} satisfies Migration;
