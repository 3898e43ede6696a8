import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/lib/server/config';
import { decideAccess, safeNext } from '../../../src/lib/server/auth/access';

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

	it('keeps 14 backups beside the journal unless SIFEE_BACKUP_DIR and SIFEE_BACKUP_KEEP say otherwise, and refuses a count that is none', () => {
		expect(readConfig({ SIFEE_DB: '/x/t.db' }).backup).toEqual({ dir: '/x/backups', keep: 14 });
		expect(readConfig({ SIFEE_BACKUP_DIR: '/b', SIFEE_BACKUP_KEEP: '30' }).backup).toEqual({ dir: '/b', keep: 30 });
		for (const keep of ['0', '-1', '2.5', 'many', '１４', '1001']) expect(() => readConfig({ SIFEE_BACKUP_KEEP: keep }), keep).toThrow(/SIFEE_BACKUP_KEEP/);
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

describe('every page but sign-in needs sign-in, decided on the matched route', () => {
	it('lets sign-in and the health check through', () => {
		for (const r of ['/signin', '/healthz']) expect(decideAccess(r, 'anonymous', 'GET'), r).toEqual({ kind: 'allow' });
	});
	it('guards the counter, admin and api pages', () => {
		for (const r of ['/', '/(staff)/counter', '/(staff)/counter/payers/[payerId]', '/(staff)/admin/calendar']) {
			expect(decideAccess(r, 'anonymous', 'GET'), r).toEqual({ kind: 'sign-in' });
		}
		expect(decideAccess('/api/sessions', 'anonymous', 'POST')).toMatchObject({ kind: 'refuse', status: 401 });
		expect(decideAccess('/(staff)/admin/calendar', 'clerk', 'POST')).toMatchObject({ kind: 'refuse', status: 403 });
		expect(decideAccess('/(staff)/admin/calendar', 'supervisor', 'POST')).toEqual({ kind: 'allow' });
		expect(decideAccess('/(staff)/counter', 'clerk', 'GET')).toEqual({ kind: 'allow' });
	});
	it('only follows a same-site path after sign-in', () => {
		expect(safeNext('/counter/payers/3')).toBe('/counter/payers/3');
		expect(safeNext('//evil.example')).toBe('/counter');
		expect(safeNext('https://evil.example')).toBe('/counter');
		expect(safeNext(null)).toBe('/counter');
	});
});
