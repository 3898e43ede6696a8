// Text for a GBK/GB18030 printer. Thermal printers in Chinese mode print two-byte GBK characters;
// GB18030's four-byte sequences (rare characters, emoji, and even U+00A5 ¥) come out as garbage,
// so they are replaced before printing. The caller keeps the original text in the journal.
import iconv from 'iconv-lite';

export interface CharReplacement {
	readonly original: string;
	readonly replacement: string;
}

export interface PrintableText {
	readonly text: string;
	readonly replaced: CharReplacement[];
}

/** Characters whose printable twin means the same thing: replaced without a notice. */
const EQUIVALENTS: Record<string, string> = {
	'\u00A5': '\uFFE5', // ¥ → ￥: U+00A5 is four bytes in GB18030
	'\t': ' '
};

/** Look-alikes for common non-GBK characters; anything else becomes '?'. */
const LOOK_ALIKES: Record<string, string> = {
	'\u00A0': ' ',
	'\u2022': '·',
	'\u2027': '·',
	'\u2219': '·'
};

const printableCache = new Map<number, boolean>();

/** True when the printer can print the code point: ASCII or a two-byte GBK character. */
function isGbkPrintable(codePoint: number): boolean {
	if (codePoint >= 0x20 && codePoint < 0x7f) return true;
	if (codePoint < 0x80) return false; // control characters could smuggle in printer commands
	const cached = printableCache.get(codePoint);
	if (cached !== undefined) return cached;
	const ch = String.fromCodePoint(codePoint);
	const bytes = iconv.encode(ch, 'gbk');
	// iconv's GBK writes '?' for unmapped characters; a single byte ≥ 0x80 (CP936's €) is not
	// a character on GBK printers either.
	const ok = bytes.length === 2 && iconv.decode(bytes, 'gbk') === ch;
	printableCache.set(codePoint, ok);
	return ok;
}

function lookAlike(ch: string): string {
	const mapped = LOOK_ALIKES[ch];
	if (mapped) return mapped;
	// Latin letters with accents outside GBK (ñ, ç…) lose only the accent.
	const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
	if (base && base !== ch && [...base].every((c) => isGbkPrintable(c.codePointAt(0)!))) return base;
	return '?';
}

/** Replace what the printer cannot print; report each replacement that changes meaning. */
export function toPrintable(text: string): PrintableText {
	let out = '';
	const replaced: CharReplacement[] = [];
	for (const ch of text) {
		const cp = ch.codePointAt(0)!;
		if (isGbkPrintable(cp)) {
			out += ch;
			continue;
		}
		const equivalent = EQUIVALENTS[ch];
		if (equivalent) {
			out += equivalent;
			continue;
		}
		const replacement = lookAlike(ch);
		out += replacement;
		replaced.push({ original: ch, replacement });
	}
	return { text: out, replaced };
}

/** Width in half-width columns: in Chinese mode every two-byte character is full width. */
export function displayWidth(printable: string): number {
	let width = 0;
	for (const ch of printable) width += ch.codePointAt(0)! < 0x80 ? 1 : 2;
	return width;
}

export function encodeGb18030(printable: string): Buffer {
	return iconv.encode(printable, 'gb18030');
}

export function decodeGb18030(bytes: Uint8Array): string {
	return iconv.decode(Buffer.from(bytes), 'gb18030');
}

/**
 * Bytes of the GB18030 character that starts at `i`: 1 (ASCII, or a byte that cannot lead), 2, or
 * 4 (lead byte then a digit); 0 when the bytes so far end after the lead byte and cannot tell.
 */
export function gb18030CharLength(bytes: Uint8Array, i: number): number {
	const lead = bytes[i];
	if (lead < 0x81 || lead > 0xfe) return 1;
	if (i + 1 >= bytes.length) return 0;
	const second = bytes[i + 1];
	return second >= 0x30 && second <= 0x39 ? 4 : 2;
}
