import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clerkCommand } from '../../src/lib/server/admin/clerk-command';
import { openDatabase } from '../../src/lib/server/db/open-database';
import { journalMigrations } from '../../src/lib/server/db/migrations';
import { clerksRepo } from '../../src/lib/server/db/clerks-repo';
import { verifyPassword } from '../../src/lib/server/auth/password';

describe('IT staff create the clerks of a production terminal from the shell', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sifee-clerk-'));
	const dbPath = join(dir, 'terminal.db');
	const env = (newPassword?: string) => ({ dbPath, newPassword, now: '2026-11-20T01:00:00Z' });
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('creates the first supervisor on an empty journal, with the hall windows, and a hashed password', async () => {
		expect(await clerkCommand(['add', 'zhang01', '张值班长', 'supervisor'], env('a-long-secret'))).toContain('值班长');
		const db = openDatabase(dbPath, journalMigrations);
		const c = clerksRepo(db).byLogin('zhang01')!;
		expect(c.role).toBe('supervisor');
		expect(await verifyPassword('a-long-secret', c.passwordHash)).toBe(true);
		expect((db.prepare(`SELECT count(*) AS n FROM windows WHERE kind = 'counter'`).get() as { n: number }).n).toBe(6);
		db.close();
	});

	it('refuses a short password, a taken login and a wrong role, in Chinese', async () => {
		await expect(clerkCommand(['add', 'li01', '李', 'clerk'], env('short'))).rejects.toThrow(/至少8位/);
		await expect(clerkCommand(['add', 'zhang01', '张', 'clerk'], env('a-long-secret'))).rejects.toThrow(/已存在/);
		await expect(clerkCommand(['add', 'li01', '李', 'boss'], env('a-long-secret'))).rejects.toThrow(/用法/);
	});

	it('resets a password and lifts a lock', async () => {
		const db = openDatabase(dbPath, journalMigrations);
		const repo = clerksRepo(db);
		repo.countFailure(repo.byLogin('zhang01')!.id, () => ({ failedAttempts: 5, lockedUntil: '2099-01-01T00:00:00Z' }));
		expect(await clerkCommand(['list'], env())).toContain('锁定至');
		expect(await clerkCommand(['password', 'zhang01'], env('another-secret'))).toContain('重设');
		const c = repo.byLogin('zhang01')!;
		expect(c.lockedUntil).toBeNull();
		expect(await verifyPassword('another-secret', c.passwordHash)).toBe(true);
		db.close();
		await expect(clerkCommand(['unlock', 'nobody'], env())).rejects.toThrow(/没有工号/);
	});
});
