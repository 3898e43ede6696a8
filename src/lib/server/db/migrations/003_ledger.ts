import type { Migration } from '../migrator';

/**
 * The terminal's own ledger: one row per movement of money or paper of value at a window, written
 * in the transaction that finishes the movement's intent. The shift and day close add up these
 * rows, never the JSON inside `intents`.
 *
 * Sign of `amount_fen`: positive is money taken for the payer's dues (card sale, cash in,
 * deduction, settlement, a bank stub) or the face value of a form handed out; negative is money
 * given back (change out, a card sale reversed). The repository applies the sign of each kind.
 */
export default {
	version: 3,
	name: 'ledger',
	sql: /* sql */ `
CREATE TABLE ledger_entries (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('card_sale', 'card_reversal', 'cash_in', 'change_out', 'deduction',
		'bank_form_issued', 'bank_stub', 'pending_settlement')),
	channel TEXT NOT NULL CHECK (channel IN ('pos', 'cash', 'agreement', 'bank_form', 'pending_account')),
	-- The key of the intent (or the drawer opening) that moved it: a movement is written once.
	idempotency_key TEXT NOT NULL,
	window_session_id TEXT REFERENCES window_sessions(id),
	window_no INTEGER NOT NULL REFERENCES windows(window_no),
	clerk_id INTEGER NOT NULL REFERENCES clerks(id),
	-- Shifts are not opened yet; the shift close fills this from its own issue on.
	shift_id INTEGER REFERENCES shifts(id),
	payer_id INTEGER NOT NULL,
	declaration_no TEXT NOT NULL,
	-- 电子税票号码, once the core tax system booked the payment (a bank form carries its own).
	voucher_no TEXT,
	-- The movement's own reference: POS 参考号, bank serial, form number of a settlement.
	reference TEXT,
	amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer' AND amount_fen <> 0),
	business_date TEXT NOT NULL CHECK (business_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	at TEXT NOT NULL,
	UNIQUE (kind, idempotency_key),
	CHECK ((kind IN ('card_reversal', 'change_out')) = (amount_fen < 0))
);
CREATE INDEX ledger_by_window_date ON ledger_entries(window_no, business_date);
CREATE INDEX ledger_by_date ON ledger_entries(business_date);
CREATE INDEX ledger_by_declaration ON ledger_entries(declaration_no);
`
} satisfies Migration;
