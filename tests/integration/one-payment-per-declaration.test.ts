// Issue 7, item 1: one payment per declaration across windows. Two windows on the same payer,
// driven through the real session host, the real upstream simulator and the simulated POS and
// drawer; the test counts POS sales, reversals and recorded payments.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { movableClock } from './test-clock';
import { at, clerkAt, declareAt, openAt, until, type Rt } from './sessions/flow-helpers';
import { supervisorDecides, WindowSessionError } from '../../src/lib/server/services/window-sessions';
import { sessionEventSchema } from '../../src/lib/server/sessions/session-events';
import { checkInput } from '../../src/lib/server/http/read-input';
import type { SignedInClerk } from '../../src/lib/server/auth/auth-service';
import type { SessionView } from '../../src/lib/server/sessions/session-view';
import { clerkOperator } from '../../src/lib/server/auth/operator';

const errorOf = (v: SessionView) => (v.child?.context.error as { code: string; message: string } | null) ?? null;

function books(rt: Rt, declarationNo: string) {
	const pos = rt.devices.simulated!.pos.transactions();
	return {
		// A reversal (冲正) turns the sale's own entry to 'reversed'.
		approvedSales: pos.filter((t) => t.type === 'sale' && (t.state === 'approved' || t.state === 'reversed')).length,
		reversals: pos.filter((t) => t.type === 'sale' && t.state === 'reversed').length,
		payments: (
			rt.upstreamDb
				.prepare('SELECT count(*) AS n FROM payments pm JOIN declarations d ON d.id = pm.declaration_id WHERE d.declaration_no = ?')
				.get(declarationNo) as { n: number }
		).n
	};
}

const pendingIntents = (rt: Rt, sessionId: string) => rt.intents.ofSession(sessionId).filter((i) => i.status === 'pending');

