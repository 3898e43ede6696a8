import type { Migration } from '../migrator';

export default {
	version: 1,
	name: 'journal',
	sql: /* sql */ `
CREATE TABLE clerks (
	id INTEGER PRIMARY KEY,
	login TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
	password_hash TEXT NOT NULL,
	failed_attempts INTEGER NOT NULL DEFAULT 0,
	locked_until TEXT,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at TEXT NOT NULL
);

CREATE TABLE windows (
	window_no INTEGER PRIMARY KEY CHECK (window_no > 0),
	label TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'counter' CHECK (kind IN ('counter', 'kiosk'))
);

-- Sign-in sessions: only a hash of the cookie token is kept.
CREATE TABLE auth_sessions (
	token_hash TEXT PRIMARY KEY,
	clerk_id INTEGER NOT NULL REFERENCES clerks(id),
	window_no INTEGER NOT NULL REFERENCES windows(window_no),
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	ended_at TEXT
);
CREATE INDEX auth_sessions_clerk ON auth_sessions(clerk_id);

CREATE TABLE shifts (
	id INTEGER PRIMARY KEY,
	clerk_id INTEGER NOT NULL REFERENCES clerks(id),
	window_no INTEGER NOT NULL REFERENCES windows(window_no),
	business_date TEXT NOT NULL,
	opened_at TEXT NOT NULL,
	closed_at TEXT,
	opening_cash_fen INTEGER NOT NULL DEFAULT 0 CHECK (opening_cash_fen >= 0),
	counted_cash_fen INTEGER,
	expected_cash_fen INTEGER
);

-- One row per window's counter session; the machine snapshot is saved after every transition.
CREATE TABLE window_sessions (
	id TEXT PRIMARY KEY,
	window_no INTEGER NOT NULL REFERENCES windows(window_no),
	clerk_id INTEGER NOT NULL REFERENCES clerks(id),
	machine TEXT NOT NULL,
	snapshot TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('active', 'done', 'cancelled')),
	started_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

-- Written before every device or upstream call that moves money or paper.
CREATE TABLE intents (
	idempotency_key TEXT PRIMARY KEY,
	window_session_id TEXT REFERENCES window_sessions(id),
	action TEXT NOT NULL,
	payload TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'reversed', 'unknown')),
	outcome TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX intents_pending ON intents(status) WHERE status IN ('pending', 'unknown');

CREATE TABLE print_jobs (
	job_id TEXT PRIMARY KEY,
	device TEXT NOT NULL CHECK (device IN ('receipt', 'form')),
	document_kind TEXT NOT NULL,
	payload TEXT NOT NULL,
	reprint_of TEXT REFERENCES print_jobs(job_id),
	status TEXT NOT NULL CHECK (status IN ('queued', 'printing', 'printed', 'failed')),
	last_error TEXT,
	created_at TEXT NOT NULL,
	printed_at TEXT
);

CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	clerk_id INTEGER REFERENCES clerks(id),
	window_no INTEGER,
	action TEXT NOT NULL,
	subject TEXT,
	detail TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);

-- What the clerk was shown (or a slip printed), as it was shown: the journal's own copy.
CREATE TABLE shown_copies (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	clerk_id INTEGER REFERENCES clerks(id),
	window_no INTEGER,
	kind TEXT NOT NULL,
	subject TEXT NOT NULL,
	content TEXT NOT NULL
);

-- Official holiday arrangements for years the bundled calendar does not know yet; a year is
-- entered whole (from the State Council's notice) so a half-typed year is never taken as known.
CREATE TABLE calendar_years (
	year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
	source TEXT NOT NULL,
	entered_by INTEGER REFERENCES clerks(id),
	entered_at TEXT NOT NULL
);
-- A New Year break may start in the previous December, so a date can belong to two notices.
CREATE TABLE calendar_days (
	date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	year INTEGER NOT NULL REFERENCES calendar_years(year) ON DELETE CASCADE,
	day_kind TEXT NOT NULL CHECK (day_kind IN ('holiday', 'workday')),
	PRIMARY KEY (year, date)
);
`
} satisfies Migration;
