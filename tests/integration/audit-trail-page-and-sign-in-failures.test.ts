// Issue 13, item 2: sign-ins and failed sign-ins go on the chained trail, and the supervisor's
// /admin/audit shows the trail with filters (a clerk is refused), and takes a backup on demand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startBuiltServer, type BuiltServer } from './built-server';
import { verifyJournalChain } from '../../src/lib/server/db/audit-chain';

const PORT = 4442;

describe('the supervisor reads the audit trail, sign-in failures included', () => {
	let server: BuiltServer;
	let supervisor: string;
	let clerk: string;
	const journal = <T>(read: (db: Database.Database) => T): T => {
		const db = new Database(server.env.SIFEE_DB, { readonly: true });
		try {
			return read(db);
		} finally {
			db.close();
		}
	};

	beforeAll(async () => {
		server = await startBuiltServer({ port: PORT });
		for (const password of ['wrong-one', 'wrong-two']) {
			expect((await server.raw('POST', '/signin', { form: { login: 'clerk02', password, window: '4' } })).status).toBe(400);
		}
		supervisor = await server.signIn('super01', 'super1234', 1);
		clerk = await server.signIn('clerk01', 'demo1234', 3);
	}, 120_000);
	afterAll(() => server?.stop());

	it('writes every failed sign-in with the login tried and the window, on a chain that verifies', () => {
		const rows = journal((db) => db.prepare(`SELECT action, subject, window_no AS windowNo FROM audit_log WHERE action LIKE 'sign%' ORDER BY id`).all());
		expect(rows).toEqual([
			{ action: 'sign-in-failed', subject: 'clerk02', windowNo: 4 },
			{ action: 'sign-in-failed', subject: 'clerk02', windowNo: 4 },
			{ action: 'signed-in', subject: 'super01', windowNo: 1 },
			{ action: 'signed-in', subject: 'clerk01', windowNo: 3 }
		]);
		expect(journal(verifyJournalChain)).toMatchObject({ ok: true });
	});

	it('shows the supervisor the trail newest first with times in UTC+8, filtered by action, clerk and window', async () => {
		const all = await server.raw('GET', '/admin/audit', { cookie: supervisor });
		expect(all.status).toBe(200);
		const ids = [...all.body.matchAll(/data-id="(\d+)"/g)].map((m) => Number(m[1]));
		expect(ids).toEqual([...ids].sort((a, b) => b - a));
		const first = journal((db) => db.prepare<[], { at: string }>(`SELECT at FROM audit_log WHERE action = 'sign-in-failed' ORDER BY id LIMIT 1`).get()!);
		const local = new Date(Date.parse(first.at) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
		expect(all.body).toContain(local);

		const failed = await server.raw('GET', '/admin/audit?action=sign-in-failed&clerk=&window=4&from=&to=&subject=clerk02', { cookie: supervisor });
		expect(failed.status).toBe(200);
		expect([...failed.body.matchAll(/data-action="([^"]+)"/g)].map((m) => m[1])).toEqual(['sign-in-failed', 'sign-in-failed']);
		expect(failed.body).toContain('登录失败');

		const bySupervisor = await server.raw('GET', '/admin/audit?clerk=super01', { cookie: supervisor });
		// The test's sign-in opens the supervisor's shift at window 1 (newest first).
		expect([...bySupervisor.body.matchAll(/data-action="([^"]+)"/g)].map((m) => m[1])).toEqual(['shift-opened', 'signed-in']);

		const nothing = await server.raw('GET', '/admin/audit?from=2020-01-01&to=2020-01-02', { cookie: supervisor });
		expect(nothing.body).toContain('没有符合条件的记录');
		expect((await server.raw('GET', '/admin/audit?from=2026-11-21&to=2026-11-20', { cookie: supervisor })).status).toBe(400);
		expect((await server.raw('GET', '/admin/audit?window=abc', { cookie: supervisor })).status).toBe(400);
	});

	it('refuses the page to a clerk and sends nobody else anywhere but sign-in', async () => {
		expect((await server.raw('GET', '/admin/audit', { cookie: clerk })).status).toBe(403);
		expect((await server.raw('POST', '/admin/audit?/backup', { cookie: clerk, form: {} })).status).toBe(403);
		const anonymous = await server.raw('GET', '/admin/audit');
		expect(anonymous.status).toBe(303);
		expect(String(anonymous.headers.location)).toMatch(/^\/signin\?next=/);
		expect(readdirSync(dirname(server.env.SIFEE_DB))).not.toContain('backups');
	});

	it('takes a backup when the supervisor asks, mode 600, and audits it', async () => {
		const res = await server.raw('POST', '/admin/audit?/backup', { cookie: supervisor, form: {} });
		expect(res.status).toBe(200);
		expect(res.body).toContain('已备份日志');
		const dir = join(dirname(server.env.SIFEE_DB), 'backups');
		const [file] = readdirSync(dir);
		expect(file).toMatch(/^journal-\d{8}-\d{6}\.db$/);
		expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
		expect(journal((db) => db.prepare(`SELECT subject FROM audit_log WHERE action = 'journal-backed-up'`).all())).toEqual([{ subject: file }]);
	});
});
