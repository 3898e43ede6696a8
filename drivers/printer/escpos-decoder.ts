// Pure ESC/POS decoder: bytes in, the receipt a printer would produce out. The virtual printer
// uses it to show on screen exactly what paper would show, and tests assert printed content
// through it.
import { decodeGb18030, displayWidth, gb18030CharLength } from './gbk-text';
import type { Align, QrErrorCorrection } from './receipt-printer';

export type EscPosToken =
	| { t: 'text'; bytes: Uint8Array }
	| { t: 'lf' }
	| { t: 'init' }
	| { t: 'chinese'; on: boolean }
	| { t: 'align'; align: Align }
	| { t: 'bold'; on: boolean }
	| { t: 'size'; width: number; height: number }
	| { t: 'feed'; lines: number }
	| { t: 'qr'; fn: number; params: Uint8Array }
	| { t: 'cut'; partial: boolean }
	| { t: 'kick'; pin: 2 | 5; onMs: number; offMs: number }
	| { t: 'status-request'; n: number }
	/** A known command with no visible effect here (line spacing, font, code table…). */
	| { t: 'ignored'; bytes: Uint8Array }
	| { t: 'unknown'; bytes: Uint8Array };

export interface DecodedSpan {
	readonly text: string;
	readonly bold: boolean;
	/** Character width and height multipliers (GS !). */
	readonly width: number;
	readonly height: number;
}

export type DecodedItem =
	| { kind: 'line'; align: Align; text: string; spans: DecodedSpan[] }
	| { kind: 'qr'; align: Align; data: string; model: number; moduleSize: number; errorCorrection: QrErrorCorrection }
	| { kind: 'feed'; lines: number }
	| { kind: 'cut'; partial: boolean }
	| { kind: 'kick'; pin: 2 | 5; onMs: number; offMs: number }
	| { kind: 'unknown'; hex: string };

export interface DecodedReceipt {
	readonly items: DecodedItem[];
}

const ALIGNS: Align[] = ['left', 'center', 'right'];
const ECC: Record<number, QrErrorCorrection> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };

/** Bytes a command needs, given the bytes seen so far; 0 when more bytes are needed to know. */
function commandLength(buf: Uint8Array, i: number): number {
	const avail = buf.length - i;
	if (avail < 2) return 0;
	const [c0, c1] = [buf[i], buf[i + 1]];
	if (c0 === 0x1b) {
		if (c1 === 0x40 || c1 === 0x32) return 2;
		if (c1 === 0x70) return 5;
		if ([0x61, 0x45, 0x64, 0x21, 0x2d, 0x33, 0x4a, 0x4d, 0x74, 0x47].includes(c1)) return 3;
		return 2;
	}
	if (c0 === 0x1d) {
		if (c1 === 0x56) {
			if (avail < 3) return 0;
			return buf[i + 2] === 0x41 || buf[i + 2] === 0x42 ? 4 : 3;
		}
		if (c1 === 0x28) {
			if (avail < 5) return 0;
			return 5 + buf[i + 3] + buf[i + 4] * 256;
		}
		if (c1 === 0x21 || c1 === 0x42) return 3;
		if (c1 === 0x4c || c1 === 0x57) return 4;
		return 2;
	}
	if (c0 === 0x1c) return c1 === 0x21 || c1 === 0x43 ? 3 : 2;
	if (c0 === 0x10) {
		if (c1 === 0x04 || c1 === 0x05) return 3;
		if (c1 === 0x14) return 5;
		return 1;
	}
	return 1;
}

