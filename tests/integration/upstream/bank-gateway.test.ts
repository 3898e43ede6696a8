import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamTimeoutError } from '../../../src/lib/server/upstream/errors';
import { balanceOf, receivePendingTransfer } from '../../../src/lib/server/upstream/simulator/bank-sim';
import type { Declaration } from '../../../src/lib/server/upstream/types';
import type { Payer } from '../../../src/lib/domain/payer';
import { refused, sum, tempUpstream, TODAY, type Sim } from './sim';

describe('bank gateway: tripartite agreement deduction (三方协议扣款)', () => {
	let sim: Sim;
	beforeEach(() => {
		sim = tempUpstream();
	});
	afterEach(() => sim.dispose());

	const declareThisMonth = async (payer: Payer) => {
		const dues = await sim.thisMonthsDues(payer);
		return sim.upstream.coreTax.declare({ key: sim.key(), payerId: payer.id, dueIds: dues.map((d) => d.id), today: TODAY });
	};
	const deduct = (d: Declaration, amountFen = d.totalFen, key = sim.key('deduct')) =>
		sim.upstream.bankGateway.deduct({ key, payerId: d.payerId, declarationNo: d.declarationNo, amountFen, today: TODAY });

	it('checks the agreement: valid, none, or invalid with the reason', async () => {
		const builder = await sim.payer('山西示例建筑工程有限公司');
		expect(await sim.upstream.bankGateway.checkAgreement({ payerId: builder.id })).toMatchObject({
			status: 'valid',
			bankName: '中国建设银行太原示例支行',
			accountName: builder.name,
			accountNoMasked: '1405****0202'
		});
		const office = await sim.payer('太原市小店区示例街道办事处');
		expect(await sim.upstream.bankGateway.checkAgreement({ payerId: office.id })).toMatchObject({ status: 'none' });
		const trade = await sim.payer('太原示例商贸有限公司');
		expect(await sim.upstream.bankGateway.checkAgreement({ payerId: trade.id })).toMatchObject({
			status: 'invalid',
			reason: expect.stringContaining('已销户')
		});
	});

	it('deducts one single sum equal to the declaration; the declaration is paid by agreement', async () => {
		const builder = await sim.payer('山西示例建筑工程有限公司');
		const d = await declareThisMonth(builder);
		const before = balanceOf(sim.db, builder.id)!;

		await refused(deduct(d, d.totalFen - 1), 'AMOUNT_MISMATCH');
		expect(balanceOf(sim.db, builder.id)).toBe(before);

		const deduction = await deduct(d);
		expect(deduction).toMatchObject({ payerId: builder.id, declarationNo: d.declarationNo, amountFen: d.totalFen, deductedOn: TODAY });
		expect(deduction.bankSerial).toMatch(/^20261120\d{8}$/);
		expect(deduction.payment).toMatchObject({ channel: 'agreement', amountFen: d.totalFen, paidOn: TODAY });
		expect(deduction.payment.voucherNo).toMatch(/^\d{18}$/);
		expect(balanceOf(sim.db, builder.id)).toBe(before - d.totalFen);
		expect((await sim.upstream.coreTax.declaration(d.declarationNo))!.status).toBe('paid');
	});

	it('余额不足: refused, nothing deducted, the declaration still unpaid', async () => {
		const machine = await sim.payer('太原示例机械制造有限公司');
		const d = await declareThisMonth(machine);
		const e = await refused(deduct(d), 'INSUFFICIENT_FUNDS');
		expect(e.message).toContain('余额不足');
		expect(balanceOf(sim.db, machine.id)).toBe(30_000);
		expect((await sim.upstream.coreTax.declaration(d.declarationNo))!.status).toBe('declared');
	});

	it('an invalid agreement is refused with its reason; no agreement, no deduction', async () => {
		const trade = await sim.payer('太原示例商贸有限公司');
		const e = await refused(deduct(await declareThisMonth(trade)), 'AGREEMENT_INVALID');
		expect(e.message).toContain('扣款账户已销户');
		const office = await sim.payer('太原市小店区示例街道办事处');
		await refused(deduct(await declareThisMonth(office)), 'NO_AGREEMENT');
	});

	it('an answer lost after a deduction is found again by its key, never deducted twice', async () => {
		const builder = await sim.payer('山西示例建筑工程有限公司');
		const d = await declareThisMonth(builder);
		const before = balanceOf(sim.db, builder.id)!;
		const key = sim.key('deduct');
		sim.upstream.faults.set('bankGateway.deduct', { mode: 'answerLost', times: 1 });

		await expect(deduct(d, d.totalFen, key)).rejects.toBeInstanceOf(UpstreamTimeoutError);
		// The terminal asks by its key, as after a crash.
		const found = await sim.upstream.bankGateway.deductionByKey(key);
		expect(found).toMatchObject({ declarationNo: d.declarationNo, amountFen: d.totalFen });
		expect(await sim.upstream.coreTax.paymentByKey(key)).toEqual(found!.payment);
		expect(balanceOf(sim.db, builder.id)).toBe(before - d.totalFen);

		// Sending the same request again answers the first deduction and takes no money.
		expect(await deduct(d, d.totalFen, key)).toEqual(found);
		expect(balanceOf(sim.db, builder.id)).toBe(before - d.totalFen);
		// A new key for the same declaration: it is paid already.
		await refused(deduct(d), 'DECLARATION_PAID');
		expect(sim.count('SELECT count(*) AS n FROM bank_deductions')).toBe(1);
		expect(await sim.upstream.bankGateway.deductionByKey('no-such-key')).toBeNull();
	});

	it('a declaration of another payer is not deducted from this agreement', async () => {
		const builder = await sim.payer('山西示例建筑工程有限公司');
		const office = await sim.payer('太原市小店区示例街道办事处');
		const d = await declareThisMonth(office);
		await refused(
			sim.upstream.bankGateway.deduct({ key: sim.key(), payerId: builder.id, declarationNo: d.declarationNo, amountFen: d.totalFen, today: TODAY }),
			'WRONG_PAYER'
		);
	});
});

