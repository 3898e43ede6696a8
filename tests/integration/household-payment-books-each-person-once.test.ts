// Issue 9: one payment for a household, through the real payment actors, the upstream simulator
// over its own SQLite file and the simulated POS. Three flexible employees' declarations are paid
// by one card sale; each person is booked once, by a key of its own, however often the record
// step runs; every person's declaration is claimed and released; another window's claim on one
// person refuses the household.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { movableClock } from './test-clock';
import { clerkAt, payerId } from './sessions/flow-helpers';
import { payments } from '../../src/lib/server/capabilities/payments';
import { startCounterSession } from '../../src/lib/server/services/window-sessions';
import { clerkOperator } from '../../src/lib/server/auth/operator';
import { claimKey, type ChargeCardOutput, type RecordPaymentInput } from '../../state-machines';

type Rt = Awaited<ReturnType<typeof tempRuntime>>;

const PERSONS = ['宋建国（演示）', '唐晓燕（演示）', '冯志勇（演示）'];
const TODAY = '2026-11-20';

/** Each person declares this month's assessed dues through the simulator's own `declare`. */
async function declareHousehold(rt: Rt) {
	const parts = [];
	for (const name of PERSONS) {
		const id = await payerId(rt, name);
		const payer = (await rt.upstream.coreTax.payer(id))!;
		const dues = (await rt.upstream.agencyFeed.assessedDuesOf(payer)).filter((d) => d.state === 'open' && d.periodFrom === '2026-11-01');
		const d = await rt.upstream.coreTax.declare({ key: `hh-declare-${id}`, payerId: id, dueIds: dues.map((x) => x.id), today: TODAY });
		parts.push({ payerId: id, declarationNo: d.declarationNo, amountFen: d.totalFen });
	}
	return parts;
}

const paymentsOfDeclaration = (rt: Rt, declarationNo: string) =>
	rt.upstreamDb
		.prepare('SELECT pm.voucher_no AS voucherNo FROM payments pm JOIN declarations d ON d.id = pm.declaration_id WHERE d.declaration_no = ?')
		.all(declarationNo) as { voucherNo: string }[];

