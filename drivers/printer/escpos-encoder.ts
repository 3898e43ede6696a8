// Pure ESC/POS encoder: a generic receipt document in, the exact bytes for the printer out.
// Written here rather than taken from an npm package: see docs/hardware.md (escpos pulls native
// USB/Bluetooth builds; @node-escpos/core sends a non-standard QR command).
import { PRINTER_TEXT } from '../messages';
import { displayWidth, encodeGb18030, gb18030CharLength, toPrintable, type CharReplacement } from './gbk-text';
import type { PrinterProfile } from './printer-models';
import type { Align, DrawerKick, QrErrorCorrection, ReceiptDocument, TextSize } from './receipt-printer';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const EOT = 0x04;
const LF = 0x0a;

const INIT = Uint8Array.of(ESC, 0x40);
/** FS & — Chinese character mode: two-byte GB18030 text from here on. */
const CHINESE_MODE = Uint8Array.of(FS, 0x26);

const ALIGN_CODE: Record<Align, number> = { left: 0, center: 1, right: 2 };
// GS ! n: bits 4–6 width multiplier − 1, bits 0–2 height multiplier − 1.
const SIZE_CODE: Record<TextSize, number> = { normal: 0x00, 'double-width': 0x10, 'double-height': 0x01, double: 0x11 };
const ECC_CODE: Record<QrErrorCorrection, number> = { L: 48, M: 49, Q: 50, H: 51 };

function alignCommand(align: Align): Uint8Array {
	return Uint8Array.of(ESC, 0x61, ALIGN_CODE[align]);
}

function boldCommand(on: boolean): Uint8Array {
	return Uint8Array.of(ESC, 0x45, on ? 1 : 0);
}

function sizeCommand(size: TextSize): Uint8Array {
	return Uint8Array.of(GS, 0x21, SIZE_CODE[size]);
}

function feedCommand(lines: number): Uint8Array {
	return Uint8Array.of(ESC, 0x64, clampByte(lines, 0));
}

/** DLE EOT n — real-time status request, n = 1 printer, 2 offline cause, 3 error cause, 4 paper. */
export function statusRequest(n: 1 | 2 | 3 | 4): Uint8Array {
	return Uint8Array.of(DLE, EOT, n);
}

/**
 * The five GS ( k commands of a QR code: model 2, module size, error correction, store, print.
 * Each is one command (the store command carries the data), never to be split.
 */
export function qrCommands(data: string, moduleSize: number, ecc: QrErrorCorrection): Uint8Array[] {
	const payload = Buffer.from(data, 'utf8');
	const storeLength = payload.length + 3;
	if (payload.length === 0 || storeLength > 0xffff) throw new RangeError('QR data must be 1..65532 bytes');
	if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > 16) {
		throw new RangeError('QR module size must be 1..16');
	}
	return [
		Uint8Array.of(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0), // fn 165: model 2
		Uint8Array.of(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleSize), // fn 167: module size
		Uint8Array.of(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, ECC_CODE[ecc]), // fn 169: error correction
		Buffer.concat([Uint8Array.of(GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30), payload]), // fn 180: store
		Uint8Array.of(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30) // fn 181: print
	];
}

/**
 * GS V 65/66 0: feed to the cutter and cut. Printers without a cutter get the paper fed to the
 * tear bar first; they ignore GS V, which still marks the end of the job in the byte stream.
 */
export function cutCommand(profile: PrinterProfile): Uint8Array {
	const cut = Uint8Array.of(GS, 0x56, profile.cutter === 'full' ? 0x41 : 0x42, 0);
	return profile.cutter === 'none' ? Buffer.concat([feedCommand(4), cut]) : cut;
}

/** ESC p m t1 t2 — pulse on pin 2 (m = 0) or pin 5 (m = 1) for t1 × 2 ms, then off t2 × 2 ms. */
export function kickCommand(kick: DrawerKick): Uint8Array {
	const on = clampByte(Math.round(kick.onMs / 2), 1);
	const off = Math.max(on, clampByte(Math.round(kick.offMs / 2), 1));
	return Uint8Array.of(ESC, 0x70, kick.pin === 2 ? 0 : 1, on, off);
}

function clampByte(n: number, min: number): number {
	return Math.min(255, Math.max(min, Math.trunc(n)));
}

export interface EncodeOptions {
	readonly profile: PrinterProfile;
	/** Appended after the cut, so the drawer opens when the receipt is done. */
	readonly kick?: DrawerKick;
}

export interface EncodedReceipt {
	readonly bytes: Uint8Array;
	/**
	 * Offsets where the bytes may be split for sending, ascending and ending with bytes.length:
	 * between whole commands and between whole characters. A split anywhere else puts whatever
	 * comes next (a status query) inside a command's parameters or a character.
	 */
	readonly splitPoints: number[];
	/** Characters the printer could not print; the caller records the original text. */
	readonly replaced: CharReplacement[];
}

