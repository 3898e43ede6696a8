// Issue 7, item 2: every declaration and payment uses the clock at the moment of the call, on
// the terminal and in the upstream simulator; a session opened on the 25th takes nothing on the
// 26th, neither live nor after a restore.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/lib/server/runtime';
import { readConfig } from '../../src/lib/server/config';
import { movableClock } from './test-clock';
import { at, clerkAt, declareAt, openAt, payerId, until } from './sessions/flow-helpers';
import { UpstreamRefusedError } from '../../src/lib/server/upstream/errors';
import type { SessionView } from '../../src/lib/server/sessions/session-view';

describe('the business date is checked live', () => {
	let dir: string;
	let vars: Record<string, string>;
	let rt: Runtime;
	let clock: ReturnType<typeof movableClock>;
	const open = () => createRuntime(readConfig(vars), vars, clock);

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'sifee-date-'));
		vars = {
			SIFEE_MODE: 'test',
			SIFEE_DB: join(dir, 'terminal.db'),
			SIFEE_UPSTREAM_DB: join(dir, 'upstream-sim.db'),
			SIFEE_FORM_OUTPUT_DIR: join(dir, 'forms')
		};
		clock = movableClock('2026-11-25');
		rt = await open();
	});
	afterEach(async () => {
		await rt.close();
		rmSync(dir, { recursive: true, force: true });
	});

	// Sending an event moves the session at once, so this sees the answer to that event only.
	const refusedAtChoice = (x: SessionView) => x.child?.step === 'choosing.ready' && x.child.context.error !== null;
	const sales = () => rt.devices.simulated!.pos.transactions().filter((t) => t.type === 'sale').length;

	it('a session opened on the 25th cannot take a card or cash on the 26th', async () => {
		const visit = await declareAt(rt, clerkAt(rt, 'clerk01', 3));
		clock.set('2026-11-26');
		for (const channel of ['pos', 'bank_form'] as const) {
			rt.sessions.send(visit.id, { type: 'CHOOSE', channel } as never);
			const v = await until(rt, visit.id, refusedAtChoice);
			expect((v.child!.context.error as { code: string }).code).toBe('OUTSIDE_PERIOD');
			expect((v.child!.context.error as { message: string }).message).toContain('2026-11-26');
		}
		rt.sessions.send(visit.id, { type: 'CHOOSE', channel: 'cash' } as never);
		await until(rt, visit.id, at('paying', 'cash.tendering'));
		rt.sessions.send(visit.id, { type: 'TENDER', amountFen: visit.totalFen } as never);
		await until(rt, visit.id, refusedAtChoice);
		expect(sales()).toBe(0);
		expect(rt.intents.ofSession(visit.id).filter((i) => i.action === 'drawer.open')).toEqual([]);
		expect((await rt.upstream.coreTax.declaration(visit.declarationNo))!.status).toBe('declared');
	});

	it('a declaration begun on the 25th is refused on the 26th, also after a restore', async () => {
		const clerk = clerkAt(rt, 'clerk01', 3);
		const id = await openAt(rt, clerk);
		const v = await until(rt, id, at('declaring', 'selecting'));
		const due = (v.child!.context.dues as { id: number; state: string; kind: string }[]).find((d) => d.state === 'open' && d.kind === 'regular')!;
		rt.sessions.send(id, { type: 'TOGGLE_DUE', dueId: due.id } as never);
		await rt.close();
		clock.set('2026-11-26');
		rt = await open();
		rt.sessions.send(id, { type: 'SUBMIT' });
		const refused = await until(rt, id, (x) => x.child?.step === 'selecting' && x.child.context.error !== null);
		expect((refused.child!.context.error as { code: string }).code).toBe('OUTSIDE_PERIOD');
		expect((await rt.upstream.coreTax.declarationsOf(await payerId(rt))).filter((d) => d.declaredOn === '2026-11-26')).toEqual([]);
	});

	it('a payment restored on the 26th from a session of the 25th takes no money', async () => {
		const visit = await declareAt(rt, clerkAt(rt, 'clerk01', 3));
		await rt.close();
		clock.set('2026-11-26');
		rt = await open();
		await until(rt, visit.id, at('paying', 'choosing.ready'));
		rt.sessions.send(visit.id, { type: 'CHOOSE', channel: 'pos' } as never);
		await until(rt, visit.id, refusedAtChoice);
		expect(sales()).toBe(0);
	});

	it('the upstream simulator refuses a date that is not its today', async () => {
		const visit = await declareAt(rt, clerkAt(rt, 'clerk01', 3));
		// A caller that kept yesterday's date, as the old session did.
		const e = await rt.upstream.coreTax
			.recordPayment({ key: 'stale-1', declarationNo: visit.declarationNo, channel: 'cash', amountFen: visit.totalFen, paidOn: '2026-11-24', details: {} })
			.catch((x: unknown) => x);
		expect(e).toBeInstanceOf(UpstreamRefusedError);
		expect((e as UpstreamRefusedError).code).toBe('DATE_NOT_TODAY');
		expect((e as UpstreamRefusedError).message).toContain('2026-11-25');
		const d = await rt.upstream.coreTax.declare({ key: 'stale-2', payerId: await payerId(rt), dueIds: [1], today: '2026-11-24' }).catch((x: unknown) => x);
		expect((d as UpstreamRefusedError).code).toBe('DATE_NOT_TODAY');
	});
});