describe('bank gateway: pending-settlement account (待报解社会保险费专户)', () => {
	let sim: Sim;
	let office: Payer;
	let declaration: Declaration;
	beforeEach(async () => {
		sim = tempUpstream();
		office = await sim.payer('太原市小店区示例街道办事处');
		const dues = await sim.thisMonthsDues(office);
		declaration = await sim.upstream.coreTax.declare({ key: sim.key(), payerId: office.id, dueIds: dues.map((d) => d.id), today: TODAY });
	});
	afterEach(() => sim.dispose());

	const settle = (transferIds: number[], proofs: { transferId: number; proofNo: string }[], d = declaration, today = TODAY) =>
		sim.upstream.bankGateway.settlePendingTransfers({ key: sim.key('settle'), payerId: office.id, declarationNo: d.declarationNo, transferIds, proofs, today });
	const todays = () => sim.upstream.bankGateway.pendingTransfers({ payerId: office.id, date: TODAY });

	it('pending-settlement: transfers of the same day summing exactly to the due', async () => {
		const transfers = await todays();
		expect(transfers).toHaveLength(3);
		const fiscal = transfers.find((t) => t.fundSource === 'fiscal')!;
		const own = transfers.filter((t) => t.fundSource === 'own').find((t) => t.amountFen + fiscal.amountFen === declaration.totalFen)!;
		expect(fiscal).toMatchObject({ fundSourceLabel: '财政拨款', proof: { kind: 'treasury_payment', label: '国库集中支付凭证' } });
		expect(own).toMatchObject({ fundSourceLabel: '单位自有资金', proof: { kind: 'bank_receipt', label: '银行付款回单' } });

		const done = await settle(
			[fiscal.id, own.id],
			[fiscal, own].map((t) => ({ transferId: t.id, proofNo: t.proof.no }))
		);
		expect(done.payment).toMatchObject({
			channel: 'pending_account',
			amountFen: declaration.totalFen,
			paidOn: TODAY,
			declarationNo: declaration.declarationNo
		});
		expect(done.certificate).toEqual({ title: '税收缴款书（税务收现专用）', voucherNo: done.payment.voucherNo });
		expect(done.certificate.voucherNo).toMatch(/^\d{18}$/);
		expect(done.transfers.map((t) => t.settledDeclarationNo)).toEqual([declaration.declarationNo, declaration.declarationNo]);
		expect((await sim.upstream.coreTax.declaration(declaration.declarationNo))!.status).toBe('paid');
		const after = await todays();
		expect(after.filter((t) => t.settledDeclarationNo === null)).toHaveLength(1);
	});

	it('the sum must be exact to the fen: short, over, or with an unrelated transfer it is refused', async () => {
		const transfers = await todays();
		const proofs = transfers.map((t) => ({ transferId: t.id, proofNo: t.proof.no }));
		const fiscal = transfers.find((t) => t.fundSource === 'fiscal')!;
		const short = await refused(settle([fiscal.id], proofs), 'TRANSFER_SUM_MISMATCH');
		expect(short.details).toEqual({ sumFen: fiscal.amountFen, totalFen: declaration.totalFen });
		await refused(
			settle(
				transfers.map((t) => t.id),
				proofs
			),
			'TRANSFER_SUM_MISMATCH'
		);
		expect((await todays()).every((t) => t.settledDeclarationNo === null)).toBe(true);
	});

	it('each transfer is used once', async () => {
		const transfers = await todays();
		const pair = transfers.filter((t) => t.id !== transfers[2].id);
		const proofs = transfers.map((t) => ({ transferId: t.id, proofNo: t.proof.no }));
		await settle(
			pair.map((t) => t.id),
			proofs
		);

		const social = (await sim.upstream.agencyFeed.registrationsFor(office)).find((r) => r.agency === 'social')!;
		const due = await sim.upstream.agencyFeed.receiveAssessedDue({
			key: sim.key(),
			agency: 'social',
			agencyNo: social.agencyNo,
			kind: 'policy',
			itemCode: 'I_PENSION',
			periodFrom: '2025-01-01',
			periodTo: '2025-12-31',
			amountFen: sum(pair),
			assessedOn: TODAY
		});
		const second = await sim.upstream.coreTax.declare({ key: sim.key(), payerId: office.id, dueIds: [due.id], today: TODAY });
		await refused(
			settle(
				pair.map((t) => t.id),
				proofs,
				second
			),
			'TRANSFER_USED'
		);
		await refused(settle([pair[0].id, pair[0].id], proofs, second), 'INVALID_REQUEST');
	});

	it('transfers of different days are not combined, and last month’s money is not this month’s', async () => {
		const [fiscal] = (await todays()).filter((t) => t.fundSource === 'fiscal');
		const yesterday = receivePendingTransfer(sim.db, {
			payerId: office.id,
			arrivedOn: '2026-11-19',
			amountFen: declaration.totalFen - fiscal.amountFen,
			fundSource: 'own',
			proofNo: 'HD-TEST-0001',
			remitterName: office.name,
			remitterAccountNo: '140600009000606'
		});
		await refused(
			settle(
				[fiscal.id, yesterday],
				[
					{ transferId: fiscal.id, proofNo: fiscal.proof.no },
					{ transferId: yesterday, proofNo: 'HD-TEST-0001' }
				]
			),
			'TRANSFERS_NOT_SAME_DAY'
		);
		const lastMonth = receivePendingTransfer(sim.db, {
			payerId: office.id,
			arrivedOn: '2026-10-30',
			amountFen: declaration.totalFen,
			fundSource: 'own',
			proofNo: 'HD-TEST-0002',
			remitterName: office.name,
			remitterAccountNo: '140600009000606'
		});
		await refused(settle([lastMonth], [{ transferId: lastMonth, proofNo: 'HD-TEST-0002' }]), 'TRANSFER_NOT_THIS_PERIOD');
	});

	it('the payer’s proof numbers must match the transfers, and only within the 1st–25th', async () => {
		const transfers = await todays();
		const fiscal = transfers.find((t) => t.fundSource === 'fiscal')!;
		const own = transfers.find((t) => t.fundSource === 'own' && t.amountFen + fiscal.amountFen === declaration.totalFen)!;
		const wrong = await refused(
			settle(
				[fiscal.id, own.id],
				[
					{ transferId: fiscal.id, proofNo: 'GK000' },
					{ transferId: own.id, proofNo: own.proof.no }
				]
			),
			'PROOF_MISMATCH'
		);
		expect(wrong.message).toContain('国库集中支付凭证');
		await refused(settle([fiscal.id, own.id], [{ transferId: own.id, proofNo: own.proof.no }]), 'INVALID_REQUEST');
		sim.clock.set('2026-11-26');
		await refused(
			settle(
				[fiscal.id, own.id],
				[fiscal, own].map((t) => ({ transferId: t.id, proofNo: t.proof.no })),
				declaration,
				'2026-11-26'
			),
			'OUTSIDE_PERIOD'
		);
		sim.clock.set(TODAY);
		// Another payer's transfer is not found for this one.
		const school = await sim.payer('太原市示例中学');
		const [schoolTransfer] = await sim.upstream.bankGateway.pendingTransfers({ payerId: school.id, date: TODAY });
		await refused(settle([schoolTransfer.id], [{ transferId: schoolTransfer.id, proofNo: schoolTransfer.proof.no }]), 'TRANSFER_NOT_FOUND');
	});
});
