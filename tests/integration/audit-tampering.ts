import { journalMigrations } from '../../src/lib/server/db/migrations';
import type { Db } from '../../src/lib/server/db/open-database';

/** Changes a row the way someone with the file and the sqlite3 shell would: trigger dropped, row changed, trigger put back. */
export function alterBehindSqlitesBack(db: Db, sql: string, ...params: unknown[]): void {
	const trigger = db.prepare<[], { sql: string }>(`SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'`).get()!.sql;
	db.exec('DROP TRIGGER audit_log_no_update');
	db.prepare(sql).run(...params);
	db.exec(trigger);
}

/** The journal's migrations before the audit chain: a journal as it was before the chain existed (later migrations come after it). */
export const migrationsBeforeTheChain = journalMigrations.slice(
	0,
	journalMigrations.findIndex((m) => m.name === 'audit_chain')
);
