// The receipt printer as the rest of the counter sees it. Business layouts (which lines a
// card-payment receipt has) belong to the server; the printer takes a generic document.
import type { Device, DeviceOutcome, DeviceStatus, Unsubscribe } from '../status';
import type { CharReplacement } from './gbk-text';

export type Align = 'left' | 'center' | 'right';
export type TextSize = 'normal' | 'double' | 'double-width' | 'double-height';
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

export type ReceiptBlock =
	| { kind: 'text'; text: string; align?: Align; bold?: boolean; size?: TextSize }
	/** A label on the left and a value on the right of the same line (wrapped when too long). */
	| { kind: 'pair'; left: string; right: string; bold?: boolean }
	| { kind: 'rule'; char?: string }
	| { kind: 'feed'; lines: number }
	| { kind: 'qr'; data: string; align?: Align; moduleSize?: number; errorCorrection?: QrErrorCorrection };

export interface ReceiptDocument {
	readonly blocks: readonly ReceiptBlock[];
}

export interface ReceiptJob {
	/** Unique per receipt: a job whose id was already printed is not printed again. */
	readonly id: string;
	readonly document: ReceiptDocument;
	/** Kick the cash drawer once the receipt is cut (cash payments). */
	readonly openDrawer?: boolean;
}

export type PrintResult =
	| { outcome: 'printed'; jobId: string; bytes: number; replaced: CharReplacement[] }
	| { outcome: 'duplicate'; jobId: string }
	/**
	 * bytesSent: bytes of the job that may have reached the printer. 0: none did, nothing of it is on
	 * paper; more: part of it may be, so the paper is voided and the whole job printed again (补打).
	 */
	| { outcome: 'failed'; jobId: string; status: DeviceStatus; bytesSent: number };

/** What DLE EOT 1–4 tell about the printer. */
export interface PrinterFlags {
	readonly offline: boolean;
	readonly coverOpen: boolean;
	readonly paperEnd: boolean;
	readonly paperNearEnd: boolean;
	readonly drawerOpen: boolean;
	readonly cutterError: boolean;
	readonly unrecoverableError: boolean;
	readonly autoRecoverableError: boolean;
}

export interface PrinterReport {
	readonly status: DeviceStatus;
	/** Null when the printer did not answer (or the cable is out). */
	readonly flags: PrinterFlags | null;
}

export interface DrawerKick {
	/** Drawer kick-out connector pin. */
	readonly pin: 2 | 5;
	/** Pulse on and off time, in ms (sent in 2 ms units, 2–510 ms). */
	readonly onMs: number;
	readonly offMs: number;
}

export interface ReceiptPrinter extends Device {
	readonly kind: 'receipt-printer';
	print(job: ReceiptJob): Promise<PrintResult>;
	/** Feed and cut now (e.g. after the clerk tore off a jammed receipt). */
	cut(): Promise<DeviceOutcome>;
	/** Open the cash drawer through the printer's drawer kick-out connector. */
	kickDrawer(): Promise<DeviceOutcome>;
	/** Ask the printer now (DLE EOT 1–4). */
	queryStatus(): Promise<PrinterReport>;
	/** Every status read, including ones that changed nothing (the cash drawer follows it). */
	onReport(listener: (report: PrinterReport) => void): Unsubscribe;
}
