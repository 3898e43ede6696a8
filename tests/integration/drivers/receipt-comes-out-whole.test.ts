// Issue 7 item 4, "a receipt always comes out whole, once": the driver splits a job only between
// whole commands and whole characters, the printer simulator parses like a printer, a printer that
// does not answer shows as not answering, and a receipt cut off is voided on paper and printed again
// whole — marked 补打 only when some of the first copy reached the printer.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDevices } from '../../../drivers/create-devices';
import { parseHardwareConfig } from '../../../drivers/config';
import type { DeviceHealthChange } from '../../../drivers/device-hub';
import { decodeEscPos, receiptLines, type DecodedReceipt } from '../../../drivers/printer/escpos-decoder';
import { encodeReceipt } from '../../../drivers/printer/escpos-encoder';
import { EscPosPrinterSimulator } from '../../../drivers/printer/printer-simulator';
import { PRINTER_MODELS, type PrinterModelId } from '../../../drivers/printer/printer-models';
import type { ReceiptDocument } from '../../../drivers/printer/receipt-printer';
import { createSerialReceiptPrinter, EscPosReceiptPrinter } from '../../../drivers/printer/serial-receipt-printer';
import { createMemoryCable, type ByteLink } from '../../../drivers/transport/byte-link';
import { SerialLink } from '../../../drivers/transport/serial-link';
import { paymentReceipt } from '../../../src/lib/server/receipts/payment-receipt';
import { VOID_SLIP_TEXT } from '../../../src/lib/server/receipts/void-slip';
import { attemptsSoFar } from '../../../src/lib/server/receipts/whole-receipt';
import { applySimulatorAction, demoIdCard } from '../../../src/lib/server/services/hardware-demo';
import { tempRuntime } from '../temp-runtime';
import { COUNTER_SESSION } from '../../../src/lib/server/sessions/counter-session-kind';
import { at, until } from '../sessions/flow-helpers';
import { waitFor } from '../../unit/drivers/wait-for';
import { generateReceipt, seededRandom } from './receipt-generator';
import { createPtyPair } from './socat';
import { testOperator } from '../test-operator';

const kick = { pin: 2 as const, onMs: 100, offMs: 200 };
const STATUS_QUERY = Buffer.from('100401100402100403100404', 'hex');

/** The real driver on an in-memory cable to the simulator, with every write and reply counted. */
// A generous reply time-out: a query is answered within microseconds or never (swallowed by a
// command), so the time-out only decides how long a failing run takes, even on a loaded machine.
function rig(model: PrinterModelId, chunkBytes: number, replyTimeoutMs = 1500) {
	const cable = createMemoryCable();
	const device = new EscPosPrinterSimulator(cable.device);
	const wire = { queries: 0, answers: 0, chunks: [] as Uint8Array[] };
	const link: ByteLink = {
		get state() {
			return cable.host.state;
		},
		write(bytes) {
			if (Buffer.from(bytes).equals(STATUS_QUERY)) wire.queries += 4;
			else wire.chunks.push(Uint8Array.from(bytes));
			return cable.host.write(bytes);
		},
		onData: (listener) =>
			cable.host.onData((chunk) => {
				wire.answers += chunk.length;
				listener(chunk);
			}),
		onState: (listener) => cable.host.onState(listener),
		close: () => cable.host.close()
	};
	const printer = new EscPosReceiptPrinter(link, { model, kick, drawerOpenSignal: 'high', replyTimeoutMs, statusPollMs: 0, chunkBytes });
	return { cable, device, printer, wire };
}

/** What paper shows of a job: its decoded items, less the drawer pulse that follows the cut. */
const paperOf = (bytes: Uint8Array) => ({ items: decodeEscPos(bytes).items.filter((item) => item.kind !== 'kick') });

