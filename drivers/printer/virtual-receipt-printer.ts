// Demo mode's receipt printer: the real driver talking over an in-memory cable to the printer
// simulator, so the screen shows exactly the bytes the driver would send to paper.
import { createMemoryCable, type MemoryCable } from '../transport/byte-link';
import { EscPosPrinterSimulator } from './printer-simulator';
import { EscPosReceiptPrinter, type EscPosPrinterOptions } from './serial-receipt-printer';

export interface VirtualReceiptPrinter {
	readonly printer: EscPosReceiptPrinter;
	readonly device: EscPosPrinterSimulator;
	/** Unplug and plug the simulated cable (demo of the reconnect path). */
	readonly cable: MemoryCable;
}

export function createVirtualReceiptPrinter(options: EscPosPrinterOptions): VirtualReceiptPrinter {
	const cable = createMemoryCable();
	const device = new EscPosPrinterSimulator(cable.device, options.drawerOpenSignal);
	const printer = new EscPosReceiptPrinter(cable.host, options);
	return { printer, device, cable };
}
