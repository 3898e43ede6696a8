import type { Migration } from '../../db/migrator';

/**
 * Residents and flexible employees: a record the agency is changing or transferring
 * (pending_change), assessed dues of special groups (特殊人群), and the agency's push that
 * starts such a change. SQLite cannot alter a CHECK, so the two tables are rebuilt; the
 * foreign keys into assessed_dues are checked again at commit (defer_foreign_keys).
 */
export default {
	version: 4,
	name: 'individuals',
	sql: /* sql */ `
PRAGMA defer_foreign_keys = ON;

ALTER TABLE agency_registrations ADD COLUMN pending_change TEXT CHECK (pending_change IN ('change', 'transfer'));

CREATE TABLE assessed_dues_copy AS SELECT * FROM assessed_dues;
DROP TABLE assessed_dues;
CREATE TABLE assessed_dues (
	id INTEGER PRIMARY KEY,
	due_no TEXT NOT NULL UNIQUE, -- 征集流水号
	registration_id INTEGER NOT NULL REFERENCES agency_registrations(id),
	due_kind TEXT NOT NULL CHECK (due_kind IN ('regular', 'historical', 'retirement', 'policy', 'project_injury', 'special')),
	item_code TEXT NOT NULL REFERENCES fee_items(code),
	period_from TEXT NOT NULL,
	period_to TEXT NOT NULL,
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	assessed_on TEXT NOT NULL,
	CHECK (period_from <= period_to)
);
INSERT INTO assessed_dues SELECT * FROM assessed_dues_copy;
DROP TABLE assessed_dues_copy;
CREATE INDEX assessed_dues_registration ON assessed_dues(registration_id);

CREATE TABLE registration_events_copy AS SELECT * FROM registration_events;
DROP TABLE registration_events;
CREATE TABLE registration_events (
	id INTEGER PRIMARY KEY,
	registration_id INTEGER NOT NULL REFERENCES agency_registrations(id),
	kind TEXT NOT NULL CHECK (kind IN ('received', 'changed', 'cancelled', 'transferred', 'linked', 'cancellation_requested', 'change_pending')),
	on_date TEXT NOT NULL,
	details TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO registration_events SELECT * FROM registration_events_copy;
DROP TABLE registration_events_copy;
CREATE INDEX registration_events_registration ON registration_events(registration_id);
`
} satisfies Migration;