const RECEIPTS = 1000;
const receipts = (() => {
	const rand = seededRandom(20261120);
	return Array.from({ length: RECEIPTS }, (_, n) => {
		const data = generateReceipt(rand, n);
		const document: ReceiptDocument = paymentReceipt(data, { reprint: n % 9 === 0, clerkName: '李晓红（演示）', printedAt: '2026-11-20 10:11:12' });
		const model: PrinterModelId = n % 7 === 0 ? 'generic-58mm' : 'generic-80mm';
		return { n, channel: data.channel, document, model, openDrawer: data.channel === 'cash' };
	});
})();

describe('1,000 generated receipts through the real driver to the simulator', () => {
	it('covers every channel, 1–12 items and long names', () => {
		const channels = new Set(receipts.map((r) => r.channel));
		expect([...channels].sort()).toEqual(['agreement', 'bank_form', 'cash', 'pending_account', 'pos']);
		const sizes = receipts.map((r) => encodeReceipt(r.document, { profile: PRINTER_MODELS[r.model] }).bytes.length);
		expect(Math.min(...sizes)).toBeLessThan(900);
		expect(Math.max(...sizes)).toBeGreaterThan(2000);
	});

	for (const chunkBytes of [64, 512, 700]) {
		it(`in chunks of about ${chunkBytes} bytes: each decodes identical to the unchunked bytes, every status query answered`, async () => {
			const failures: string[] = [];
			let queries = 0;
			let answers = 0;
			const one = async (r: (typeof receipts)[number]) => {
				const { device, printer, wire } = rig(r.model, chunkBytes);
				const result = await printer.print({ id: `r${r.n}`, document: r.document, openDrawer: r.openDrawer });
				await printer.close();
				device.detach();
				queries += wire.queries;
				answers += wire.answers;
				const whole = encodeReceipt(r.document, { profile: PRINTER_MODELS[r.model], kick: r.openDrawer ? kick : undefined }).bytes;
				const problems = [
					result.outcome !== 'printed' && `${result.outcome} ${result.outcome === 'failed' ? result.status.code : ''}`,
					!Buffer.concat(wire.chunks).equals(Buffer.from(whole)) && 'bytes on the wire differ from the job',
					wire.chunks.some((c) => c.length > chunkBytes) && 'a chunk larger than the target',
					wire.answers !== wire.queries && `${wire.queries - wire.answers} status queries unanswered`,
					device.printed().length !== 1 && `${device.printed().length} printouts`,
					device.printed().length === 1 && !device.printed()[0].complete && 'printout not complete',
					device.printed().length === 1 && JSON.stringify(device.printed()[0].receipt) !== JSON.stringify(paperOf(whole)) && 'decoded paper differs',
					device.isDrawerOpen() !== r.openDrawer && 'drawer kick lost'
				].filter(Boolean);
				if (problems.length) failures.push(`receipt ${r.n} (${r.channel}, ${whole.length} bytes): ${problems.join('; ')}`);
			};
			// Many cables at once: each receipt has its own printer, so one failure cannot spoil the next.
			for (let i = 0; i < receipts.length; i += 50) await Promise.all(receipts.slice(i, i + 50).map(one));
			expect({ failed: failures.length, first: failures.slice(0, 3) }).toEqual({ failed: 0, first: [] });
			expect(answers).toBe(queries);
			expect(queries).toBeGreaterThan(RECEIPTS * 4 * 2);
		}, 120_000);
	}
});

