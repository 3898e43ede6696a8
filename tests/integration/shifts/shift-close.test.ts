// Issue 13, item 1: a clerk opens a shift at a window with a counted float; every ledger row
// belongs to it and no money moves at a window without one. The X is read at any time; the Z
// closes the shift with the drawer counted against the expected cash (a short or over recorded
// with its reason, never refused), the POS's batch against the ledger by reference, and the
// supervisor's signature typed at the window. The clerk's sign-ins end with the shift.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempRuntime } from '../temp-runtime';
import { at, declareAt, paidByCard, until, payerId } from '../sessions/flow-helpers';
import { clerkOperator } from '../../../src/lib/server/auth/operator';
import type { SignedInClerk } from '../../../src/lib/server/auth/auth-service';
import { closeShift, openShift, readX, SHIFT_SERVICE_TEXT } from '../../../src/lib/server/services/shifts';
import { startCounterSession, startIndividualSession, WINDOW_SESSION_TEXT } from '../../../src/lib/server/services/window-sessions';
import { startCollectorBatch } from '../../../src/lib/server/services/collector-batches';
import { recordBankStub } from '../../../src/lib/server/services/bank-stubs';
import { OVERRIDE_AUDIT } from '../../../src/lib/server/auth/override';
import { AUTH_TEXT } from '../../../src/lib/server/auth/auth-service';

const SUPERVISOR = { login: 'super01', password: 'super1234' };
const FLOAT = { 10000: 2, 1000: 5, 100: 10 }; // 200 + 50 + 10 = 260 yuan

