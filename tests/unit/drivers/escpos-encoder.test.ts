import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cutCommand, encodeReceipt, kickCommand, qrCommands, statusRequest, wrapToWidth } from '../../../drivers/printer/escpos-encoder';
import { displayWidth, toPrintable } from '../../../drivers/printer/gbk-text';
import { PRINTER_MODELS } from '../../../drivers/printer/printer-models';
import { PRINTER_TEXT } from '../../../drivers/messages';

const profile = PRINTER_MODELS['generic-80mm'];
const hex = (bytes: Uint8Array | Uint8Array[]) => Buffer.concat([bytes].flat()).toString('hex');
const gb = (text: string) => iconv.encode(text, 'gb18030').toString('hex');

describe('ESC/POS encoder', () => {
	it('starts every receipt with ESC @ and FS & (Chinese mode) and ends with the cut', () => {
		const { bytes } = encodeReceipt({ blocks: [] }, { profile });
		expect(hex(bytes)).toBe('1b40' + '1c26' + '1d564200');
	});

	it('writes Chinese text in GB18030, one LF per line', () => {
		const { bytes } = encodeReceipt({ blocks: [{ kind: 'text', text: '社保费' }] }, { profile });
		expect(gb('社保费')).toBe('c9e7b1a3b7d1');
		expect(hex(bytes)).toBe('1b401c26' + 'c9e7b1a3b7d1' + '0a' + '1d564200');
	});

	it('sends alignment, bold and double size only when they change', () => {
		const { bytes } = encodeReceipt(
			{
				blocks: [
					{ kind: 'text', text: 'A', align: 'center', bold: true, size: 'double' },
					{ kind: 'text', text: 'B', align: 'center', bold: true, size: 'double' },
					{ kind: 'text', text: 'C' }
				]
			},
			{ profile }
		);
		expect(hex(bytes)).toBe('1b401c26' + '1b6101' + '1b4501' + '1d2111' + '410a' + '420a' + '1b6100' + '1b4500' + '1d2100' + '430a' + '1d564200');
	});

	it('emits the standard GS ( k QR sequence: model 2, module size, error correction, store, print', () => {
		expect(hex(qrCommands('314056240500012345', 6, 'M'))).toBe(
			'1d286b0400314132' +
				'00' +
				'1d286b03003143' +
				'06' +
				'1d286b03003145' +
				'31' +
				'1d286b' +
				'1500' +
				'315030' +
				Buffer.from('314056240500012345').toString('hex') +
				'1d286b0300315130'
		);
		expect(() => qrCommands('', 6, 'M')).toThrow(RangeError);
		expect(() => qrCommands('x', 17, 'M')).toThrow(RangeError);
	});

	it('centres a QR block by default and uses the model module size', () => {
		const { bytes } = encodeReceipt({ blocks: [{ kind: 'qr', data: 'A1', errorCorrection: 'H' }] }, { profile });
		expect(hex(bytes)).toBe('1b401c26' + '1b6101' + hex(qrCommands('A1', 6, 'H')) + '1d564200');
	});

	it('kicks the drawer with ESC p m t1 t2 in 2 ms units', () => {
		expect(hex(kickCommand({ pin: 2, onMs: 100, offMs: 200 }))).toBe('1b7000' + '32' + '64');
		expect(hex(kickCommand({ pin: 5, onMs: 50, offMs: 500 }))).toBe('1b7001' + '19' + 'fa');
		// off time never shorter than on time; both kept within one byte
		expect(hex(kickCommand({ pin: 2, onMs: 1000, offMs: 10 }))).toBe('1b7000ffff');
	});

	it('appends the kick after the cut when the job opens the drawer', () => {
		const { bytes } = encodeReceipt({ blocks: [] }, { profile, kick: { pin: 2, onMs: 100, offMs: 200 } });
		expect(hex(bytes).endsWith('1d564200' + '1b70003264')).toBe(true);
	});

	it('cuts with GS V (partial or full), feeding to the tear bar first on printers without a cutter', () => {
		expect(hex(cutCommand(profile))).toBe('1d564200');
		expect(hex(cutCommand({ ...profile, cutter: 'full' }))).toBe('1d564100');
		expect(hex(cutCommand(PRINTER_MODELS['generic-58mm']))).toBe('1b6404' + '1d564200');
	});

	it('asks for real-time status with DLE EOT n', () => {
		expect(hex(statusRequest(1))).toBe('100401');
		expect(hex(statusRequest(4))).toBe('100404');
	});

	it('lays a pair out to the full width of the paper, or over two lines when it does not fit', () => {
		const fits = encodeReceipt({ blocks: [{ kind: 'pair', left: '合计', right: '￥1,470.00' }] }, { profile });
		const line = iconv.decode(Buffer.from(fits.bytes.subarray(4, -4)), 'gb18030');
		// ￥ is a full-width character: two columns
		expect(line).toBe('合计' + ' '.repeat(48 - 4 - 10) + '￥1,470.00\n');

		const long = '城乡居民基本养老保险（个人缴纳）';
		const wide = encodeReceipt({ blocks: [{ kind: 'pair', left: long, right: '2024-01-01至2024-12-31' }] }, { profile });
		const lines = iconv.decode(Buffer.from(wide.bytes.subarray(4, -4)), 'gb18030').split('\n');
		expect(lines[0]).toBe(long);
		expect(lines[1]).toBe(' '.repeat(48 - 22) + '2024-01-01至2024-12-31');
	});

	it('wraps long text by display width and never starts a line with closing punctuation', () => {
		expect(wrapToWidth('一二三四五', 4)).toEqual(['一二', '三四', '五']);
		expect(wrapToWidth('一二三，四', 6)).toEqual(['一二', '三，四']);
		expect(wrapToWidth('ab一', 3)).toEqual(['ab', '一']);
	});

	it('replaces ¥ with ￥ silently, and other non-GBK characters with a notice on the receipt', () => {
		const yen = encodeReceipt({ blocks: [{ kind: 'text', text: '¥5' }] }, { profile });
		expect(hex(yen.bytes)).toContain(gb('￥5'));
		expect(hex(yen.bytes)).not.toContain('81308436'); // the 4-byte GB18030 form of U+00A5
		expect(yen.replaced).toEqual([]);

		const rare = encodeReceipt({ blocks: [{ kind: 'text', text: '王𠀀' }] }, { profile });
		expect(rare.replaced).toEqual([{ original: '𠀀', replacement: '?' }]);
		const text = iconv.decode(Buffer.from(rare.bytes), 'gb18030');
		expect(text).toContain('王?');
		expect(text.replace(/\n/g, '')).toContain(PRINTER_TEXT.replacedNotice);
	});

	it('never lets control characters from data reach the printer as commands', () => {
		const { bytes, replaced } = encodeReceipt({ blocks: [{ kind: 'text', text: 'A\x1b@\x1dV\x00B' }] }, { profile });
		expect(hex(bytes).startsWith('1b401c26' + Buffer.from('A?@?V?B').toString('hex'))).toBe(true);
		expect(replaced).toHaveLength(3);
	});
});

describe('GBK text', () => {
	it('keeps GBK, strips accents outside it, and measures width in columns', () => {
		expect(toPrintable('张三 ①é').text).toBe('张三 ①é');
		expect(toPrintable('Muñoz').text).toBe('Munoz');
		expect(toPrintable('付款•完成😀').text).toBe('付款·完成?');
		expect(displayWidth('合计 12')).toBe(7);
	});
});
