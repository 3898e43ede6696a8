// The counter's POS link protocol (pure codec). Acquirers' MIS protocols are private, so the
// terminal side speaks this framing; an acquirer adapter translates (see docs/hardware.md).
//
//   STX | LEN (2 bytes BCD, length of DATA) | DATA | ETX | LRC (XOR of LEN..ETX)
//   DATA = TYPE (2 ASCII) | SEQ (6 ASCII digits) | fields…
//   field = TAG (2 ASCII) | LLL (3 ASCII digits, byte length) | value (GB18030)
//   record = 'DR' | LLL | fields… (a list item, e.g. one sale of the batch detail; repeated)
// DATA holds at most 9999 bytes (the BCD length): a long list comes in pages (see recordsThatFit).
import iconv from 'iconv-lite';

export const STX = 0x02;
export const ETX = 0x03;

/** BD: 交易明细, one page of the open batch's sales. */
export type PosMessageType = 'SI' | 'SA' | 'VO' | 'RV' | 'ST' | 'QL' | 'QK' | 'BD';

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
	voidAmount: 'VS',
	/** Batch detail: the index of a page's first record, and how many records the whole list has. */
	offset: 'PO',
	total: 'DT'
} as const;

const RECORD_TAG = 'DR';

export type PosField = keyof typeof POS_FIELD_TAGS;
export type PosFields = Partial<Record<PosField, string>>;

export interface PosFrame {
	readonly type: PosMessageType;
	readonly seq: number;
	readonly fields: PosFields;
	/** List items after the fields, in order; absent when the frame carries none. */
	readonly records?: readonly PosFields[];
}

const TYPES = new Set<string>(['SI', 'SA', 'VO', 'RV', 'ST', 'QL', 'QK', 'BD']);
const FIELD_BY_TAG = new Map<string, PosField>(Object.entries(POS_FIELD_TAGS).map(([field, tag]) => [tag, field as PosField]));
const MAX_DATA = 9999;
/** TYPE and SEQ. */
const HEAD = 8;
/** TAG and LLL. */
const TLV_HEAD = 5;

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

function tlv(tag: string, value: Uint8Array, what: string): Uint8Array[] {
	if (value.length > 999) throw new RangeError(`${what} is longer than 999 bytes`);
	return [Buffer.from(tag + value.length.toString().padStart(3, '0'), 'ascii'), value];
}

function encodeFields(fields: PosFields): Buffer {
	const parts: Uint8Array[] = [];
	for (const [field, value] of Object.entries(fields) as [PosField, string | undefined][]) {
		if (value !== undefined) parts.push(...tlv(POS_FIELD_TAGS[field], iconv.encode(value, 'gb18030'), `field ${field}`));
	}
	return Buffer.concat(parts);
}

function encodeRecord(record: PosFields): Buffer {
	return Buffer.concat(tlv(RECORD_TAG, encodeFields(record), 'record'));
}

export function encodePosFrame(frame: PosFrame): Uint8Array {
	if (!Number.isInteger(frame.seq) || frame.seq < 0 || frame.seq > 999_999) throw new RangeError('seq must be 0..999999');
	const data = Buffer.concat([
		Buffer.from(frame.type + frame.seq.toString().padStart(6, '0'), 'ascii'),
		encodeFields(frame.fields),
		...(frame.records ?? []).map(encodeRecord)
	]);
	if (data.length > MAX_DATA) throw new RangeError('frame is longer than 9999 bytes');
	const body = Buffer.concat([toBcd(data.length), data, Uint8Array.of(ETX)]);
	return Buffer.concat([Uint8Array.of(STX), body, Uint8Array.of(lrc(body))]);
}

/** How many of `records`, from the first, fit into one frame beside the frame's own fields: the page a sender may put in it. */
export function recordsThatFit(fields: PosFields, records: readonly PosFields[]): number {
	let size = HEAD + encodeFields(fields).length;
	for (let n = 0; n < records.length; n++) {
		size += encodeRecord(records[n]).length;
		if (size > MAX_DATA) return n;
	}
	return records.length;
}

/** Walks TAG|LLL|value items; false when they do not add up or an item is refused. */
function parseItems(data: Buffer, onItem: (tag: string, value: Buffer) => boolean): boolean {
	let i = 0;
	while (i < data.length) {
		if (i + TLV_HEAD > data.length) return false;
		const tag = data.subarray(i, i + 2).toString('ascii');
		const lenText = data.subarray(i + 2, i + TLV_HEAD).toString('ascii');
		if (!/^\d{3}$/.test(lenText)) return false;
		const end = i + TLV_HEAD + Number(lenText);
		if (end > data.length || !onItem(tag, data.subarray(i + TLV_HEAD, end))) return false;
		i = end;
	}
	return true;
}

/** Unknown tags are skipped: a newer terminal may send more than this driver reads. */
function readField(fields: PosFields, tag: string, value: Buffer): true {
	const field = FIELD_BY_TAG.get(tag);
	if (field) fields[field] = iconv.decode(value, 'gb18030');
	return true;
}

function parseFields(data: Buffer): PosFields | null {
	const fields: PosFields = {};
	return parseItems(data, (tag, value) => readField(fields, tag, value)) ? fields : null;
}

function parseData(data: Buffer): PosFrame | null {
	const head = data.subarray(0, HEAD).toString('ascii');
	if (data.length < HEAD || !TYPES.has(head.slice(0, 2)) || !/^\d{6}$/.test(head.slice(2))) return null;
	const fields: PosFields = {};
	const records: PosFields[] = [];
	const ok = parseItems(data.subarray(HEAD), (tag, value) => {
		if (tag === RECORD_TAG) {
			const record = parseFields(value);
			if (record) records.push(record);
			return record !== null;
		}
		return readField(fields, tag, value);
	});
	if (!ok) return null;
	return { type: head.slice(0, 2) as PosMessageType, seq: Number(head.slice(2)), fields, ...(records.length > 0 ? { records } : {}) };
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
