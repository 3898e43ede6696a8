import type { Migration } from '../migrator';

/**
 * A session belongs to a clerk at a window or to a hall kiosk: `clerk_id` and `window_no` become
 * optional and `kiosk_id` is added, exactly one owner per row. SQLite cannot relax NOT NULL in
 * place, so the table is rebuilt (with foreign keys off, as SQLite's own procedure asks).
 */
export default {
	version: 5,
	name: 'session_owner',
	foreignKeysOff: true,
	sql: /* sql */ `
CREATE TABLE window_sessions_new (
	id TEXT PRIMARY KEY,
	window_no INTEGER REFERENCES windows(window_no),
	clerk_id INTEGER REFERENCES clerks(id),
	kiosk_id TEXT,
	machine TEXT NOT NULL,
	snapshot TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('active', 'done', 'cancelled')),
	started_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK ((kiosk_id IS NULL AND window_no IS NOT NULL AND clerk_id IS NOT NULL)
		OR (kiosk_id IS NOT NULL AND length(kiosk_id) > 0 AND window_no IS NULL AND clerk_id IS NULL))
);
INSERT INTO window_sessions_new (id, window_no, clerk_id, kiosk_id, machine, snapshot, status, started_at, updated_at)
	SELECT id, window_no, clerk_id, NULL, machine, snapshot, status, started_at, updated_at FROM window_sessions;
DROP TABLE window_sessions;
ALTER TABLE window_sessions_new RENAME TO window_sessions;
`
} satisfies Migration;
