// Issue 7 item 8: GET /signout answered 500. Signing out stays a POST (a link or an image on
// another page cannot sign a clerk out); a GET shows the button that posts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, type BuiltServer } from './built-server';

describe('signing out is a POST; a GET shows the confirmation', () => {
	let server: BuiltServer;
	beforeAll(async () => {
		server = await startBuiltServer({ port: 4317 });
	}, 120_000);
	afterAll(() => server?.stop());

	it('shows a signed-in clerk a page with the sign-out button, and leaves the session alone', async () => {
		const cookie = await server.signIn('clerk01', 'demo1234', 4);
		const res = await server.raw('GET', '/signout', { cookie });
		expect(res.status).toBe(200);
		expect(res.body).toContain('确认在第 4 号窗口退出登录');
		expect(res.body).toMatch(/<form method="POST"[^>]*>[\s\S]*<button type="submit">退出登录<\/button>/);
		expect((await server.raw('GET', '/counter', { cookie })).status).toBe(200);
	});

	it('sends someone not signed in to sign-in', async () => {
		const res = await server.raw('GET', '/signout');
		expect(res.status).toBe(303);
		expect(res.headers.location).toBe('/signin');
	});

	it('signs out on the POST and the old cookie opens nothing', async () => {
		const cookie = await server.signIn('clerk01', 'demo1234');
		const res = await server.raw('POST', '/signout', { cookie });
		expect(res.status).toBe(303);
		expect(res.headers.location).toBe('/signin');
		const after = await server.raw('GET', '/counter', { cookie });
		expect(after.status).toBe(303);
		expect(String(after.headers.location)).toMatch(/^\/signin\?next=/);
	});

	it('refuses a sign-out posted from another site', async () => {
		const cookie = await server.signIn('clerk01', 'demo1234');
		const res = await server.raw('POST', '/signout', { cookie, headers: { origin: 'http://evil.example' } });
		expect(res.status).toBe(403);
		expect((await server.raw('GET', '/counter', { cookie })).status).toBe(200);
	});
});
