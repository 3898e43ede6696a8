// The cash drawer hangs off the receipt printer's kick-out connector: it opens with the
// printer's pulse and reports open/closed through the printer's status (DLE EOT 1, pin 3).
import { DRAWER_TEXT } from '../messages';
import type { PrinterReport, ReceiptPrinter } from '../printer/receipt-printer';
import { deviceStatus, StatusTracker, TrackedDevice, type Device, type DeviceOutcome, type DeviceStatus, type Unsubscribe } from '../status';

export interface CashDrawer extends Device {
	readonly kind: 'cash-drawer';
	open(): Promise<DeviceOutcome>;
	/** Asks the printer now; null when the printer cannot tell (offline). */
	isOpen(): Promise<boolean | null>;
}

function statusOf(report: PrinterReport): DeviceStatus {
	if (!report.flags) return deviceStatus('OFFLINE', DRAWER_TEXT.printerDown);
	return report.flags.drawerOpen ? deviceStatus('DRAWER_OPEN') : deviceStatus('OK');
}

export class PrinterCashDrawer extends TrackedDevice implements CashDrawer {
	readonly kind = 'cash-drawer' as const;
	protected readonly tracker = new StatusTracker(deviceStatus('CONNECTING'));
	private readonly unsubscribe: Unsubscribe;

	constructor(private readonly printer: ReceiptPrinter) {
		super();
		this.unsubscribe = printer.onReport((report) => this.tracker.set(statusOf(report)));
	}

	open(): Promise<DeviceOutcome> {
		return this.printer.kickDrawer();
	}

	async isOpen(): Promise<boolean | null> {
		const report = await this.printer.queryStatus();
		return report.flags ? report.flags.drawerOpen : null;
	}

	/** The printer belongs to whoever built it; only the subscription ends here. */
	async close(): Promise<void> {
		this.unsubscribe();
	}
}
