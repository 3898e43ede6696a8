import type { Migration } from '../migrator';

/**
 * Collectors (代办员, guide ch. 3 二.2 集中代收) and what the window keeps of their batches: each
 * collector with the virtual account (虚拟户) opened upstream, the county's double limits (双限)
 * with the day each value took effect, the breaches a supervisor confirmed, and every list
 * uploaded with its checked rows (a child table: a village's list may have 100,000 rows).
 */
export default {
	version: 7,
	name: 'collectors',
	sql: /* sql */ `
CREATE TABLE collectors (
	code TEXT PRIMARY KEY CHECK (code GLOB 'C[0-9][0-9][0-9]*'),
	name TEXT NOT NULL,
	id_number TEXT NOT NULL UNIQUE,
	village TEXT NOT NULL,
	county TEXT NOT NULL,
	phone TEXT NOT NULL,
	virtual_account_no TEXT NOT NULL UNIQUE,
	registered_by INTEGER REFERENCES clerks(id), -- NULL: the demo seed
	registered_at TEXT NOT NULL
);

-- History of the limits: the value for a day is the newest with effective_from <= day.
CREATE TABLE county_limits (
	id INTEGER PRIMARY KEY,
	county TEXT NOT NULL,
	max_amount_fen INTEGER NOT NULL CHECK (max_amount_fen > 0),
	max_days INTEGER NOT NULL CHECK (max_days >= 0),
	effective_from TEXT NOT NULL,
	set_by INTEGER REFERENCES clerks(id),
	set_at TEXT NOT NULL
);
CREATE INDEX county_limits_day ON county_limits(county, effective_from);

CREATE TABLE limit_breaches (
	id INTEGER PRIMARY KEY,
	window_session_id TEXT,
	collector_code TEXT NOT NULL REFERENCES collectors(code),
	total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
	oldest_days INTEGER NOT NULL CHECK (oldest_days >= 0),
	over_amount INTEGER NOT NULL CHECK (over_amount IN (0, 1)),
	over_days INTEGER NOT NULL CHECK (over_days IN (0, 1)),
	limits_json TEXT NOT NULL,
	confirmed_by INTEGER NOT NULL REFERENCES clerks(id),
	confirmed_at TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	CHECK (over_amount = 1 OR over_days = 1)
);
CREATE INDEX limit_breaches_collector ON limit_breaches(collector_code);

CREATE TABLE batch_uploads (
	id INTEGER PRIMARY KEY,
	window_session_id TEXT,
	collector_code TEXT NOT NULL REFERENCES collectors(code),
	file_name TEXT NOT NULL,
	format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
	created_at TEXT NOT NULL
);

CREATE TABLE batch_rows (
	upload_id INTEGER NOT NULL REFERENCES batch_uploads(id),
	row INTEGER NOT NULL CHECK (row >= 1),
	ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
	code TEXT,
	reason TEXT,
	data_json TEXT NOT NULL, -- the good row, or the bad row's source as read
	PRIMARY KEY (upload_id, row),
	CHECK ((ok = 1) = (code IS NULL))
) WITHOUT ROWID;
`
} satisfies Migration;
