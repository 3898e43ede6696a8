// Issue 8, item 4: the drawer's intent is written before the kick, and a session restored after a
// crash never opens the drawer a second time. The crash is an image of both SQLite files taken
// at the instant named (inside the running step), and the terminal is started again over it.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { crashImage, restartOver } from './crash-image';
import { at, clerkAt, declareAt, until, type Rt } from './sessions/flow-helpers';
import type { IntentRow } from '../../src/lib/server/db/intents-repo';
import { deviceStatus } from '../../drivers/status';

/** What the crash left on disk for one window session. */
function onDisk(dir: string, sessionId: string) {
	const db = new Database(join(dir, 'terminal.db'), { readonly: true });
	try {
		const { snapshot } = db.prepare('SELECT snapshot FROM window_sessions WHERE id = ?').get(sessionId) as { snapshot: string };
		const drawer = db.prepare(`SELECT status, updated_at AS updatedAt FROM intents WHERE window_session_id = ? AND action = 'drawer.open'`).all(sessionId) as {
			status: string;
			updatedAt: string;
		}[];
		return { paymentStep: JSON.parse(snapshot).children.payment.snapshot.value, drawer };
	} finally {
		db.close();
	}
}

const drawerIntents = (rt: Rt, id: string): IntentRow[] => rt.intents.ofSession(id).filter((i) => i.action === 'drawer.open');
/** The kick reaches the simulated printer a moment after it is sent. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('a restored session never opens the drawer a second time', () => {
	const started: { dispose(): Promise<void> }[] = [];
	afterEach(async () => {
		for (const rt of started.splice(0)) await rt.dispose();
	});

	it('a restored session after a crash between drawer-opened and recorded does not open the drawer again', async () => {
		const before = await tempRuntime();
		started.push(before);
		const d = await declareAt(before, clerkAt(before, 'clerk01', 3));
		// The crash: right after the journal knows the drawer opened, before the session moved on.
		let image = '';
		const finish = before.intents.finish;
		before.intents.finish = (key, status, outcome, time) => {
			finish(key, status, outcome, time);
			if (status === 'succeeded' && before.intents.get(key)!.action === 'drawer.open') image ||= crashImage(before);
		};
		before.sessions.send(d.id, { type: 'CHOOSE', channel: 'cash' } as never);
		before.sessions.send(d.id, { type: 'TENDER', amountFen: d.totalFen + 1_000 } as never);
		await until(before, d.id, at('receipt'));
		await expect.poll(() => before.devices.simulated!.printer.isDrawerOpen()).toBe(true);
		const crashed = onDisk(image, d.id);
		expect(crashed).toMatchObject({ paymentStep: { cash: 'drawer' }, drawer: [{ status: 'succeeded' }] });

		const after = await restartOver(image);
		started.push(after);
		await until(after, d.id, at('receipt'));
		// Not kicked: the drawer's intent is as the crash left it (a kick is always followed by its answer).
		expect(drawerIntents(after, d.id).map(({ status, updatedAt }) => ({ status, updatedAt }))).toEqual(crashed.drawer);
		await settled();
		expect(after.devices.simulated!.printer.isDrawerOpen()).toBe(false);
		// The cash went in once, and is booked once.
		expect(after.ledger.ofSession(d.id).map((r) => [r.kind, r.amountFen])).toEqual([
			['cash_in', d.totalFen + 1_000],
			['change_out', -1_000]
		]);
		const booked = after.upstreamDb
			.prepare('SELECT count(*) AS n FROM payments pm JOIN declarations x ON x.id = pm.declaration_id WHERE x.declaration_no = ?')
			.get(d.declarationNo) as { n: number };
		expect(booked.n).toBe(1);
	});

	it('a drawer kick sent but never answered is not sent again: the clerk checks the drawer and confirms it closed', async () => {
		const before = await tempRuntime();
		started.push(before);
		const d = await declareAt(before, clerkAt(before, 'clerk01', 3));
		// The crash: the kick is on its way, its intent written, no answer yet.
		let image = '';
		const drawer = before.devices.cashDrawer;
		const open = drawer.open.bind(drawer);
		drawer.open = () => {
			image ||= crashImage(before);
			return open();
		};
		before.sessions.send(d.id, { type: 'CHOOSE', channel: 'cash' } as never);
		before.sessions.send(d.id, { type: 'TENDER', amountFen: d.totalFen } as never);
		await until(before, d.id, at('receipt'));
		// The kick goes out in the same turn the drawer step is entered: the disk still shows the claim before it.
		expect(onDisk(image, d.id)).toMatchObject({ paymentStep: 'moneyClaim', drawer: [{ status: 'pending' }] });

		const after = await restartOver(image);
		started.push(after);
		const v = await until(after, d.id, at('paying', 'cash.drawerProblem'));
		expect(v.child!.context.error).toMatchObject({ code: 'DRAWER_MAY_BE_OPEN', message: expect.stringContaining('钱箱不再自动打开') });
		await settled();
		expect(after.devices.simulated!.printer.isDrawerOpen()).toBe(false);
		// Retrying does not kick it either: only the clerk's word that it is closed goes on.
		after.sessions.send(d.id, { type: 'RETRY' } as never);
		await until(after, d.id, (x) => x.child?.step === 'cash.drawerProblem' && x.child.context.error !== null);
		await settled();
		expect(after.devices.simulated!.printer.isDrawerOpen()).toBe(false);
		expect(drawerIntents(after, d.id).map((i) => i.status)).toEqual(['pending']);
		after.sessions.send(d.id, { type: 'DRAWER_CLOSED' } as never);
		await until(after, d.id, at('receipt'));
		expect(after.ledger.ofSession(d.id).map((r) => [r.kind, r.amountFen])).toEqual([['cash_in', d.totalFen]]);
		// The cash written, the opening the crash left in doubt is known to have happened.
		expect(drawerIntents(after, d.id).map((i) => [i.status, i.outcome])).toEqual([['succeeded', { confirmedBy: 'clerk' }]]);
	});

	it('a kick that failed is sent again on retry, once', async () => {
		const rt = await tempRuntime();
		started.push(rt);
		const d = await declareAt(rt, clerkAt(rt, 'clerk01', 3));
		const drawer = rt.devices.cashDrawer;
		const open = drawer.open.bind(drawer);
		drawer.open = async () => {
			drawer.open = open;
			return { ok: false, status: deviceStatus('OFFLINE') };
		};
		rt.sessions.send(d.id, { type: 'CHOOSE', channel: 'cash' } as never);
		rt.sessions.send(d.id, { type: 'TENDER', amountFen: d.totalFen } as never);
		await until(rt, d.id, at('paying', 'cash.drawerProblem'));
		expect(drawerIntents(rt, d.id).map((i) => i.status)).toEqual(['failed']);
		await settled();
		expect(rt.devices.simulated!.printer.isDrawerOpen()).toBe(false);
		rt.sessions.send(d.id, { type: 'RETRY' } as never);
		await until(rt, d.id, at('receipt'));
		await expect.poll(() => rt.devices.simulated!.printer.isDrawerOpen()).toBe(true);
		expect(drawerIntents(rt, d.id).map((i) => i.status)).toEqual(['succeeded']);
	});
});