describe('the printer simulator parses like a printer', () => {
	/** Raw bytes from the host end of a cable; how many status bytes the simulator answered. */
	async function answersTo(...chunks: number[][]): Promise<{ answers: number; paper: DecodedReceipt[] }> {
		const cable = createMemoryCable();
		const device = new EscPosPrinterSimulator(cable.device);
		let answers = 0;
		cable.host.onData((chunk) => (answers += chunk.length));
		for (const chunk of chunks) await cable.host.write(Uint8Array.from(chunk));
		await new Promise((r) => setTimeout(r, 20));
		device.detach();
		return { answers, paper: device.printed().map((p) => p.receipt) };
	}
	const CUT = [0x1d, 0x56, 0x42, 0x00];
	const QUERY = [0x10, 0x04, 0x01];

	it('answers DLE EOT between commands and between characters', async () => {
		// 社 = D3 E7 in GB18030
		expect((await answersTo([0x1b, 0x40], QUERY, [0xc9, 0xe7], QUERY, [0x0a], QUERY, CUT)).answers).toBe(3);
	});

	it('takes DLE EOT inside a two-byte character as data: no answer, and no stray character', async () => {
		const { answers, paper } = await answersTo([0x1b, 0x40, 0xc9], QUERY, [0xe7, 0x0a], CUT);
		expect(answers).toBe(0);
		expect(receiptLines(paper[0])).not.toContain('社');
	});

	it("takes DLE EOT inside a command's parameters as data: ESC a, GS !, ESC d, GS ( k, ESC p", async () => {
		for (const head of [
			[0x1b, 0x61],
			[0x1d, 0x21],
			[0x1b, 0x64],
			[0x1d, 0x28, 0x6b, 0x05, 0x00, 0x31, 0x50],
			[0x1b, 0x70, 0x00]
		]) {
			expect({ head, answers: (await answersTo([0x1b, 0x40, ...head], QUERY)).answers }).toEqual({ head, answers: 0 });
		}
	});
});

describe('a printer that does not answer', () => {
	it('shows in the header as not answering (打印机无应答), and as OK again once it answers', async () => {
		const devices = createDevices(parseHardwareConfig({ mode: 'simulated', receiptPrinter: { replyTimeoutMs: 60, statusPollMs: 20 } }));
		const changes: DeviceHealthChange[] = [];
		devices.hub.onChange((c) => changes.push(c));
		await waitFor('printer OK', () => devices.receiptPrinter.status().code === 'OK');
		devices.simulated!.printer.setPowered(false);
		await waitFor('printer NOT_RESPONDING', () => devices.receiptPrinter.status().code === 'NOT_RESPONDING');
		const shown = devices.hub.snapshot().find((d) => d.kind === 'receipt-printer')!;
		expect(shown).toMatchObject({ label: '小票打印机', status: { level: 'error', code: 'NOT_RESPONDING' } });
		expect(shown.status.message).toMatch(/^打印机无应答：/);
		expect(changes.map((c) => c.status.code)).toContain('NOT_RESPONDING');
		devices.simulated!.printer.setPowered(true);
		await waitFor('printer OK again', () => devices.receiptPrinter.status().code === 'OK');
		await devices.close();
	});
});

