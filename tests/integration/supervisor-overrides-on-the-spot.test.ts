// Issue 13, item 3: a void after the bank form was printed, a second reprint of the same document,
// a link by hand, the drawer opened without a sale and closing a stuck session each need a
// supervisor's login and password typed at the clerk's window; refused without them (a wrong
// password, a clerk who is not a supervisor, the clerk as their own supervisor), and every
// answer is in the audit trail with both names.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { at, clerkAt, declareAt, payerId, until } from './sessions/flow-helpers';
import { sendEvent, sendWithOverride, startCounterSession, supervisorDecides } from '../../src/lib/server/services/window-sessions';
import { openDrawerNoSale, DRAWER_NO_SALE_ACTION } from '../../src/lib/server/services/device-actions';
import { OVERRIDE_AUDIT, OVERRIDE_TEXT } from '../../src/lib/server/auth/override';
import { AUTH_TEXT, type SignedInClerk } from '../../src/lib/server/auth/auth-service';
import { clerkOperator } from '../../src/lib/server/auth/operator';
import { clerksRepo } from '../../src/lib/server/db/clerks-repo';
import { hashPassword } from '../../src/lib/server/auth/password';
import type { OverrideAct } from '../../src/lib/domain/overrides';
import type { SessionEvent } from '../../src/lib/server/sessions/session-events';

type Credentials = { login: string; password: string; reason: string };

