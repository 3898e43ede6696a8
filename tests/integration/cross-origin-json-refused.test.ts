// A page on another site cannot drive the JSON API with the clerk's cookie: SvelteKit's own CSRF
// check covers only form content types, so every POST/PUT/PATCH/DELETE whose Origin is not the
// terminal's own is refused 403 in Chinese before anything runs. On the built server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, type BuiltServer } from './built-server';

const PORT = 4322;
const EVIL = 'http://evil.example';

describe('cross-origin JSON requests are refused', () => {
	let server: BuiltServer;
	let cookie: string;
	let payerId: number;

	beforeAll(async () => {
		server = await startBuiltServer(PORT);
		cookie = await server.signIn('clerk01', 'demo1234', 3);
		const found = await fetch(`${server.origin}/counter?q=${encodeURIComponent('太原示例机械制造有限公司')}`, { headers: { cookie }, redirect: 'manual' });
		payerId = Number(/\/counter\/payers\/(\d+)/.exec(found.headers.get('location') ?? '')![1]);
	}, 60_000);
	afterAll(() => server?.stop());

	const post = (path: string, origin: string, body: unknown, type = 'application/json') =>
		fetch(`${server.origin}${path}`, { method: 'POST', headers: { cookie, origin, 'content-type': type }, body: JSON.stringify(body) });

	it('refuses POST /api/sessions from another origin with 403 in Chinese, and starts no session', async () => {
		const before = server.rowCounts()['terminal.window_sessions'];
		const res = await post('/api/sessions', EVIL, { payerId });
		expect(res.status).toBe(403);
		expect(await res.json()).toEqual({ message: '拒绝来自其他网站的请求：只能在本终端的页面上操作' });
		// A body sent as text/plain is a form content type: SvelteKit's own CSRF check refuses it.
		expect((await post('/api/sessions', EVIL, { payerId }, 'text/plain;charset=UTF-8')).status).toBe(403);
		expect(server.rowCounts()['terminal.window_sessions']).toBe(before);
	});

	it('refuses events sent to a session from another origin, and takes them from the terminal itself', async () => {
		const started = await post('/api/sessions', server.origin, { payerId });
		expect(started.status).toBe(201);
		const { id } = (await started.json()) as { id: string };
		const evil = await post(`/api/sessions/${id}`, EVIL, { type: 'CANCEL' });
		expect(evil.status).toBe(403);
		for (const method of ['PUT', 'PATCH', 'DELETE']) {
			const res = await fetch(`${server.origin}/api/sessions/${id}`, {
				method,
				headers: { cookie, origin: EVIL, 'content-type': 'application/json' },
				body: '{}'
			});
			expect(res.status, method).toBe(403);
		}
		const own = await post(`/api/sessions/${id}`, server.origin, { type: 'CANCEL' });
		expect(own.status).toBe(200);
	});
});
