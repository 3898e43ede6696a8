// Issue 7 item 8: after sign-in the terminal follows `next` only to a path of its own, never to
// another site however the address is disguised (`/\evil.example` reads as `//evil.example`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeNext } from '../../src/lib/server/auth/access';
import { startBuiltServer, type BuiltServer } from './built-server';

const OFF_SITE = [
	'/\\evil.example',
	'/\\/evil.example',
	'\\\\evil.example',
	'//evil.example',
	'///evil.example',
	'https://evil.example',
	'http:/evil.example',
	'evil.example',
	'/\t/evil.example',
	'/\n/evil.example',
	'/\r\n/evil.example',
	'/\u0000/evil.example',
	'javascript:alert(1)',
	''
];

describe('the address followed after sign-in stays on this site', () => {
	it('keeps paths of this site, normalised', () => {
		expect(safeNext('/counter/payers/3')).toBe('/counter/payers/3');
		expect(safeNext('/counter?q=%E7%A4%BA%E4%BE%8B')).toBe('/counter?q=%E7%A4%BA%E4%BE%8B');
		expect(safeNext('/counter/../admin/calendar')).toBe('/admin/calendar');
		expect(safeNext(null)).toBe('/counter');
	});

	it('sends every disguised off-site address to the counter instead', () => {
		for (const next of OFF_SITE) expect(safeNext(next), JSON.stringify(next)).toBe('/counter');
	});

	describe('on the built server', () => {
		let server: BuiltServer;
		beforeAll(async () => {
			server = await startBuiltServer({ port: 4316 });
		}, 120_000);
		afterAll(() => server?.stop());

		const form = { login: 'clerk01', password: 'demo1234', window: '3' };

		it('answers /signin?next=/%5Cevil.example with Location /counter, at sign-in and when already signed in', async () => {
			for (const next of ['/%5Cevil.example', '/%5C%2Fevil.example', '%2F%2Fevil.example', '/%09/evil.example', 'https:%2F%2Fevil.example']) {
				const res = await server.raw('POST', `/signin?next=${next}`, { form });
				expect(res.status, next).toBe(303);
				expect(res.headers.location, next).toBe('/counter');
				const cookie = String(res.headers['set-cookie']).split(';')[0];
				const again = await server.raw('GET', `/signin?next=${next}`, { cookie });
				expect(again.headers.location, next).toBe('/counter');
			}
		});

		it('still brings the clerk back to the page that sent them to sign in', async () => {
			const res = await server.raw('POST', `/signin?next=${encodeURIComponent('/counter/payers/3')}`, { form });
			expect(res.headers.location).toBe('/counter/payers/3');
		});
	});
});