function tokenFor(cmd: Uint8Array): EscPosToken[] {
	const [c0, c1, n] = cmd;
	if (c0 === 0x0a) return [{ t: 'lf' }];
	if (c0 === 0x0d) return [{ t: 'ignored', bytes: cmd }];
	if (c0 === 0x1b) {
		switch (c1) {
			case 0x40:
				return [{ t: 'init' }];
			case 0x61:
				return [{ t: 'align', align: ALIGNS[n % 48] ?? 'left' }];
			case 0x45:
				return [{ t: 'bold', on: (n & 1) === 1 }];
			case 0x64:
				return [{ t: 'feed', lines: n }];
			case 0x21: // ESC ! n: bold bit 3, double height bit 4, double width bit 5
				return [
					{ t: 'bold', on: (n & 0x08) !== 0 },
					{ t: 'size', width: n & 0x20 ? 2 : 1, height: n & 0x10 ? 2 : 1 }
				];
			case 0x70:
				return [{ t: 'kick', pin: n % 48 === 0 ? 2 : 5, onMs: cmd[3] * 2, offMs: cmd[4] * 2 }];
			case 0x32:
			case 0x2d:
			case 0x33:
			case 0x4a:
			case 0x4d:
			case 0x74:
			case 0x47:
				return [{ t: 'ignored', bytes: cmd }];
		}
	}
	if (c0 === 0x1d) {
		if (c1 === 0x21) return [{ t: 'size', width: ((n >> 4) & 7) + 1, height: (n & 7) + 1 }];
		if (c1 === 0x56) return [{ t: 'cut', partial: n === 1 || n === 49 || n === 0x42 }];
		if (c1 === 0x28 && cmd[2] === 0x6b && cmd[5] === 0x31) return [{ t: 'qr', fn: cmd[6], params: cmd.subarray(7) }];
		if (c1 === 0x42 || c1 === 0x4c || c1 === 0x57) return [{ t: 'ignored', bytes: cmd }];
	}
	if (c0 === 0x1c) {
		if (c1 === 0x26) return [{ t: 'chinese', on: true }];
		if (c1 === 0x2e) return [{ t: 'chinese', on: false }];
		if (c1 === 0x21 || c1 === 0x43) return [{ t: 'ignored', bytes: cmd }];
	}
	if (c0 === 0x10) {
		if (c1 === 0x04) return [{ t: 'status-request', n }];
		if (c1 === 0x05) return [{ t: 'ignored', bytes: cmd }];
	}
	return [{ t: 'unknown', bytes: cmd }];
}

/**
 * Streaming tokenizer that reads like a printer: it keeps an incomplete command or character until
 * the rest of it arrives, and bytes inside a command's parameters or inside a multi-byte character
 * are data — a DLE EOT there is not a status request (only one at a command boundary is).
 */
export class EscPosParser {
	private pending: Uint8Array = new Uint8Array(0);
	/** FS & / FS . — in Chinese mode a lead byte takes the next one (or three) with it. */
	private chinese = true;

	push(chunk: Uint8Array): EscPosToken[] {
		const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
		const tokens: EscPosToken[] = [];
		let i = 0;
		while (i < buf.length) {
			if (buf[i] >= 0x20) {
				const end = this.textEnd(buf, i);
				if (end === i) break;
				tokens.push({ t: 'text', bytes: buf.slice(i, end) });
				i = end;
				continue;
			}
			const length = buf[i] === 0x1b || buf[i] === 0x1d || buf[i] === 0x1c || buf[i] === 0x10 ? commandLength(buf, i) : 1;
			if (length === 0 || i + length > buf.length) break;
			for (const token of tokenFor(buf.slice(i, i + length))) {
				if (token.t === 'init') this.chinese = true;
				else if (token.t === 'chinese') this.chinese = token.on;
				tokens.push(token);
			}
			i += length;
		}
		this.pending = buf.slice(i);
		return tokens;
	}

	/** End of the run of whole characters that starts at `i` (a character cut short waits). */
	private textEnd(buf: Uint8Array, i: number): number {
		let end = i;
		while (end < buf.length && buf[end] >= 0x20) {
			const length = this.chinese ? gb18030CharLength(buf, end) : 1;
			if (length === 0 || end + length > buf.length) break;
			end += length;
		}
		return end;
	}
}

/** Turns tokens into receipt items, keeping the printer's mode state between pushes. */
export class ReceiptAssembler {
	private items: DecodedItem[] = [];
	private chinese = true; // printers sold in China start in Chinese mode
	private align: Align = 'left';
	private lineAlign: Align | null = null;
	private bold = false;
	private width = 1;
	private height = 1;
	private spans: DecodedSpan[] = [];
	private text: Uint8Array[] = [];
	private qr = { model: 2, moduleSize: 3, errorCorrection: 'L' as QrErrorCorrection, data: '' };

	push(tokens: readonly EscPosToken[]): void {
		for (const token of tokens) this.apply(token);
	}

	/** Items decoded so far (a line still in the buffer is printed first, as a cut would). */
	take(): DecodedReceipt {
		this.endLine(false);
		const items = this.items;
		this.items = [];
		return { items };
	}

