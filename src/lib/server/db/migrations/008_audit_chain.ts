import type { Migration } from '../migrator';
import { AUDIT_CHAIN_TEXT, auditRowHash, GENESIS_HASH, STORED_AUDIT_COLUMNS, type StoredAuditRow } from '../audit-chain';

/**
 * The audit trail made tamper-evident (issue 13, item 2): the kiosk beside the clerk and window,
 * the state before and after, and a hash chain over every row (see audit-chain.ts). Rows written
 * before are chained here in id order; from now on SQLite itself refuses to change or remove one.
 */
export default {
	version: 8,
	name: 'audit_chain',
	sql: /* sql */ `
ALTER TABLE audit_log ADD COLUMN kiosk_id TEXT;
ALTER TABLE audit_log ADD COLUMN before_json TEXT;
ALTER TABLE audit_log ADD COLUMN after_json TEXT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
-- A kiosk's rows named the kiosk only in their detail.
UPDATE audit_log SET kiosk_id = json_extract(detail, '$.kioskId')
 WHERE clerk_id IS NULL AND window_no IS NULL AND json_valid(detail) AND json_type(detail, '$.kioskId') = 'text';
CREATE INDEX audit_log_action ON audit_log(action, id);
`,
	then(db) {
		const chain = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
		let prev = GENESIS_HASH;
		for (const row of db.prepare<[], StoredAuditRow>(`SELECT ${STORED_AUDIT_COLUMNS} FROM audit_log ORDER BY id`).all()) {
			const hash = auditRowHash({ ...row, prevHash: prev });
			chain.run(prev, hash, row.id);
			prev = hash;
		}
		db.exec(/* sql */ `
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '${AUDIT_CHAIN_TEXT.appendOnly}'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '${AUDIT_CHAIN_TEXT.appendOnly}'); END;
`);
	}
} satisfies Migration;
