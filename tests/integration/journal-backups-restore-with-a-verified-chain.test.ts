// Issue 13, items 2 and 4: the journal backed up online into a private dated file, the last N
// kept; a restore checks the file's integrity and its audit chain before it replaces the journal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { tempRuntime } from './temp-runtime';
import { at, clerkAt, declareAt, paidByCard, until } from './sessions/flow-helpers';
import { alterBehindSqlitesBack, migrationsBeforeTheChain } from './audit-tampering';
import { openDatabase } from '../../src/lib/server/db/open-database';
import { journalMigrations } from '../../src/lib/server/db/migrations';
import { migrate } from '../../src/lib/server/db/migrator';
import { verifyJournalChain } from '../../src/lib/server/db/audit-chain';
import { backupJournal, BACKUP_TEXT, JournalFileError, listBackups, restoreJournal } from '../../src/lib/server/db/journal-backups';
import { BACKUP_ACTION, takeJournalBackup } from '../../src/lib/server/services/journal-backups';
import { LEDGER_AUDIT } from '../../src/lib/server/db/ledger-repo';

const run = promisify(execFile);
/** One of the npm scripts as the shell runs it, with the journal configured by SIFEE_DB. */
async function script(name: 'audit-verify' | 'restore', args: string[], db: string) {
	try {
		const r = await run(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { env: { ...process.env, SIFEE_DB: db } });
		return { code: 0, out: r.stdout, err: r.stderr };
	} catch (e) {
		const r = e as { code: number; stdout: string; stderr: string };
		return { code: r.code, out: r.stdout, err: r.stderr };
	}
}

const ledgerRows = (db: { prepare(sql: string): { all(): unknown[] } }) => db.prepare('SELECT * FROM ledger_entries ORDER BY id').all();

