// Issue 7 item 7: with SIFEE_MODE=production the built server refuses simulated devices unless
// it is declared a training terminal (then says so on every page), has no demo or upstream
// fault switches, and refuses the demo clerks of a former demo journal, saying how to remove them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runUntilExit, startBuiltServer, type BuiltServer } from './built-server';
import { createRuntime } from '../../src/lib/server/runtime';
import { readConfig } from '../../src/lib/server/config';
import { clerkCommand } from '../../src/lib/server/admin/clerk-command';
import { PRODUCTION_TEXT } from '../../src/lib/server/production';

const BANNER = PRODUCTION_TEXT.trainingBanner;

describe('production is production', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sifee-production-'));
	const files = {
		SIFEE_DB: join(dir, 'data', 'terminal.db'),
		SIFEE_UPSTREAM_DB: join(dir, 'data', 'upstream-sim.db'),
		SIFEE_FORM_OUTPUT_DIR: join(dir, 'forms')
	};
	// No real upstream client exists yet: production names the simulator explicitly.
	const production = { ...files, SIFEE_MODE: 'production', SIFEE_UPSTREAM: 'simulated', SIFEE_CERTIFICATE_KEY: 'a-production-certificate-key' };
	const training = { ...production, SIFEE_HW_MODE: 'simulated', SIFEE_ALLOW_SIMULATED: '1' };
	const cli = (args: string[], newPassword?: string) => clerkCommand(args, { dbPath: files.SIFEE_DB, newPassword, now: new Date().toISOString() });
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('takes SIFEE_ALLOW_SIMULATED as 1 or nothing', () => {
		expect(readConfig({ SIFEE_ALLOW_SIMULATED: '1' }).allowSimulated).toBe(true);
		expect(readConfig({}).allowSimulated).toBe(false);
		expect(() => readConfig({ SIFEE_ALLOW_SIMULATED: 'yes' })).toThrow(/SIFEE_ALLOW_SIMULATED/);
	});

	it('refuses to start without SIFEE_UPSTREAM: the simulator is never production by default', async () => {
		const { SIFEE_UPSTREAM: _, ...unset } = production;
		const run = await runUntilExit(4313, unset);
		expect(run.code).not.toBe(0);
		expect(run.output).toContain(PRODUCTION_TEXT.upstreamUnset);
	}, 120_000);

	it('refuses to start on simulated devices, and says how a training terminal is declared', async () => {
		const run = await runUntilExit(4313, { ...production, SIFEE_HW_MODE: 'simulated' });
		expect(run.code).not.toBe(0);
		expect(run.output).toContain(PRODUCTION_TEXT.simulatedRefused);
		expect(run.output).toContain('SIFEE_ALLOW_SIMULATED=1');
	}, 120_000);

	it('refuses the demo clerks of a former demo journal and names the command that removes each', async () => {
		const demo = await createRuntime(readConfig({ ...files, SIFEE_MODE: 'demo', SIFEE_TODAY: '2026-11-20' }), { ...files });
		await demo.close();
		// A new name does not make a demo clerk safe while the published password still works.
		const db = new Database(files.SIFEE_DB);
		db.prepare(`UPDATE clerks SET display_name = '王建军' WHERE login = 'clerk02'`).run();
		db.close();

		const run = await runUntilExit(4313, training);
		expect(run.code).not.toBe(0);
		expect(run.output).toContain('演示人员 clerk01、clerk02、super01');
		for (const login of ['clerk01', 'clerk02', 'super01']) expect(run.output).toContain(`npm run clerk -- remove ${login}`);

		await cli(['add', 'zhao01', '赵值班长', 'supervisor'], 'a-long-secret');
		expect(await cli(['remove', 'clerk01'])).toContain('已移除 clerk01');
		const partly = await runUntilExit(4313, training);
		expect(partly.output).toContain('演示人员 clerk02、super01');
		expect(partly.output).not.toContain('remove clerk01');
		await cli(['remove', 'clerk02']);
		await cli(['remove', 'super01']);
		expect(await cli(['list'])).toMatch(/clerk01\t[^\n]*已移除/);
	}, 120_000);

	describe('a training terminal (SIFEE_ALLOW_SIMULATED=1) on the same journal', () => {
		let server: BuiltServer;
		let supervisor: string;
		beforeAll(async () => {
			server = await startBuiltServer({ port: 4314, dir, env: { ...training, SIFEE_TODAY: '' } });
			supervisor = await server.signIn('zhao01', 'a-long-secret');
		}, 120_000);
		afterAll(() => server?.stop());

		it('starts once the demo clerks are gone, and no demo clerk signs in', async () => {
			expect(JSON.parse((await server.raw('GET', '/healthz')).body)).toMatchObject({ mode: 'production' });
			await expect(server.signIn('clerk01', 'demo1234')).rejects.toThrow(/refused: 400/);
		});

		it('shows the red training banner on every page, signed in or not, found or not', async () => {
			for (const [path, cookie] of [
				['/signin', undefined],
				['/counter', supervisor],
				['/devices', supervisor],
				['/admin/clerks', supervisor],
				['/signout', supervisor],
				['/no-such-page', supervisor]
			] as const) {
				const res = await server.raw('GET', path, { cookie });
				expect(res.body, path).toContain(`data-testid="training-banner">${BANNER}</p>`);
			}
		});

		it('has no demo switches and no upstream fault switches: not shown, and 404 when posted', async () => {
			const page = await server.raw('GET', '/devices', { cookie: supervisor });
			expect(page.status).toBe(200);
			expect(page.body).toContain('打印测试页');
			expect(page.body).not.toContain('打印机缺纸');
			expect(page.body).not.toContain('?/upstreamFault');
			expect(page.body).not.toContain('?/simulate');
			const simulate = await server.raw('POST', '/devices?/simulate', { cookie: supervisor, form: { action: 'paper-out' } });
			expect(simulate.status).toBe(404);
			const fault = await server.raw('POST', '/devices?/upstreamFault', { cookie: supervisor, form: { operation: 'recordPayment', mode: 'timeout' } });
			expect(fault.status).toBe(404);
			// The test page still prints: the printer was not switched to paper-out.
			const print = await server.raw('POST', '/devices?/testPrint', { cookie: supervisor });
			expect(print.body).toContain('测试页已打印');
		});
	});

	it('shows no banner on a production terminal with its real devices', async () => {
		const server = await startBuiltServer({
			port: 4315,
			dir,
			env: { ...production, SIFEE_TODAY: '', SIFEE_PRINTER_PORT: '/nonexistent/printer', SIFEE_POS_PORT: '/nonexistent/pos' }
		});
		try {
			const res = await server.raw('GET', '/signin');
			expect(res.status).toBe(200);
			expect(res.body).not.toContain(BANNER);
		} finally {
			await server.stop();
		}
	}, 60_000);
});
