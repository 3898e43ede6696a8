// The POS driver against the POS simulator on an in-memory cable, and once on binding-mock.
import { MockBinding } from '@serialport/binding-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodePosFrame, PosFrameDecoder } from '../../../drivers/pos-terminal/pos-frame';
import { PosSimulator } from '../../../drivers/pos-terminal/pos-simulator';
import { createSerialPosTerminal, FramedPosTerminal } from '../../../drivers/pos-terminal/serial-pos-terminal';
import { createMemoryCable, type MemoryCable } from '../../../drivers/transport/byte-link';
import { pluggableBinding } from './mock-serial';
import { waitFor } from './wait-for';

const now = () => new Date(2024, 4, 20, 9, 15, 7);

describe('POS terminal with the simulator', () => {
	let cable: MemoryCable;
	let sim: PosSimulator;
	let pos: FramedPosTerminal;

	beforeEach(() => {
		cable = createMemoryCable();
		sim = new PosSimulator(cable.device, { now });
		pos = new FramedPosTerminal(cable.host, { timeoutMs: 200, queryTimeoutMs: 200 });
	});
	afterEach(() => pos.close());

	it('approves a sale with terminal, merchant, batch, voucher, reference, masked card and time', async () => {
		const sale = await pos.sale({ key: 'pay-1', amountFen: 36000 });
		expect(sale).toEqual({
			outcome: 'approved',
			key: 'pay-1',
			amountFen: 36000,
			approval: {
				terminalId: '14010001',
				merchantId: '898140193990001',
				batchNo: '000001',
				voucherNo: '000001',
				referenceNo: '091507000001',
				cardNo: '622202******1234',
				time: '2024-05-20 09:15:07'
			}
		});
	});

	it('answers a repeated key with the first answer: never a second charge', async () => {
		const first = await pos.sale({ key: 'pay-2', amountFen: 100 });
		const again = await pos.sale({ key: 'pay-2', amountFen: 100 });
		expect(again).toEqual(first);
		expect(sim.transactions()).toHaveLength(1);
	});

	it('declines with the bank reason', async () => {
		sim.queue('decline-expired-card');
		expect(await pos.sale({ key: 'pay-3', amountFen: 100 })).toEqual({
			outcome: 'declined',
			key: 'pay-3',
			amountFen: 100,
			responseCode: '54',
			reason: '卡片过期'
		});
		expect(pos.status().code).toBe('OK');
	});

	it('times out on silence, then finds nothing to reverse', async () => {
		sim.queue('silent');
		expect(await pos.sale({ key: 'pay-4', amountFen: 100 })).toMatchObject({ outcome: 'timeout', status: { code: 'TIMEOUT', level: 'warning' } });
		expect(await pos.queryByKey('pay-4')).toEqual({ outcome: 'not-found' });
		expect(await pos.reverse('pay-4')).toMatchObject({ outcome: 'nothing-to-reverse', originalKey: 'pay-4' });
	});

	it('recovers a sale whose answer was lost: query finds it approved, reversal undoes it', async () => {
		sim.queue('lose-answer');
		expect((await pos.sale({ key: 'pay-5', amountFen: 88800 })).outcome).toBe('timeout');
		const found = await pos.queryByKey('pay-5');
		expect(found).toMatchObject({ outcome: 'found', transaction: { state: 'approved', amountFen: 88800, approval: { voucherNo: '000001' } } });
		expect(await pos.reverse('pay-5')).toEqual({ outcome: 'reversed', originalKey: 'pay-5' });
		expect(await pos.reverse('pay-5')).toEqual({ outcome: 'reversed', originalKey: 'pay-5' });
		expect(await pos.sale({ key: 'pay-5', amountFen: 88800 })).toMatchObject({ outcome: 'declined', responseCode: '94' });
	});

	it('never takes a late answer for the next request', async () => {
		sim.detach();
		// A terminal that answers the first request only after the driver has moved on.
		const decoder = new PosFrameDecoder();
		cable.device.onData((chunk) => {
			for (const request of decoder.push(chunk).frames) {
				if (request.type === 'SA') continue;
				const approved = { responseCode: '00', key: 'pay-6', state: 'approved', voucherNo: '000009', referenceNo: '000000000009' };
				const late = encodePosFrame({ type: 'SA', seq: request.seq - 1, fields: approved });
				const stale = encodePosFrame({ type: request.type, seq: request.seq - 1, fields: approved });
				const own = encodePosFrame({ type: request.type, seq: request.seq, fields: { responseCode: '25' } });
				void cable.device.write(Buffer.concat([late, stale, own]));
			}
		});
		expect((await pos.sale({ key: 'pay-6', amountFen: 100 })).outcome).toBe('timeout');
		expect(await pos.queryByKey('pay-6')).toEqual({ outcome: 'not-found' });
	});

	it('is unavailable (nothing sent) when busy or when the cable is out', async () => {
		sim.queue('busy');
		expect(await pos.sale({ key: 'pay-7', amountFen: 100 })).toMatchObject({ outcome: 'unavailable', status: { code: 'BUSY' } });
		cable.unplug();
		await waitFor('OFFLINE', () => pos.status().code === 'OFFLINE');
		expect(await pos.sale({ key: 'pay-7', amountFen: 100 })).toMatchObject({ outcome: 'unavailable', status: { code: 'OFFLINE' } });
		expect(pos.lastError()?.code).toBe('OFFLINE');
		cable.plug();
		expect((await pos.sale({ key: 'pay-7', amountFen: 100 })).outcome).toBe('approved');
	});

	it('voids a same-day sale by voucher number, refuses a wrong amount or a second void', async () => {
		expect(await pos.signIn()).toMatchObject({ outcome: 'signed-in', batchNo: '000001' });
		const sale = await pos.sale({ key: 'pay-8', amountFen: 5000 });
		if (sale.outcome !== 'approved') throw new Error('not approved');
		const voucher = sale.approval.voucherNo;
		expect(await pos.voidSale({ key: 'void-1', originalVoucherNo: voucher, amountFen: 4000 })).toMatchObject({
			outcome: 'declined',
			responseCode: '12',
			reason: '撤销金额与原交易不符'
		});
		expect(await pos.voidSale({ key: 'void-2', originalVoucherNo: voucher, amountFen: 5000 })).toMatchObject({ outcome: 'approved' });
		expect(await pos.voidSale({ key: 'void-3', originalVoucherNo: voucher, amountFen: 5000 })).toMatchObject({ outcome: 'declined', reason: '原交易已撤销' });
		expect(await pos.voidSale({ key: 'void-4', originalVoucherNo: '999999', amountFen: 5000 })).toMatchObject({ outcome: 'declined', responseCode: '25' });
		expect(await pos.queryByKey('pay-8')).toMatchObject({ outcome: 'found', transaction: { state: 'voided' } });
	});

	it('settles the batch: sales (voided ones included) and voids, never reversed sales', async () => {
		await pos.sale({ key: 's1', amountFen: 1000 });
		const s2 = await pos.sale({ key: 's2', amountFen: 2000 });
		sim.queue('lose-answer');
		await pos.sale({ key: 's3', amountFen: 4000 });
		await pos.reverse('s3');
		if (s2.outcome !== 'approved') throw new Error('not approved');
		await pos.voidSale({ key: 'v2', originalVoucherNo: s2.approval.voucherNo, amountFen: 2000 });
		expect(await pos.settle()).toEqual({
			outcome: 'settled',
			batchNo: '000001',
			saleCount: 2,
			saleAmountFen: 3000,
			voidCount: 1,
			voidAmountFen: 2000
		});
		expect(await pos.signIn()).toMatchObject({ batchNo: '000002' });
	});

	it('reads a batch detail longer than one frame page by page, every sale once and in order', async () => {
		const requests = new PosFrameDecoder();
		let pages = 0;
		cable.device.onData((chunk) => (pages += requests.push(chunk).frames.filter((f) => f.type === 'BD').length));
		const keys = Array.from({ length: 150 }, (_, i) => `detail-${'k'.repeat(40)}-${i}`);
		for (const key of keys) await pos.sale({ key, amountFen: 100 });
		const detail = await pos.batchDetail();
		expect(detail).toMatchObject({ outcome: 'detail', batchNo: '000001' });
		if (detail.outcome !== 'detail') return;
		expect(detail.sales.map((s) => s.key)).toEqual(keys);
		expect(pages).toBeGreaterThan(1);
	});

	it('windows closing at once read the batch once each turn: details asked while one waits their turn share it, one asked during a read gets its own', async () => {
		const requests = new PosFrameDecoder();
		let firstPages = 0;
		cable.device.onData((chunk) => (firstPages += requests.push(chunk).frames.filter((f) => f.type === 'BD' && f.fields.offset === '0').length));
		for (let i = 0; i < 120; i++) await pos.sale({ key: `close-${'k'.repeat(40)}-${i}`, amountFen: 100 });
		const first = pos.batchDetail();
		// Asked before the first read began: it begins after both, so it holds for both.
		expect(pos.batchDetail()).toBe(first);
		await waitFor('the first page asked', () => firstPages === 1);
		// Asked while the first is being read: they wait for a read that begins after them, and share it.
		const waiting = [pos.batchDetail(), pos.batchDetail(), pos.batchDetail()];
		expect(new Set(waiting).size).toBe(1);
		expect(waiting[0]).not.toBe(first);
		// A sale made after those asks, queued behind the second read: that read does not hold it.
		const late = pos.sale({ key: 'close-late', amountFen: 100 });
		const [a, b] = await Promise.all([first, waiting[0], late]);
		expect(firstPages).toBe(2);
		if (a.outcome !== 'detail' || b.outcome !== 'detail') throw new Error(`${a.outcome} / ${b.outcome}`);
		expect(a.sales).toHaveLength(120);
		expect(b.sales).toHaveLength(120);
		expect(b.sales.map((x) => x.key)).not.toContain('close-late');
		// Once the shared read is over, the next ask reads again and sees the late sale.
		const again = await pos.batchDetail();
		expect(again.outcome === 'detail' && again.sales.map((s) => s.key)).toContain('close-late');
		expect(firstPages).toBe(3);
	});

	it('a terminal that announces more sales than it sends is a protocol error, not an endless read', async () => {
		sim.detach();
		const decoder = new PosFrameDecoder();
		cable.device.onData((chunk) => {
			for (const request of decoder.push(chunk).frames) {
				void cable.device.write(encodePosFrame({ type: request.type, seq: request.seq, fields: { responseCode: '00', batchNo: '000001', total: '5' } }));
			}
		});
		expect(await pos.batchDetail()).toMatchObject({ outcome: 'unavailable', status: { code: 'PROTOCOL_ERROR' } });
	});

	it('checks its arguments', async () => {
		await expect(pos.sale({ key: '', amountFen: 1 })).rejects.toThrow(RangeError);
		await expect(pos.sale({ key: 'k', amountFen: 1.5 })).rejects.toThrow(RangeError);
		await expect(pos.sale({ key: 'k', amountFen: 0 })).rejects.toThrow(RangeError);
	});
});

describe('POS terminal on binding-mock', () => {
	it('writes the framed request and reads the framed answer', async () => {
		MockBinding.reset();
		MockBinding.createPort('/dev/ttyPOS', { record: true });
		const mock = pluggableBinding();
		const pos = createSerialPosTerminal({ path: '/dev/ttyPOS', baudRate: 9600, binding: mock.binding, timeoutMs: 200, queryTimeoutMs: 200 });
		await waitFor('OK', () => pos.status().code === 'OK');
		mock.onWrite((port, data) => {
			const [request] = new PosFrameDecoder().push(data).frames;
			port.emitData(Buffer.from(encodePosFrame({ type: request.type, seq: request.seq, fields: { responseCode: '51', reason: '余额不足' } })));
		});
		expect(await pos.sale({ key: 'mock-1', amountFen: 12345 })).toMatchObject({ outcome: 'declined', reason: '余额不足' });
		const [sent] = new PosFrameDecoder().push(mock.ports[0].recording).frames;
		expect(sent).toEqual({ type: 'SA', seq: 1, fields: { key: 'mock-1', amount: '000000012345' } });
		await pos.close();
	});
});