describe('the journal is backed up online and restored only when sound', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	let backup: string;
	const now = new Date('2026-11-20T09:30:05.000Z');

	beforeAll(async () => {
		rt = await tempRuntime();
		const clerk = clerkAt(rt, 'clerk01', 3);
		await paidByCard(rt, clerk);
		const cash = await declareAt(rt, clerk, '山西示例建筑工程有限公司');
		rt.sessions.send(cash.id, { type: 'CHOOSE', channel: 'cash' } as never);
		rt.sessions.send(cash.id, { type: 'TENDER', amountFen: cash.totalFen + 500 } as never);
		await until(rt, cash.id, at('receipt'));
		backup = (await takeJournalBackup(rt.services.backups, clerkAt(rt, 'super01', 1), 'on-demand')).file;
	}, 30_000);
	afterAll(() => rt.dispose());

	it('takes a dated backup in UTC+8 beside the journal, mode 600, and audits it', () => {
		expect(rt.config.backup).toEqual({ dir: join(rt.dir, 'backups'), keep: 14 });
		expect(basename(backup)).toMatch(/^journal-\d{8}-\d{6}\.db$/);
		expect(statSync(backup).mode & 0o777).toBe(0o600);
		expect(statSync(rt.config.backup.dir).mode & 0o777).toBe(0o700);
		expect(rt.journal.prepare('SELECT subject, clerk_id AS clerkId FROM audit_log WHERE action = ?').get(BACKUP_ACTION)).toEqual({
			subject: basename(backup),
			clerkId: clerkAt(rt, 'super01', 1).clerkId
		});
	});

	it('restores a backup into a fresh path with every payment there and a verifying chain that audited each movement', async () => {
		const target = join(rt.dir, 'restored', 'terminal.db');
		const r = await restoreJournal(backup, target, now);
		expect(r.kept).toBeNull();
		expect(statSync(target).mode & 0o777).toBe(0o600);
		const restored = openDatabase(target, journalMigrations);
		const payments = ledgerRows(rt.journal);
		expect(payments.length).toBeGreaterThanOrEqual(3); // a card sale, cash in and change out
		expect(ledgerRows(restored)).toEqual(payments);
		const moved = restored.prepare<[string], { n: number }>('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(LEDGER_AUDIT.moved)!.n;
		expect(moved).toBe(payments.length);
		// Everything up to the backup: the backup's own row comes after it.
		const rowsBefore = rt.journal
			.prepare<[string], { n: number }>('SELECT count(*) AS n FROM audit_log WHERE id < (SELECT id FROM audit_log WHERE action = ?)')
			.get(BACKUP_ACTION)!.n;
		expect(verifyJournalChain(restored)).toMatchObject({ ok: true, rows: rowsBefore });
		expect(r.rows).toBe(rowsBefore);
		restored.close();
	});

	it('keeps the journal it replaced as .before-restore-<time>, and the restored journal takes new rows on its chain', async () => {
		const target = join(rt.dir, 'replaced', 'terminal.db');
		const old = openDatabase(target, journalMigrations);
		old.close();
		const oldBytes = readFileSync(target);
		const r = await restoreJournal(backup, target, now);
		expect(r.kept).toBe(`${target}.before-restore-20261120-173005`);
		expect(readFileSync(r.kept!)).toEqual(oldBytes);
		expect(statSync(r.kept!).mode & 0o777).toBe(0o600);
		const restored = openDatabase(target, journalMigrations);
		expect(ledgerRows(restored)).toEqual(ledgerRows(rt.journal));
		restored.close();
	});

	it('keeps the last N backups; two in the same second are numbered and ordered', async () => {
		const dir = join(rt.dir, 'keep-n');
		const second = (s: number) => new Date(Date.UTC(2026, 10, 20, 1, 0, s));
		for (const s of [1, 2, 3, 3, 4]) await backupJournal(rt.journal, dir, 3, second(s));
		expect(listBackups(dir)).toEqual(['journal-20261120-090003.db', 'journal-20261120-090003-2.db', 'journal-20261120-090004.db']);
		expect(readdirSync(dir).sort()).toEqual([...listBackups(dir)].sort());
		for (const f of listBackups(dir)) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
	});

	it('refuses a file that is no database and a file whose pages are damaged, leaving the journal as it was', async () => {
		const target = join(rt.dir, 'kept', 'terminal.db');
		openDatabase(target, journalMigrations).close();
		const before = readFileSync(target);

		const garbage = join(rt.dir, 'garbage.db');
		writeFileSync(garbage, 'not a journal at all, just text '.repeat(300));
		await expect(restoreJournal(garbage, target, now)).rejects.toThrow(JournalFileError);

		const damaged = join(rt.dir, 'damaged.db');
		copyFileSync(backup, damaged);
		// The page that holds the audit trail's rows: damage there is damage to what the journal keeps.
		const probe = openDatabase(damaged, journalMigrations);
		const page = (probe.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'audit_log'`).get() as { rootpage: number }).rootpage - 1;
		probe.close();
		const fd = openSync(damaged, 'r+');
		writeSync(fd, Buffer.alloc(4000, 0xa5), 0, 4000, page * 4096 + 8);
		closeSync(fd);
		await expect(restoreJournal(damaged, target, now)).rejects.toThrow(/未通过完整性检查/);
		expect(readFileSync(target)).toEqual(before);
		expect(readdirSync(join(rt.dir, 'kept'))).toEqual(['terminal.db']);
	});

	it('refuses a backup whose audit chain is broken, naming the row, in the function and through npm run restore', async () => {
		const broken = join(rt.dir, 'broken.db');
		copyFileSync(backup, broken);
		const db = openDatabase(broken, journalMigrations);
		alterBehindSqlitesBack(db, `UPDATE audit_log SET subject = 'changed' WHERE id = 2`);
		db.close();
		const target = join(rt.dir, 'refused', 'terminal.db');
		await expect(restoreJournal(broken, target, now)).rejects.toThrow(/审计链.*第 2 行/);
		expect(existsSync(target)).toBe(false);

		const cli = await script('restore', [broken], target);
		expect(cli.code).not.toBe(0);
		expect(cli.err).toMatch(/审计链在第 2 行断开/);
		expect(existsSync(target)).toBe(false);

		const verify = await script('audit-verify', ['--db', broken], target);
		expect(verify.code).not.toBe(0);
		expect(verify.err).toMatch(/审计链在第 2 行断开：该行内容与其哈希不符（记录被改动）（此前 1 行核验无误）/);
	}, 30_000);

	it('refuses a journal from before the chain existed: nothing vouches for its trail', async () => {
		const old = join(rt.dir, 'before-the-chain.db');
		const db = new Database(old);
		migrate(db, migrationsBeforeTheChain);
		db.close();
		const target = join(rt.dir, 'from-old', 'terminal.db');
		await expect(restoreJournal(old, target, now)).rejects.toThrow(BACKUP_TEXT.noChain(old));
		const verify = await script('audit-verify', ['--db', old], target);
		expect(verify).toMatchObject({ code: 1, err: `${BACKUP_TEXT.noChain(old)}\n` });
	}, 30_000);

	it('refuses to replace a journal another process holds open (the server running)', async () => {
		await expect(restoreJournal(backup, rt.config.terminalDbPath, now)).rejects.toThrow(BACKUP_TEXT.inUse(rt.config.terminalDbPath));
	});

	it('npm run restore replaces the configured journal and npm run audit:verify then counts its rows', async () => {
		const target = join(rt.dir, 'by-cli', 'terminal.db');
		const restored = await script('restore', [backup], target);
		expect(restored).toMatchObject({ code: 0 });
		expect(restored.out).toContain('已从');
		const verified = await script('audit-verify', [], target);
		expect(verified.code).toBe(0);
		expect(verified.out).toMatch(/审计链完整，已核验 \d+ 行/);
	}, 30_000);
});
