import { describe, expect, it } from 'vitest';
import { decodeStatus, encodeStatus, isStatusReply, statusFromFlags } from '../../../drivers/printer/escpos-status';
import type { PrinterFlags } from '../../../drivers/printer/receipt-printer';

const ok: PrinterFlags = {
	offline: false,
	coverOpen: false,
	paperEnd: false,
	paperNearEnd: false,
	drawerOpen: false,
	cutterError: false,
	unrecoverableError: false,
	autoRecoverableError: false
};

describe('DLE EOT status', () => {
	it('recognises reply bytes by their fixed bits', () => {
		expect(isStatusReply(0x12)).toBe(true);
		expect(isStatusReply(0x7e)).toBe(true);
		expect(isStatusReply(0x00)).toBe(false);
		expect(isStatusReply(0x93)).toBe(false);
	});

	it('decodes a healthy printer', () => {
		const flags = decodeStatus([0x12, 0x12, 0x12, 0x12], 'high');
		expect(flags).toEqual(ok);
		expect(statusFromFlags(flags)).toEqual({ level: 'ok', code: 'OK', message: '设备正常' });
	});

	it('decodes paper end, near end, cover open and offline', () => {
		expect(statusFromFlags(decodeStatus([0x1a, 0x32, 0x12, 0x72], 'high'))).toMatchObject({ level: 'error', code: 'PAPER_OUT' });
		expect(statusFromFlags(decodeStatus([0x12, 0x12, 0x12, 0x1e], 'high'))).toMatchObject({ level: 'warning', code: 'PAPER_NEAR_END' });
		expect(statusFromFlags(decodeStatus([0x1a, 0x16, 0x12, 0x12], 'high'))).toMatchObject({ level: 'error', code: 'COVER_OPEN' });
		expect(statusFromFlags(decodeStatus([0x1a, 0x12, 0x12, 0x12], 'high'))).toMatchObject({ level: 'error', code: 'OFFLINE' });
		expect(statusFromFlags(decodeStatus([0x1a, 0x52, 0x1a, 0x12], 'high'))).toMatchObject({ code: 'CUTTER_ERROR' });
	});

	it('reads the drawer from pin 3 with the configured polarity', () => {
		expect(decodeStatus([0x16, 0x12, 0x12, 0x12], 'high').drawerOpen).toBe(true);
		expect(decodeStatus([0x16, 0x12, 0x12, 0x12], 'low').drawerOpen).toBe(false);
		expect(decodeStatus([0x12, 0x12, 0x12, 0x12], 'low').drawerOpen).toBe(true);
	});

	it('encodes what it decodes (the simulator answers with encodeStatus)', () => {
		const keys = Object.keys(ok) as (keyof PrinterFlags)[];
		for (const key of keys) {
			const flags = { ...ok, [key]: true };
			const decoded = decodeStatus([...encodeStatus(flags, 'low')], 'low');
			expect(decoded[key]).toBe(true);
			for (const byte of encodeStatus(flags, 'low')) expect(isStatusReply(byte)).toBe(true);
		}
	});
});
