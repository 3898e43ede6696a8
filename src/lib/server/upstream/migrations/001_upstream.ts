import type { Migration } from '../../db/migrator';

/** The upstream simulator's own records: agencies, core tax system, treasury. */
export default {
	version: 1,
	name: 'upstream',
	sql: /* sql */ `
CREATE TABLE fee_items (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	agency TEXT NOT NULL CHECK (agency IN ('social', 'medical')),
	payer_kinds TEXT NOT NULL -- comma-separated payer kinds the item applies to
);

-- Contribution rates per payer kind, in basis points (1/10,000) of the contribution base.
CREATE TABLE contribution_rates (
	item_code TEXT NOT NULL REFERENCES fee_items(code),
	payer_kind TEXT NOT NULL CHECK (payer_kind IN ('enterprise', 'institution', 'flexible')),
	year INTEGER NOT NULL,
	unit_bp INTEGER NOT NULL CHECK (unit_bp >= 0),
	personal_bp INTEGER NOT NULL CHECK (personal_bp >= 0),
	PRIMARY KEY (item_code, payer_kind, year)
);

-- Monthly contribution base limits (缴费基数上下限), in fen.
CREATE TABLE contribution_bases (
	year INTEGER PRIMARY KEY,
	floor_fen INTEGER NOT NULL CHECK (floor_fen > 0),
	ceiling_fen INTEGER NOT NULL CHECK (ceiling_fen >= floor_fen)
);

-- Yearly amounts a resident or flexible employee pays, per item; tiers for the resident pension.
CREATE TABLE yearly_amounts (
	item_code TEXT NOT NULL REFERENCES fee_items(code),
	year INTEGER NOT NULL,
	tier INTEGER NOT NULL DEFAULT 0, -- 0: the item has no tiers
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	PRIMARY KEY (item_code, year, tier)
);

CREATE TABLE tax_offices (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	treasury TEXT NOT NULL -- 收款国库
);

-- Tax registrations (the core tax system's payers).
CREATE TABLE payers (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('enterprise', 'institution', 'resident', 'flexible')),
	name TEXT NOT NULL,
	credit_code TEXT UNIQUE,
	id_number TEXT UNIQUE,
	tax_office TEXT NOT NULL REFERENCES tax_offices(code),
	address TEXT NOT NULL DEFAULT '',
	registered_on TEXT NOT NULL,
	CHECK ((kind IN ('enterprise', 'institution')) = (credit_code IS NOT NULL)),
	CHECK ((kind IN ('resident', 'flexible')) = (id_number IS NOT NULL))
);
CREATE INDEX payers_name ON payers(name);

-- Registration records sent by the agencies, keyed by the identifier the agency holds.
CREATE TABLE agency_registrations (
	id INTEGER PRIMARY KEY,
	agency TEXT NOT NULL CHECK (agency IN ('social', 'medical')),
	agency_no TEXT NOT NULL, -- 单位编号 / 个人编号 at the agency
	payer_identifier TEXT NOT NULL, -- credit code or ID number as the agency sent it
	payer_name TEXT NOT NULL,
	scope TEXT NOT NULL DEFAULT 'regular' CHECK (scope IN ('regular', 'project')),
	project_name TEXT,
	status TEXT NOT NULL CHECK (status IN ('active', 'cancelled', 'transferred')),
	received_on TEXT NOT NULL,
	UNIQUE (agency, agency_no)
);
CREATE INDEX agency_registrations_identifier ON agency_registrations(payer_identifier);

CREATE TABLE agency_registration_items (
	registration_id INTEGER NOT NULL REFERENCES agency_registrations(id),
	item_code TEXT NOT NULL REFERENCES fee_items(code),
	PRIMARY KEY (registration_id, item_code)
);

-- The link between an agency record and a tax registration.
CREATE TABLE registration_links (
	registration_id INTEGER PRIMARY KEY REFERENCES agency_registrations(id),
	payer_id INTEGER NOT NULL REFERENCES payers(id),
	method TEXT NOT NULL CHECK (method IN ('automatic', 'manual', 'project')),
	linked_on TEXT NOT NULL,
	linked_by TEXT
);
CREATE INDEX registration_links_payer ON registration_links(payer_id);

-- Dues assessed by the agencies (核定应缴信息).
CREATE TABLE assessed_dues (
	id INTEGER PRIMARY KEY,
	due_no TEXT NOT NULL UNIQUE, -- 征集流水号
	registration_id INTEGER NOT NULL REFERENCES agency_registrations(id),
	due_kind TEXT NOT NULL CHECK (due_kind IN ('regular', 'historical', 'retirement', 'policy', 'project_injury')),
	item_code TEXT NOT NULL REFERENCES fee_items(code),
	period_from TEXT NOT NULL,
	period_to TEXT NOT NULL,
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	assessed_on TEXT NOT NULL,
	CHECK (period_from <= period_to)
);
CREATE INDEX assessed_dues_registration ON assessed_dues(registration_id);

CREATE TABLE declarations (
	id INTEGER PRIMARY KEY,
	declaration_no TEXT NOT NULL UNIQUE,
	payer_id INTEGER NOT NULL REFERENCES payers(id),
	declared_on TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('declared', 'paid', 'voided')),
	idempotency_key TEXT UNIQUE
);
CREATE INDEX declarations_payer ON declarations(payer_id);

CREATE TABLE declaration_lines (
	declaration_id INTEGER NOT NULL REFERENCES declarations(id),
	line_no INTEGER NOT NULL,
	due_id INTEGER REFERENCES assessed_dues(id),
	item_code TEXT NOT NULL REFERENCES fee_items(code),
	period_from TEXT NOT NULL,
	period_to TEXT NOT NULL,
	tier INTEGER,
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	PRIMARY KEY (declaration_id, line_no)
);
CREATE INDEX declaration_lines_due ON declaration_lines(due_id);

CREATE TABLE payments (
	id INTEGER PRIMARY KEY,
	declaration_id INTEGER NOT NULL REFERENCES declarations(id),
	channel TEXT NOT NULL CHECK (channel IN ('pos', 'cash', 'agreement', 'bank_form', 'pending_account', 'virtual_account', 'online')),
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	paid_on TEXT NOT NULL,
	booked_on TEXT, -- 入库销号
	voucher_no TEXT NOT NULL UNIQUE CHECK (length(voucher_no) = 18),
	idempotency_key TEXT UNIQUE
);
CREATE INDEX payments_declaration ON payments(declaration_id);

-- Sequence behind the 18-digit electronic tax voucher numbers, per tax office and year.
CREATE TABLE voucher_sequences (
	tax_office TEXT NOT NULL REFERENCES tax_offices(code),
	year INTEGER NOT NULL,
	last_serial INTEGER NOT NULL,
	PRIMARY KEY (tax_office, year)
);
`
} satisfies Migration;
