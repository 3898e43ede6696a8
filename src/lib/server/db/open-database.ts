import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, type Migration } from './migrator';

export type Db = Database.Database;

/**
 * Payer data and password hashes are for this server's user alone: a folder it creates is 0700,
 * the file 0600 (SQLite gives the -wal and -shm files the main file's mode). A file left 0644
 * by an older version is tightened on open.
 */
function privateFile(path: string): void {
	mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
	if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
	for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}

/** Opens (creating if needed) a SQLite file with the journal's durability settings and migrates it. */
export function openDatabase(path: string, migrations: readonly Migration[]): Db {
	if (path !== ':memory:') privateFile(path);
	const db = new Database(path);
	db.pragma('journal_mode = WAL');
	db.pragma('foreign_keys = ON');
	// A payment recorded must survive a power cut at the window.
	db.pragma('synchronous = FULL');
	db.pragma('busy_timeout = 5000');
	migrate(db, migrations);
	return db;
}
