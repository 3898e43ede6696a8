import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { createHardware } from '../../src/lib/server/hardware';
import { testReceipt } from '../../src/lib/server/services/test-receipt';
import { applySimulatorAction, demoIdCard, isSimulatorAction } from '../../src/lib/server/services/hardware-demo';
import { receiptLines } from '../../drivers';

describe("the server builds the window's devices from configuration", () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	beforeAll(async () => {
		rt = await tempRuntime();
	});
	afterAll(() => rt.dispose());

	it("uses the simulators in test and demo mode, and reports every device's health in Chinese", () => {
		expect(rt.devices.simulated).not.toBeNull();
		const health = rt.devices.hub.snapshot();
		expect(health.map((d) => d.kind).sort()).toEqual(['cash-drawer', 'form-printer', 'id-reader', 'pos-terminal', 'receipt-printer']);
		for (const d of health) expect(d.label).toMatch(/\p{Script=Han}/u);
	});

	it('defaults to the real devices in production, so a hall never charges on a simulator', async () => {
		const devices = createHardware('production', { SIFEE_PRINTER_PORT: '/nonexistent/printer', SIFEE_POS_PORT: '/nonexistent/pos' });
		try {
			expect(devices.simulated).toBeNull();
		} finally {
			await devices.close();
		}
	});

	it('prints the self-test page through the real driver, and the virtual printer shows what paper would', async () => {
		const sim = rt.devices.simulated!;
		const result = await rt.devices.receiptPrinter.print({
			id: 'test-1',
			document: testReceipt({ windowNo: 3, clerkName: '李晓红（演示）', time: '2026-11-20 09:30:00' })
		});
		expect(result.outcome).toBe('printed');
		const printout = sim.printer.printed().at(-1)!;
		expect(printout.complete).toBe(true);
		const text = receiptLines(printout.receipt).join('\n');
		expect(text).toContain('小票打印机测试页');
		expect(text).toContain('￥1,234.56');
		expect(text).toContain('壹仟贰佰叁拾肆元伍角陆分');
		expect(printout.receipt.items).toContainEqual(expect.objectContaining({ kind: 'qr', data: 'SIFEE-TEST' }));
	});

	it('reports paper out from the demo controls and refuses to call the job printed', async () => {
		const sim = rt.devices.simulated!;
		applySimulatorAction(sim, 'paper-out', demoIdCard({ name: 'x', identifier: 'y' }));
		const result = await rt.devices.receiptPrinter.print({
			id: 'test-2',
			document: testReceipt({ windowNo: 3, clerkName: 'x', time: 't' })
		});
		expect(result).toMatchObject({ outcome: 'failed', status: { code: 'PAPER_OUT', level: 'error' } });
		applySimulatorAction(sim, 'paper-ok', demoIdCard({ name: 'x', identifier: 'y' }));
	});

	it('places a demo ID card on the simulated reader and takes it away', () => {
		const sim = rt.devices.simulated!;
		applySimulatorAction(sim, 'card-place', demoIdCard({ name: '张伟（演示）', identifier: '140105196803121013' }));
		expect(rt.devices.idReader.current()).toMatchObject({ name: '张伟（演示）', idNumber: '140105196803121013' });
		applySimulatorAction(sim, 'card-remove', demoIdCard({ name: 'x', identifier: 'y' }));
		expect(rt.devices.idReader.current()).toBeNull();
	});

	it('accepts only the named simulator actions', () => {
		expect(isSimulatorAction('paper-out')).toBe(true);
		expect(isSimulatorAction('pos-next:lose-answer')).toBe(true);
		expect(isSimulatorAction('pos-next:format-disk')).toBe(false);
		expect(isSimulatorAction('constructor')).toBe(false);
	});
});
