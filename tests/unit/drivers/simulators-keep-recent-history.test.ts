// A terminal runs for months: the simulated devices keep their recent history, not all of it.
import { describe, expect, it } from 'vitest';
import { EscPosPrinterSimulator, PRINTOUTS_KEPT } from '../../../drivers/printer/printer-simulator';
import { POS_LOG_KEPT, PosSimulator } from '../../../drivers/pos-terminal/pos-simulator';
import { FramedPosTerminal } from '../../../drivers/pos-terminal/serial-pos-terminal';
import { createMemoryCable } from '../../../drivers/transport/byte-link';
import { waitFor } from './wait-for';

describe('the simulated devices keep their recent history only', () => {
	it('the printer keeps the last PRINTOUTS_KEPT printouts, newest last', async () => {
		const cable = createMemoryCable();
		const sim = new EscPosPrinterSimulator(cable.device);
		const total = PRINTOUTS_KEPT + 20;
		for (let i = 1; i <= total; i++) await cable.host.write(Buffer.concat([Buffer.from(`receipt ${i}\n`), Uint8Array.of(0x1d, 0x56, 0x42, 0)]));
		await waitFor('the last receipt', () => JSON.stringify(sim.printed().at(-1) ?? null).includes(`receipt ${total}`));
		expect(sim.printed()).toHaveLength(PRINTOUTS_KEPT);
		expect(JSON.stringify(sim.printed()[0])).toContain(`receipt 21`);
	});

	it('the POS keeps its last POS_LOG_KEPT transactions, and a recent key is still answered with its first answer', async () => {
		const cable = createMemoryCable();
		const sim = new PosSimulator(cable.device);
		const pos = new FramedPosTerminal(cable.host, { timeoutMs: 2_000, queryTimeoutMs: 2_000 });
		try {
			for (let i = 1; i <= POS_LOG_KEPT + 5; i++) await pos.sale({ key: `sale-${i}`, amountFen: 100 });
			const keys = sim.transactions().map((t) => t.key);
			expect(keys).toHaveLength(POS_LOG_KEPT);
			expect(keys[0]).toBe('sale-6');
			const recent = sim.transactions().at(-1)!;
			const again = await pos.sale({ key: recent.key, amountFen: 100 });
			expect(again).toMatchObject({ outcome: 'approved', approval: { voucherNo: recent.approval!.voucherNo } });
			expect(sim.transactions()).toHaveLength(POS_LOG_KEPT);
		} finally {
			pos.close();
		}
	}, 60_000);

	it('the open batch stays whole for its detail and settlement after the log dropped its oldest sales, and is emptied by settlement', async () => {
		const cable = createMemoryCable();
		new PosSimulator(cable.device);
		const pos = new FramedPosTerminal(cable.host, { timeoutMs: 2_000, queryTimeoutMs: 2_000 });
		try {
			const count = POS_LOG_KEPT + 5;
			for (let i = 1; i <= count; i++) await pos.sale({ key: `batch-${i}`, amountFen: 100 });
			const detail = await pos.batchDetail();
			if (detail.outcome !== 'detail') throw new Error(detail.outcome);
			expect(detail.sales).toHaveLength(count);
			expect(detail.sales[0]).toMatchObject({ key: 'batch-1', state: 'approved', amountFen: 100 });
			// The oldest sale is gone from the log but still in the batch: it can be reversed.
			expect(await pos.reverse('batch-1')).toEqual({ outcome: 'reversed', originalKey: 'batch-1' });
			expect(await pos.settle()).toMatchObject({ outcome: 'settled', saleCount: count - 1, saleAmountFen: (count - 1) * 100 });
			expect(await pos.batchDetail()).toEqual({ outcome: 'detail', batchNo: '000002', sales: [] });
		} finally {
			pos.close();
		}
	}, 60_000);
});
