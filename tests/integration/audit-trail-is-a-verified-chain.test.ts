import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/lib/server/db/open-database';
import { journalMigrations } from '../../src/lib/server/db/migrations';
import { migrate } from '../../src/lib/server/db/migrator';
import { auditRepo } from '../../src/lib/server/db/audit-repo';
import { AUDIT_CHAIN_TEXT, GENESIS_HASH, verifyJournalChain } from '../../src/lib/server/db/audit-chain';
import { alterBehindSqlitesBack, migrationsBeforeTheChain } from './audit-tampering';

function journalWithRecords(path: string, n: number): Db {
	const db = openDatabase(path, journalMigrations);
	const audit = auditRepo(db);
	for (let i = 1; i <= n; i++) {
		audit.record(`2026-11-20T0${i % 10}:00:00.000Z`, {
			clerkId: null,
			windowNo: i % 3 === 0 ? null : 3,
			kioskId: i % 3 === 0 ? 'K01' : undefined,
			action: i % 2 ? 'test-print' : 'drawer-opened-no-sale',
			subject: `S${i}`,
			detail: { n: i, nested: { b: 2, a: 1 } },
			before: i === 2 ? { locked: true } : undefined,
			after: i === 2 ? { locked: false } : undefined
		});
	}
	return db;
}

