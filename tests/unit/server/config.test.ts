import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/lib/server/config';
import { isPublicPath, needsSupervisor, safeNext } from '../../../src/lib/server/auth/access';

describe('configuration from the environment', () => {
	it('defaults to the files under data/', () => {
		const c = readConfig({});
		expect(c.terminalDbPath).toBe('data/terminal.db');
		expect(c.upstreamDbPath).toBe('data/upstream-sim.db');
		expect(c.mode).toBe('production');
	});

	it('takes SIFEE_DB and SIFEE_UPSTREAM_DB', () => {
		const c = readConfig({ SIFEE_DB: '/x/t.db', SIFEE_UPSTREAM_DB: '/x/u.db' });
		expect([c.terminalDbPath, c.upstreamDbPath]).toEqual(['/x/t.db', '/x/u.db']);
	});

	it('fixes the business date with SIFEE_TODAY in demo and test mode only', () => {
		expect(readConfig({ SIFEE_MODE: 'demo', SIFEE_TODAY: '2026-11-26' }).fixedToday).toBe('2026-11-26');
		expect(() => readConfig({ SIFEE_MODE: 'production', SIFEE_TODAY: '2026-11-26' })).toThrow(/refused in production/);
		expect(() => readConfig({ SIFEE_MODE: 'demo', SIFEE_TODAY: '26/11/2026' })).toThrow(/YYYY-MM-DD/);
	});

	it('refuses an unknown mode', () => {
		expect(() => readConfig({ SIFEE_MODE: 'staging' })).toThrow(/SIFEE_MODE/);
	});
});

describe('every page but sign-in and the kiosk needs sign-in', () => {
	it('lets the kiosk and sign-in through', () => {
		for (const p of ['/signin', '/kiosk', '/kiosk/certificate', '/healthz']) expect(isPublicPath(p), p).toBe(true);
	});
	it('guards the counter, admin and api pages', () => {
		for (const p of ['/', '/counter', '/counter/payers/1', '/admin/calendar', '/api/x', '/kioskfake']) {
			expect(isPublicPath(p), p).toBe(false);
		}
		expect(needsSupervisor('/admin/calendar')).toBe(true);
		expect(needsSupervisor('/counter')).toBe(false);
	});
	it('only follows a same-site path after sign-in', () => {
		expect(safeNext('/counter/payers/3')).toBe('/counter/payers/3');
		expect(safeNext('//evil.example')).toBe('/counter');
		expect(safeNext('https://evil.example')).toBe('/counter');
		expect(safeNext(null)).toBe('/counter');
	});
});
