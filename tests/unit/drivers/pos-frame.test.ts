import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodePosFrame, ETX, lrc, PosFrameDecoder, STX, type PosFrame } from '../../../drivers/pos-terminal/pos-frame';

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
});
