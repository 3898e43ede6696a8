import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, type Migration } from './migrator';

export type Db = Database.Database;

/** Opens (creating if needed) a SQLite file with the journal's durability settings and migrates it. */
export function openDatabase(path: string, migrations: readonly Migration[]): Db {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const db = new Database(path);
	db.pragma('journal_mode = WAL');
	db.pragma('foreign_keys = ON');
	// A payment recorded must survive a power cut at the window.
	db.pragma('synchronous = FULL');
	db.pragma('busy_timeout = 5000');
	migrate(db, migrations);
	return db;
}
