// DLE EOT 1–4 real-time status replies, decoded into printer flags and a typed status.
// Each reply is one byte with bits 0 and 7 fixed off and bits 1 and 4 fixed on.
import { PRINTER_TEXT } from '../messages';
import { deviceStatus, type DeviceStatus } from '../status';
import type { PrinterFlags } from './receipt-printer';

/** Whether the drawer switch reads HIGH or LOW on pin 3 when the drawer is open: drawer-dependent. */
export type DrawerOpenSignal = 'high' | 'low';

export const STATUS_QUERY_COUNT = 4;

const FIXED = 0x12;

export function isStatusReply(byte: number): boolean {
	return (byte & 0x93) === FIXED;
}

/** Replies to DLE EOT 1, 2, 3 and 4, in that order. */
export function decodeStatus(replies: readonly number[], drawerOpenSignal: DrawerOpenSignal): PrinterFlags {
	const [printer, offline, error, paper] = replies;
	const pin3High = (printer & 0x04) !== 0;
	return {
		offline: (printer & 0x08) !== 0,
		drawerOpen: drawerOpenSignal === 'high' ? pin3High : !pin3High,
		coverOpen: (offline & 0x04) !== 0,
		paperEnd: (offline & 0x20) !== 0 || (paper & 0x60) !== 0,
		paperNearEnd: (paper & 0x0c) !== 0,
		cutterError: (error & 0x08) !== 0,
		unrecoverableError: (error & 0x20) !== 0,
		autoRecoverableError: (error & 0x40) !== 0
	};
}

/** The four reply bytes a printer in this state sends (used by the printer simulator). */
export function encodeStatus(flags: PrinterFlags, drawerOpenSignal: DrawerOpenSignal): Uint8Array {
	const pin3High = drawerOpenSignal === 'high' ? flags.drawerOpen : !flags.drawerOpen;
	const anyError = flags.cutterError || flags.unrecoverableError || flags.autoRecoverableError;
	const offline = flags.offline || flags.coverOpen || flags.paperEnd || anyError;
	return Uint8Array.of(
		FIXED | (pin3High ? 0x04 : 0) | (offline ? 0x08 : 0),
		FIXED | (flags.coverOpen ? 0x04 : 0) | (flags.paperEnd ? 0x20 : 0) | (anyError ? 0x40 : 0),
		FIXED | (flags.cutterError ? 0x08 : 0) | (flags.unrecoverableError ? 0x20 : 0) | (flags.autoRecoverableError ? 0x40 : 0),
		FIXED | (flags.paperNearEnd ? 0x0c : 0) | (flags.paperEnd ? 0x60 : 0)
	);
}

/** The one status the clerk sees: the most urgent condition first. */
export function statusFromFlags(flags: PrinterFlags): DeviceStatus {
	if (flags.paperEnd) return deviceStatus('PAPER_OUT');
	if (flags.coverOpen) return deviceStatus('COVER_OPEN');
	if (flags.cutterError) return deviceStatus('CUTTER_ERROR');
	if (flags.unrecoverableError) return deviceStatus('PRINTER_ERROR');
	if (flags.autoRecoverableError) return deviceStatus('PRINTER_ERROR', PRINTER_TEXT.autoRecoverable);
	if (flags.offline) return deviceStatus('OFFLINE', PRINTER_TEXT.offline);
	if (flags.paperNearEnd) return deviceStatus('PAPER_NEAR_END');
	return deviceStatus('OK');
}