describe('the audit trail is an append-only hash chain', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sifee-audit-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('verifies every row of a real journal after several records, each linked to the row before', () => {
		const db = journalWithRecords(join(dir, 'chain.db'), 7);
		const check = verifyJournalChain(db);
		expect(check).toMatchObject({ ok: true, rows: 7 });
		const rows = db.prepare<[], { id: number; prev: string; hash: string }>('SELECT id, prev_hash AS prev, hash FROM audit_log ORDER BY id').all();
		expect(rows[0].prev).toBe(GENESIS_HASH);
		for (let i = 1; i < rows.length; i++) expect(rows[i].prev).toBe(rows[i - 1].hash);
		expect(db.prepare(`SELECT kiosk_id AS k FROM audit_log WHERE id = 3`).get()).toEqual({ k: 'K01' });
		db.close();
	});

	it('refuses UPDATE and DELETE of an audit row with the trigger’s Chinese message', () => {
		const db = journalWithRecords(join(dir, 'refuse.db'), 2);
		expect(() => db.prepare(`UPDATE audit_log SET subject = 'x' WHERE id = 1`).run()).toThrow(AUDIT_CHAIN_TEXT.appendOnly);
		expect(() => db.prepare(`DELETE FROM audit_log WHERE id = 2`).run()).toThrow(AUDIT_CHAIN_TEXT.appendOnly);
		expect(verifyJournalChain(db)).toMatchObject({ ok: true, rows: 2 });
		db.close();
	});

	it('names the row altered behind SQLite’s back (trigger dropped, row changed, trigger restored)', () => {
		const db = journalWithRecords(join(dir, 'altered.db'), 6);
		alterBehindSqlitesBack(db, `UPDATE audit_log SET detail = json_set(detail, '$.n', 40) WHERE id = 4`);
		const check = verifyJournalChain(db);
		expect(check).toMatchObject({ ok: false, brokenId: 4, rows: 3, reason: AUDIT_CHAIN_TEXT.hashMismatch });
		expect(check.ok === false && check.message).toContain('第 4 行');
		// The trigger is back: the trail refuses changes again.
		expect(() => db.prepare(`UPDATE audit_log SET subject = 'x' WHERE id = 1`).run()).toThrow(AUDIT_CHAIN_TEXT.appendOnly);
		db.close();
	});

	it('names the row after one removed behind SQLite’s back', () => {
		const db = journalWithRecords(join(dir, 'removed.db'), 5);
		db.exec('DROP TRIGGER audit_log_no_delete');
		db.prepare('DELETE FROM audit_log WHERE id = 2').run();
		expect(verifyJournalChain(db)).toMatchObject({ ok: false, brokenId: 3, rows: 1, reason: AUDIT_CHAIN_TEXT.prevMismatch });
		db.close();
	});

	it('takes JSON by its values: the same detail written with its keys in another order still verifies', () => {
		const db = journalWithRecords(join(dir, 'reordered.db'), 3);
		alterBehindSqlitesBack(db, `UPDATE audit_log SET detail = '{"nested":{"a":1,"b":2},"n":1}' WHERE id = 1`);
		expect(verifyJournalChain(db)).toMatchObject({ ok: true, rows: 3 });
		db.close();
	});

	it('chains the rows a journal held before the chain existed, in id order, when it migrates', () => {
		const path = join(dir, 'old.db');
		const old = new Database(path);
		migrate(old, migrationsBeforeTheChain);
		const insert = old.prepare(`INSERT INTO audit_log (at, clerk_id, window_no, action, subject, detail) VALUES (?, NULL, NULL, ?, ?, ?)`);
		insert.run('2026-11-19T01:00:00.000Z', 'kiosk-card-read', 'K02', JSON.stringify({ kioskId: 'K02' }));
		insert.run('2026-11-19T02:00:00.000Z', 'signed-in', 'clerk01', null);
		old.close();

		const db = openDatabase(path, journalMigrations);
		expect(verifyJournalChain(db)).toMatchObject({ ok: true, rows: 2 });
		expect(db.prepare(`SELECT kiosk_id AS k FROM audit_log WHERE id = 1`).get()).toEqual({ k: 'K02' });
		auditRepo(db).record('2026-11-20T01:00:00.000Z', { clerkId: null, windowNo: 1, action: 'signed-in' });
		expect(verifyJournalChain(db)).toMatchObject({ ok: true, rows: 3 });
		db.close();
	});

	it('chains every row when processes append to one journal at the same time', async () => {
		const path = join(dir, 'two-processes.db');
		journalWithRecords(path, 1).close();
		// Both start writing at one instant, once their start-up (tsx) is surely over.
		const start = Date.now() + 4000;
		const writer = (name: string) =>
			promisify(execFile)(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'audit-writer-process.ts'), path, '300', name, String(start)]);
		await Promise.all([writer('a'), writer('b')]);
		const db = openDatabase(path, journalMigrations);
		expect(verifyJournalChain(db)).toMatchObject({ ok: true, rows: 601 });
		// The writers did run at once: their rows are interleaved, not one block after another.
		const writers = db
			.prepare<[], { subject: string }>(`SELECT subject FROM audit_log WHERE id > 1 ORDER BY id`)
			.all()
			.map((r) => r.subject[0]);
		expect(writers.filter((w, i) => i > 0 && w !== writers[i - 1]).length).toBeGreaterThan(10);
		db.close();
	}, 60_000);

	it('chains a record written inside a caller’s transaction, and leaves none when that transaction is rolled back', () => {
		const db = journalWithRecords(join(dir, 'nested.db'), 1);
		const audit = auditRepo(db);
		db.transaction(() => audit.record('2026-11-20T03:00:00.000Z', { clerkId: null, windowNo: 2, action: 'a' }))();
		expect(() =>
			db.transaction(() => {
				audit.record('2026-11-20T04:00:00.000Z', { clerkId: null, windowNo: 2, action: 'b' });
				throw new Error('refused');
			})()
		).toThrow('refused');
		// A second repo on the same file (another process, the clerk command) chains to the same last row.
		auditRepo(db).record('2026-11-20T05:00:00.000Z', { clerkId: null, windowNo: 2, action: 'c' });
		expect(db.prepare('SELECT action FROM audit_log ORDER BY id').all()).toEqual([{ action: 'test-print' }, { action: 'a' }, { action: 'c' }]);
		expect(verifyJournalChain(db)).toMatchObject({ ok: true, rows: 3 });
		db.close();
	});
});
