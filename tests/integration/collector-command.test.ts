import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { checkResidentId } from '../../src/lib/domain';
import { COLLECTOR_ITEMS, COLLECTOR_LIST_HEADER } from '../../src/lib/domain/collector-list';
import { DEMO_VILLAGES } from '../../src/lib/server/demo/demo-villages';
import { openDatabase } from '../../src/lib/server/db/open-database';
import { upstreamMigrations } from '../../src/lib/server/upstream/migrations';
import { simulatedUpstream } from '../../src/lib/server/upstream/simulator/simulated-upstream';
import { movableClock } from './test-clock';

// `npm run collector -- …` for IT staff and scripts (issue 10, deliver 6), run as the child process it is.

const ROOT = resolve(__dirname, '../..');
const TODAY = '2026-11-20';

describe('npm run collector: list, sample and check from the shell', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sifee-collector-'));
	const env = { SIFEE_MODE: 'test', SIFEE_TODAY: TODAY, SIFEE_DB: join(dir, 'terminal.db'), SIFEE_UPSTREAM_DB: join(dir, 'upstream-sim.db') };
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	const collector = (...args: string[]) => {
		const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/collector.ts', ...args], {
			cwd: ROOT,
			env: { PATH: process.env.PATH, ...env },
			encoding: 'utf8',
			timeout: 60_000
		});
		return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
	};
	/** The rows of a GB18030 list file, header first. */
	const csvRows = (file: string) =>
		iconv
			.decode(readFileSync(file), 'gb18030')
			.trim()
			.split('\r\n')
			.map((l) => l.split(','));

	it('list --json seeds the missing database files in test mode, as the server would, and prints the collectors', () => {
		expect(existsSync(env.SIFEE_DB)).toBe(false);
		const r = collector('list', '--json');
		expect(r.status, r.stderr).toBe(0);
		expect(JSON.parse(r.stdout)).toEqual([
			{ code: 'C001', name: '王村代办员（演示）' },
			{ code: 'C002', name: '李庄社区代办员（演示）' }
		]);
		expect([existsSync(env.SIFEE_DB), existsSync(env.SIFEE_UPSTREAM_DB)]).toEqual([true, true]);
		// A second run opens the same files and seeds nothing twice.
		expect(JSON.parse(collector('list', '--json').stdout)).toHaveLength(2);
	});

	it('sample writes a GB18030 list of N valid rows: the village’s registered residents, items unpaid this year at the table’s amounts, 收款日期 today', async () => {
		const file = join(dir, '示例村.csv');
		const r = collector('sample', 'C001', '--rows', '120', file);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain('120行');
		const [header, ...rows] = csvRows(file);
		expect(header).toEqual([...COLLECTOR_LIST_HEADER]);
		expect(rows).toHaveLength(120);

		const village = new Map(DEMO_VILLAGES[0].residents.map((p) => [p.idNumber, p.name]));
		const db = openDatabase(env.SIFEE_UPSTREAM_DB, upstreamMigrations);
		const upstream = simulatedUpstream(db, { clock: movableClock(TODAY) });
		const facts = await upstream.coreTax.personFacts({ idNumbers: rows.map((r) => r[0]), today: TODAY });
		const amounts = [...(await upstream.coreTax.yearlyAmounts(2026)), ...(await upstream.coreTax.yearlyAmounts(2027))];
		db.close();
		const seen = new Set<string>();
		for (const [id, name, itemName, tier, amount, collectedOn] of rows) {
			expect(checkResidentId(id)).toMatchObject({ ok: true });
			expect(village.get(id)).toBe(name);
			const code = COLLECTOR_ITEMS[itemName as keyof typeof COLLECTOR_ITEMS];
			const year = code === 'R_MEDICAL' ? 2027 : 2026;
			expect(facts.get(id)!.registeredItems).toContain(code);
			expect(facts.get(id)!.paid.filter((p) => p.itemCode === code && p.year === year)).toEqual([]);
			const table = amounts.filter((a) => a.item.code === code && a.year === year);
			if (code === 'R_PENSION') expect(table.map((a) => String(a.amountFen / 100))).toContain(tier);
			else expect(tier).toBe('');
			expect(table.map((a) => String(a.amountFen / 100))).toContain(amount);
			if (code === 'R_PENSION') expect(amount).toBe(tier);
			expect(collectedOn).toBe(TODAY);
			expect(seen.has(`${id}|${code}`)).toBe(false);
			seen.add(`${id}|${code}`);
		}
		expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(Object.keys(COLLECTOR_ITEMS)));
	});

	it('refuses an unknown collector, a sample larger than the unpaid items and a wrong command, in Chinese, with a non-zero exit', () => {
		const unknown = collector('sample', 'C999', '--rows', '5', join(dir, 'x.csv'));
		expect(unknown).toMatchObject({ status: 1, stderr: expect.stringMatching(/没有编号为“C999”的代办员/) });
		expect(collector('sample', 'C002', '--rows', '100000', join(dir, 'x.csv'))).toMatchObject({ status: 1, stderr: expect.stringMatching(/不足100000行/) });
		expect(collector('pay')).toMatchObject({ status: 1, stderr: expect.stringMatching(/^用法/) });
	});

	it('check --json reports every row against the upstream, paying nothing', () => {
		const file = join(dir, '示例李庄社区.csv');
		expect(collector('sample', 'C002', '--rows', '20', file).status).toBe(0);
		const rows = csvRows(file);
		rows[3][0] = rows[3][0].slice(0, 17) + (rows[3][0][17] === '0' ? '1' : '0');
		rows[7][4] = '1';
		writeFileSync(file, iconv.encode(rows.map((r) => r.join(',')).join('\r\n'), 'gb18030'));
		const before = upstreamPayments();
		const r = collector('check', file, '--collector', 'C002', '--json');
		expect(r.status, r.stderr).toBe(0);
		const report = JSON.parse(r.stdout);
		expect(report).toMatchObject({ good: 18, bad: 2 });
		expect(report.rows).toHaveLength(20);
		expect(report.rows[2]).toEqual({ row: 3, ok: false, code: 'ID_INVALID', reason: expect.stringMatching(/\p{Script=Han}/u) });
		expect(report.rows[6]).toEqual({ row: 7, ok: false, code: 'AMOUNT_MISMATCH', reason: expect.stringMatching(/\p{Script=Han}/u) });
		expect(report.rows[0]).toEqual({ row: 1, ok: true });
		expect(upstreamPayments()).toBe(before);
	});

	function upstreamPayments(): number {
		const db = openDatabase(env.SIFEE_UPSTREAM_DB, upstreamMigrations);
		const n = (db.prepare('SELECT count(*) AS n FROM payments').get() as { n: number }).n;
		db.close();
		return n;
	}
});
