import { describe, expect, it } from 'vitest';
import { decodeEscPos, EscPosParser, ReceiptAssembler, receiptLines, renderReceiptText } from '../../../drivers/printer/escpos-decoder';
import { encodeReceipt } from '../../../drivers/printer/escpos-encoder';
import { PRINTER_MODELS } from '../../../drivers/printer/printer-models';
import type { ReceiptDocument } from '../../../drivers/printer/receipt-printer';

const profile = PRINTER_MODELS['generic-80mm'];
const doc: ReceiptDocument = {
	blocks: [
		{ kind: 'text', text: '社会保险费缴费凭证', align: 'center', bold: true, size: 'double' },
		{ kind: 'pair', left: '缴费人', right: '张三' },
		{ kind: 'rule', char: '=' },
		{ kind: 'feed', lines: 1 },
		{ kind: 'qr', data: '电子税票314056240500012345', moduleSize: 5, errorCorrection: 'Q' },
		{ kind: 'text', text: '请妥善保管', align: 'right' }
	]
};

describe('ESC/POS decoder', () => {
	const bytes = encodeReceipt(doc, { profile, kick: { pin: 5, onMs: 60, offMs: 120 } }).bytes;

	it('decodes what the encoder wrote: lines with style, QR payload, cut and kick', () => {
		const { items } = decodeEscPos(bytes);
		expect(items).toEqual([
			{
				kind: 'line',
				align: 'center',
				text: '社会保险费缴费凭证',
				spans: [{ text: '社会保险费缴费凭证', bold: true, width: 2, height: 2 }]
			},
			expect.objectContaining({ kind: 'line', align: 'left', text: '缴费人' + ' '.repeat(38) + '张三' }),
			expect.objectContaining({ kind: 'line', text: '='.repeat(48) }),
			{ kind: 'feed', lines: 1 },
			{ kind: 'qr', align: 'center', data: '电子税票314056240500012345', model: 2, moduleSize: 5, errorCorrection: 'Q' },
			expect.objectContaining({ kind: 'line', align: 'right', text: '请妥善保管' }),
			{ kind: 'cut', partial: true },
			{ kind: 'kick', pin: 5, onMs: 60, offMs: 120 }
		]);
	});

	it('gives the same receipt however the bytes are split across serial reads', () => {
		const whole = decodeEscPos(bytes);
		for (let cut = 1; cut < bytes.length; cut++) {
			const parser = new EscPosParser();
			const assembler = new ReceiptAssembler();
			assembler.push(parser.push(bytes.subarray(0, cut)));
			assembler.push(parser.push(bytes.subarray(cut)));
			expect(assembler.take()).toEqual(whole);
		}
	});

	it('renders a plain-text picture of the paper', () => {
		const text = renderReceiptText(decodeEscPos(bytes), 48).split('\n');
		expect(text[0]).toBe(' '.repeat(6) + '社会保险费缴费凭证');
		expect(text).toContain(' '.repeat(38) + '请妥善保管');
		expect(text.some((l) => l.includes('[二维码 电子税票314056240500012345]'))).toBe(true);
		expect(text.at(-1)).toContain('✂');
	});

	it('reads ESC ! modes, skips status requests, and reports commands it does not know', () => {
		const stream = Buffer.from([0x1b, 0x21, 0x38, 0x41, 0x0a, 0x10, 0x04, 0x01, 0x1b, 0x7a, 0x0a]);
		const { items } = decodeEscPos(stream);
		expect(items[0]).toEqual({ kind: 'line', align: 'left', text: 'A', spans: [{ text: 'A', bold: true, width: 2, height: 2 }] });
		expect(items[1]).toEqual({ kind: 'unknown', hex: '1b7a' });
		expect(receiptLines({ items })).toEqual(['A', '']);
	});
});