describe('supervisor overrides on the spot', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	// A supervisor working a window (赵敏) is the clerk here: a second supervisor grants.
	let clerk: SignedInClerk;
	let second: { clerkId: number; displayName: string };
	beforeEach(async () => {
		rt = await tempRuntime();
		clerksRepo(rt.journal).insert(
			{ login: 'super02', displayName: '孙立（值班长）', role: 'supervisor', passwordHash: await hashPassword('second1234') },
			rt.clock.now().toISOString()
		);
		clerk = clerkAt(rt, 'super01', 3);
		const s = clerkAt(rt, 'super02', 4);
		second = { clerkId: s.clerkId, displayName: s.displayName };
	});
	afterEach(() => rt.dispose());

	const granting: Credentials = { login: 'super02', password: 'second1234', reason: '缴费人当面说明情况' };

	/**
	 * The act refused with a wrong password, by a clerk who is not a supervisor, and by the clerk
	 * themself; then granted by another supervisor. Each answer audited with both names.
	 */
	async function refusedThenGranted(act: OverrideAct, attempt: (c: Credentials) => Promise<unknown>) {
		const reason = granting.reason;
		await expect(attempt({ login: 'super02', password: 'wrong-password', reason })).rejects.toMatchObject({ status: 403, message: AUTH_TEXT.notSupervisor });
		await expect(attempt({ login: 'clerk02', password: 'demo1234', reason })).rejects.toMatchObject({ status: 403, message: AUTH_TEXT.notSupervisor });
		await expect(attempt({ login: 'super01', password: 'super1234', reason })).rejects.toMatchObject({ status: 403, message: OVERRIDE_TEXT.self });
		const refused = rt.repos.audit.byAction(OVERRIDE_AUDIT.refused).map((r) => r.detail as Record<string, unknown>);
		expect(refused.map((d) => [d.act, d.refusal, d.supervisorLogin, d.clerkId, d.clerkName])).toEqual([
			[act, 'SELF_OVERRIDE', 'super01', clerk.clerkId, '赵敏（演示值班长）'],
			[act, 'NOT_SUPERVISOR', 'clerk02', clerk.clerkId, '赵敏（演示值班长）'],
			[act, 'NOT_SUPERVISOR', 'super02', clerk.clerkId, '赵敏（演示值班长）']
		]);
		expect(rt.repos.audit.byAction(OVERRIDE_AUDIT.granted)).toEqual([]);

		await attempt(granting);
		const granted = rt.repos.audit.byAction(OVERRIDE_AUDIT.granted);
		expect(granted).toHaveLength(1);
		expect(granted[0]).toMatchObject({ clerkName: '孙立（值班长）', windowNo: 3 });
		expect(granted[0].detail).toMatchObject({
			act,
			reason,
			clerkId: clerk.clerkId,
			clerkName: '赵敏（演示值班长）',
			supervisorId: second.clerkId,
			supervisorName: '孙立（值班长）'
		});
		return granted[0];
	}

	const op = () => clerkOperator(clerk);
	const viaOverride = (id: string, event: SessionEvent) => (c: Credentials) => sendWithOverride(rt.services.windowSessions, op(), id, event, c);

	it('the first reprint of a receipt is the clerk’s own; the second of the same receipt needs the supervisor', async () => {
		const d = await declareAt(rt, clerk);
		sendEvent(rt.services.windowSessions, op(), d.id, { type: 'CHOOSE', channel: 'pos' });
		await until(rt, d.id, at('receipt', 'printed'));
		sendEvent(rt.services.windowSessions, op(), d.id, { type: 'REPRINT' });
		let v = await until(rt, d.id, (x) => x.child?.step === 'printed' && x.child.context.copy === 1);
		expect(v.child!.context.printedJobs).toEqual([`${d.id}:receipt:0`, `${d.id}:receipt:1`]);

		expect(() => sendEvent(rt.services.windowSessions, op(), d.id, { type: 'REPRINT' })).toThrow(OVERRIDE_TEXT.needed('second-reprint'));
		const granted = await refusedThenGranted('second-reprint', viaOverride(d.id, { type: 'REPRINT' }));
		expect(granted.detail).toMatchObject({ reprintsBefore: 1, document: 'receipt' });
		v = await until(rt, d.id, (x) => x.child?.step === 'printed' && x.child.context.copy === 2);
		expect(v.child!.context.printedJobs).toEqual([`${d.id}:receipt:0`, `${d.id}:receipt:1`, `${d.id}:receipt:2`]);
	});

	it('a declaration whose bank form was printed and handed out is voided only with the supervisor', async () => {
		const d = await declareAt(rt, clerk);
		sendEvent(rt.services.windowSessions, op(), d.id, { type: 'CHOOSE', channel: 'bank_form' });
		await until(rt, d.id, at('done'));
		const id = await startCounterSession(rt.services.windowSessions, op(), await payerId(rt));
		const v = await until(rt, id, at('declaring', 'selecting'));
		expect(v.child!.context.declarations).toMatchObject([{ declarationNo: d.declarationNo, documentPrinted: true }]);

		const voiding: SessionEvent = { type: 'VOID', declarationNo: d.declarationNo, reason: granting.reason };
		expect(() => sendEvent(rt.services.windowSessions, op(), id, voiding)).toThrow(OVERRIDE_TEXT.needed('void-after-receipt'));
		expect((await rt.upstream.coreTax.declaration(d.declarationNo))!.status).toBe('declared');
		const granted = await refusedThenGranted('void-after-receipt', viaOverride(id, voiding));
		expect(granted.detail).toMatchObject({ declarationNo: d.declarationNo, documentPrinted: true });
		await until(rt, id, at('declaring', 'voided'));
		expect((await rt.upstream.coreTax.declaration(d.declarationNo))!.status).toBe('voided');
		const [voided] = rt.repos.audit.byAction('declaration-voided');
		expect(voided.detail).toEqual({ declarationNo: d.declarationNo, reason: granting.reason, supervisorId: second.clerkId, supervisorName: '孙立（值班长）' });
	});

	it('a void before anything was printed stays the clerk’s own act', async () => {
		const d = await declareAt(rt, clerk);
		sendEvent(rt.services.windowSessions, op(), d.id, { type: 'BACK' });
		await until(rt, d.id, at('declaring', 'selecting'));
		sendEvent(rt.services.windowSessions, op(), d.id, { type: 'VOID', declarationNo: d.declarationNo, reason: '缴费人改用其他方式' });
		await until(rt, d.id, at('declaring', 'voided'));
		expect(rt.repos.audit.byAction(OVERRIDE_AUDIT.granted)).toEqual([]);
		expect(rt.repos.audit.byAction(OVERRIDE_AUDIT.refused)).toEqual([]);
	});

	it('a registration linked by hand (人工关联) needs the supervisor; the link is then recorded for review', async () => {
		const id = await startCounterSession(rt.services.windowSessions, op(), await payerId(rt, '太原示例商贸有限公司'));
		const v = await until(rt, id, at('linking', 'unlinked'));
		const [reg] = (v.child!.context.registrations as { id: number; link: unknown; agencyNo: string }[]).filter((r) => r.link === null);
		const confirm: SessionEvent = { type: 'CONFIRM', registrationId: reg.id };

		expect(() => sendEvent(rt.services.windowSessions, op(), id, confirm)).toThrow(OVERRIDE_TEXT.needed('manual-link'));
		const granted = await refusedThenGranted('manual-link', viaOverride(id, confirm));
		expect(granted.detail).toMatchObject({ method: 'manual', registrationId: reg.id, agencyNo: reg.agencyNo });
		await until(rt, id, at('declaring', 'selecting'));
		expect(rt.repos.audit.byAction('manual-link')).toHaveLength(1);
	});

	it('the drawer opens without a sale only with the supervisor, audited with both names', async () => {
		const opened = async () => (await rt.devices.cashDrawer.isOpen()) === true;
		await refusedThenGranted('drawer-no-sale', async (c) => {
			const r = openDrawerNoSale(rt.services.devices, clerk, c);
			// Refused: the drawer stays shut and no opening is recorded.
			if (c !== granting) await r.catch(async (e) => Promise.reject(Object.assign(e, { shut: !(await opened()) })));
			return r;
		});
		expect(await opened()).toBe(true);
		const rows = rt.repos.audit.byAction(DRAWER_NO_SALE_ACTION);
		expect(rows).toHaveLength(1);
		expect(rows[0].detail).toMatchObject({ ok: true, clerkName: '赵敏（演示值班长）', supervisorId: second.clerkId, supervisorName: '孙立（值班长）' });
	});

	it('a stuck session is closed only with the supervisor, audited with both names', async () => {
		const d = await declareAt(rt, clerk);
		rt.upstream.faults!.set('coreTax.recordPayment', { mode: 'refuse', code: 'DECLARATION_VOIDED', reason: '申报已作废', times: 1 });
		sendEvent(rt.services.windowSessions, op(), d.id, { type: 'CHOOSE', channel: 'cash' });
		sendEvent(rt.services.windowSessions, op(), d.id, { type: 'TENDER', amountFen: d.totalFen });
		await until(rt, d.id, at('paying', 'moneyHeld.held'));
		const granted = await refusedThenGranted('close-stuck-session', (c) =>
			supervisorDecides(rt.services.windowSessions, op(), d.id, { intent: 'close', ...c })
		);
		expect(granted.detail).toMatchObject({ declarationNo: d.declarationNo, step: 'moneyHeld.held' });
		expect(rt.sessions.get(d.id)).toBeNull();
	});
});