describe('household payment: the real actors', () => {
	let rt: Rt;
	let sessionId: string;
	let actors: ReturnType<typeof payments>;
	let parts: Awaited<ReturnType<typeof declareHousehold>>;
	beforeEach(async () => {
		rt = await tempRuntime({}, movableClock(TODAY));
		const clerk = clerkAt(rt, 'clerk01', 3);
		// A window session of this terminal, as the household's would be: ledger rows belong to one.
		sessionId = await startCounterSession(rt, clerkOperator(clerk), await payerId(rt));
		actors = payments({ ...rt, audit: rt.repos.audit, clerkName: () => '李晓红（演示）', posRecoveryMs: 0 });
		parts = await declareHousehold(rt);
	});
	afterEach(() => rt.dispose());

	const nos = () => parts.map((p) => p.declarationNo);
	const claim = (moneyInFlight: boolean) => ({
		claimKey: claimKey(sessionId),
		declarationNo: nos()[0],
		declarationNos: nos(),
		moneyInFlight,
		windowNo: '3',
		clerkId: '1'
	});

	it('every person’s declaration is claimed for the household and released with it', async () => {
		expect(await actors.claimDeclaration(claim(true))).toEqual({ outcome: 'held' });
		for (const no of nos()) expect((await rt.upstream.coreTax.claimOf(no))!).toMatchObject({ claimKey: claimKey(sessionId), moneyInFlight: true });
		// Another window cannot take any person of the household meanwhile.
		await expect(
			rt.upstream.coreTax.claimDeclaration({ claimKey: 'W4:claim', declarationNo: nos()[1], windowNo: 4, clerk: '王五', moneyInFlight: false, today: TODAY })
		).rejects.toMatchObject({ code: 'DECLARATION_RESERVED' });
		await actors.releaseClaim({ claimKey: claimKey(sessionId), declarationNo: nos()[0], declarationNos: nos() });
		for (const no of nos()) expect(await rt.upstream.coreTax.claimOf(no)).toBeNull();
	});

	it('another window’s claim on one person refuses the household, and the persons claimed before are let go', async () => {
		await rt.upstream.coreTax.claimDeclaration({
			claimKey: 'W4:claim',
			declarationNo: nos()[1],
			windowNo: 4,
			clerk: '王五',
			moneyInFlight: false,
			today: TODAY
		});
		const out = await actors.claimDeclaration(claim(false));
		expect(out).toMatchObject({ outcome: 'refused', code: 'DECLARATION_RESERVED', reason: expect.stringContaining('4号窗口') });
		expect(await rt.upstream.coreTax.claimOf(nos()[0])).toBeNull();
		expect((await rt.upstream.coreTax.claimOf(nos()[1]))!.claimKey).toBe('W4:claim');
		expect(await rt.upstream.coreTax.claimOf(nos()[2])).toBeNull();
	});

	it('one card sale for the total; each person is booked once across a repeated record step with the same key', async () => {
		const total = parts.reduce((s, p) => s + p.amountFen, 0);
		await actors.claimDeclaration(claim(true));
		const sale = (await actors.chargeCard({
			key: `${sessionId}:p2:card:0`,
			amountFen: total,
			declarationNo: nos()[0],
			payerId: parts[0].payerId
		})) as ChargeCardOutput & {
			outcome: 'approved';
		};
		expect(sale.outcome).toBe('approved');
		const record: RecordPaymentInput = {
			key: `${sessionId}:p2:record:0`,
			payerId: parts[0].payerId,
			declarationNo: nos()[0],
			channel: 'pos',
			amountFen: total,
			details: { channel: 'pos', approval: sale.approval },
			windowNo: '3',
			clerkId: '1',
			parts
		};
		// The first person is booked and the answer is lost, as if the terminal died there.
		rt.upstream.faults!.set('coreTax.recordPayment', { mode: 'answerLost', times: 1 });
		await expect(actors.recordPayment(record)).rejects.toThrow();
		expect(paymentsOfDeclaration(rt, nos()[0])).toHaveLength(1);
		expect(paymentsOfDeclaration(rt, nos()[1])).toHaveLength(0);

		// The restored session runs the record step again with the same key; and once more.
		const out = await actors.recordPayment(record);
		expect(await actors.recordPayment(record)).toEqual(out);
		expect(out.outcome).toBe('recorded');
		if (out.outcome !== 'recorded') return;
		expect(out.parts!.map((p) => [p.payerId, p.declarationNo, p.amountFen])).toEqual(parts.map((p) => [p.payerId, p.declarationNo, p.amountFen]));
		for (const [i, no] of nos().entries()) {
			expect(paymentsOfDeclaration(rt, no)).toEqual([{ voucherNo: out.parts![i].voucherNo }]);
			expect((await rt.upstream.coreTax.declaration(no))!.status).toBe('paid');
		}
		expect(new Set(out.parts!.map((p) => p.voucherNo)).size).toBe(3);
		expect(out.parts![0].lines.map((l) => l.item.code).sort()).toEqual(['E_PENSION', 'MEDICAL']);
		expect(out.voucherNo).toBe(out.parts![0].voucherNo);

		// One sale on the POS, one row of it in the ledger, carrying the first person's voucher.
		expect(rt.devices.simulated!.pos.transactions().filter((t) => t.type === 'sale')).toHaveLength(1);
		const ledger = rt.ledger.ofKey(`${sessionId}:p2:card:0`);
		expect(ledger.map((r) => [r.kind, r.amountFen, r.voucherNo])).toEqual([['card_sale', total, out.parts![0].voucherNo]]);
		expect(rt.intents.get(record.key)!.status).toBe('succeeded');
	});

	it('cash refused for the second person after the first was booked: the first stays booked, the rest is held by name', async () => {
		const total = parts.reduce((s, p) => s + p.amountFen, 0);
		await actors.claimDeclaration(claim(true));
		// The second person's declaration is voided at the last moment (by this very window).
		await rt.upstream.coreTax.voidDeclaration({ key: 'hh-void', declarationNo: nos()[1], claimKey: claimKey(sessionId) });
		await actors.openDrawer({ key: `${sessionId}:p2:cash:0` });
		const details = { channel: 'cash' as const, tenderedFen: total + 1000, changeFen: 1000 };
		const out = await actors.recordPayment({
			key: `${sessionId}:p2:record:0`,
			payerId: parts[0].payerId,
			declarationNo: nos()[0],
			channel: 'cash',
			amountFen: total,
			details,
			windowNo: '3',
			clerkId: '1',
			parts
		});
		expect(out).toMatchObject({ outcome: 'refused', refusedDeclarationNo: nos()[1] });
		if (out.outcome !== 'refused') return;
		expect(out.recorded!.map((p) => p.declarationNo)).toEqual([nos()[0]]);
		expect(paymentsOfDeclaration(rt, nos()[0])).toHaveLength(1);
		expect(paymentsOfDeclaration(rt, nos()[2])).toHaveLength(0);
		expect(rt.intents.get(`${sessionId}:p2:record:0`)).toMatchObject({ status: 'failed', outcome: { recorded: [{ declarationNo: nos()[0] }] } });

		const unbooked = parts[1].amountFen + parts[2].amountFen;
		await actors.holdMoney({
			key: `${sessionId}:p2:hold:0`,
			channel: 'cash',
			declarationNo: nos()[1],
			declarationNos: nos().slice(1),
			amountFen: unbooked,
			reason: '缴费记账被拒绝',
			details,
			windowNo: '3',
			clerkId: '1'
		});
		const [held] = rt.heldMoney.openOf(sessionId);
		expect(held).toMatchObject({ kind: 'cash_held', declarationNo: nos()[1], amountFen: unbooked, details: { ...details, declarationNos: nos().slice(1) } });
		// The tender is in the drawer once, whatever was booked of it.
		expect(rt.ledger.ofKey(`${sessionId}:p2:cash:0`).map((r) => [r.kind, r.amountFen])).toEqual([
			['cash_in', total + 1000],
			['change_out', -1000]
		]);
	});
});
