import type { Migration } from '../migrator';

/**
 * Occupational annuity at the window (guide ch. 2 六 to 八): the notices this terminal issued and
 * printed, the custodian bank's transfers it imported (statement file or feed) with the latest
 * matching's answer for each, the clerk's decisions on exceptions (returned to the sender, or
 * matched by hand with a supervisor), the arrival confirmations and the fiscal e-receipts.
 */
export default {
	version: 9,
	name: 'annuity',
	sql: /* sql */ `
CREATE TABLE annuity_notices (
	notice_no TEXT PRIMARY KEY CHECK (length(notice_no) = 7),
	payer_id INTEGER NOT NULL,
	payer_name TEXT NOT NULL,
	month TEXT NOT NULL,
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	issued_on TEXT NOT NULL,
	-- What the notice printed, as JSON: the copy a reprint prints again.
	content TEXT NOT NULL,
	prints INTEGER NOT NULL DEFAULT 0,
	issued_by INTEGER REFERENCES clerks(id),
	issued_at TEXT NOT NULL
);
CREATE INDEX annuity_notices_payer ON annuity_notices(payer_id);

CREATE TABLE annuity_transfers (
	transfer_id TEXT PRIMARY KEY,
	source TEXT NOT NULL CHECK (source IN ('file', 'feed')),
	payer_account TEXT NOT NULL,
	payer_name TEXT NOT NULL,
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	transfer_date TEXT NOT NULL,
	remark TEXT NOT NULL,
	imported_by INTEGER REFERENCES clerks(id),
	imported_at TEXT NOT NULL,
	-- matched, partial and exception are the latest matching's answer and change with the next one;
	-- returned, hand_matched and confirmed are final.
	state TEXT NOT NULL CHECK (state IN ('matched', 'partial', 'exception', 'returned', 'hand_matched', 'confirmed')),
	notice_no TEXT,
	exception_code TEXT,
	reason TEXT,
	CHECK ((state = 'exception') = (exception_code IS NOT NULL))
);
CREATE INDEX annuity_transfers_state ON annuity_transfers(state);
CREATE INDEX annuity_transfers_notice ON annuity_transfers(notice_no);

CREATE TABLE annuity_decisions (
	id INTEGER PRIMARY KEY,
	transfer_id TEXT NOT NULL UNIQUE REFERENCES annuity_transfers(transfer_id),
	decision TEXT NOT NULL CHECK (decision IN ('returned', 'hand_matched')),
	notice_no TEXT,
	reason TEXT NOT NULL,
	clerk_id INTEGER NOT NULL REFERENCES clerks(id),
	supervisor_id INTEGER REFERENCES clerks(id),
	decided_at TEXT NOT NULL,
	CHECK ((decision = 'hand_matched') = (notice_no IS NOT NULL AND supervisor_id IS NOT NULL))
);

CREATE TABLE annuity_confirmations (
	notice_no TEXT PRIMARY KEY,
	transfer_ids TEXT NOT NULL,
	confirmed_on TEXT NOT NULL,
	clerk_id INTEGER NOT NULL REFERENCES clerks(id),
	confirmed_at TEXT NOT NULL
);

CREATE TABLE annuity_receipts (
	notice_no TEXT PRIMARY KEY REFERENCES annuity_confirmations(notice_no),
	receipt_no TEXT NOT NULL UNIQUE,
	check_code TEXT NOT NULL,
	issued_on TEXT NOT NULL,
	content TEXT NOT NULL,
	prints INTEGER NOT NULL DEFAULT 0
);
`
} satisfies Migration;
