// Issue 7 item 5: supervisor pages are decided by the route SvelteKit matched, not by the raw
// path, from one table; every route under src/routes is walked on the built server with no
// cookie, a clerk's and a supervisor's, so a route without a table entry fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ROUTE_ACCESS, type Requester } from '../../src/lib/server/auth/access';
import { startBuiltServer, type BuiltServer, type RawResponse } from './built-server';

const ROUTES = join(import.meta.dirname, '..', '..', 'src', 'routes');
const ROUTE_FILES = ['+page.svelte', '+page.server.ts', '+page.ts', '+server.ts'];
/** A value for each route parameter; a new parameter needs one here. */
const SAMPLE_PARAMS: Record<string, string> = { payerId: '1', sessionId: 'no-such-session', shiftId: '1' };

/** Every folder with a page or an endpoint is a route; its id is its path under src/routes. */
function discoverRoutes(dir = ROUTES): string[] {
	const here = ROUTE_FILES.some((f) => existsSync(join(dir, f))) ? ['/' + relative(ROUTES, dir).split(sep).join('/')] : [];
	const below = readdirSync(dir)
		.filter((f) => statSync(join(dir, f)).isDirectory())
		.flatMap((f) => discoverRoutes(join(dir, f)));
	return [...here.map((id) => (id === '/' ? id : id.replace(/\/$/, ''))), ...below].sort();
}

function samplePath(routeId: string): string {
	const path = routeId
		.split('/')
		.filter((s) => !/^\(.+\)$/.test(s))
		.map((s) => {
			const param = /^\[(\w+)\]$/.exec(s);
			if (!param) return s;
			if (!SAMPLE_PARAMS[param[1]]) throw new Error(`no sample value for [${param[1]}] in ${routeId}`);
			return SAMPLE_PARAMS[param[1]];
		})
		.join('/');
	return path || '/';
}

type Outcome = 'admitted' | 'sent to sign-in' | 'refused';

function outcome(res: RawResponse): Outcome {
	const location = String(res.headers.location ?? '');
	if (res.status === 303 && location.startsWith('/signin?next=')) return 'sent to sign-in';
	if (res.status === 401 || res.status === 403) return 'refused';
	return 'admitted';
}

function expected(routeId: string, who: Requester, method: string): Outcome {
	const admitted = ROUTE_ACCESS[routeId as keyof typeof ROUTE_ACCESS] as readonly Requester[];
	if (admitted.includes(who)) return 'admitted';
	// A kiosk route never sends anyone to sign in: a kiosk is known by its key.
	const kioskOnly = admitted.every((r) => r === 'kiosk');
	return who === 'anonymous' && method === 'GET' && !kioskOnly ? 'sent to sign-in' : 'refused';
}

const WHO: Requester[] = ['anonymous', 'clerk', 'supervisor', 'kiosk'];
/** The hall's one configured kiosk, and the header it sends with every request. */
const KIOSK = { id: 'K1', secret: 'kiosk-secret-for-tests-0001' };
const kioskHeaders = (who: Requester) => (who === 'kiosk' ? { 'x-sifee-kiosk-key': `${KIOSK.id}:${KIOSK.secret}` } : undefined);

