// Issue 8, item 9: the virtual printer shows the last few receipts of this window, not the whole
// day of every window. The simulated printer learns which job each paper was printed for from the
// job marks the driver puts on the in-memory cable (ESC/POS carries no job id), and a window is
// shown only the paper of jobs that carry its id.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { receiptLines } from '../../drivers';
import { createVirtualReceiptPrinter, type VirtualReceiptPrinter } from '../../drivers/printer/virtual-receipt-printer';
import { printTestPage } from '../../src/lib/server/services/device-actions';
import { printoutsOfWindow } from '../../src/lib/server/services/window-jobs';
import { waitFor } from '../unit/drivers/wait-for';
import { tempRuntime } from './temp-runtime';
import { clerkAt, declareAt, until, type Rt } from './sessions/flow-helpers';

describe('each printout carries the job it was printed for', () => {
	let v: VirtualReceiptPrinter;
	beforeEach(async () => {
		v = createVirtualReceiptPrinter({
			model: 'generic-80mm',
			kick: { pin: 2, onMs: 100, offMs: 200 },
			drawerOpenSignal: 'high',
			replyTimeoutMs: 250,
			statusPollMs: 20,
			chunkBytes: 64
		});
		await waitFor('OK', () => v.printer.status().code === 'OK');
	});
	afterEach(() => v.printer.close());

	const text = (t: string) => ({ blocks: [{ kind: 'text' as const, text: t }] });

	it('one job after another, each paper tagged with its own job id', async () => {
		await v.printer.print({ id: 'W3-20261120-aa:receipt:0', document: text('甲') });
		await v.printer.print({ id: 'W5-test-1', document: text('乙') });
		expect(v.device.printed().map((p) => [p.jobId, receiptLines(p.receipt)[0]])).toEqual([
			['W3-20261120-aa:receipt:0', '甲'],
			['W5-test-1', '乙']
		]);
	});

	it('the part torn off when the paper ran out belongs to the job that ran out, the reprint to its own', async () => {
		const long = { blocks: Array.from({ length: 20 }, (_, i) => ({ kind: 'text' as const, text: `明细${i + 1}` })) };
		v.device.runOutOfPaperAfter(5);
		expect((await v.printer.print({ id: 'W3-x:receipt:0', document: long })).outcome).toBe('failed');
		v.device.setPaper('ok');
		await waitFor('OK', () => v.printer.status().code === 'OK');
		await v.printer.print({ id: 'W3-x:receipt:0:1', document: long });
		expect(v.device.printed().map((p) => [p.jobId, p.complete])).toEqual([
			['W3-x:receipt:0', false],
			['W3-x:receipt:0:1', true]
		]);
	});
});

describe("a window's virtual printer shows that window's last receipts only", () => {
	let rt: Rt & { dispose(): Promise<void> };
	beforeAll(async () => {
		rt = await tempRuntime();
	});
	afterAll(() => rt.dispose());

	it("window 3's receipt and test page are its own; window 5's test page is not shown at window 3", async () => {
		const three = clerkAt(rt, 'clerk01', 3);
		const five = clerkAt(rt, 'clerk02', 5);
		const visit = await declareAt(rt, three);
		rt.sessions.send(visit.id, { type: 'CHOOSE', channel: 'pos' } as never);
		await until(rt, visit.id, (x) => x.child?.id === 'receiptPrint' && x.child.step === 'printed', 15_000);
		expect((await printTestPage(rt, five)).ok).toBe(true);
		expect((await printTestPage(rt, three)).ok).toBe(true);
		expect((await printTestPage(rt, five)).ok).toBe(true);

		const all = rt.devices.simulated!.printer.printed();
		expect(all).toHaveLength(4);
		const atThree = printoutsOfWindow(all, 3, 5);
		expect(atThree.map((p) => p.jobId)).toEqual([`${visit.id}:receipt:0`, expect.stringMatching(/^W3-test-/)]);
		expect(receiptLines(atThree[0].receipt).join('\n')).toContain('太原示例机械制造有限公司');
		expect(receiptLines(atThree[1].receipt).join('\n')).toContain('3号窗口');
		const atFive = printoutsOfWindow(all, 5, 5);
		expect(atFive.map((p) => p.jobId)).toEqual([expect.stringMatching(/^W5-test-/), expect.stringMatching(/^W5-test-/)]);
		expect(printoutsOfWindow(all, 1, 5)).toEqual([]);
	});

	it('only the last few of the window are shown', async () => {
		const three = clerkAt(rt, 'clerk01', 3);
		for (let i = 0; i < 6; i++) await printTestPage(rt, three);
		const shown = printoutsOfWindow(rt.devices.simulated!.printer.printed(), 3, 5);
		expect(shown).toHaveLength(5);
		expect(shown.at(-1)).toBe(rt.devices.simulated!.printer.printed().at(-1));
		expect(shown.every((p) => p.jobId!.startsWith('W3-test-'))).toBe(true);
	});
});
