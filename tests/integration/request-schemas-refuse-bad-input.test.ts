// Every request body, query and route parameter goes through its endpoint's schema before any
// service runs: what does not fit is answered 400 (404 for a route parameter that names nothing)
// with a Chinese message naming the field, and nothing starts. On the built server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, type BuiltServer } from './built-server';

const PORT = 4321;

describe('request schemas refuse bad input, naming the field in Chinese', () => {
	let server: BuiltServer;
	let cookie: string;
	let payerId: string;
	const sessions = () => server.rowCounts()['terminal.window_sessions'];

	beforeAll(async () => {
		server = await startBuiltServer(PORT);
		cookie = await server.signIn('clerk01', 'demo1234', 3);
		const found = await fetch(`${server.origin}/counter?q=${encodeURIComponent('太原示例机械制造有限公司')}`, { headers: { cookie }, redirect: 'manual' });
		payerId = /\/counter\/payers\/(\d+)/.exec(found.headers.get('location') ?? '')![1];
	}, 60_000);
	afterAll(() => server?.stop());

	const startJson = (body: string) =>
		fetch(`${server.origin}/api/sessions`, { method: 'POST', headers: { cookie, origin: server.origin, 'content-type': 'application/json' }, body });

	it('takes payer ids only as decimal positive integers: true, [2], "0x2", 2.5 and -1 start nothing', async () => {
		const before = sessions();
		for (const payerId of [true, [2], '0x2', 2.5, -1, '２', null]) {
			const res = await startJson(JSON.stringify({ payerId }));
			expect(res.status, JSON.stringify(payerId)).toBe(400);
			expect(await res.json()).toEqual({ message: '缴费人：必须是正整数编号' });
		}
		expect((await startJson('{"payerId":')).status).toBe(400);
		expect(sessions()).toBe(before);
	});

	it('names the field and the fault of a business that does not exist instead of taking it as a payment', async () => {
		const before = sessions();
		const res = await startJson(JSON.stringify({ payerId: Number(payerId), business: 'anything' }));
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ message: '业务：请选择要办理的业务' });
		const form = await server.action(`/counter/payers/${payerId}?/start`, new URLSearchParams({ business: 'anything' }), { cookie });
		expect(form.status).toBe(400);
		expect(form.text).toContain('业务：请选择要办理的业务');
		expect(sessions()).toBe(before);
	});

	it('answers 404 in Chinese for a payer page whose id is not a decimal number', async () => {
		for (const id of ['0x2', '1e1', '%EF%BC%92', '-2']) {
			const res = await fetch(`${server.origin}/counter/payers/${id}`, { headers: { cookie, accept: 'text/html' } });
			expect(res.status, id).toBe(404);
			expect(await res.text()).toContain('缴费人编号：必须是正整数编号');
		}
		const start = await server.action(`/counter/payers/0x2?/start`, new URLSearchParams({ business: 'payment' }), { cookie });
		expect(start.status).toBe(404);
	});

	it('refuses a sign-in with a window that is not a number from 1 to 99, before checking the password', async () => {
		const before = server.rowCounts()['terminal.audit_log'];
		for (const window of ['３', '0', '1e1', '']) {
			const r = await server.action('/signin', new URLSearchParams({ login: 'clerk01', password: 'demo1234', window }));
			expect(r.status, window).toBe(400);
			expect(r.text).toContain('窗口号：必须是 1 到 99 的整数');
		}
		expect(server.rowCounts()['terminal.audit_log']).toBe(before);
	});

	it('refuses unknown events and wrong fields of an event by name', async () => {
		const started = await startJson(JSON.stringify({ payerId: Number(payerId) }));
		const { id } = (await started.json()) as { id: string };
		const send = (body: unknown) =>
			fetch(`${server.origin}/api/sessions/${id}`, {
				method: 'POST',
				headers: { cookie, origin: server.origin, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		const unknown = await send({ type: 'PAYER_PICKED', payer: { id: 1 } });
		expect(unknown.status).toBe(400);
		expect(await unknown.json()).toEqual({ message: '操作：不支持的操作“PAYER_PICKED”' });
		const amount = await send({ type: 'TENDER', amount: '12.345' });
		expect(amount.status).toBe(400);
		expect(((await amount.json()) as { message: string }).message).toMatch(/^实收金额：/);
		const due = await send({ type: 'TOGGLE_DUE', dueId: true });
		expect(await due.json()).toEqual({ message: '费款：必须是正整数编号' });
	});
});