describe('access is decided on the matched route, from one table', () => {
	const routes = discoverRoutes();
	let server: BuiltServer;
	const cookies: Record<string, string | undefined> = {};
	const fresh = async (): Promise<Record<Requester, string | undefined>> => ({
		anonymous: undefined,
		kiosk: undefined,
		clerk: await server.signIn('clerk01', 'demo1234'),
		supervisor: await server.signIn('super01', 'super1234')
	});

	beforeAll(async () => {
		server = await startBuiltServer({ port: 4311, env: { SIFEE_KIOSK_KEYS: `${KIOSK.id}:${KIOSK.secret}` } });
		Object.assign(cookies, await fresh());
	}, 120_000);
	afterAll(() => server?.stop());

	it('has an entry for every route under src/routes, and none for a route that is gone', () => {
		expect(routes.length).toBeGreaterThan(10);
		expect(Object.keys(ROUTE_ACCESS).sort()).toEqual(routes);
	});

	it("answers a kiosk's handshake with the kiosk it knows, and a wrong key in Chinese", async () => {
		const hello = await server.raw('GET', '/api/kiosk/hello', { headers: { ...kioskHeaders('kiosk'), accept: 'application/json' } });
		expect(hello.status).toBe(200);
		expect(JSON.parse(hello.body)).toMatchObject({ kioskId: KIOSK.id, businessDate: '2026-11-20' });
		const wrong = await server.raw('GET', '/api/kiosk/hello', { headers: { 'x-sifee-kiosk-key': `${KIOSK.id}:not-the-secret`, accept: 'application/json' } });
		expect(wrong.status).toBe(401);
		expect(wrong.body).toContain('终端密钥');
	});

	it('keeps every admin page to supervisors', () => {
		for (const id of routes.filter((r) => r.includes('/admin/'))) expect(ROUTE_ACCESS[id as keyof typeof ROUTE_ACCESS], id).toEqual(['supervisor']);
	});

	it('answers every route as the table says, for nobody, a clerk, a supervisor and a kiosk (GET)', async () => {
		const seen: string[] = [];
		const wanted: string[] = [];
		for (const id of routes) {
			for (const who of WHO) {
				const res = await server.raw('GET', samplePath(id), { cookie: cookies[who], headers: kioskHeaders(who) });
				expect(res.status, `GET ${samplePath(id)} as ${who}`).toBeLessThan(500);
				seen.push(`GET ${id} as ${who}: ${outcome(res)}`);
				wanted.push(`GET ${id} as ${who}: ${expected(id, who, 'GET')}`);
			}
		}
		expect(seen).toEqual(wanted);
	});

	it('answers every route as the table says for a form post, and a refused post writes nothing', async () => {
		const seen: string[] = [];
		const wanted: string[] = [];
		// Signing out ends the session used: that route goes last, with sessions of its own.
		const order = [...routes.filter((r) => r !== '/signout'), '/signout'];
		for (const id of order) {
			const as = id === '/signout' ? await fresh() : cookies;
			for (const who of WHO) {
				const res = await server.raw('POST', samplePath(id), { cookie: as[who], form: { year: '2027' }, headers: kioskHeaders(who) });
				seen.push(`POST ${id} as ${who}: ${outcome(res)}`);
				wanted.push(`POST ${id} as ${who}: ${expected(id, who, 'POST')}`);
			}
		}
		expect(seen).toEqual(wanted);
	});

	describe('a clerk cannot reach a supervisor page by spelling its path differently', () => {
		// What curl --path-as-is sends: none of these is normalised before it reaches the server.
		const SPELLINGS = [
			'/%61dmin/calendar',
			'/admin/%63alendar',
			'/%61%64%6d%69%6e/calendar',
			'/ADMIN/calendar',
			'/Admin/Calendar',
			'//admin/calendar',
			'/admin//calendar',
			'/admin/calendar/',
			'/admin/calendar%2F',
			'/admin%2Fcalendar',
			'/%2Fadmin/calendar',
			'/admin/./calendar',
			'/admin/../admin/calendar',
			'/counter/../admin/calendar',
			'/_app/../admin/calendar',
			'/(staff)/admin/calendar',
			'/%28staff%29/admin/calendar',
			'/admin/calendar;x',
			'/admin/calendar?/',
			'/admin/calendar/__data.json',
			'/%61dmin/calendar/__data.json',
			'/admin/calendar/__data.json?x-sveltekit-invalidated=1',
			'/%61dmin/clerks',
			'/%61dmin/manual-links',
			'/%61dmin/audit'
		];
		const HOLIDAYS_2027 = {
			year: '2027',
			source: '国办发明电〔2026〕1号',
			holidays: '2027-01-01~2027-01-03',
			workdays: ''
		};

		it('is refused or not found for every spelling, and a post to any of them stores no holiday table', async () => {
			for (const path of SPELLINGS) {
				for (const method of ['GET', 'POST']) {
					const as = { cookie: cookies.clerk, form: method === 'POST' ? HOLIDAYS_2027 : undefined };
					let res = await server.raw(method, path, as);
					// A trailing-slash fix-up is only a pointer to the canonical path: follow it once.
					if (res.status === 308 || res.status === 301) res = await server.raw(method, new URL(String(res.headers.location), server.base).pathname, as);
					expect([403, 404], `${method} ${path} as a clerk → ${res.status}`).toContain(res.status);
					expect(res.body, `${method} ${path}`).not.toContain('录入一整年的安排');
				}
			}
			const db = new Database(server.env.SIFEE_DB, { readonly: true });
			try {
				expect(db.prepare('SELECT count(*) AS n FROM calendar_years').get()).toEqual({ n: 0 });
				expect(db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'calendar-year-entered'`).get()).toEqual({ n: 0 });
			} finally {
				db.close();
			}
		});

		it('sends nobody to anything but sign-in, and lets a supervisor in by any spelling of the same route', async () => {
			for (const path of ['/%61dmin/calendar', '/admin/%63alendar']) {
				expect(outcome(await server.raw('GET', path)), path).toBe('sent to sign-in');
				const res = await server.raw('GET', path, { cookie: cookies.supervisor });
				expect(res.status, path).toBe(200);
				expect(res.body).toContain('录入一整年的安排');
			}
		});

		it('lets SvelteKit answer 404 where no route matches, and serves the built assets to anyone', async () => {
			for (const who of WHO) {
				const res = await server.raw('GET', '/no-such-page', { cookie: cookies[who] });
				expect(res.status, who).toBe(404);
				expect(res.body).not.toContain('录入一整年的安排');
			}
			expect((await server.raw('GET', '/_app/version.json')).status).toBe(200);
			expect((await server.raw('GET', '/_app/no-such-asset.js')).status).toBe(404);
		});
	});
});