describe('a shift at the window', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	let clerk: SignedInClerk;
	let token: string;
	beforeEach(async () => {
		rt = await tempRuntime();
		const signedIn = await rt.auth.signIn('clerk01', 'demo1234', 3);
		if (!signedIn.ok) throw new Error(signedIn.message);
		clerk = signedIn.clerk;
		token = signedIn.token;
	});
	afterEach(() => rt.dispose());
	const deps = () => rt.services.shifts;

	/** A card payment and a cash payment (tendered 43.21 yuan above the due) at the clerk's window. */
	async function cardAndCash() {
		const card = await paidByCard(rt, clerk);
		rt.sessions.send(card.id, { type: 'FINISH' });
		const cash = await declareAt(rt, clerk, '山西示例建筑工程有限公司');
		rt.sessions.send(cash.id, { type: 'CHOOSE', channel: 'cash' } as never);
		rt.sessions.send(cash.id, { type: 'TENDER', amountFen: cash.totalFen + 4_321 } as never);
		await until(rt, cash.id, at('receipt'));
		rt.sessions.send(cash.id, { type: 'FINISH' });
		await expect.poll(() => rt.sessions.active().length).toBe(0);
		return { card, cash };
	}

	it('no session and no bank stub at a window without an open shift', async () => {
		const op = clerkOperator(clerk);
		const refused = { status: 409, message: WINDOW_SESSION_TEXT.noShift };
		await expect(startCounterSession(rt.services.windowSessions, op, await payerId(rt))).rejects.toMatchObject(refused);
		expect(() => startIndividualSession(rt.services.windowSessions, op)).toThrow(WINDOW_SESSION_TEXT.noShift);
		expect(() => startCollectorBatch(rt.services.collectorBatches, op, 'C001')).toThrow(WINDOW_SESSION_TEXT.noShift);
		const stub = await recordBankStub(rt.services.bankStubs, clerk, { voucherNo: '1'.repeat(18), bankName: '工商银行', stampedOn: '2026-11-20' });
		expect(stub).toEqual({ ok: false, message: WINDOW_SESSION_TEXT.noShift });
		expect(rt.sessions.active()).toEqual([]);
	});

	it('opens with the float counted by denomination, one shift per window and one per clerk', async () => {
		const shift = openShift(deps(), clerk, FLOAT);
		expect(shift).toMatchObject({ windowNo: 3, clerkId: clerk.clerkId, businessDate: '2026-11-20', openingFen: 26_000, openingCount: FLOAT, closedAt: null });
		expect(() => openShift(deps(), clerk, {})).toThrow(SHIFT_SERVICE_TEXT.alreadyOpen);
		expect(() => openShift(deps(), { ...clerk, windowNo: 4 }, {})).toThrow(SHIFT_SERVICE_TEXT.openElsewhere(3));
		const other = await rt.auth.signIn('clerk02', 'demo1234', 3);
		if (!other.ok) throw new Error(other.message);
		expect(() => openShift(deps(), other.clerk, {})).toThrow(WINDOW_SESSION_TEXT.othersShift(clerk.displayName));
		await expect(startCounterSession(rt.services.windowSessions, clerkOperator(other.clerk), await payerId(rt))).rejects.toThrow(
			WINDOW_SESSION_TEXT.othersShift(clerk.displayName)
		);
		expect(() => openShift(deps(), clerk, { 10000: -1 })).toThrow('清点数量须为0至99999之间的整数');
		expect(() => openShift(deps(), clerk, { 3000: 1 })).toThrow('不认识的面额');
		expect(rt.repos.audit.byAction('shift-opened')).toHaveLength(1);
	});

	it('every ledger row of the shift carries it; the X shows channels, fee items and the expected cash, and the shift stays open', async () => {
		const shift = openShift(deps(), clerk, FLOAT);
		const { card, cash } = await cardAndCash();
		const rows = rt.journal.prepare('SELECT kind, shift_id AS shiftId FROM ledger_entries ORDER BY id').all();
		expect(rows).toEqual([
			{ kind: 'card_sale', shiftId: shift.id },
			{ kind: 'cash_in', shiftId: shift.id },
			{ kind: 'change_out', shiftId: shift.id }
		]);
		const { report: x, printed } = await readX(deps(), clerk);
		expect(printed.ok).toBe(true);
		expect(x.kind).toBe('X');
		expect(x.channels.map((c) => [c.channel, c.entries, c.netFen])).toEqual([
			['pos', 1, card.totalFen],
			['cash', 2, cash.totalFen]
		]);
		expect(x.totalFen).toBe(card.totalFen + cash.totalFen);
		expect(x.feeItems.reduce((s, f) => s + f.amountFen, 0)).toBe(card.totalFen + cash.totalFen);
		expect(x.feeItems.every((f) => f.code !== '')).toBe(true);
		expect(x.cash.expectedFen).toBe(26_000 + cash.totalFen);
		expect(rt.shifts.openAt(3)?.id).toBe(shift.id);
		const receipt = rt.devices.simulated!.printer.printed().at(-1)!;
		expect(receipt.jobId).toMatch(/^W3-shift-/);
	});

	it('a 10-yuan short is recorded with its reason, never refused; the supervisor signs the Z and the clerk is signed out', async () => {
		openShift(deps(), clerk, FLOAT);
		const { cash } = await cardAndCash();
		const expected = 26_000 + cash.totalFen;
		// The drawer as counted: everything expected but a 10-yuan note.
		const counted = cashCount(expected - 1000);
		await expect(closeShift(deps(), clerk, { counted, supervisor: SUPERVISOR })).rejects.toMatchObject({
			status: 400,
			message: SHIFT_SERVICE_TEXT.reasonNeeded(-1000)
		});
		const { report: z, printed } = await closeShift(deps(), clerk, { counted, reason: '找零时多付一张十元', supervisor: SUPERVISOR });
		expect(printed).toEqual({ ok: true, message: SHIFT_SERVICE_TEXT.printed('小票与A4') });
		expect(z.kind).toBe('Z');
		expect(z.cash).toMatchObject({ expectedFen: expected, countedFen: expected - 1000, varianceFen: -1000, reason: '找零时多付一张十元' });
		expect(z.signOff).toMatchObject({ supervisorName: '赵敏（演示值班长）' });
		expect(z.pos).toMatchObject({ posSaleCount: 1, ledgerSaleCount: 1, differences: [] });
		expect(rt.shifts.openAt(3)).toBeNull();
		expect(rt.shifts.get(z.shiftId)).toMatchObject({ varianceFen: -1000, varianceReason: '找零时多付一张十元', z });
		// Below the threshold (50 yuan) the supervisor signs; the variance is no override of its own.
		const granted = rt.repos.audit.byAction(OVERRIDE_AUDIT.granted).map((r) => (r.detail as { act: string }).act);
		expect(granted).toEqual(['shift-sign-off']);
		const closed = rt.journal.prepare(`SELECT before_json AS b, after_json AS a, detail FROM audit_log WHERE action = 'shift-closed'`).get() as Record<
			string,
			string
		>;
		expect(JSON.parse(closed.b)).toEqual({ expectedFen: expected });
		expect(JSON.parse(closed.a)).toMatchObject({ countedFen: expected - 1000, varianceFen: -1000, reason: '找零时多付一张十元' });
		expect(JSON.parse(closed.detail)).toMatchObject({ supervisorName: '赵敏（演示值班长）', act: 'shift-sign-off' });
		expect(rt.auth.clerkFor(token)).toBeNull();
		await expect(startCounterSession(rt.services.windowSessions, clerkOperator(clerk), await payerId(rt))).rejects.toThrow(WINDOW_SESSION_TEXT.noShift);
	});

	it('a short above the threshold is confirmed as the override shift-variance; a wrong password and the clerk as their own supervisor are refused', async () => {
		const supervisorClerk = await rt.auth.signIn('super01', 'super1234', 5);
		if (!supervisorClerk.ok) throw new Error(supervisorClerk.message);
		openShift(deps(), supervisorClerk.clerk, { 10000: 1 });
		const own = { counted: {}, reason: '备用金被误拿', supervisor: SUPERVISOR };
		await expect(closeShift(deps(), supervisorClerk.clerk, own)).rejects.toMatchObject({ status: 403 });
		await expect(closeShift(deps(), supervisorClerk.clerk, { ...own, supervisor: { login: 'super01', password: 'wrong' } })).rejects.toMatchObject({
			status: 403,
			message: AUTH_TEXT.notSupervisor
		});
		openShift(deps(), clerk, { 10000: 1 });
		const { report: z } = await closeShift(deps(), clerk, { counted: {}, reason: '备用金被误拿', supervisor: SUPERVISOR });
		expect(z.cash.varianceFen).toBe(-10_000);
		const granted = rt.repos.audit.byAction(OVERRIDE_AUDIT.granted).map((r) => (r.detail as { act: string }).act);
		expect(granted).toEqual(['shift-variance']);
		expect(rt.repos.audit.byAction(OVERRIDE_AUDIT.refused)).toHaveLength(2);
	});

	it('the Z is refused while a session of the window is open: its money would have no shift', async () => {
		openShift(deps(), clerk, {});
		const d = await declareAt(rt, clerk);
		await expect(closeShift(deps(), clerk, { counted: {}, supervisor: SUPERVISOR })).rejects.toMatchObject({
			status: 409,
			message: SHIFT_SERVICE_TEXT.sessionsOpen(1)
		});
		rt.sessions.send(d.id, { type: 'CANCEL' });
		await expect.poll(() => rt.sessions.active().length).toBe(0);
		await expect(closeShift(deps(), clerk, { counted: {}, supervisor: SUPERVISOR })).resolves.toMatchObject({ report: { kind: 'Z' } });
	});

	it('a session started while the supervisor’s password is checked keeps the shift open', async () => {
		openShift(deps(), clerk, {});
		const closing = closeShift(deps(), clerk, { counted: {}, supervisor: SUPERVISOR });
		const id = startIndividualSession(rt.services.windowSessions, clerkOperator(clerk));
		await expect(closing).rejects.toMatchObject({ status: 409, message: SHIFT_SERVICE_TEXT.sessionsOpen(1) });
		expect(rt.shifts.openAt(3)).not.toBeNull();
		expect(rt.sessions.get(id)).not.toBeNull();
	});

	it('a second close pressed while the first waits on the supervisor is refused before anyone is checked: one sign-off, one Z', async () => {
		openShift(deps(), clerk, {});
		const presses = await Promise.allSettled(Array.from({ length: 5 }, () => closeShift(deps(), clerk, { counted: {}, supervisor: SUPERVISOR })));
		expect(presses.filter((p) => p.status === 'fulfilled')).toHaveLength(1);
		for (const p of presses.filter((p) => p.status === 'rejected'))
			expect((p as PromiseRejectedResult).reason).toMatchObject({ status: 409, message: SHIFT_SERVICE_TEXT.closing });
		expect(rt.repos.audit.byAction(OVERRIDE_AUDIT.granted)).toHaveLength(1);
		expect(rt.repos.audit.byAction('shift-closed')).toHaveLength(1);
		// Once the close is over, pressing again is told the shift is closed, not that a close is under way.
		await expect(closeShift(deps(), clerk, { counted: {}, supervisor: SUPERVISOR })).rejects.toMatchObject({
			status: 409,
			message: WINDOW_SESSION_TEXT.noShift
		});
	});

	it('the Z lists a POS sale the ledger does not hold by its reference', async () => {
		openShift(deps(), clerk, {});
		const { card } = await cardAndCash();
		// A sale the POS approved under this shift's session that never reached the ledger.
		const stray = await rt.devices.posTerminal.sale({ key: `${card.id}:stray`, amountFen: 1234 });
		if (stray.outcome !== 'approved') throw new Error(stray.outcome);
		const x = (await readX(deps(), clerk)).report;
		const { report: z } = await closeShift(deps(), clerk, { counted: cashCount(x.cash.expectedFen), supervisor: SUPERVISOR });
		expect(z.pos!.differences).toEqual([{ referenceNo: stray.approval.referenceNo, posFen: 1234, ledgerFen: null }]);
		expect(z.pos).toMatchObject({ posSaleCount: 2, ledgerSaleCount: 1, ledgerNetFen: card.totalFen });
	});

	it('a Z the receipt printer cannot print is still closed and kept, and says where its A4 is', async () => {
		openShift(deps(), clerk, {});
		rt.devices.simulated!.printer.setPaper('out');
		const { report: z, printed } = await closeShift(deps(), clerk, { counted: {}, supervisor: SUPERVISOR });
		expect(printed.ok).toBe(false);
		expect(printed.message).toContain('小票未打印');
		expect(rt.shifts.get(z.shiftId)?.z).toEqual(z);
	});

	it('a closed shift does not change and is never deleted', async () => {
		const shift = openShift(deps(), clerk, {});
		await closeShift(deps(), clerk, { counted: {}, supervisor: SUPERVISOR });
		expect(() => rt.journal.prepare('UPDATE shifts SET variance_fen = 0 WHERE id = ?').run(shift.id)).toThrow('a closed shift does not change');
		expect(() => rt.journal.prepare('DELETE FROM shifts WHERE id = ?').run(shift.id)).toThrow('shifts are kept');
	});
});

/** Fen counted as 100-yuan notes, 1-yuan and 1-fen coins. */
function cashCount(fen: number) {
	return { 10000: Math.floor(fen / 10000), 100: Math.floor((fen % 10000) / 100), 1: fen % 100 };
}
