// Issue 8, item 6: the journal keeps one ledger row per movement of money or paper of value,
// written in the same transaction as the intent's success; an attempt that moved nothing writes none.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { at, clerkAt, declareAt, payerId, until, type Rt } from './sessions/flow-helpers';
import { recordBankStub } from '../../src/lib/server/services/bank-stubs';
import type { LedgerRow } from '../../src/lib/server/db/ledger-repo';
import type { IntentRow } from '../../src/lib/server/db/intents-repo';

const TODAY = '2026-11-20';
const voucherOf = async (rt: Rt, payer: number, declarationNo: string) =>
	(await rt.upstream.coreTax.paymentsOf(payer)).find((p) => p.declarationNo === declarationNo)!.voucherNo;
const rows = (rt: Rt, sessionId: string) =>
	rt.ledger.ofSession(sessionId).map(({ kind, channel, amountFen, voucherNo }) => ({ kind, channel, amountFen, voucherNo }));
const intentOf = (rt: Rt, sessionId: string, action: string): IntentRow => rt.intents.ofSession(sessionId).find((i) => i.action === action)!;

describe('the ledger of money taken', () => {
	// A fresh terminal for each: every case declares the same demo dues of November.
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	beforeEach(async () => {
		rt = await tempRuntime();
	});
	afterEach(() => rt.dispose());
	const clerk = () => clerkAt(rt, 'clerk01', 3);

	it('a card sale is one row at the window, with the clerk, payer, declaration, POS reference and, once booked, the voucher', async () => {
		const d = await declareAt(rt, clerk());
		rt.sessions.send(d.id, { type: 'CHOOSE', channel: 'pos' } as never);
		await until(rt, d.id, at('receipt'));
		const payer = await payerId(rt);
		const [row] = rt.ledger.ofSession(d.id);
		const sale = rt.devices.simulated!.pos.transactions().find((t) => t.key === intentOf(rt, d.id, 'pos.sale').key)!;
		expect(rt.ledger.ofSession(d.id)).toHaveLength(1);
		expect(row).toMatchObject<Partial<LedgerRow>>({
			kind: 'card_sale',
			channel: 'pos',
			windowNo: 3,
			clerkId: clerk().clerkId,
			shiftId: rt.shifts.openAt(3)!.id,
			payerId: payer,
			declarationNo: d.declarationNo,
			voucherNo: await voucherOf(rt, payer, d.declarationNo),
			reference: sale.approval!.referenceNo,
			amountFen: d.totalFen,
			businessDate: TODAY,
			key: intentOf(rt, d.id, 'pos.sale').key
		});
		rt.sessions.send(d.id, { type: 'FINISH' });
	});

	it('cash tendered above the due is cash in and change out, to the fen; together they are the due', async () => {
		const d = await declareAt(rt, clerk());
		rt.sessions.send(d.id, { type: 'CHOOSE', channel: 'cash' } as never);
		rt.sessions.send(d.id, { type: 'TENDER', amountFen: d.totalFen + 4_321 } as never);
		await until(rt, d.id, at('receipt'));
		const voucherNo = await voucherOf(rt, await payerId(rt), d.declarationNo);
		expect(rows(rt, d.id)).toEqual([
			{ kind: 'cash_in', channel: 'cash', amountFen: d.totalFen + 4_321, voucherNo },
			{ kind: 'change_out', channel: 'cash', amountFen: -4_321, voucherNo }
		]);
		expect(rt.ledger.ofSession(d.id).reduce((s, r) => s + r.amountFen, 0)).toBe(d.totalFen);
		// Both are the drawer's movement: keyed by the drawer opening.
		expect(new Set(rt.ledger.ofSession(d.id).map((r) => r.key))).toEqual(new Set([intentOf(rt, d.id, 'drawer.open').key]));
		rt.sessions.send(d.id, { type: 'FINISH' });
	});

	it('an agreement deduction is one row with the bank serial; a refused deduction writes none', async () => {
		const payer = '山西示例建筑工程有限公司';
		const d = await declareAt(rt, clerk(), payer);
		rt.upstream.faults!.set('bankGateway.deduct', { mode: 'refuse', code: 'INSUFFICIENT_FUNDS', reason: '账户余额不足', times: 1 });
		rt.sessions.send(d.id, { type: 'CHOOSE', channel: 'agreement' } as never);
		await until(rt, d.id, at('paying', 'agreement.ready'));
		rt.sessions.send(d.id, { type: 'CONFIRM' } as never);
		await until(rt, d.id, (v) => v.child?.step === 'choosing.ready' && v.child.context.error !== null);
		expect(intentOf(rt, d.id, 'bank.deduct').status).toBe('failed');
		expect(rt.ledger.ofSession(d.id)).toEqual([]);

		rt.sessions.send(d.id, { type: 'CHOOSE', channel: 'agreement' } as never);
		await until(rt, d.id, at('paying', 'agreement.ready'));
		rt.sessions.send(d.id, { type: 'CONFIRM' } as never);
		await until(rt, d.id, at('receipt'));
		const [row] = rt.ledger.ofSession(d.id);
		const deducted = rt.intents.ofSession(d.id).filter((i) => i.action === 'bank.deduct' && i.status === 'succeeded');
		expect(rows(rt, d.id)).toEqual([
			{ kind: 'deduction', channel: 'agreement', amountFen: d.totalFen, voucherNo: await voucherOf(rt, await payerId(rt, payer), d.declarationNo) }
		]);
		expect(row.reference).toBe((deducted[0].outcome as { deductionRef: string }).deductionRef);
		rt.sessions.send(d.id, { type: 'FINISH' });
	});

	it('a bank form handed out is a paper row with its voucher number; its stamped stub is the money row, at the window that entered it', async () => {
		const d = await declareAt(rt, clerk());
		rt.sessions.send(d.id, { type: 'CHOOSE', channel: 'bank_form' } as never);
		// The session ends with the form handed out; the payer pays at a bank.
		await until(rt, d.id, at('done'));
		const { voucherNo } = intentOf(rt, d.id, 'coreTax.issueBankForm').outcome as { voucherNo: string };
		expect(rows(rt, d.id)).toEqual([{ kind: 'bank_form_issued', channel: 'bank_form', amountFen: d.totalFen, voucherNo }]);
		// Paper is not money: the day's bank-form money is nothing yet.
		expect(rt.ledger.totalsByChannel(TODAY, 3).find((t) => t.channel === 'bank_form')).toBeUndefined();

		const other = clerkAt(rt, 'clerk02', 5);
		expect(await recordBankStub(rt, other, { voucherNo, bankName: '示例银行太原分行', stampedOn: TODAY })).toMatchObject({ ok: true });
		expect(await recordBankStub(rt, other, { voucherNo, bankName: '示例银行太原分行', stampedOn: TODAY })).toMatchObject({ ok: true });
		const stubs = rt.ledger.ofDeclaration(d.declarationNo).filter((r) => r.kind === 'bank_stub');
		expect(stubs).toHaveLength(1);
		expect(stubs[0]).toMatchObject({
			windowNo: 5,
			clerkId: other.clerkId,
			windowSessionId: null,
			voucherNo,
			amountFen: d.totalFen,
			reference: '示例银行太原分行',
			payerId: await payerId(rt)
		});
		expect(rt.ledger.totalsByChannel(TODAY, 5)).toEqual([{ channel: 'bank_form', netFen: d.totalFen, entries: 1 }]);
	});

	it('a pending-account settlement is one row with the form number of the money received', async () => {
		const payer = '太原市示例中学';
		const d = await declareAt(rt, clerk(), payer);
		rt.sessions.send(d.id, { type: 'CHOOSE', channel: 'pending_account' } as never);
		const v = await until(rt, d.id, at('paying', 'pendingAccount.selecting'));
		const transfers = v.child!.context.transfers as { transferId: string }[];
		const proofs = rt.upstreamDb.prepare<[], { id: number; proof_no: string }>(`SELECT id, proof_no FROM pending_transfers`).all();
		for (const t of transfers) {
			rt.sessions.send(d.id, { type: 'TOGGLE_TRANSFER', transferId: t.transferId } as never);
			const number = proofs.find((p) => String(p.id) === t.transferId)!.proof_no;
			rt.sessions.send(d.id, { type: 'PROOF', transferId: t.transferId, kind: 'bank_receipt', number } as never);
		}
		rt.sessions.send(d.id, { type: 'CONFIRM' } as never);
		await until(rt, d.id, at('receipt'), 10_000);
		const settled = intentOf(rt, d.id, 'bank.settlePending');
		const [row] = rt.ledger.ofSession(d.id);
		expect(rows(rt, d.id)).toEqual([
			{
				kind: 'pending_settlement',
				channel: 'pending_account',
				amountFen: d.totalFen,
				voucherNo: await voucherOf(rt, await payerId(rt, payer), d.declarationNo)
			}
		]);
		expect(row.reference).toBe((settled.outcome as { formNo: string }).formNo);
		rt.sessions.send(d.id, { type: 'FINISH' });
	});

	it('a declined card writes nothing; a sale whose record is refused is a sale and its reversal, netting to nothing', async () => {
		const d = await declareAt(rt, clerk());
		rt.devices.simulated!.pos.queue('decline-insufficient-funds');
		rt.sessions.send(d.id, { type: 'CHOOSE', channel: 'pos' } as never);
		await until(rt, d.id, (v) => v.child?.step === 'choosing.ready' && v.child.context.error !== null);
		expect(rt.ledger.ofSession(d.id)).toEqual([]);

		rt.upstream.faults!.set('coreTax.recordPayment', { mode: 'refuse', code: 'DECLARATION_VOIDED', reason: '申报已作废', times: 1 });
		rt.sessions.send(d.id, { type: 'CHOOSE', channel: 'pos' } as never);
		// Back at the choice once the sale is reversed: the third attempt.
		await until(rt, d.id, (v) => v.child?.step === 'choosing.ready' && (v.child.context as { attempt: number }).attempt === 2);
		expect(rows(rt, d.id)).toEqual([
			{ kind: 'card_sale', channel: 'pos', amountFen: d.totalFen, voucherNo: null },
			{ kind: 'card_reversal', channel: 'pos', amountFen: -d.totalFen, voucherNo: null }
		]);
		rt.sessions.send(d.id, { type: 'CANCEL' } as never);
	});

	it('cash whose record is refused is held, and the cash in the drawer is in the ledger with the hold', async () => {
		const d = await declareAt(rt, clerk());
		rt.upstream.faults!.set('coreTax.recordPayment', { mode: 'refuse', code: 'DECLARATION_VOIDED', reason: '申报已作废', times: 1 });
		rt.sessions.send(d.id, { type: 'CHOOSE', channel: 'cash' } as never);
		rt.sessions.send(d.id, { type: 'TENDER', amountFen: d.totalFen } as never);
		await until(rt, d.id, at('paying', 'moneyHeld.held'));
		expect(rt.heldMoney.openOf(d.id)).toHaveLength(1);
		expect(rows(rt, d.id)).toEqual([{ kind: 'cash_in', channel: 'cash', amountFen: d.totalFen, voucherNo: null }]);
	});

	it("the day's totals per channel of one window add up its rows of money, not the paper", async () => {
		const card = await declareAt(rt, clerk());
		rt.sessions.send(card.id, { type: 'CHOOSE', channel: 'pos' } as never);
		await until(rt, card.id, at('receipt'));
		const cash = await declareAt(rt, clerk(), '山西示例建筑工程有限公司');
		rt.sessions.send(cash.id, { type: 'CHOOSE', channel: 'cash' } as never);
		rt.sessions.send(cash.id, { type: 'TENDER', amountFen: cash.totalFen + 99 } as never);
		await until(rt, cash.id, at('receipt'));
		const paper = await declareAt(rt, clerk(), '太原市示例中学');
		rt.sessions.send(paper.id, { type: 'CHOOSE', channel: 'bank_form' } as never);
		await until(rt, paper.id, at('done'));

		expect(rt.ledger.ofWindowOn(3, TODAY).map((r) => r.kind)).toEqual(['card_sale', 'cash_in', 'change_out', 'bank_form_issued']);
		expect(rt.ledger.totalsByChannel(TODAY, 3)).toEqual([
			{ channel: 'cash', netFen: cash.totalFen, entries: 2 },
			{ channel: 'pos', netFen: card.totalFen, entries: 1 }
		]);
		expect(rt.ledger.totalsByChannel(TODAY)).toEqual(rt.ledger.totalsByChannel(TODAY, 3));
		expect(rt.ledger.totalsByChannel(TODAY, 4)).toEqual([]);
		expect(rt.ledger.ofWindowOn(3, '2026-11-19')).toEqual([]);
	});
});

describe('the ledger row and the intent success are one', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	beforeEach(async () => {
		rt = await tempRuntime();
	});
	afterEach(() => rt.dispose());

	it('a card sale whose ledger row cannot be written leaves the sale intent unfinished, and nothing is booked', async () => {
		rt.journal.exec(`CREATE TRIGGER no_card_rows BEFORE INSERT ON ledger_entries WHEN NEW.kind = 'card_sale' BEGIN SELECT RAISE(ABORT, 'ledger refused'); END`);
		const d = await declareAt(rt, clerkAt(rt, 'clerk01', 3));
		rt.sessions.send(d.id, { type: 'CHOOSE', channel: 'pos' } as never);
		await until(rt, d.id, (v) => v.child?.step === 'needsSupervisor' || (v.child?.step === 'choosing.ready' && v.child.context.notice !== null));
		expect(intentOf(rt, d.id, 'pos.sale').status).toBe('pending');
		expect(rt.ledger.ofSession(d.id)).toEqual([]);
		expect(await rt.upstream.coreTax.paymentsOf(await payerId(rt))).not.toContainEqual(expect.objectContaining({ declarationNo: d.declarationNo }));
	});
});