// Chinese typesetting never starts a line with closing punctuation.
const NO_LINE_START = new Set([...'，。、；：！？）》」』”’,.;:!?)']);

/** Split printable text into lines of at most `width` columns, never inside a character. */
export function wrapToWidth(text: string, width: number): string[] {
	const lines: string[] = [];
	let line: string[] = [];
	let used = 0;
	for (const ch of text) {
		const w = displayWidth(ch);
		if (used + w > width && line.length > 0) {
			const carried = NO_LINE_START.has(ch) && line.length > 1 ? line.splice(-1) : [];
			lines.push(line.join(''));
			line = carried;
			used = displayWidth(carried.join(''));
		}
		line.push(ch);
		used += w;
	}
	lines.push(line.join(''));
	return lines;
}

class Writer {
	private readonly parts: Uint8Array[] = [];
	private length = 0;
	readonly splitPoints: number[] = [];
	private align: Align = 'left';
	private bold = false;
	private size: TextSize = 'normal';
	readonly replaced: CharReplacement[] = [];

	/** One whole command (or several that belong together): the job may be split only after it. */
	raw(bytes: Uint8Array): void {
		this.parts.push(bytes);
		this.length += bytes.length;
		this.splitPoints.push(this.length);
	}

	/** Style changes are sent only when they change something: fewer bytes on a slow line. */
	style(align: Align, bold: boolean, size: TextSize): void {
		if (align !== this.align) this.raw(alignCommand((this.align = align)));
		if (bold !== this.bold) this.raw(boldCommand((this.bold = bold)));
		if (size !== this.size) this.raw(sizeCommand((this.size = size)));
	}

	printable(text: string): string {
		const result = toPrintable(text);
		this.replaced.push(...result.replaced);
		return result.text;
	}

	/** A line of text: the job may be split between any two of its characters. */
	line(printable: string): void {
		const text = encodeGb18030(printable);
		this.parts.push(text);
		for (let i = 0; i < text.length;) {
			i += gb18030CharLength(text, i);
			this.splitPoints.push(this.length + i);
		}
		this.length += text.length;
		this.raw(Uint8Array.of(LF));
	}

	bytes(): Uint8Array {
		return Buffer.concat(this.parts);
	}
}

function widthFactor(size: TextSize): number {
	return size === 'double' || size === 'double-width' ? 2 : 1;
}

export function encodeReceipt(doc: ReceiptDocument, options: EncodeOptions): EncodedReceipt {
	const { profile } = options;
	const columns = profile.columns;
	const w = new Writer();
	w.raw(INIT);
	w.raw(CHINESE_MODE);

	for (const block of doc.blocks) {
		switch (block.kind) {
			case 'text': {
				const size = block.size ?? 'normal';
				w.style(block.align ?? 'left', block.bold ?? false, size);
				for (const source of block.text.split(/\r?\n/)) {
					const width = Math.floor(columns / widthFactor(size));
					for (const line of wrapToWidth(w.printable(source), width)) w.line(line);
				}
				break;
			}
			case 'pair': {
				w.style('left', block.bold ?? false, 'normal');
				const left = w.printable(block.left);
				const right = w.printable(block.right);
				const gap = columns - displayWidth(left) - displayWidth(right);
				if (gap >= 1) {
					w.line(left + ' '.repeat(gap) + right);
				} else {
					for (const line of wrapToWidth(left, columns)) w.line(line);
					for (const line of wrapToWidth(right, columns)) w.line(' '.repeat(columns - displayWidth(line)) + line);
				}
				break;
			}
			case 'rule': {
				w.style('left', false, 'normal');
				const ch = w.printable(block.char ?? '-');
				w.line(ch.repeat(Math.max(1, Math.floor(columns / Math.max(1, displayWidth(ch))))));
				break;
			}
			case 'feed':
				w.raw(feedCommand(block.lines));
				break;
			case 'qr':
				w.style(block.align ?? 'center', false, 'normal');
				for (const command of qrCommands(block.data, block.moduleSize ?? profile.qrModuleSize, block.errorCorrection ?? 'M')) w.raw(command);
				break;
		}
	}

	if (w.replaced.length > 0) {
		w.style('left', false, 'normal');
		for (const line of wrapToWidth(PRINTER_TEXT.replacedNotice, columns)) w.line(line);
	}
	w.raw(cutCommand(profile));
	if (options.kick) w.raw(kickCommand(options.kick));
	return { bytes: w.bytes(), splitPoints: w.splitPoints, replaced: w.replaced };
}
