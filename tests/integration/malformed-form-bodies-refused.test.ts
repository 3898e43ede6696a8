// A form action whose body cannot be read (broken multipart, no boundary, a text/plain body) is
// answered 400 in Chinese, never 500: every form action found in src/routes. On the built server.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, startVisit, type BuiltServer } from './built-server';

const PORT = 4323;
const ROUTES = resolve(import.meta.dirname, '../../src/routes');

/** Each form action as the path it is posted to, with its route parameters filled in. */
function formActions(params: Record<string, string>): { path: string; supervisor: boolean; kiosk: boolean }[] {
	const walk = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
	return walk(ROUTES)
		.filter((f) => f.endsWith('+page.server.ts'))
		.flatMap((f) => {
			const block = readFileSync(f, 'utf8').split(/export const actions[^=]*=/)[1];
			if (!block) return [];
			const route = `/${relative(ROUTES, f)
				.split('/')
				.slice(0, -1)
				.filter((s) => !/^\(.+\)$/.test(s))
				.join('/')}`.replace(/\[(\w+)\]/g, (_, p: string) => params[p]);
			return [...block.matchAll(/^\t([A-Za-z]\w*):\s*(?:async\s*)?\(/gm)].map((m) => ({
				path: m[1] === 'default' ? route : `${route}?/${m[1]}`,
				supervisor: route.startsWith('/admin') || m[1] === 'openDrawer',
				kiosk: route === '/kiosk'
			}));
		});
}

const KIOSK_KEY = 'K01:kiosk-secret-for-malformed-bodies';

const BROKEN: { label: string; type: string; body: string }[] = [
	{ label: 'multipart cut off', type: 'multipart/form-data; boundary=XX', body: '--XX\r\nContent-Disposition: form-data; name="a"\r\n\r\nb' },
	{ label: 'multipart of another boundary', type: 'multipart/form-data; boundary=XX', body: '--YY\r\nx\r\n--YY--' },
	{ label: 'multipart without boundary', type: 'multipart/form-data', body: 'a=b' },
	{ label: 'text/plain', type: 'text/plain', body: 'a=b' }
];

describe('malformed form bodies are refused in Chinese', () => {
	let server: BuiltServer;
	const cookies = { clerk: '', supervisor: '' };
	const params: Record<string, string> = {};

	beforeAll(async () => {
		server = await startBuiltServer(PORT, { SIFEE_KIOSK_KEYS: KIOSK_KEY });
		cookies.clerk = await server.signIn('clerk01', 'demo1234', 3);
		cookies.supervisor = await server.signIn('super01', 'super1234', 4);
		Object.assign(params, await startVisit(server, cookies.clerk, '太原示例机械制造有限公司'));
	}, 60_000);
	afterAll(() => server?.stop());

	it('answers 400 with a Chinese message on every form action', async () => {
		const actions = formActions(params);
		expect(actions.length).toBeGreaterThanOrEqual(11);
		const wrong: string[] = [];
		for (const a of actions) {
			for (const b of BROKEN) {
				// A kiosk's page is posted by the kiosk (its key), every other by a clerk or a supervisor.
				const r = a.kiosk
					? await server.action(a.path, b.body, { type: b.type, headers: { 'x-sifee-kiosk-key': KIOSK_KEY } })
					: await server.action(a.path, b.body, { cookie: a.supervisor ? cookies.supervisor : cookies.clerk, type: b.type });
				if (r.status !== 400 || !r.text.includes('提交的表单无法读取')) wrong.push(`${a.path} ${b.label} → ${r.status} ${r.text.slice(0, 80)}`);
			}
		}
		expect(wrong).toEqual([]);
	});
});
