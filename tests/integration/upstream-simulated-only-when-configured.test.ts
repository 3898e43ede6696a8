// Issue 8 item 3: runtime.ts builds the upstream simulator only when SIFEE_UPSTREAM says
// simulated (the default: no client of a real upstream exists yet); createUpstream is where a
// real or shared upstream's client plugs in. Any other value is refused at start, in Chinese,
// before the simulator's file is created, never quietly run on the simulator.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, CONFIG_TEXT, readConfig, UPSTREAM_KINDS } from '../../src/lib/server/config';
import { createUpstream } from '../../src/lib/server/upstream/create-upstream';
import { systemClock } from '../../src/lib/server/clock';
import { bundledCalendar } from '../../src/lib/domain';
import { runUntilExit } from './built-server';

function tempFiles() {
	const dir = mkdtempSync(join(tmpdir(), 'sifee-upstream-'));
	return { dir, files: { SIFEE_DB: join(dir, 'terminal.db'), SIFEE_UPSTREAM_DB: join(dir, 'upstream-sim.db'), SIFEE_FORM_OUTPUT_DIR: join(dir, 'forms') } };
}

describe('the upstream simulator is built only when configured', () => {
	it('is simulated unless SIFEE_UPSTREAM says otherwise; production must say it (refused at start otherwise)', () => {
		expect(UPSTREAM_KINDS).toEqual(['simulated']);
		for (const mode of ['demo', 'test', 'production']) {
			expect(readConfig({ SIFEE_MODE: mode }).upstream).toBe('simulated');
			expect(readConfig({ SIFEE_MODE: mode }).upstreamGiven).toBe(false);
			expect(readConfig({ SIFEE_MODE: mode, SIFEE_UPSTREAM: 'simulated' })).toMatchObject({ upstream: 'simulated', upstreamGiven: true });
		}
	});

	it('refuses any other value in Chinese, naming the variable and what it may be', () => {
		for (const value of ['real', 'Simulated', 'http://core-tax.example']) {
			const read = () => readConfig({ SIFEE_MODE: 'test', SIFEE_UPSTREAM: value });
			expect(read).toThrow(ConfigError);
			expect(read).toThrow(CONFIG_TEXT.unknownUpstream(value));
		}
		expect(CONFIG_TEXT.unknownUpstream('real')).toMatch(/^无法启动：SIFEE_UPSTREAM 的取值“real”无法识别.*simulated/);
	});

	it('simulated: createUpstream opens the simulator over its own file, with its fault switches', () => {
		const { dir, files: f } = tempFiles();
		try {
			const config = readConfig({ SIFEE_MODE: 'test', SIFEE_TODAY: '2026-11-20', ...f });
			const client = createUpstream(config, { clock: systemClock('2026-11-20'), calendar: () => bundledCalendar() });
			expect(client.db.name).toBe(f.SIFEE_UPSTREAM_DB);
			expect(client.upstream.faults).toBeDefined();
			client.close();
			expect(existsSync(f.SIFEE_UPSTREAM_DB)).toBe(true);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('the built server refuses to start on an unknown SIFEE_UPSTREAM, says why in Chinese, and creates no simulator file', async () => {
		const { dir, files: f } = tempFiles();
		try {
			const run = await runUntilExit(4391, { SIFEE_MODE: 'test', SIFEE_TODAY: '2026-11-20', ...f, SIFEE_UPSTREAM: 'coretax-http' });
			expect(run.code).not.toBe(0);
			expect(run.output).toContain(CONFIG_TEXT.unknownUpstream('coretax-http'));
			expect(existsSync(f.SIFEE_UPSTREAM_DB)).toBe(false);
			expect(existsSync(f.SIFEE_DB)).toBe(false);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 180_000);
});
