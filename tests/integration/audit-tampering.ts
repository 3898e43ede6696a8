import type { Db } from '../../src/lib/server/db/open-database';

/** Changes a row the way someone with the file and the sqlite3 shell would: trigger dropped, row changed, trigger put back. */
export function alterBehindSqlitesBack(db: Db, sql: string, ...params: unknown[]): void {
	const trigger = db.prepare<[], { sql: string }>(`SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'`).get()!.sql;
	db.exec('DROP TRIGGER audit_log_no_update');
	db.prepare(sql).run(...params);
	db.exec(trigger);
}