	private apply(token: EscPosToken): void {
		switch (token.t) {
			case 'text':
				this.lineAlign ??= this.align;
				this.text.push(token.bytes);
				return;
			case 'lf':
				this.endLine(true);
				return;
			case 'init':
				// ESC @ clears the print buffer and resets every mode.
				this.spans = [];
				this.text = [];
				this.lineAlign = null;
				this.chinese = true;
				this.align = 'left';
				this.bold = false;
				this.width = this.height = 1;
				return;
			case 'chinese':
				this.flushSpan();
				this.chinese = token.on;
				return;
			case 'align':
				this.align = token.align;
				return;
			case 'bold':
				this.flushSpan();
				this.bold = token.on;
				return;
			case 'size':
				this.flushSpan();
				this.width = token.width;
				this.height = token.height;
				return;
			case 'feed':
				this.endLine(false);
				this.items.push({ kind: 'feed', lines: token.lines });
				return;
			case 'qr':
				this.applyQr(token.fn, token.params);
				return;
			case 'cut':
				this.endLine(false);
				this.items.push({ kind: 'cut', partial: token.partial });
				return;
			case 'kick':
				this.items.push({ kind: 'kick', pin: token.pin, onMs: token.onMs, offMs: token.offMs });
				return;
			case 'unknown':
				this.items.push({ kind: 'unknown', hex: Buffer.from(token.bytes).toString('hex') });
				return;
			case 'status-request':
			case 'ignored':
				return;
		}
	}

	private applyQr(fn: number, params: Uint8Array): void {
		if (fn === 0x41) this.qr.model = params[0] - 48;
		else if (fn === 0x43) this.qr.moduleSize = params[0];
		else if (fn === 0x45) this.qr.errorCorrection = ECC[params[0]] ?? 'L';
		else if (fn === 0x50) this.qr.data = Buffer.from(params.subarray(1)).toString('utf8');
		else if (fn === 0x51) {
			this.endLine(false);
			const { model, moduleSize, errorCorrection, data } = this.qr;
			this.items.push({ kind: 'qr', align: this.align, data, model, moduleSize, errorCorrection });
		}
	}

	private flushSpan(): void {
		if (this.text.length === 0) return;
		const bytes = Buffer.concat(this.text);
		this.text = [];
		const text = this.chinese ? decodeGb18030(bytes) : bytes.toString('latin1');
		this.spans.push({ text, bold: this.bold, width: this.width, height: this.height });
	}

	/** LF prints the line even when empty; feed, cut and QR print only what is buffered. */
	private endLine(forced: boolean): void {
		this.flushSpan();
		if (!forced && this.spans.length === 0) return;
		const spans = this.spans;
		this.items.push({
			kind: 'line',
			align: this.lineAlign ?? this.align,
			text: spans.map((s) => s.text).join(''),
			spans
		});
		this.spans = [];
		this.lineAlign = null;
	}
}

export function decodeEscPos(bytes: Uint8Array): DecodedReceipt {
	const assembler = new ReceiptAssembler();
	assembler.push(new EscPosParser().push(bytes));
	return assembler.take();
}

/** The text lines of a decoded receipt, in order (QR codes and cuts left out). */
export function receiptLines(receipt: DecodedReceipt): string[] {
	return receipt.items.flatMap((item) => (item.kind === 'line' ? [item.text] : []));
}

/** Plain-text picture of the paper, for logs, tests and the demo screen. */
export function renderReceiptText(receipt: DecodedReceipt, columns = 48): string {
	const out: string[] = [];
	const place = (text: string, width: number, align: Align) => {
		const free = Math.max(0, columns - width);
		const left = align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0;
		out.push(' '.repeat(left) + text);
	};
	for (const item of receipt.items) {
		switch (item.kind) {
			case 'line': {
				const width = item.spans.reduce((sum, s) => sum + displayWidth(s.text) * s.width, 0);
				place(item.text, width, item.align);
				break;
			}
			case 'qr': {
				const text = `[二维码 ${item.data}]`;
				place(text, displayWidth(text), item.align);
				break;
			}
			case 'feed':
				for (let i = 0; i < item.lines; i++) out.push('');
				break;
			case 'cut':
				out.push('-'.repeat(Math.floor(columns / 2) - 2) + ' ✂ ' + '-'.repeat(Math.ceil(columns / 2) - 1));
				break;
			case 'kick':
			case 'unknown':
				break;
		}
	}
	return out.join('\n');
}
