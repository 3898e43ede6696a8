import type { Migration } from '../../db/migrator';

/**
 * The counter flows upstream: answers by idempotency key, agency events, cancellation requests,
 * bank-collection forms, tripartite agreements and deductions, the pending-settlement account.
 */
export default {
	version: 2,
	name: 'counter_flows',
	sql: /* sql */ `
-- The first answer to every write, by its idempotency key: a repeat returns it, never writes twice.
CREATE TABLE idempotent_calls (
	key TEXT PRIMARY KEY,
	operation TEXT NOT NULL,
	request TEXT NOT NULL, -- canonical JSON of the request without the key
	outcome TEXT NOT NULL CHECK (outcome IN ('done', 'refused')),
	answer TEXT NOT NULL, -- JSON: the result, or { code, message, details } of the refusal
	answered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- What the agencies pushed and what tax did with a record, in order.
CREATE TABLE registration_events (
	id INTEGER PRIMARY KEY,
	registration_id INTEGER NOT NULL REFERENCES agency_registrations(id),
	kind TEXT NOT NULL CHECK (kind IN ('received', 'changed', 'cancelled', 'transferred', 'linked', 'cancellation_requested')),
	on_date TEXT NOT NULL,
	details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX registration_events_registration ON registration_events(registration_id);

CREATE TABLE cancellation_requests (
	id INTEGER PRIMARY KEY,
	request_no TEXT NOT NULL UNIQUE,
	registration_id INTEGER NOT NULL REFERENCES agency_registrations(id),
	payer_id INTEGER NOT NULL REFERENCES payers(id),
	requested_on TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('requested', 'completed'))
);
CREATE INDEX cancellation_requests_registration ON cancellation_requests(registration_id);

ALTER TABLE payments ADD COLUMN details TEXT NOT NULL DEFAULT '{}';

-- 《税收缴款书（银行经收专用）》: numbered when printed, paid when the bank-stamped stub is back.
CREATE TABLE bank_forms (
	voucher_no TEXT PRIMARY KEY CHECK (length(voucher_no) = 18),
	declaration_id INTEGER NOT NULL REFERENCES declarations(id),
	issued_on TEXT NOT NULL,
	limit_date TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('issued', 'stamped', 'voided')),
	bank_name TEXT,
	stamped_on TEXT,
	CHECK ((status = 'stamped') = (stamped_on IS NOT NULL))
);
CREATE INDEX bank_forms_declaration ON bank_forms(declaration_id);
-- At most one form out per declaration.
CREATE UNIQUE INDEX bank_forms_outstanding ON bank_forms(declaration_id) WHERE status = 'issued';

-- Tripartite agreements (三方协议) as the bank holds them, with the account's balance.
CREATE TABLE bank_agreements (
	id INTEGER PRIMARY KEY,
	payer_id INTEGER NOT NULL UNIQUE REFERENCES payers(id),
	agreement_no TEXT NOT NULL UNIQUE,
	bank_name TEXT NOT NULL,
	account_name TEXT NOT NULL,
	account_no TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('valid', 'invalid')),
	invalid_reason TEXT,
	balance_fen INTEGER NOT NULL DEFAULT 0 CHECK (balance_fen >= 0),
	CHECK ((status = 'invalid') = (invalid_reason IS NOT NULL))
);

CREATE TABLE bank_deductions (
	bank_serial TEXT PRIMARY KEY,
	agreement_id INTEGER NOT NULL REFERENCES bank_agreements(id),
	payment_id INTEGER NOT NULL UNIQUE REFERENCES payments(id),
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	deducted_on TEXT NOT NULL
);

-- Money that reached the 待报解社会保险费专户, with the proof document of each transfer.
CREATE TABLE pending_transfers (
	id INTEGER PRIMARY KEY,
	payer_id INTEGER NOT NULL REFERENCES payers(id),
	arrived_on TEXT NOT NULL,
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	fund_source TEXT NOT NULL CHECK (fund_source IN ('fiscal', 'own')),
	proof_kind TEXT NOT NULL CHECK (proof_kind IN ('treasury_payment', 'bank_receipt')),
	proof_no TEXT NOT NULL UNIQUE,
	remitter_name TEXT NOT NULL,
	remitter_account_no TEXT NOT NULL,
	payment_id INTEGER REFERENCES payments(id)
);
CREATE INDEX pending_transfers_payer ON pending_transfers(payer_id, arrived_on);
`
} satisfies Migration;
