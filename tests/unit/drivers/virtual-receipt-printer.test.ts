// Demo mode's printer: the real driver and the printer simulator on an in-memory cable.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrinterCashDrawer } from '../../../drivers/cash-drawer/cash-drawer';
import { receiptLines, renderReceiptText } from '../../../drivers/printer/escpos-decoder';
import type { ReceiptDocument } from '../../../drivers/printer/receipt-printer';
import { createVirtualReceiptPrinter, type VirtualReceiptPrinter } from '../../../drivers/printer/virtual-receipt-printer';
import { waitFor } from './wait-for';

const options = {
	model: 'generic-58mm' as const,
	kick: { pin: 5 as const, onMs: 60, offMs: 120 },
	drawerOpenSignal: 'low' as const,
	replyTimeoutMs: 250,
	statusPollMs: 20,
	chunkBytes: 64
};

const doc: ReceiptDocument = {
	blocks: [
		{ kind: 'text', text: '现金缴费凭证', align: 'center', bold: true },
		{ kind: 'pair', left: '实收', right: '￥500.00' },
		{ kind: 'pair', left: '找零', right: '￥20.00' }
	]
};

describe('virtual receipt printer', () => {
	let v: VirtualReceiptPrinter;

	beforeEach(async () => {
		v = createVirtualReceiptPrinter(options);
		await waitFor('OK', () => v.printer.status().code === 'OK');
	});
	afterEach(() => v.printer.close());

	it('shows on screen what paper would show, on a 58 mm roll without cutter', async () => {
		expect((await v.printer.print({ id: 'cash-1', document: doc })).outcome).toBe('printed');
		const [printout] = v.device.printed();
		expect(printout.complete).toBe(true);
		expect(receiptLines(printout.receipt)).toEqual(['现金缴费凭证', '实收' + ' '.repeat(32 - 4 - 8) + '￥500.00', '找零' + ' '.repeat(32 - 4 - 7) + '￥20.00']);
		expect(printout.receipt.items.slice(-2)).toEqual([
			{ kind: 'feed', lines: 4 },
			{ kind: 'cut', partial: true }
		]);
		expect(renderReceiptText(printout.receipt, 32).split('\n')[0]).toBe(' '.repeat(10) + '现金缴费凭证');
	});

	it('opens the drawer after a cash receipt and the cash drawer reads it through the printer', async () => {
		const drawer = new PrinterCashDrawer(v.printer);
		await v.printer.print({ id: 'cash-2', document: doc, openDrawer: true });
		expect(v.device.isDrawerOpen()).toBe(true);
		expect(await drawer.isOpen()).toBe(true);
		await waitFor('DRAWER_OPEN', () => drawer.status().code === 'DRAWER_OPEN');
		v.device.closeDrawer();
		await waitFor('drawer closed', () => drawer.status().code === 'OK');
		expect(await drawer.open()).toEqual({ ok: true });
		await waitFor('kicked', () => v.device.isDrawerOpen());
		await drawer.close();
	});

	it('fails a job when paper runs out part way, keeps the torn part, and prints it whole on retry', async () => {
		const long: ReceiptDocument = { blocks: Array.from({ length: 20 }, (_, i) => ({ kind: 'text' as const, text: `明细${i + 1}` })) };
		v.device.runOutOfPaperAfter(5);
		const result = await v.printer.print({ id: 'long', document: long });
		expect(result).toMatchObject({ outcome: 'failed', status: { code: 'PAPER_OUT' } });
		expect(v.device.printed()).toHaveLength(1);
		expect(v.device.printed()[0].complete).toBe(false);

		v.device.setPaper('ok');
		await waitFor('OK', () => v.printer.status().code === 'OK');
		expect((await v.printer.print({ id: 'long', document: long })).outcome).toBe('printed');
		expect(receiptLines(v.device.printed()[1].receipt)).toHaveLength(20);
	});

	it('warns on paper near end but still prints', async () => {
		v.device.setPaper('near-end');
		expect((await v.printer.print({ id: 'near', document: doc })).outcome).toBe('printed');
		expect(v.printer.status()).toMatchObject({ level: 'warning', code: 'PAPER_NEAR_END' });
	});

	it('goes offline when the cable is pulled and recovers when plugged back', async () => {
		v.cable.unplug();
		await waitFor('OFFLINE', () => v.printer.status().code === 'OFFLINE');
		expect(await v.printer.kickDrawer()).toMatchObject({ ok: false, status: { code: 'OFFLINE' } });
		v.cable.plug();
		await waitFor('OK', () => v.printer.status().code === 'OK');
	});
});
