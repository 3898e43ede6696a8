// Builds every device from the configuration: real drivers on serial ports and CUPS, or the
// same drivers talking to simulators over in-memory cables.
import { PrinterCashDrawer, type CashDrawer } from './cash-drawer/cash-drawer';
import type { HardwareConfig } from './config';
import { DeviceHub } from './device-hub';
import type { FormPrinter } from './form-printer/form-printer';
import { PdfFormPrinter } from './form-printer/pdf-form-printer';
import { SimulatedIdCardReader, type IdCardReader } from './id-reader/id-card-reader';
import { PosSimulator } from './pos-terminal/pos-simulator';
import type { PosTerminal } from './pos-terminal/pos-terminal';
import { createSerialPosTerminal, FramedPosTerminal } from './pos-terminal/serial-pos-terminal';
import { EscPosPrinterSimulator } from './printer/printer-simulator';
import type { ReceiptPrinter } from './printer/receipt-printer';
import { createSerialReceiptPrinter, EscPosReceiptPrinter } from './printer/serial-receipt-printer';
import { deviceStatus } from './status';
import { createMemoryCable, type MemoryCable } from './transport/byte-link';
import type { SerialBinding } from './transport/serial-link';

/** Controls for the simulators: demo buttons and tests drive the "hardware" through these. */
export interface SimulatedHardware {
	readonly printer: EscPosPrinterSimulator;
	readonly printerCable: MemoryCable;
	readonly pos: PosSimulator;
	readonly posCable: MemoryCable;
	readonly idReader: SimulatedIdCardReader;
}

export interface Devices {
	readonly receiptPrinter: ReceiptPrinter;
	readonly posTerminal: PosTerminal;
	readonly cashDrawer: CashDrawer;
	readonly idReader: IdCardReader;
	readonly formPrinter: FormPrinter;
	readonly hub: DeviceHub;
	/** Null with real devices. */
	readonly simulated: SimulatedHardware | null;
	close(): Promise<void>;
}

export interface CreateDevicesOptions {
	/** Serial binding for real mode (binding-mock in tests); default: serialport's native one. */
	readonly binding?: SerialBinding;
	readonly now?: () => Date;
	/** Simulated mode: how long the "payer" takes at the POS before it answers. */
	readonly posProcessingMs?: number;
}

/** A receipt printer from configuration: over a memory cable to its simulator, or on its serial port. */
function buildReceiptPrinter(config: HardwareConfig, options: CreateDevicesOptions) {
	const rp = config.receiptPrinter;
	const printerOptions = {
		model: rp.model,
		kick: rp.drawerKick,
		drawerOpenSignal: rp.drawerOpenSignal,
		replyTimeoutMs: rp.replyTimeoutMs,
		statusPollMs: rp.statusPollMs
	};
	if (config.mode === 'simulated') {
		const printerCable = createMemoryCable();
		const printer = new EscPosPrinterSimulator(printerCable.device, rp.drawerOpenSignal);
		return { receiptPrinter: new EscPosReceiptPrinter(printerCable.host, printerOptions) as ReceiptPrinter, sim: { printer, printerCable } };
	}
	return {
		receiptPrinter: createSerialReceiptPrinter({ ...printerOptions, path: rp.path, baudRate: rp.baudRate, binding: options.binding }) as ReceiptPrinter,
		sim: null
	};
}

function buildFormPrinter(config: HardwareConfig): FormPrinter {
	return new PdfFormPrinter({
		fontPath: config.formPrinter.fontPath,
		fontName: config.formPrinter.fontName,
		outputDir: config.formPrinter.outputDir,
		cups: config.formPrinter.cupsPrinter ? { printer: config.formPrinter.cupsPrinter } : undefined
	});
}

/** A reader: the simulator, which says so when it stands in for a real reader without an adapter. */
function buildIdReader(config: HardwareConfig): SimulatedIdCardReader {
	// No vendor SDK adapter yet: the simulator stands in and says so (docs/hardware.md).
	return config.mode === 'simulated' ? new SimulatedIdCardReader() : new SimulatedIdCardReader(deviceStatus('SIMULATED'));
}

export function createDevices(config: HardwareConfig, options: CreateDevicesOptions = {}): Devices {
	const posOptions = { timeoutMs: config.pos.timeoutMs, queryTimeoutMs: config.pos.queryTimeoutMs };
	const formPrinter = buildFormPrinter(config);
	const { receiptPrinter, sim } = buildReceiptPrinter(config, options);
	const idReader = buildIdReader(config);
	let posTerminal: PosTerminal;
	let simulated: SimulatedHardware | null = null;
	if (sim) {
		const posCable = createMemoryCable();
		const pos = new PosSimulator(posCable.device, { now: options.now, processingMs: options.posProcessingMs });
		posTerminal = new FramedPosTerminal(posCable.host, posOptions);
		simulated = { ...sim, pos, posCable, idReader };
	} else {
		posTerminal = createSerialPosTerminal({ ...posOptions, path: config.pos.path, baudRate: config.pos.baudRate, binding: options.binding });
	}
	const cashDrawer = new PrinterCashDrawer(receiptPrinter);
	const hub = new DeviceHub([receiptPrinter, posTerminal, cashDrawer, idReader, formPrinter], options.now);
	return {
		receiptPrinter,
		posTerminal,
		cashDrawer,
		idReader,
		formPrinter,
		hub,
		simulated,
		async close() {
			await hub.close();
			simulated?.printer.detach();
			simulated?.pos.detach();
		}
	};
}

/** The simulators of a kiosk's devices, for the demo's buttons and the tests. */
export interface SimulatedKioskHardware {
	readonly printer: EscPosPrinterSimulator;
	readonly printerCable: MemoryCable;
	readonly idReader: SimulatedIdCardReader;
}

/** A self-service kiosk's own devices: its ID card reader, its receipt printer and its A4 printer (no POS, no drawer). */
export interface KioskDevices {
	readonly receiptPrinter: ReceiptPrinter;
	readonly idReader: IdCardReader;
	readonly formPrinter: FormPrinter;
	readonly hub: DeviceHub;
	/** Null with real devices. */
	readonly simulated: SimulatedKioskHardware | null;
	close(): Promise<void>;
}

export function createKioskDevices(config: HardwareConfig, options: CreateDevicesOptions = {}): KioskDevices {
	const formPrinter = buildFormPrinter(config);
	const { receiptPrinter, sim } = buildReceiptPrinter(config, options);
	const idReader = buildIdReader(config);
	const simulated = sim ? { ...sim, idReader } : null;
	const hub = new DeviceHub([idReader, receiptPrinter, formPrinter], options.now);
	return {
		receiptPrinter,
		idReader,
		formPrinter,
		hub,
		simulated,
		async close() {
			await hub.close();
			simulated?.printer.detach();
		}
	};
}
