import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { tempRuntime } from './temp-runtime';
import { openDatabase } from '../../src/lib/server/db/open-database';
import { journalMigrations } from '../../src/lib/server/db/migrations';
import { migrate } from '../../src/lib/server/db/migrator';

describe('the journal and the upstream simulator are two durable SQLite files', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	beforeAll(async () => {
		rt = await tempRuntime();
	});
	afterAll(() => rt.dispose());

	it('opens both files in WAL mode with foreign keys on and synchronous FULL', () => {
		for (const db of [rt.journal, rt.upstreamDb]) {
			expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
			expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
			expect(db.pragma('synchronous', { simple: true })).toBe(2);
		}
		expect(rt.journal.name).toBe(join(rt.dir, 'terminal.db'));
		expect(rt.upstreamDb.name).toBe(join(rt.dir, 'upstream-sim.db'));
	});

	it('keeps the journal tables apart from the upstream records', () => {
		const tables = (db: typeof rt.journal) =>
			db
				.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
				.all()
				.map((t) => t.name);
		expect(tables(rt.journal)).toEqual(
			expect.arrayContaining(['clerks', 'windows', 'shifts', 'window_sessions', 'intents', 'print_jobs', 'audit_log', 'shown_copies'])
		);
		expect(tables(rt.journal)).not.toContain('payers');
		expect(tables(rt.upstreamDb)).toEqual(
			expect.arrayContaining(['payers', 'agency_registrations', 'registration_links', 'assessed_dues', 'declarations', 'payments'])
		);
		expect(tables(rt.upstreamDb)).not.toContain('clerks');
	});

	it('refuses a row that breaks a foreign key', () => {
		expect(() =>
			rt.journal.prepare(`INSERT INTO auth_sessions (token_hash, clerk_id, window_no, created_at, expires_at) VALUES ('x', 999, 3, '', '')`).run()
		).toThrow(/FOREIGN KEY/);
	});

	it('applies numbered migrations once, in order, and reopening applies nothing', () => {
		const path = join(rt.dir, 'again.db');
		openDatabase(path, journalMigrations).close();
		const db = new Database(path);
		expect(db.pragma('user_version', { simple: true })).toBe(journalMigrations.length);
		expect(migrate(db, journalMigrations)).toEqual([]);
		db.close();
	});

	it('refuses migrations with a gap in their numbers', () => {
		const db = new Database(':memory:');
		expect(() => migrate(db, [{ version: 2, name: 'two', sql: '' }])).toThrow(/must be number 1/);
		db.close();
	});

	it('rolls back a migration that fails half way', () => {
		const db = new Database(':memory:');
		const bad = { version: 1, name: 'bad', sql: 'CREATE TABLE a (x); CREATE TABLE a (x);' };
		expect(() => migrate(db, [bad])).toThrow();
		expect(db.pragma('user_version', { simple: true })).toBe(0);
		expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'`).get()).toEqual({ n: 0 });
		db.close();
	});
});
