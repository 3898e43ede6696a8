// The real serial POS driver against the POS simulator across a socat pseudo-terminal pair.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PosSimulator } from '../../../drivers/pos-terminal/pos-simulator';
import { createSerialPosTerminal, type FramedPosTerminal } from '../../../drivers/pos-terminal/serial-pos-terminal';
import { SerialLink } from '../../../drivers/transport/serial-link';
import { waitFor } from '../../unit/drivers/wait-for';
import { createPtyPair } from './socat';

const retry = { initialMs: 20, maxMs: 100 };

describe('serial POS terminal over a pseudo-terminal pair', () => {
	const pair = createPtyPair('pos');
	let deviceLink: SerialLink;
	let sim: PosSimulator;
	let pos: FramedPosTerminal;
	let n = 0;
	const key = () => `pty-sale-${++n}`;

	beforeAll(async () => {
		await pair.start();
		deviceLink = new SerialLink({ path: pair.b, baudRate: 9600, retry });
		sim = new PosSimulator(deviceLink, { now: () => new Date(2024, 4, 20, 10, 30, 0) });
		pos = createSerialPosTerminal({ path: pair.a, baudRate: 9600, retry, timeoutMs: 300, queryTimeoutMs: 300 });
		await waitFor('both ends open', () => pos.status().code === 'OK' && deviceLink.state === 'up');
	});

	beforeEach(() => sim.setDefault('approve'));

	afterAll(async () => {
		await pos?.close();
		await deviceLink?.close();
		sim?.detach();
		await pair.dispose();
	});

	it('signs in and approves a sale with everything the slip needs', async () => {
		expect(await pos.signIn()).toEqual({
			outcome: 'signed-in',
			terminalId: '14010001',
			merchantId: '898140193990001',
			batchNo: '000001'
		});
		const k = key();
		const sale = await pos.sale({ key: k, amountFen: 147000 });
		expect(sale).toMatchObject({
			outcome: 'approved',
			key: k,
			amountFen: 147000,
			approval: {
				terminalId: '14010001',
				merchantId: '898140193990001',
				batchNo: '000001',
				cardNo: '622202******1234',
				time: '2024-05-20 10:30:00'
			}
		});
		if (sale.outcome !== 'approved') return;
		expect(sale.approval.voucherNo).toMatch(/^\d{6}$/);
		expect(sale.approval.referenceNo).toMatch(/^\d{12}$/);
	});

	it('declines with the bank reason', async () => {
		sim.queue('decline-insufficient-funds', 'decline-expired-card');
		expect(await pos.sale({ key: key(), amountFen: 100 })).toMatchObject({
			outcome: 'declined',
			responseCode: '51',
			reason: '余额不足'
		});
		expect(await pos.sale({ key: key(), amountFen: 100 })).toMatchObject({
			outcome: 'declined',
			responseCode: '54',
			reason: '卡片过期'
		});
	});

	it('reports a silent terminal as a time-out', async () => {
		sim.queue('silent');
		const started = Date.now();
		const result = await pos.sale({ key: key(), amountFen: 100 });
		expect(result).toMatchObject({ outcome: 'timeout', status: { code: 'TIMEOUT' } });
		expect(Date.now() - started).toBeLessThan(2000);
		expect(pos.status().code).toBe('TIMEOUT');
	});

	it('finds a sale whose answer was lost, and reverses it', async () => {
		sim.queue('lose-answer');
		const k = key();
		expect((await pos.sale({ key: k, amountFen: 36000 })).outcome).toBe('timeout');
		const found = await pos.queryByKey(k);
		expect(found).toMatchObject({ outcome: 'found', transaction: { key: k, type: 'sale', state: 'approved', amountFen: 36000 } });
		expect(await pos.queryLast()).toMatchObject({ outcome: 'found', transaction: { key: k } });
		expect(await pos.reverse(k)).toEqual({ outcome: 'reversed', originalKey: k });
		expect(await pos.queryByKey(k)).toMatchObject({ outcome: 'found', transaction: { state: 'reversed' } });
		expect(pos.status().code).toBe('OK');
	});

	it('answers busy without starting a transaction', async () => {
		sim.queue('busy');
		const k = key();
		expect(await pos.sale({ key: k, amountFen: 100 })).toMatchObject({ outcome: 'unavailable', status: { code: 'BUSY' } });
		expect(await pos.queryByKey(k)).toEqual({ outcome: 'not-found' });
	});

	it('voids a sale of the same day and settles the batch', async () => {
		const k = key();
		const sale = await pos.sale({ key: k, amountFen: 50000 });
		if (sale.outcome !== 'approved') throw new Error('sale not approved');
		const voided = await pos.voidSale({ key: `${k}-void`, originalVoucherNo: sale.approval.voucherNo, amountFen: 50000 });
		expect(voided).toMatchObject({ outcome: 'approved', originalVoucherNo: sale.approval.voucherNo });
		const settled = await pos.settle();
		expect(settled).toMatchObject({ outcome: 'settled', batchNo: '000001', voidCount: 1, voidAmountFen: 50000 });
		if (settled.outcome === 'settled') expect(settled.saleAmountFen).toBe(147000 + 50000);
	});

	it("the batch detail lists the open batch's approved sales with their state (voided, reversed), and the batch after settlement is empty", async () => {
		const paid = key();
		const voidedKey = key();
		const reversedKey = key();
		const declinedKey = key();
		const sale = await pos.sale({ key: paid, amountFen: 12000 });
		const toVoid = await pos.sale({ key: voidedKey, amountFen: 3400 });
		sim.queue('lose-answer', 'decline-insufficient-funds');
		expect((await pos.sale({ key: reversedKey, amountFen: 5600 })).outcome).toBe('timeout');
		expect((await pos.sale({ key: declinedKey, amountFen: 7800 })).outcome).toBe('declined');
		if (sale.outcome !== 'approved' || toVoid.outcome !== 'approved') throw new Error('sale not approved');
		await pos.voidSale({ key: `${voidedKey}-void`, originalVoucherNo: toVoid.approval.voucherNo, amountFen: 3400 });
		expect(await pos.reverse(reversedKey)).toEqual({ outcome: 'reversed', originalKey: reversedKey });

		const detail = await pos.batchDetail();
		if (detail.outcome !== 'detail') throw new Error(detail.outcome);
		const ours = detail.sales.filter((s) => [paid, voidedKey, reversedKey, declinedKey].includes(s.key));
		expect(ours).toEqual([
			{
				key: paid,
				referenceNo: sale.approval.referenceNo,
				voucherNo: sale.approval.voucherNo,
				amountFen: 12000,
				state: 'approved',
				time: '2024-05-20 10:30:00'
			},
			{
				key: voidedKey,
				referenceNo: toVoid.approval.referenceNo,
				voucherNo: toVoid.approval.voucherNo,
				amountFen: 3400,
				state: 'voided',
				time: '2024-05-20 10:30:00'
			},
			expect.objectContaining({ key: reversedKey, amountFen: 5600, state: 'reversed' })
		]);
		const settled = await pos.settle();
		if (settled.outcome !== 'settled') throw new Error(settled.outcome);
		expect(settled.batchNo).toBe(detail.batchNo);
		expect(await pos.batchDetail()).toEqual({ outcome: 'detail', batchNo: String(Number(detail.batchNo) + 1).padStart(6, '0'), sales: [] });
	});

	it('is unavailable while the cable is out and works again once it is back', async () => {
		await pair.stop();
		await waitFor('OFFLINE', () => pos.status().code === 'OFFLINE');
		expect(await pos.sale({ key: key(), amountFen: 100 })).toMatchObject({ outcome: 'unavailable', status: { code: 'OFFLINE' } });
		await pair.start();
		await waitFor('OK', () => pos.status().code === 'OK' && deviceLink.state === 'up');
		expect((await pos.sale({ key: key(), amountFen: 100 })).outcome).toBe('approved');
	});
});
