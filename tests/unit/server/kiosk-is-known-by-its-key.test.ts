// Issue 8 item 2: an operator is a clerk at a window or a kiosk known by its configured key;
// a kiosk reaches only kiosk routes, and a kiosk route only a kiosk.
import { describe, expect, it } from 'vitest';
import { readConfig, ConfigError } from '../../../src/lib/server/config';
import { kioskOperator, requesterOf } from '../../../src/lib/server/auth/operator';
import { ACCESS_TEXT, decideAccess, ROUTE_ACCESS, type Requester } from '../../../src/lib/server/auth/access';

const KEYS = readConfig({ SIFEE_MODE: 'test', SIFEE_KIOSK_KEYS: 'K1:first-kiosk-secret-0001, K2:second-kiosk-secret-02' }).kioskKeys;

describe('a kiosk is known by its configured key', () => {
	it('takes the kiosk whose id and secret match, and nobody otherwise', () => {
		expect(kioskOperator(KEYS, 'K1:first-kiosk-secret-0001')).toEqual({ kind: 'kiosk', kioskId: 'K1' });
		expect(kioskOperator(KEYS, 'K2:second-kiosk-secret-02')).toEqual({ kind: 'kiosk', kioskId: 'K2' });
		for (const header of [
			null,
			'',
			'K1',
			'K1:',
			'K1:first-kiosk-secret-000',
			'K1:second-kiosk-secret-02',
			'K3:first-kiosk-secret-0001',
			':first-kiosk-secret-0001'
		]) {
			expect(kioskOperator(KEYS, header), String(header)).toBeNull();
		}
	});

	it('refuses a configuration it cannot trust', () => {
		for (const keys of ['K1', 'K1:short', 'K 1:first-kiosk-secret-0001', 'K1:first-kiosk-secret-0001,K1:another-secret-000001']) {
			expect(() => readConfig({ SIFEE_MODE: 'test', SIFEE_KIOSK_KEYS: keys }), keys).toThrow(ConfigError);
		}
		expect(readConfig({ SIFEE_MODE: 'test' }).kioskKeys.size).toBe(0);
	});

	it('names operators for the access table', () => {
		expect(requesterOf(null)).toBe('anonymous');
		expect(requesterOf({ kind: 'kiosk', kioskId: 'K1' })).toBe('kiosk');
		const clerk = { clerkId: 1, login: 'clerk01', displayName: '李晓红（演示）', role: 'clerk' as const, windowNo: 3, expiresAt: '2099-01-01T00:00:00.000Z' };
		expect(requesterOf({ kind: 'clerk', clerk })).toBe('clerk');
		expect(requesterOf({ kind: 'clerk', clerk: { ...clerk, role: 'supervisor' } })).toBe('supervisor');
	});
});

describe('a kiosk reaches only kiosk routes', () => {
	const routes = Object.entries(ROUTE_ACCESS) as [string, readonly Requester[]][];
	const kioskRoutes = routes.filter(([, who]) => who.includes('kiosk') && !who.includes('clerk')).map(([id]) => id);

	it('is refused on every staff route of the table, by GET and POST', () => {
		for (const [id, who] of routes.filter(([, w]) => !w.includes('kiosk'))) {
			for (const method of ['GET', 'POST']) expect(decideAccess(id, 'kiosk', method), `${method} ${id}`).toMatchObject({ kind: 'refuse', status: 403 });
			expect(who).not.toContain('kiosk');
		}
	});

	it('has its own routes, which nobody else reaches and nobody is sent to sign in for', () => {
		expect(kioskRoutes.length).toBeGreaterThan(0);
		for (const id of kioskRoutes) {
			expect(decideAccess(id, 'kiosk', 'GET')).toEqual({ kind: 'allow' });
			expect(decideAccess(id, 'anonymous', 'GET')).toEqual({ kind: 'refuse', status: 401, message: ACCESS_TEXT.kioskOnly });
			for (const who of ['clerk', 'supervisor'] as const) expect(decideAccess(id, who, 'GET')).toMatchObject({ kind: 'refuse', status: 403 });
		}
	});
});

describe("a kiosk's browser is known by the cookie of its enrolment", () => {
	it('takes the cookie made from the kiosk’s current key, never the key itself nor another kiosk’s', async () => {
		const { kioskCookieValue, kioskFromCookie } = await import('../../../src/lib/server/auth/operator');
		const cookie = kioskCookieValue('K1', 'first-kiosk-secret-0001');
		expect(cookie).not.toContain('first-kiosk-secret-0001');
		expect(kioskFromCookie(KEYS, cookie)).toEqual({ kind: 'kiosk', kioskId: 'K1' });
		const changedKey = readConfig({ SIFEE_MODE: 'test', SIFEE_KIOSK_KEYS: 'K1:a-new-kiosk-secret-001' }).kioskKeys;
		for (const [keys, value] of [
			[changedKey, cookie],
			[KEYS, cookie.replace(/^K1/, 'K2')],
			[KEYS, 'K1.' + '0'.repeat(64)],
			[KEYS, 'K1:first-kiosk-secret-0001'],
			[KEYS, undefined]
		] as const) {
			expect(kioskFromCookie(keys, value), String(value)).toBeNull();
		}
	});

	it('a demo terminal has its one kiosk K01; a test terminal none unless configured', () => {
		expect([...readConfig({ SIFEE_MODE: 'demo' }).kioskKeys.keys()]).toEqual(['K01']);
		expect(readConfig({ SIFEE_MODE: 'test' }).kioskIdleSeconds).toBe(60);
		expect(readConfig({ SIFEE_MODE: 'test', SIFEE_KIOSK_IDLE_SECONDS: '30' }).kioskIdleSeconds).toBe(30);
		for (const bad of ['0', '5', '601', '1e2', '３０'])
			expect(() => readConfig({ SIFEE_MODE: 'test', SIFEE_KIOSK_IDLE_SECONDS: bad }), bad).toThrow(ConfigError);
	});
});
