import type { Migration } from '../migrator';

/**
 * Shifts (班次) at a window: opened with a counted float, closed with a counted drawer against the
 * expected cash, a reason for a short or over, the supervisor's sign-off and the Z report as it
 * was printed. One open shift per window and per clerk; a closed shift never changes. The ledger
 * takes the shift open at the window (migration 003's `shift_id`); the hall's day close is kept
 * with the report it printed.
 */
export default {
	version: 10,
	name: 'shifts',
	sql: /* sql */ `
ALTER TABLE shifts ADD COLUMN opening_count TEXT NOT NULL DEFAULT '{}';
ALTER TABLE shifts ADD COLUMN counted_count TEXT;
ALTER TABLE shifts ADD COLUMN variance_fen INTEGER;
ALTER TABLE shifts ADD COLUMN variance_reason TEXT;
ALTER TABLE shifts ADD COLUMN signed_off_by INTEGER REFERENCES clerks(id);
ALTER TABLE shifts ADD COLUMN z_report TEXT;
CREATE UNIQUE INDEX shifts_one_open_per_window ON shifts(window_no) WHERE closed_at IS NULL;
CREATE UNIQUE INDEX shifts_one_open_per_clerk ON shifts(clerk_id) WHERE closed_at IS NULL;
CREATE INDEX shifts_by_date ON shifts(business_date, window_no);
CREATE INDEX ledger_by_shift ON ledger_entries(shift_id);

CREATE TRIGGER shifts_closed_are_final BEFORE UPDATE ON shifts WHEN OLD.closed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a closed shift does not change'); END;
CREATE TRIGGER shifts_are_kept BEFORE DELETE ON shifts
BEGIN SELECT RAISE(ABORT, 'shifts are kept'); END;

CREATE TABLE day_closes (
	business_date TEXT PRIMARY KEY,
	closed_by INTEGER NOT NULL REFERENCES clerks(id),
	closed_at TEXT NOT NULL,
	report TEXT NOT NULL
);
CREATE TRIGGER day_closes_are_final BEFORE UPDATE ON day_closes
BEGIN SELECT RAISE(ABORT, 'a closed day does not change'); END;
`
} satisfies Migration;
