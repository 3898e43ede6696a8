import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodePosFrame, ETX, lrc, PosFrameDecoder, recordsThatFit, STX, type PosFields, type PosFrame } from '../../../drivers/pos-terminal/pos-frame';
import { batchSaleFromFields, batchSaleToFields } from '../../../drivers/pos-terminal/pos-protocol';
import type { PosBatchSale } from '../../../drivers/pos-terminal/pos-terminal';

/** A frame around hand-written DATA, with a right length and checksum: what a terminal might send. */
function frameAround(data: string): Buffer {
	const len = data.length.toString().padStart(4, '0');
	const body = Buffer.concat([Buffer.from([parseInt(len.slice(0, 2), 16), parseInt(len.slice(2), 16)]), Buffer.from(data, 'ascii'), Buffer.of(ETX)]);
	return Buffer.concat([Buffer.of(STX), body, Buffer.of(lrc(body))]);
}

const sale = (i: number, key = `pay-${i}`): PosFields =>
	batchSaleToFields({
		key,
		referenceNo: `1030${i.toString().padStart(8, '0')}`,
		voucherNo: i.toString().padStart(6, '0'),
		amountFen: 100 * i,
		state: 'approved',
		time: '2026-12-03 10:30:00'
	});

describe('POS frame codec', () => {
	it('frames STX, BCD length, type, sequence, tagged fields, ETX and an XOR checksum', () => {
		const bytes = Buffer.from(encodePosFrame({ type: 'SA', seq: 42, fields: { amount: '000000012345', key: 'k1' } }));
		const data = 'SA000042' + 'AM012000000012345' + 'IK002k1';
		expect(data.length).toBe(32);
		expect(bytes[0]).toBe(STX);
		expect(bytes.subarray(1, 3)).toEqual(Buffer.from([0x00, 0x32]));
		expect(bytes.subarray(3, 35).toString('ascii')).toBe(data);
		expect(bytes[35]).toBe(ETX);
		expect(bytes[36]).toBe(lrc(bytes.subarray(1, 36)));
		expect(bytes.length).toBe(37);
	});

	it('carries Chinese reasons in GB18030 and reads them back', () => {
		const frame: PosFrame = { type: 'SA', seq: 7, fields: { responseCode: '51', reason: '余额不足' } };
		const bytes = encodePosFrame(frame);
		expect(Buffer.from(bytes).includes(iconv.encode('余额不足', 'gb18030'))).toBe(true);
		expect(new PosFrameDecoder().push(bytes)).toEqual({ frames: [frame], rejected: 0 });
	});

	it('finds frames however the serial port splits them, with noise in between', () => {
		const a: PosFrame = { type: 'QK', seq: 1, fields: { key: 'abc' } };
		const b: PosFrame = { type: 'ST', seq: 999999, fields: {} };
		const stream = Buffer.concat([Buffer.from([0xff, 0x00]), encodePosFrame(a), Buffer.from('xx'), encodePosFrame(b)]);
		for (let cut = 0; cut <= stream.length; cut++) {
			const decoder = new PosFrameDecoder();
			const frames = [...decoder.push(stream.subarray(0, cut)).frames, ...decoder.push(stream.subarray(cut)).frames];
			expect(frames).toEqual([a, b]);
		}
	});

	it('rejects a frame with a bad checksum and still reads the next one', () => {
		const bad = Buffer.from(encodePosFrame({ type: 'SI', seq: 1, fields: {} }));
		bad[bad.length - 1] ^= 0xff;
		const good: PosFrame = { type: 'SI', seq: 2, fields: { batchNo: '000001' } };
		const result = new PosFrameDecoder().push(Buffer.concat([bad, encodePosFrame(good)]));
		expect(result.frames).toEqual([good]);
		expect(result.rejected).toBeGreaterThan(0);
	});

	it('refuses what it cannot frame', () => {
		expect(() => encodePosFrame({ type: 'SA', seq: 1_000_000, fields: {} })).toThrow(RangeError);
		expect(() => encodePosFrame({ type: 'SA', seq: 1, fields: { reason: 'x'.repeat(1000) } })).toThrow(RangeError);
	});

	it('carries a list as repeated DR records after the fields, each record its own tagged fields', () => {
		const frame: PosFrame = { type: 'BD', seq: 3, fields: { batchNo: '000001', total: '2' }, records: [{ key: 'a', state: 'voided' }, { key: 'b' }] };
		const bytes = Buffer.from(encodePosFrame(frame));
		expect(bytes.subarray(3, bytes.length - 2).toString('ascii')).toBe(
			'BD000003' + 'BN006000001' + 'DT0012' + 'DR017' + 'IK001a' + 'TS006voided' + 'DR006' + 'IK001b'
		);
		expect(new PosFrameDecoder().push(bytes)).toEqual({ frames: [frame], rejected: 0 });
	});

	it('a frame without records decodes with no records list at all', () => {
		const [frame] = new PosFrameDecoder().push(encodePosFrame({ type: 'ST', seq: 1, fields: { batchNo: '000001' } })).frames;
		expect(frame).not.toHaveProperty('records');
	});

	it('rejects a frame whose record does not add up, and still reads the next one', () => {
		const good: PosFrame = { type: 'BD', seq: 2, fields: { total: '0' } };
		// Inside its 9 bytes the record's one field announces 5 bytes of value, and only 4 follow.
		const result = new PosFrameDecoder().push(Buffer.concat([frameAround('BD000001' + 'DR009' + 'IK005abcd'), encodePosFrame(good)]));
		expect(result.frames).toEqual([good]);
		expect(result.rejected).toBeGreaterThan(0);
	});

	it('a page holds as many records as fit in 9999 bytes of DATA and not one more', () => {
		const fields: PosFields = { batchNo: '000001', total: '500', responseCode: '00', reason: '交易成功' };
		const records = Array.from({ length: 500 }, (_, i) => sale(i + 1, `key-${'x'.repeat(30)}-${i}`));
		const n = recordsThatFit(fields, records);
		expect(n).toBeGreaterThan(10);
		expect(n).toBeLessThan(records.length);
		expect(encodePosFrame({ type: 'BD', seq: 1, fields, records: records.slice(0, n) }).length).toBeLessThanOrEqual(9999 + 5);
		expect(() => encodePosFrame({ type: 'BD', seq: 1, fields, records: records.slice(0, n + 1) })).toThrow(RangeError);
		expect(recordsThatFit(fields, records.slice(0, 3))).toBe(3);
	});

	it('a batch sale goes out as a record and comes back the same, and a record without reference or with an unknown state is not a sale', () => {
		const s: PosBatchSale = {
			key: 'pay-9',
			referenceNo: '103000000009',
			voucherNo: '000009',
			amountFen: 147000,
			state: 'reversed',
			time: '2026-12-03 10:30:00'
		};
		const [frame] = new PosFrameDecoder().push(encodePosFrame({ type: 'BD', seq: 1, fields: {}, records: [batchSaleToFields(s)] })).frames;
		expect(frame.records?.map(batchSaleFromFields)).toEqual([s]);
		expect(batchSaleFromFields({ ...batchSaleToFields(s), referenceNo: undefined })).toBeNull();
		expect(batchSaleFromFields({ ...batchSaleToFields(s), state: 'declined' })).toBeNull();
	});
});
