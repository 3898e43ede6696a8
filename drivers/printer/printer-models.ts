// What differs between receipt printer models. All profiles use ESC/POS with the Chinese
// character mode (FS &) in GB18030, which is what printers sold in mainland China speak.

export type PrinterModelId = 'generic-80mm' | 'generic-58mm';

export interface PrinterProfile {
	readonly id: PrinterModelId;
	/** Half-width columns per line in font A (a Chinese character takes two). */
	readonly columns: number;
	/** 58 mm printers often have no cutter: the paper is fed to the tear bar instead. */
	readonly cutter: 'full' | 'partial' | 'none';
	/** QR module size in dots (GS ( k function 167). */
	readonly qrModuleSize: number;
}

export const PRINTER_MODELS: Record<PrinterModelId, PrinterProfile> = {
	'generic-80mm': { id: 'generic-80mm', columns: 48, cutter: 'partial', qrModuleSize: 6 },
	'generic-58mm': { id: 'generic-58mm', columns: 32, cutter: 'none', qrModuleSize: 5 }
};