describe('one payment per declaration across windows', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	let clock: ReturnType<typeof movableClock>;
	let a: SignedInClerk;
	let b: SignedInClerk;
	beforeEach(async () => {
		clock = movableClock('2026-11-20');
		rt = await tempRuntime({}, clock);
		a = clerkAt(rt, 'clerk01', 3);
		b = clerkAt(rt, 'clerk02', 4);
	});
	afterEach(() => rt.dispose());

	it('a second window is told which window holds the declaration and cannot charge it; one sale, one payment', async () => {
		const first = await declareAt(rt, a);
		const second = await openAt(rt, b);
		rt.sessions.send(second, { type: 'PAY_EXISTING', declarationNo: first.declarationNo } as never);
		let v = await until(rt, second, at('paying', 'choosing.refused'));
		expect(errorOf(v)!.code).toBe('DECLARATION_RESERVED');
		expect(errorOf(v)!.message).toContain('3号窗口');
		expect(errorOf(v)!.message).toContain('李晓红');

		// Both windows try the card: only the holder's sale is ever sent to the POS.
		rt.sessions.send(second, { type: 'CHOOSE', channel: 'pos' } as never);
		rt.sessions.send(first.id, { type: 'CHOOSE', channel: 'pos' } as never);
		await until(rt, first.id, at('receipt'));
		v = await until(rt, second, at('paying', 'choosing.refused'));
		rt.sessions.send(second, { type: 'RETRY' });
		v = await until(rt, second, (x) => x.child?.step === 'choosing.refused' && errorOf(x)?.code === 'DECLARATION_PAID');

		expect(books(rt, first.declarationNo)).toEqual({ approvedSales: 1, reversals: 0, payments: 1 });
		expect(pendingIntents(rt, second)).toEqual([]);
	});

	it('void is refused while another window holds the declaration, and allowed once it let go', async () => {
		const first = await declareAt(rt, a);
		const second = await openAt(rt, b);
		rt.sessions.send(second, { type: 'VOID', declarationNo: first.declarationNo } as never);
		let v = await until(rt, second, (x) => x.child?.step === 'selecting' && errorOf(x) !== null);
		expect(errorOf(v)!.code).toBe('DECLARATION_RESERVED');
		expect(errorOf(v)!.message).toContain('3号窗口');
		expect((await rt.upstream.coreTax.declaration(first.declarationNo))!.status).toBe('declared');

		rt.sessions.send(first.id, { type: 'BACK' });
		await until(rt, first.id, at('declaring', 'selecting'));
		expect(await rt.upstream.coreTax.claimOf(first.declarationNo)).toBeNull();
		rt.sessions.send(second, { type: 'VOID', declarationNo: first.declarationNo } as never);
		v = await until(rt, second, at('declaring', 'voided'));
		expect((await rt.upstream.coreTax.declaration(first.declarationNo))!.status).toBe('voided');
	});

	it('an idle claim expires and is taken over; the window that let it lapse cannot charge any more', async () => {
		const first = await declareAt(rt, a);
		clock.advance(11 * 60_000);
		const second = await openAt(rt, b);
		rt.sessions.send(second, { type: 'PAY_EXISTING', declarationNo: first.declarationNo } as never);
		await until(rt, second, at('paying', 'choosing.ready'));

		rt.sessions.send(first.id, { type: 'CHOOSE', channel: 'pos' } as never);
		const v = await until(rt, first.id, at('paying', 'choosing.refused'));
		expect(errorOf(v)!.message).toContain('4号窗口');
		rt.sessions.send(second, { type: 'CHOOSE', channel: 'pos' } as never);
		await until(rt, second, at('receipt'));
		expect(books(rt, first.declarationNo)).toEqual({ approvedSales: 1, reversals: 0, payments: 1 });
	});

	it('a claim with money in flight never expires, and a supervisor cannot release it from another window', async () => {
		const first = await declareAt(rt, a);
		rt.devices.simulated!.pos.queue('silent');
		rt.sessions.send(first.id, { type: 'CHOOSE', channel: 'pos' } as never);
		await until(rt, first.id, at('paying', 'card.charging'));
		clock.advance(60 * 60_000);
		const second = await openAt(rt, b);
		rt.sessions.send(second, { type: 'PAY_EXISTING', declarationNo: first.declarationNo } as never);
		const v = await until(rt, second, at('paying', 'choosing.refused'));
		expect(errorOf(v)!.message).toContain('正在收款');
		await expect(
			supervisorDecides(rt, clerkOperator(b), second, { intent: 'release', login: 'super01', password: 'super1234', reason: '原窗口已离开' })
		).rejects.toThrow(/款项正在收取中/);
		expect(books(rt, first.declarationNo).payments).toBe(0);
	});

	it('a supervisor releases a declaration another window left held, on the spot and audited', async () => {
		const first = await declareAt(rt, a);
		const second = await openAt(rt, b);
		rt.sessions.send(second, { type: 'PAY_EXISTING', declarationNo: first.declarationNo } as never);
		await until(rt, second, at('paying', 'choosing.refused'));
		const wrong = supervisorDecides(rt, clerkOperator(b), second, { intent: 'release', login: 'clerk02', password: 'demo1234', reason: '原窗口已离开' });
		await expect(wrong).rejects.toBeInstanceOf(WindowSessionError);
		await supervisorDecides(rt, clerkOperator(b), second, { intent: 'release', login: 'super01', password: 'super1234', reason: '3号窗口已离开' });
		await until(rt, second, at('paying', 'choosing.ready'));
		const audit = rt.repos.audit.byAction('claim-released');
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ clerkName: '赵敏（演示值班长）', windowNo: 4 });
		expect(rt.repos.audit.byAction('supervisor-check-failed')).toHaveLength(1);
		// Window A now finds it held by B.
		rt.sessions.send(first.id, { type: 'CHOOSE', channel: 'cash' } as never);
		rt.sessions.send(first.id, { type: 'TENDER', amountFen: first.totalFen } as never);
		await until(rt, first.id, at('paying', 'choosing.refused'));
		expect(books(rt, first.declarationNo).payments).toBe(0);
	});

	it('a card sale whose record is refused is reversed by its own key; nothing stays pending', async () => {
		const first = await declareAt(rt, a);
		rt.upstream.faults!.set('coreTax.recordPayment', { mode: 'refuse', code: 'DECLARATION_PAID', reason: '该申报已在其他渠道缴款', times: 1 });
		rt.sessions.send(first.id, { type: 'CHOOSE', channel: 'pos' } as never);
		// Back at the choice once the sale is reversed: the next attempt.
		const v = await until(rt, first.id, (x) => x.child?.step === 'choosing.ready' && (x.child.context as { attempt: number }).attempt === 1);
		expect(errorOf(v)!.code).toBe('RECORD_REFUSED');
		expect(errorOf(v)!.message).toContain('已自动冲正');
		expect(books(rt, first.declarationNo)).toEqual({ approvedSales: 1, reversals: 1, payments: 0 });
		const intents = rt.intents.ofSession(first.id);
		expect(intents.find((i) => i.action === 'pos.sale')!.status).toBe('reversed');
		expect(intents.find((i) => i.action === 'coreTax.recordPayment')!.status).toBe('failed');
		expect(pendingIntents(rt, first.id)).toEqual([]);
	});

	it('cash whose record is refused is held for a supervisor, who closes it on the spot with a reason', async () => {
		const first = await declareAt(rt, a);
		rt.upstream.faults!.set('coreTax.recordPayment', { mode: 'refuse', code: 'DECLARATION_VOIDED', reason: '申报已作废', times: 1 });
		rt.sessions.send(first.id, { type: 'CHOOSE', channel: 'cash' } as never);
		rt.sessions.send(first.id, { type: 'TENDER', amountFen: first.totalFen + 5000 } as never);
		const v = await until(rt, first.id, at('paying', 'moneyHeld.held'));
		expect(errorOf(v)!.message).toContain('待处理现金');
		const [held] = rt.heldMoney.openOf(first.id);
		expect(held).toMatchObject({ kind: 'cash_held', channel: 'cash', declarationNo: first.declarationNo, amountFen: first.totalFen, windowNo: 3 });

		// A clerk cannot close it (the event is not one the screen may send); a supervisor with
		// the wrong password neither, nor one at another window.
		expect(checkInput(sessionEventSchema, { type: 'SUPERVISOR_CLOSE', supervisorId: '3', note: '自行关闭' })).toMatchObject({ ok: false, status: 400 });
		await expect(
			supervisorDecides(rt, clerkOperator(b), first.id, { intent: 'close', login: 'super01', password: 'super1234', reason: '退还缴费人' })
		).rejects.toThrow(/其他窗口/);
		await expect(
			supervisorDecides(rt, clerkOperator(a), first.id, { intent: 'close', login: 'super01', password: 'wrong', reason: '退还缴费人' })
		).rejects.toThrow(/值班长工号或密码不正确/);
		await expect(supervisorDecides(rt, clerkOperator(a), first.id, { intent: 'close', login: 'super01', password: 'super1234', reason: '' })).rejects.toThrow(
			/处理原因/
		);
		expect(rt.sessions.get(first.id)).not.toBeNull();
		await supervisorDecides(rt, clerkOperator(a), first.id, { intent: 'close', login: 'super01', password: 'super1234', reason: '现金已当面退还缴费人' });

		expect(rt.sessions.get(first.id)).toBeNull();
		const row = rt.sessions.row(first.id)!;
		expect(JSON.parse(row.snapshot).output).toMatchObject({ outcome: 'escalated' });
		expect(rt.heldMoney.openOf(first.id)).toEqual([]);
		const [closed] = rt.repos.audit.byAction('supervisor-closed');
		expect(closed).toMatchObject({ clerkName: '赵敏（演示值班长）', subject: first.id });
		expect(closed.detail).toMatchObject({ reason: '现金已当面退还缴费人', heldClosed: 1 });
		expect(await rt.upstream.coreTax.claimOf(first.declarationNo)).toBeNull();
		expect(pendingIntents(rt, first.id)).toEqual([]);
		expect(books(rt, first.declarationNo).payments).toBe(0);
	});

	it('a session that ends leaves no intent pending', async () => {
		const first = await declareAt(rt, a);
		// An intent begun and never answered (as if the process stopped between begin and finish).
		rt.intents.begin({ key: `${first.id}:p1:orphan:0`, windowSessionId: first.id, action: 'pos.sale', payload: {} }, clock.now().toISOString());
		rt.sessions.send(first.id, { type: 'CANCEL' });
		await until(rt, first.id, () => rt.sessions.get(first.id) === null).catch(() => undefined);
		expect(rt.sessions.row(first.id)!.status).toBe('cancelled');
		expect(pendingIntents(rt, first.id)).toEqual([]);
		expect(rt.intents.ofSession(first.id).find((i) => i.key.endsWith('orphan:0'))!.status).toBe('unknown');
	});
});
