// The real serial receipt printer driver against the printer simulator, across a socat
// pseudo-terminal pair: the same stream code that runs against a printer in a hall.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSerialReceiptPrinter, type EscPosReceiptPrinter } from '../../../drivers/printer/serial-receipt-printer';
import { EscPosPrinterSimulator } from '../../../drivers/printer/printer-simulator';
import { receiptLines } from '../../../drivers/printer/escpos-decoder';
import type { ReceiptDocument } from '../../../drivers/printer/receipt-printer';
import type { StatusCode } from '../../../drivers/status';
import { SerialLink } from '../../../drivers/transport/serial-link';
import { waitFor } from '../../unit/drivers/wait-for';
import { createPtyPair } from './socat';

const retry = { initialMs: 20, maxMs: 100 };
const kick = { pin: 2 as const, onMs: 100, offMs: 200 };

const receipt: ReceiptDocument = {
	blocks: [
		{ kind: 'text', text: '社会保险费缴费凭证', align: 'center', bold: true, size: 'double' },
		{ kind: 'pair', left: '缴费人', right: '李建国' },
		{ kind: 'pair', left: '合计', right: '￥1,470.00' },
		{ kind: 'qr', data: '314056240500012345' }
	]
};

const longReceipt: ReceiptDocument = {
	blocks: Array.from({ length: 40 }, (_, i) => ({ kind: 'text' as const, text: `第${i + 1}行 城乡居民基本养老保险 200.00` }))
};

describe('serial receipt printer over a pseudo-terminal pair', () => {
	const pair = createPtyPair('printer');
	let deviceLink: SerialLink;
	let device: EscPosPrinterSimulator;
	let printer: EscPosReceiptPrinter;
	const seen: StatusCode[] = [];

	beforeAll(async () => {
		await pair.start();
		deviceLink = new SerialLink({ path: pair.b, baudRate: 9600, retry });
		device = new EscPosPrinterSimulator(deviceLink);
		printer = createSerialReceiptPrinter({
			path: pair.a,
			baudRate: 9600,
			retry,
			model: 'generic-80mm',
			kick,
			drawerOpenSignal: 'high',
			replyTimeoutMs: 300,
			statusPollMs: 100,
			chunkBytes: 128
		});
		printer.onStatus((s) => seen.push(s.code));
		await waitFor('printer OK', () => printer.status().code === 'OK');
	});

	beforeEach(async () => {
		device.setPowered(true);
		device.setCoverOpen(false);
		device.setPaper('ok');
		await waitFor('printer OK', () => printer.status().code === 'OK');
	});

	afterAll(async () => {
		await printer?.close();
		await deviceLink?.close();
		device?.detach();
		await pair.dispose();
	});

	it('prints a receipt the simulator decodes line by line, QR included, and never twice', async () => {
		const before = device.printed().length;
		const result = await printer.print({ id: 'pty-1', document: receipt });
		expect(result).toMatchObject({ outcome: 'printed', jobId: 'pty-1', replaced: [] });
		await waitFor('printout', () => device.printed().length === before + 1);
		const printout = device.printed().at(-1)!;
		expect(printout.complete).toBe(true);
		expect(receiptLines(printout.receipt)).toContain('社会保险费缴费凭证');
		expect(printout.receipt.items).toContainEqual(expect.objectContaining({ kind: 'qr', data: '314056240500012345' }));

		expect(await printer.print({ id: 'pty-1', document: receipt })).toEqual({ outcome: 'duplicate', jobId: 'pty-1' });
		await new Promise((r) => setTimeout(r, 100));
		expect(device.printed().length).toBe(before + 1);
	});

	it('stops a job when the paper runs out in the middle, does not mark it printed, and reprints it', async () => {
		device.runOutOfPaperAfter(10);
		const failed = await printer.print({ id: 'pty-paper', document: longReceipt });
		expect(failed.outcome).toBe('failed');
		if (failed.outcome !== 'failed') return;
		expect(failed.status.code).toBe('PAPER_OUT');
		expect(failed.bytesSent).toBeGreaterThan(0);
		expect(printer.status().code).toBe('PAPER_OUT');
		expect(device.printed().at(-1)!.complete).toBe(false);

		device.setPaper('ok');
		await waitFor('printer OK after new roll', () => printer.status().code === 'OK');
		const again = await printer.print({ id: 'pty-paper', document: longReceipt });
		expect(again.outcome).toBe('printed');
		await waitFor('complete printout', () => device.printed().at(-1)!.complete);
		expect(receiptLines(device.printed().at(-1)!.receipt)).toHaveLength(40);
	});

	it('reports a printer that does not answer as not answering, and recovers when it answers again', async () => {
		device.setPowered(false);
		const result = await printer.print({ id: 'pty-offline', document: receipt });
		expect(result).toMatchObject({ outcome: 'failed', bytesSent: 0, status: { code: 'NOT_RESPONDING', level: 'error' } });
		device.setPowered(true);
		await waitFor('printer OK again', () => printer.status().code === 'OK');
		expect((await printer.print({ id: 'pty-offline', document: receipt })).outcome).toBe('printed');
	});

	it('reports a cover left open', async () => {
		device.setCoverOpen(true);
		const result = await printer.print({ id: 'pty-cover', document: receipt });
		expect(result).toMatchObject({ outcome: 'failed', status: { code: 'COVER_OPEN' } });
	});

	it('reconnects by itself when the cable is pulled and plugged back', async () => {
		seen.length = 0;
		await pair.stop();
		await waitFor('OFFLINE after the cable is pulled', () => printer.status().code === 'OFFLINE');
		await pair.start();
		await waitFor('OK after the cable is back', () => printer.status().code === 'OK');
		expect(seen.indexOf('OFFLINE')).toBeGreaterThanOrEqual(0);
		expect(seen.lastIndexOf('OK')).toBeGreaterThan(seen.indexOf('OFFLINE'));
		expect((await printer.print({ id: 'pty-after-replug', document: receipt })).outcome).toBe('printed');
	});

	it('kicks the drawer and reads it open through the printer status', async () => {
		expect(await printer.kickDrawer()).toEqual({ ok: true });
		await waitFor('drawer open', () => device.isDrawerOpen());
		expect((await printer.queryStatus()).flags?.drawerOpen).toBe(true);
		device.closeDrawer();
		expect((await printer.queryStatus()).flags?.drawerOpen).toBe(false);
	});
});
