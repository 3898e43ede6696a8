// The counter's POS link protocol (pure codec). Acquirers' MIS protocols are private, so the
// terminal side speaks this framing; an acquirer adapter translates (see docs/hardware.md).
//
//   STX | LEN (2 bytes BCD, length of DATA) | DATA | ETX | LRC (XOR of LEN..ETX)
//   DATA = TYPE (2 ASCII) | SEQ (6 ASCII digits) | fields…
//   field = TAG (2 ASCII) | LLL (3 ASCII digits, byte length) | value (GB18030)
import iconv from 'iconv-lite';

export const STX = 0x02;
export const ETX = 0x03;

export type PosMessageType = 'SI' | 'SA' | 'VO' | 'RV' | 'ST' | 'QL' | 'QK';

const POS_FIELD_TAGS = {
	amount: 'AM',
	key: 'IK',
	responseCode: 'RC',
	reason: 'RM',
	terminalId: 'TI',
	merchantId: 'MI',
	batchNo: 'BN',
	voucherNo: 'VN',
	referenceNo: 'RN',
	cardNo: 'CN',
	time: 'TM',
	originalVoucherNo: 'OV',
	transactionType: 'TT',
	state: 'TS',
	/** A queried transaction's own response code and reason (RC/RM answer the query itself). */
	transactionCode: 'TC',
	transactionReason: 'TR',
	saleCount: 'SC',
	saleAmount: 'SS',
	voidCount: 'VC',
	voidAmount: 'VS'
} as const;

export type PosField = keyof typeof POS_FIELD_TAGS;
export type PosFields = Partial<Record<PosField, string>>;

export interface PosFrame {
	readonly type: PosMessageType;
	readonly seq: number;
	readonly fields: PosFields;
}

const TYPES = new Set<string>(['SI', 'SA', 'VO', 'RV', 'ST', 'QL', 'QK']);
const FIELD_BY_TAG = new Map<string, PosField>(Object.entries(POS_FIELD_TAGS).map(([field, tag]) => [tag, field as PosField]));
const MAX_DATA = 9999;

export function lrc(bytes: Uint8Array): number {
	let x = 0;
	for (const b of bytes) x ^= b;
	return x;
}

function toBcd(n: number): Uint8Array {
	const digits = n.toString().padStart(4, '0');
	return Uint8Array.of(parseInt(digits.slice(0, 2), 16), parseInt(digits.slice(2), 16));
}

function fromBcd(hi: number, lo: number): number | null {
	const text = ((hi << 8) | lo).toString(16).padStart(4, '0');
	return /^\d{4}$/.test(text) ? Number(text) : null;
}

export function encodePosFrame(frame: PosFrame): Uint8Array {
	if (!Number.isInteger(frame.seq) || frame.seq < 0 || frame.seq > 999_999) throw new RangeError('seq must be 0..999999');
	const parts: Uint8Array[] = [Buffer.from(frame.type + frame.seq.toString().padStart(6, '0'), 'ascii')];
	for (const [field, value] of Object.entries(frame.fields) as [PosField, string | undefined][]) {
		if (value === undefined) continue;
		const bytes = iconv.encode(value, 'gb18030');
		if (bytes.length > 999) throw new RangeError(`field ${field} is longer than 999 bytes`);
		parts.push(Buffer.from(POS_FIELD_TAGS[field] + bytes.length.toString().padStart(3, '0'), 'ascii'), bytes);
	}
	const data = Buffer.concat(parts);
	if (data.length > MAX_DATA) throw new RangeError('frame is longer than 9999 bytes');
	const body = Buffer.concat([toBcd(data.length), data, Uint8Array.of(ETX)]);
	return Buffer.concat([Uint8Array.of(STX), body, Uint8Array.of(lrc(body))]);
}

function parseData(data: Buffer): PosFrame | null {
	const head = data.subarray(0, 8).toString('ascii');
	if (data.length < 8 || !TYPES.has(head.slice(0, 2)) || !/^\d{6}$/.test(head.slice(2))) return null;
	const fields: PosFields = {};
	let i = 8;
	while (i < data.length) {
		if (i + 5 > data.length) return null;
		const tag = data.subarray(i, i + 2).toString('ascii');
		const lenText = data.subarray(i + 2, i + 5).toString('ascii');
		if (!/^\d{3}$/.test(lenText)) return null;
		const end = i + 5 + Number(lenText);
		if (end > data.length) return null;
		const field = FIELD_BY_TAG.get(tag);
		// Unknown tags are skipped: a newer terminal may send more than this driver reads.
		if (field) fields[field] = iconv.decode(data.subarray(i + 5, end), 'gb18030');
		i = end;
	}
	return { type: head.slice(0, 2) as PosMessageType, seq: Number(head.slice(2)), fields };
}

export interface PosDecodeResult {
	readonly frames: PosFrame[];
	/** Frames dropped for a bad checksum or layout; the sender's answer is then lost. */
	readonly rejected: number;
}

/** Streaming decoder: finds frames in whatever chunks the serial port delivers. */
export class PosFrameDecoder {
	private buf: Buffer = Buffer.alloc(0);

	push(chunk: Uint8Array): PosDecodeResult {
		this.buf = Buffer.concat([this.buf, chunk]);
		const frames: PosFrame[] = [];
		let rejected = 0;
		for (;;) {
			const start = this.buf.indexOf(STX);
			if (start < 0) {
				this.buf = Buffer.alloc(0);
				break;
			}
			this.buf = this.buf.subarray(start);
			if (this.buf.length < 3) break;
			const length = fromBcd(this.buf[1], this.buf[2]);
			if (length === null) {
				this.buf = this.buf.subarray(1);
				rejected++;
				continue;
			}
			const total = 1 + 2 + length + 2;
			if (this.buf.length < total) break;
			const body = this.buf.subarray(1, total - 1);
			const frame = this.buf[total - 2] === ETX && lrc(body) === this.buf[total - 1] ? parseData(this.buf.subarray(3, 3 + length)) : null;
			if (frame) {
				frames.push(frame);
				this.buf = this.buf.subarray(total);
			} else {
				// Resynchronise on the next STX: this one may have been noise.
				this.buf = this.buf.subarray(1);
				rejected++;
			}
		}
		return { frames, rejected };
	}
}