describe('a receipt cut off is voided on paper and printed again whole, 补打 only if part of it reached the printer', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	beforeEach(async () => {
		rt = await tempRuntime({ SIFEE_PRINTER_REPLY_TIMEOUT_MS: '100', SIFEE_PRINTER_POLL_MS: '50' });
	});
	afterEach(() => rt.dispose());

	const sim = () => rt.devices.simulated!;
	const card = demoIdCard({ name: '张伟（演示）', identifier: '' });
	const paper = () => sim().printer.printed();
	const intent = () => rt.journal.prepare(`SELECT status, outcome FROM intents WHERE action = 'receipt.print'`).get() as { status: string; outcome: string };

	/** An enterprise declares its November dues and pays by card; resolves when the receipt step starts. */
	async function payByCard(id: string) {
		const [payer] = await rt.upstream.coreTax.findPayers({ by: 'name', value: '太原示例机械制造有限公司' }, 1);
		rt.sessions.start(COUNTER_SESSION, id, testOperator(3, 1), { sessionId: id, today: rt.clock.today(), windowNo: '3', clerkId: '1' });
		rt.sessions.send(id, { type: 'PAYER_PICKED', payer } as never);
		const v = await until(rt, id, at('declaring', 'selecting'));
		const dues = v.child!.context.dues as { id: number; kind: string; periodFrom: string; state: string }[];
		for (const d of dues.filter((x) => x.kind === 'regular' && x.periodFrom === '2026-11-01' && x.state === 'open')) {
			rt.sessions.send(id, { type: 'TOGGLE_DUE', dueId: d.id } as never);
		}
		rt.sessions.send(id, { type: 'SUBMIT' });
		await until(rt, id, at('paying', 'choosing.ready'));
		rt.sessions.send(id, { type: 'CHOOSE', channel: 'pos' } as never);
		return payer;
	}
	const voucherOf = async (payerId: number) => (await rt.upstream.coreTax.paymentsOf(payerId)).find((p) => p.paidOn === '2026-11-20')!.voucherNo;

	it('paper out after N lines (demo switch): the torn copy holds N lines, a void slip, then the whole receipt marked 补打', async () => {
		applySimulatorAction(sim(), 'paper-out-after:6', card);
		const payer = await payByCard('s-paper-1');
		await until(rt, 's-paper-1', at('receipt', 'paperOut'), 10_000);
		expect(paper()).toHaveLength(1);
		expect(paper()[0].complete).toBe(false);
		expect(receiptLines(paper()[0].receipt)).toHaveLength(6);
		expect(JSON.parse(intent().outcome)).toMatchObject({ reached: true, voidFirst: true });

		// 已装纸 pressed before the roll is in: that attempt sends nothing, and changes nothing.
		rt.sessions.send('s-paper-1', { type: 'PAPER_LOADED' });
		await until(rt, 's-paper-1', at('receipt', 'paperOut'), 10_000);
		expect(paper()).toHaveLength(1);
		expect(JSON.parse(intent().outcome)).toMatchObject({ reached: true, voidFirst: true, status: { code: 'PAPER_OUT' } });
		applySimulatorAction(sim(), 'paper-ok', card);
		rt.sessions.send('s-paper-1', { type: 'PAPER_LOADED' });
		await until(rt, 's-paper-1', at('receipt', 'printed'), 10_000);

		const voucherNo = await voucherOf(payer.id);
		expect(paper().map((p) => p.complete)).toEqual([false, true, true]);
		const [torn, slip, whole] = paper().map((p) => receiptLines(p.receipt));
		expect(torn[0]).toBe('社会保险费缴费凭据');
		expect(torn).not.toContain('【补打】');
		expect(slip).toContain(VOID_SLIP_TEXT.void);
		expect(slip.join('\n')).not.toContain(voucherNo);
		expect(whole.slice(0, 2)).toEqual(['社会保险费缴费凭据', '【补打】']);
		expect(whole.join('\n')).toContain(voucherNo);
		expect(paper()[2].receipt.items.at(-1)).toMatchObject({ kind: 'cut' });
		expect(intent()).toMatchObject({ status: 'succeeded' });
		expect(JSON.parse(intent().outcome)).toMatchObject({ reprint: true });
	}, 30_000);

	it('cut off with the paper still in the printer: the partial copy, the void line and a cut, then the whole 补打 copy', async () => {
		// The cable drops after the 8th line reached the printer; the part printed stays on the roll.
		let lines = 0;
		const off = sim().printerCable.device.onData((chunk) => {
			for (const b of chunk) if (b === 0x0a && ++lines === 8) sim().printerCable.unplug();
		});
		const payer = await payByCard('s-cut-1');
		await until(rt, 's-cut-1', at('receipt', 'failed'), 10_000);
		off();
		expect(paper()).toHaveLength(0); // nothing cut yet: the partial copy hangs in the printer
		sim().printerCable.plug();
		await waitFor('printer OK', () => rt.devices.receiptPrinter.status().code === 'OK');
		rt.sessions.send('s-cut-1', { type: 'RETRY' });
		await until(rt, 's-cut-1', at('receipt', 'printed'), 10_000);

		const voucherNo = await voucherOf(payer.id);
		expect(paper().map((p) => p.complete)).toEqual([true, true]);
		const first = paper()[0].receipt;
		const firstLines = receiptLines(first);
		const voidAt = firstLines.indexOf(VOID_SLIP_TEXT.void);
		expect(firstLines[0]).toBe('社会保险费缴费凭据');
		expect(voidAt).toBeGreaterThanOrEqual(8);
		expect(firstLines.slice(0, voidAt).join('\n')).not.toContain(voucherNo);
		expect(first.items.filter((i) => i.kind === 'cut')).toHaveLength(1);
		expect(first.items.at(-1)).toMatchObject({ kind: 'cut' });
		const whole = receiptLines(paper()[1].receipt);
		expect(whole.slice(0, 2)).toEqual(['社会保险费缴费凭据', '【补打】']);
		expect(whole.join('\n')).toContain(voucherNo);
		expect(whole.filter((l) => l === VOID_SLIP_TEXT.void)).toHaveLength(0);
	}, 30_000);

	it('a job that failed before any byte reached the printer is printed as the first print: no void slip, no 补打', async () => {
		sim().printer.setPaper('out');
		const payer = await payByCard('s-zero-1');
		await until(rt, 's-zero-1', at('receipt', 'paperOut'), 10_000);
		expect(paper()).toHaveLength(0);
		sim().printer.setPaper('ok');
		rt.sessions.send('s-zero-1', { type: 'PAPER_LOADED' });
		await until(rt, 's-zero-1', at('receipt', 'printed'), 10_000);

		expect(paper()).toHaveLength(1);
		const lines = receiptLines(paper()[0].receipt);
		expect(paper()[0].complete).toBe(true);
		expect(lines).not.toContain('【补打】');
		expect(lines).not.toContain(VOID_SLIP_TEXT.void);
		expect(lines.join('\n')).toContain(await voucherOf(payer.id));
		expect(JSON.parse(intent().outcome)).toMatchObject({ reprint: false });
	}, 30_000);
});

