// Input too large for the platform is answered in Chinese: a body over adapter-node's
// BODY_SIZE_LIMIT (413) and a URL over Node's header limit (431), both as the built server really
// answers them, quickly, for a browser posting a form without script and for the enhanced screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, type BuiltServer } from './built-server';

const PORT = 4326;
const MB = 1 << 20;

describe('oversize input is answered in Chinese', () => {
	let server: BuiltServer;
	let cookie: string;

	beforeAll(async () => {
		server = await startBuiltServer(PORT);
		cookie = await server.signIn('clerk01', 'demo1234', 3);
	}, 60_000);
	afterAll(() => server?.stop());

	it('answers a 1 MB and a 10 MB sign-in 413 with a Chinese page, within 2 s', async () => {
		for (const size of [MB, 10 * MB]) {
			const started = performance.now();
			const res = await fetch(`${server.origin}/signin`, {
				method: 'POST',
				headers: { origin: server.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ login: 'a'.repeat(size), password: 'x', window: '3' })
			});
			const page = await res.text();
			expect(performance.now() - started).toBeLessThan(2000);
			expect(res.status).toBe(413);
			expect(page).toContain('提交的内容过大，请检查输入后重试');
			expect(page).not.toMatch(/Payload Too Large|exceeds limit/);
		}
		const enhanced = await server.action('/counter/bank-stubs', new URLSearchParams({ voucherNo: '1'.repeat(MB) }), {
			cookie,
			type: 'application/x-www-form-urlencoded'
		});
		expect(enhanced.status).toBe(413);
		expect(enhanced.text).toContain('提交的内容过大');
	});

	it('answers a 1 MB search 431 with a Chinese page instead of a bare status line', async () => {
		const res = await fetch(`${server.origin}/counter?q=${'a'.repeat(MB)}`, { headers: { cookie } });
		expect(res.status).toBe(431);
		expect(res.headers.get('content-type')).toContain('text/html');
		expect(await res.text()).toContain('请求过大：输入的内容太长，请缩短后重试');
	});

	it('answers the error page of an unknown address in Chinese', async () => {
		const res = await fetch(`${server.origin}/no-such-page`, { headers: { cookie, accept: 'text/html' } });
		expect(res.status).toBe(404);
		expect(await res.text()).toContain('未找到该页面');
	});
});
