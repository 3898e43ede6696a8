// The factory, the device hub and the ID-card reader, in simulated and real mode.
import { MockBinding } from '@serialport/binding-mock';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHardwareConfig } from '../../../drivers/config';
import { createDevices } from '../../../drivers/create-devices';
import { DeviceHub, type DeviceHealthChange } from '../../../drivers/device-hub';
import { SimulatedIdCardReader, type IdCardEvent } from '../../../drivers/id-reader/id-card-reader';
import { receiptLines } from '../../../drivers/printer/escpos-decoder';
import { deviceStatus, StatusTracker, type Device } from '../../../drivers/status';
import { waitFor } from './wait-for';

const dir = mkdtempSync(join(tmpdir(), 'sifee-devices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const card = { name: '李建国', idNumber: '140105199001011234', validFrom: '2015-03-01', validTo: '2035-03-01' };

describe('createDevices in simulated mode', () => {
	it('builds every device on simulators and drives them end to end', async () => {
		const config = parseHardwareConfig({
			mode: 'simulated',
			receiptPrinter: { statusPollMs: 20, replyTimeoutMs: 250 },
			// Generous: the suite runs this beside heavier files on two cores, and the simulated POS answers at once.
			pos: { timeoutMs: 3000, queryTimeoutMs: 3000 },
			formPrinter: { outputDir: join(dir, 'forms') }
		});
		const devices = createDevices(config, { now: () => new Date('2024-05-20T02:00:00Z') });
		const sim = devices.simulated!;
		await waitFor('all OK', () => devices.hub.snapshot().every((h) => h.status.code === 'OK'));
		expect(devices.hub.snapshot().map((h) => [h.kind, h.label])).toEqual([
			['receipt-printer', '小票打印机'],
			['pos-terminal', '银行卡POS机'],
			['cash-drawer', '钱箱'],
			['id-reader', '身份证读卡器'],
			['form-printer', 'A4表单打印机']
		]);

		const sale = await devices.posTerminal.sale({ key: 'demo-1', amountFen: 36000 });
		expect(sale.outcome).toBe('approved');
		await devices.receiptPrinter.print({ id: 'r-1', document: { blocks: [{ kind: 'text', text: '缴费成功' }] }, openDrawer: true });
		expect(receiptLines(sim.printer.printed()[0].receipt)).toEqual(['缴费成功']);
		await waitFor('drawer open', () => devices.cashDrawer.status().code === 'DRAWER_OPEN');

		const events: IdCardEvent[] = [];
		devices.idReader.onCard((e) => events.push(e));
		sim.idReader.place(card);
		expect(devices.idReader.current()).toEqual(card);
		sim.idReader.remove();
		expect(events).toEqual([{ type: 'placed', card }, { type: 'removed' }]);

		const changes: DeviceHealthChange[] = [];
		devices.hub.onChange((c) => changes.push(c));
		sim.printer.setPaper('out');
		await waitFor('PAPER_OUT reaches the hub', () => changes.some((c) => c.status.code === 'PAPER_OUT'));
		expect(changes.find((c) => c.status.code === 'PAPER_OUT')).toMatchObject({
			kind: 'receipt-printer',
			at: '2024-05-20T02:00:00.000Z',
			lastError: { code: 'PAPER_OUT' }
		});
		await devices.close();
	});
});

describe('createDevices in real mode', () => {
	it('opens the configured serial ports and says the ID-card reader is only simulated', async () => {
		MockBinding.reset();
		MockBinding.createPort('/dev/ttyPRN', { record: true });
		MockBinding.createPort('/dev/ttyPOS', { record: true });
		const config = parseHardwareConfig({
			mode: 'real',
			receiptPrinter: { path: '/dev/ttyPRN', replyTimeoutMs: 50, statusPollMs: 0 },
			pos: { path: '/dev/ttyPOS', timeoutMs: 100, queryTimeoutMs: 100 },
			formPrinter: { outputDir: join(dir, 'real-forms') }
		});
		const devices = createDevices(config, { binding: MockBinding });
		expect(devices.simulated).toBeNull();
		await waitFor('POS link up', () => devices.posTerminal.status().code === 'OK');
		// nobody answers DLE EOT on the mock port: the printer is not answering, its drawer offline
		await waitFor('printer NOT_RESPONDING', () => devices.receiptPrinter.status().code === 'NOT_RESPONDING');
		expect(devices.cashDrawer.status().code).toBe('OFFLINE');
		expect(devices.idReader.status()).toMatchObject({ level: 'warning', code: 'SIMULATED' });
		expect(await devices.posTerminal.signIn()).toMatchObject({ outcome: 'timeout' });
		await devices.close();
	});
});

describe('DeviceHub', () => {
	it('reports each change with the device, its last error and the time, and closes the devices', async () => {
		const tracker = new StatusTracker(deviceStatus('OK'));
		let closed = false;
		const printer: Device = {
			kind: 'form-printer',
			status: () => tracker.get(),
			lastError: () => tracker.lastError(),
			onStatus: (listener) => tracker.on(listener),
			close: async () => {
				closed = true;
			}
		};
		let t = 0;
		const hub = new DeviceHub([printer, new SimulatedIdCardReader()], () => new Date(Date.UTC(2024, 0, 1, 0, 0, t++)));
		const seen: DeviceHealthChange[] = [];
		hub.onChange((c) => seen.push(c));

		tracker.set(deviceStatus('PRINT_FAILED'));
		tracker.set(deviceStatus('PRINT_FAILED'));
		tracker.set(deviceStatus('OK'));
		expect(seen.map((c) => [c.status.code, c.lastError?.code, c.at])).toEqual([
			['PRINT_FAILED', 'PRINT_FAILED', '2024-01-01T00:00:00.000Z'],
			['OK', 'PRINT_FAILED', '2024-01-01T00:00:01.000Z']
		]);
		expect(hub.snapshot()[1]).toEqual({ kind: 'id-reader', label: '身份证读卡器', status: deviceStatus('OK'), lastError: null });
		await hub.close();
		expect(closed).toBe(true);
		tracker.set(deviceStatus('PRINT_FAILED'));
		expect(seen).toHaveLength(2);
	});
});
