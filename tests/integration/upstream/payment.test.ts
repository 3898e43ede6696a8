import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../../src/lib/domain';
import { UpstreamKeyReusedError } from '../../../src/lib/server/upstream/errors';
import type { Declaration, PosSlip } from '../../../src/lib/server/upstream/types';
import { refused, sum, tempUpstream, TODAY, type Sim } from './sim';

const SLIP: PosSlip = { terminalNo: '14010501', merchantNo: '898140159990001', cardNoMasked: '6222****1234', referenceNo: '112012345678', traceNo: '000123' };

describe('core tax: payment (费款缴纳) of a declaration, vouchers and booking', () => {
	let sim: Sim;
	let declaration: Declaration;
	beforeEach(async () => {
		sim = tempUpstream();
		const payer = await sim.payer('太原示例机械制造有限公司');
		const dues = await sim.thisMonthsDues(payer);
		declaration = await sim.upstream.coreTax.declare({ key: sim.key(), payerId: payer.id, dueIds: dues.map((d) => d.id), today: TODAY });
		expect(declaration.totalFen).toBe(sum(dues));
	});
	afterEach(() => sim.dispose());

	const pay = (amountFen: number, key = sim.key(), channel: 'pos' | 'cash' = 'pos') =>
		sim.upstream.coreTax.recordPayment({
			key,
			declarationNo: declaration.declarationNo,
			channel,
			amountFen,
			paidOn: TODAY,
			details: channel === 'pos' ? { pos: SLIP, clerk: 'clerk01', windowNo: 3 } : { clerk: 'clerk01' }
		});

	it('payment must equal the declaration total to the fen', async () => {
		const short = await refused(pay(declaration.totalFen - 1), 'AMOUNT_MISMATCH');
		expect(short.details).toEqual({ amountFen: declaration.totalFen - 1, totalFen: declaration.totalFen });
		await refused(pay(declaration.totalFen + 1), 'AMOUNT_MISMATCH');
		expect((await sim.upstream.coreTax.declaration(declaration.declarationNo))!.status).toBe('declared');

		const payment = await pay(declaration.totalFen);
		expect(payment).toMatchObject({ declarationNo: declaration.declarationNo, channel: 'pos', amountFen: declaration.totalFen, paidOn: TODAY, bookedOn: null });
		// 电子税票号码: the tax office's 11 digits, the year's 2 and a serial of 5.
		expect(payment.voucherNo).toMatch(/^1140105000026\d{5}$/);
		expect((await sim.upstream.coreTax.declaration(declaration.declarationNo))!.status).toBe('paid');
		const dues = await sim.upstream.agencyFeed.assessedDuesOf((await sim.upstream.coreTax.payer(declaration.payerId))!);
		expect(dues.filter((d) => declaration.lines.some((l) => l.dueId === d.id)).every((d) => d.state === 'paid')).toBe(true);
	});

	it('a paid declaration is not paid again, whatever the key', async () => {
		await pay(declaration.totalFen);
		await refused(pay(declaration.totalFen, sim.key(), 'cash'), 'DECLARATION_PAID');
		expect(
			sim.count('SELECT count(*) AS n FROM payments p JOIN declarations d ON d.id = p.declaration_id WHERE d.declaration_no = ?', declaration.declarationNo)
		).toBe(1);
	});

	it('the same key returns the first payment and never writes twice; paymentByKey finds it', async () => {
		const key = sim.key('pay');
		const first = await pay(declaration.totalFen, key);
		const before = sim.count('SELECT count(*) AS n FROM payments');
		expect(await pay(declaration.totalFen, key)).toEqual(first);
		expect(sim.count('SELECT count(*) AS n FROM payments')).toBe(before);
		expect(await sim.upstream.coreTax.paymentByKey(key)).toEqual(first);
		expect(await sim.upstream.coreTax.paymentByKey('never-used')).toBeNull();
	});

	it('a refusal is not kept as the key’s answer; a success is, and a different request under its key is refused as reused', async () => {
		const key = sim.key('pay');
		await refused(pay(declaration.totalFen - 1, key), 'AMOUNT_MISMATCH');
		// Nothing was done, so the same attempt may be judged again.
		const payment = await pay(declaration.totalFen, key);
		expect(await pay(declaration.totalFen, key)).toEqual(payment);
		await expect(pay(declaration.totalFen - 1, key)).rejects.toBeInstanceOf(UpstreamKeyReusedError);
		await expect(pay(declaration.totalFen - 1, key)).rejects.toThrow(/业务流水号/);
	});

	it('a card payment needs the POS slip; agreement, bank form and pending account have their own flows', async () => {
		await refused(
			sim.upstream.coreTax.recordPayment({
				key: sim.key(),
				declarationNo: declaration.declarationNo,
				channel: 'pos',
				amountFen: declaration.totalFen,
				paidOn: TODAY,
				details: {}
			}),
			'INVALID_REQUEST'
		);
		for (const channel of ['agreement', 'bank_form', 'pending_account'] as const) {
			await refused(
				sim.upstream.coreTax.recordPayment({
					key: sim.key(),
					declarationNo: declaration.declarationNo,
					// @ts-expect-error the type keeps these out; a real client could still send them
					channel,
					amountFen: declaration.totalFen,
					paidOn: TODAY,
					details: {}
				}),
				'CHANNEL_NOT_DIRECT'
			);
		}
	});

	it('payment only from the 1st to the 25th', async () => {
		sim.clock.set('2026-11-26');
		await refused(
			sim.upstream.coreTax.recordPayment({
				key: sim.key(),
				declarationNo: declaration.declarationNo,
				channel: 'cash',
				amountFen: declaration.totalFen,
				paidOn: '2026-11-26',
				details: {}
			}),
			'OUTSIDE_PERIOD'
		);
	});

	describe('《税收缴款书（银行经收专用）》: printed with a voucher number and 限缴日期, paid when the stamped stub is back', () => {
		it('the declaration stays unpaid until the stub is recorded; the payment keeps the form’s voucher number', async () => {
			const form = await sim.upstream.coreTax.issueBankForm({ key: sim.key(), declarationNo: declaration.declarationNo, today: TODAY });
			expect(form).toMatchObject({
				declarationNo: declaration.declarationNo,
				amountFen: declaration.totalFen,
				issuedOn: TODAY,
				limitDate: '2026-11-25',
				status: 'issued'
			});
			expect(form.voucherNo).toMatch(/^\d{18}$/);
			expect(form.treasury).toBe('国家金库太原市小店区支库');
			expect((await sim.upstream.coreTax.declaration(declaration.declarationNo))!.status).toBe('declared');

			// While the form is out, no other channel and no second form.
			const out = await refused(pay(declaration.totalFen), 'BANK_FORM_OUTSTANDING');
			expect(out.message).toContain(form.voucherNo);
			await refused(sim.upstream.coreTax.issueBankForm({ key: sim.key(), declarationNo: declaration.declarationNo, today: TODAY }), 'BANK_FORM_ALREADY_ISSUED');

			await refused(
				sim.upstream.coreTax.recordBankStub({ key: sim.key(), voucherNo: form.voucherNo, bankName: '中国银行太原示例支行', stampedOn: '2026-11-26' }),
				'PAST_LIMIT_DATE'
			);
			const { payment, form: stamped } = await sim.upstream.coreTax.recordBankStub({
				key: sim.key(),
				voucherNo: form.voucherNo,
				bankName: '中国银行太原示例支行',
				stampedOn: '2026-11-23'
			});
			expect(payment).toMatchObject({ channel: 'bank_form', voucherNo: form.voucherNo, amountFen: declaration.totalFen, paidOn: '2026-11-23' });
			expect(stamped).toMatchObject({ status: 'stamped', bankName: '中国银行太原示例支行', stampedOn: '2026-11-23' });
			expect((await sim.upstream.coreTax.declaration(declaration.declarationNo))!.status).toBe('paid');
			await refused(
				sim.upstream.coreTax.recordBankStub({ key: sim.key(), voucherNo: form.voucherNo, bankName: '中国银行太原示例支行', stampedOn: '2026-11-23' }),
				'DECLARATION_PAID'
			);
		});

		it('the stub can be found by the declaration number too', async () => {
			const form = await sim.upstream.coreTax.issueBankForm({ key: sim.key(), declarationNo: declaration.declarationNo, today: TODAY });
			const { payment } = await sim.upstream.coreTax.recordBankStub({
				key: sim.key(),
				declarationNo: declaration.declarationNo,
				bankName: '中国银行太原示例支行',
				stampedOn: TODAY
			});
			expect(payment.voucherNo).toBe(form.voucherNo);
		});

		it('voiding the declaration voids the form: its stub is refused', async () => {
			const form = await sim.upstream.coreTax.issueBankForm({ key: sim.key(), declarationNo: declaration.declarationNo, today: TODAY });
			await sim.upstream.coreTax.voidDeclaration({ key: sim.key(), declarationNo: declaration.declarationNo });
			expect((await sim.upstream.coreTax.bankForm(form.voucherNo))!.status).toBe('voided');
			await refused(
				sim.upstream.coreTax.recordBankStub({ key: sim.key(), voucherNo: form.voucherNo, bankName: '中国银行太原示例支行', stampedOn: TODAY }),
				'BANK_FORM_VOIDED'
			);
		});

		it('no form after the 25th', async () => {
			sim.clock.set('2026-11-26');
			await refused(sim.upstream.coreTax.issueBankForm({ key: sim.key(), declarationNo: declaration.declarationNo, today: '2026-11-26' }), 'OUTSIDE_PERIOD');
		});
	});

	it('入库销号 comes 3 to 5 working days after payment; 《税收完税证明》 lists booked card and agreement payments only', async () => {
		const payment = await pay(declaration.totalFen);
		const earliest = addWorkingDays(TODAY, 3);
		const latest = addWorkingDays(TODAY, 5);
		expect(await sim.upstream.coreTax.bookPayments(addWorkingDays(TODAY, 2))).not.toContainEqual(expect.objectContaining({ id: payment.id }));
		expect(await sim.upstream.coreTax.electronicPayments({ payerId: declaration.payerId, from: TODAY, to: latest })).toEqual([]);

		const booked = await sim.upstream.coreTax.bookPayments(latest);
		const mine = booked.find((p) => p.id === payment.id)!;
		expect(mine.bookedOn! >= earliest && mine.bookedOn! <= latest).toBe(true);
		expect(await sim.upstream.coreTax.bookPayments(latest)).toEqual([]);

		const certificate = await sim.upstream.coreTax.electronicPayments({ payerId: declaration.payerId, from: TODAY, to: latest });
		expect(certificate).toHaveLength(1);
		expect(certificate[0]).toMatchObject({ voucherNo: payment.voucherNo, channel: 'pos', amountFen: declaration.totalFen, payerId: declaration.payerId });
		expect(certificate[0].lines).toEqual(declaration.lines);

		// A cash payment is not an electronic one.
		const trade = await sim.payer('太原示例商贸有限公司');
		const medical = await sim.thisMonthsDues(trade);
		const d = await sim.upstream.coreTax.declare({ key: sim.key(), payerId: trade.id, dueIds: medical.map((x) => x.id), today: TODAY });
		await sim.upstream.coreTax.recordPayment({
			key: sim.key(),
			declarationNo: d.declarationNo,
			channel: 'cash',
			amountFen: d.totalFen,
			paidOn: TODAY,
			details: {}
		});
		await sim.upstream.coreTax.bookPayments(latest);
		expect(await sim.upstream.coreTax.electronicPayments({ payerId: trade.id, from: TODAY, to: latest })).toEqual([]);
	});
});