describe('what the journal says about earlier attempts', () => {
	const row = (status: 'pending' | 'unknown', outcome: unknown) =>
		({ key: 's:receipt:0', windowSessionId: 's', action: 'receipt.print', payload: {}, status, outcome, createdAt: '', updatedAt: '' }) as const;

	it('an intent begun but never sent is a first print; one found mid-send after a crash assumes the worst', () => {
		expect(attemptsSoFar(row('pending', null))).toEqual({ reached: false, voidFirst: false });
		expect(attemptsSoFar(row('unknown', { reached: false, voidFirst: false, sending: true }))).toEqual({ reached: true, voidFirst: true });
		expect(attemptsSoFar(row('unknown', { reached: true, voidFirst: false, bytesSent: 0 }))).toEqual({ reached: true, voidFirst: false });
	});
});

describe('over a real serial line (socat pseudo-terminal pair)', () => {
	const pair = createPtyPair('whole-receipt');
	let deviceLink: SerialLink;
	let device: EscPosPrinterSimulator;
	let printer: EscPosReceiptPrinter;

	beforeAll(async () => {
		await pair.start();
		deviceLink = new SerialLink({ path: pair.b, baudRate: 115200, retry: { initialMs: 20, maxMs: 100 } });
		device = new EscPosPrinterSimulator(deviceLink);
		printer = createSerialReceiptPrinter({
			path: pair.a,
			baudRate: 115200,
			retry: { initialMs: 20, maxMs: 100 },
			model: 'generic-80mm',
			kick,
			drawerOpenSignal: 'high',
			replyTimeoutMs: 500,
			statusPollMs: 0,
			chunkBytes: 64
		});
		await waitFor('printer OK', () => printer.status().code === 'OK');
	});
	afterAll(async () => {
		await printer?.close();
		await deviceLink?.close();
		device?.detach();
		await pair.dispose();
	});

	it('prints 20 generated receipts in 64-byte chunks, each whole and decoded identical to its bytes', async () => {
		const chosen = receipts.filter((x) => x.model === 'generic-80mm').slice(0, 20);
		for (const [k, r] of chosen.entries()) {
			const result = await printer.print({ id: `pty-${r.n}`, document: r.document });
			expect({ n: r.n, outcome: result.outcome }).toEqual({ n: r.n, outcome: 'printed' });
			await waitFor('printout', () => device.printed().length === k + 1);
			const printout = device.printed()[k];
			expect(printout.complete).toBe(true);
			expect(printout.receipt).toEqual(paperOf(encodeReceipt(r.document, { profile: PRINTER_MODELS[r.model] }).bytes));
		}
	}, 60_000);
});
