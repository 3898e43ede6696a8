// Typed configuration of every device, from a plain object (e.g. a JSON file) or from the
// environment. Defaults suit a hall's 80 mm printer and POS on USB-serial adapters.
import { CONFIG_TEXT } from './messages';
import { DEFAULT_FONT_NAME, DEFAULT_FONT_PATH } from './form-printer/cjk-font';
import type { DrawerOpenSignal } from './printer/escpos-status';
import { PRINTER_MODELS, type PrinterModelId } from './printer/printer-models';
import type { DrawerKick } from './printer/receipt-printer';

export type HardwareMode = 'real' | 'simulated';

export interface HardwareConfig {
	/** 'simulated': simulators behind in-memory cables (demo, tests); 'real': serial ports and CUPS. */
	readonly mode: HardwareMode;
	readonly receiptPrinter: {
		readonly path: string;
		readonly baudRate: number;
		readonly model: PrinterModelId;
		readonly drawerKick: DrawerKick;
		readonly drawerOpenSignal: DrawerOpenSignal;
		readonly replyTimeoutMs: number;
		readonly statusPollMs: number;
	};
	readonly pos: {
		readonly path: string;
		readonly baudRate: number;
		/** Sale and void, which wait for the payer's card and PIN. */
		readonly timeoutMs: number;
		/** Sign-in, reversal, settlement and queries. */
		readonly queryTimeoutMs: number;
	};
	readonly formPrinter: {
		/** CUPS queue; null: PDFs only go to outputDir. */
		readonly cupsPrinter: string | null;
		readonly outputDir: string;
		readonly fontPath: string;
		readonly fontName: string;
	};
}

export const DEFAULT_HARDWARE_CONFIG: HardwareConfig = {
	mode: 'simulated',
	receiptPrinter: {
		path: '/dev/ttyUSB0',
		baudRate: 9600,
		model: 'generic-80mm',
		drawerKick: { pin: 2, onMs: 100, offMs: 200 },
		drawerOpenSignal: 'high',
		replyTimeoutMs: 1000,
		statusPollMs: 3000
	},
	pos: { path: '/dev/ttyUSB1', baudRate: 9600, timeoutMs: 90_000, queryTimeoutMs: 15_000 },
	formPrinter: { cupsPrinter: null, outputDir: 'data/forms', fontPath: DEFAULT_FONT_PATH, fontName: DEFAULT_FONT_NAME }
};

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(CONFIG_TEXT.invalid(problems));
		this.name = 'ConfigError';
	}
}

const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

type Input = Record<string, unknown>;

class Reader {
	readonly problems: string[] = [];

	section(input: Input, key: string): Input {
		const value = input[key];
		return value && typeof value === 'object' ? (value as Input) : {};
	}

	oneOf<T extends string | number>(name: string, raw: unknown, allowed: readonly T[], fallback: T): T {
		if (raw === undefined || raw === '') return fallback;
		const value = typeof allowed[0] === 'number' && typeof raw === 'string' ? Number(raw) : raw;
		if (allowed.includes(value as T)) return value as T;
		this.problems.push(CONFIG_TEXT.notOneOf(name, allowed, raw));
		return fallback;
	}

	int(name: string, raw: unknown, min: number, max: number, fallback: number): number {
		if (raw === undefined || raw === '') return fallback;
		const value = typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
		if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
		this.problems.push(CONFIG_TEXT.notInRange(name, min, max, raw));
		return fallback;
	}

	text(name: string, raw: unknown, fallback: string): string {
		if (raw === undefined) return fallback;
		if (typeof raw === 'string' && raw.trim()) return raw.trim();
		this.problems.push(CONFIG_TEXT.empty(name));
		return fallback;
	}
}

/** Fills in defaults and checks every value; throws ConfigError listing all problems at once. */
export function parseHardwareConfig(input: unknown): HardwareConfig {
	const root: Input = input && typeof input === 'object' ? (input as Input) : {};
	const r = new Reader();
	const d = DEFAULT_HARDWARE_CONFIG;
	const rp = r.section(root, 'receiptPrinter');
	const kick = r.section(rp, 'drawerKick');
	const pos = r.section(root, 'pos');
	const form = r.section(root, 'formPrinter');
	const cups = form.cupsPrinter;
	const config: HardwareConfig = {
		mode: r.oneOf('mode', root.mode, ['real', 'simulated'], d.mode),
		receiptPrinter: {
			path: r.text('receiptPrinter.path', rp.path, d.receiptPrinter.path),
			baudRate: r.oneOf('receiptPrinter.baudRate', rp.baudRate, BAUD_RATES, d.receiptPrinter.baudRate),
			model: r.oneOf('receiptPrinter.model', rp.model, Object.keys(PRINTER_MODELS) as PrinterModelId[], d.receiptPrinter.model),
			drawerKick: {
				pin: r.oneOf('receiptPrinter.drawerKick.pin', kick.pin, [2, 5] as const, d.receiptPrinter.drawerKick.pin),
				onMs: r.int('receiptPrinter.drawerKick.onMs', kick.onMs, 2, 510, d.receiptPrinter.drawerKick.onMs),
				offMs: r.int('receiptPrinter.drawerKick.offMs', kick.offMs, 2, 510, d.receiptPrinter.drawerKick.offMs)
			},
			drawerOpenSignal: r.oneOf('receiptPrinter.drawerOpenSignal', rp.drawerOpenSignal, ['high', 'low'], d.receiptPrinter.drawerOpenSignal),
			replyTimeoutMs: r.int('receiptPrinter.replyTimeoutMs', rp.replyTimeoutMs, 50, 60_000, d.receiptPrinter.replyTimeoutMs),
			statusPollMs: r.int('receiptPrinter.statusPollMs', rp.statusPollMs, 0, 600_000, d.receiptPrinter.statusPollMs)
		},
		pos: {
			path: r.text('pos.path', pos.path, d.pos.path),
			baudRate: r.oneOf('pos.baudRate', pos.baudRate, BAUD_RATES, d.pos.baudRate),
			timeoutMs: r.int('pos.timeoutMs', pos.timeoutMs, 50, 600_000, d.pos.timeoutMs),
			queryTimeoutMs: r.int('pos.queryTimeoutMs', pos.queryTimeoutMs, 50, 600_000, d.pos.queryTimeoutMs)
		},
		formPrinter: {
			cupsPrinter: cups === undefined || cups === null || cups === '' ? null : r.text('formPrinter.cupsPrinter', cups, ''),
			outputDir: r.text('formPrinter.outputDir', form.outputDir, d.formPrinter.outputDir),
			fontPath: r.text('formPrinter.fontPath', form.fontPath, d.formPrinter.fontPath),
			fontName: r.text('formPrinter.fontName', form.fontName, d.formPrinter.fontName)
		}
	};
	if (r.problems.length > 0) throw new ConfigError(r.problems);
	return config;
}

/** Environment variable → config path; documented in docs/hardware.md. */
const HARDWARE_ENV: Record<string, readonly string[]> = {
	SIFEE_HW_MODE: ['mode'],
	SIFEE_PRINTER_PORT: ['receiptPrinter', 'path'],
	SIFEE_PRINTER_BAUD: ['receiptPrinter', 'baudRate'],
	SIFEE_PRINTER_MODEL: ['receiptPrinter', 'model'],
	SIFEE_DRAWER_PIN: ['receiptPrinter', 'drawerKick', 'pin'],
	SIFEE_DRAWER_ON_MS: ['receiptPrinter', 'drawerKick', 'onMs'],
	SIFEE_DRAWER_OFF_MS: ['receiptPrinter', 'drawerKick', 'offMs'],
	SIFEE_DRAWER_OPEN_SIGNAL: ['receiptPrinter', 'drawerOpenSignal'],
	SIFEE_PRINTER_REPLY_TIMEOUT_MS: ['receiptPrinter', 'replyTimeoutMs'],
	SIFEE_PRINTER_POLL_MS: ['receiptPrinter', 'statusPollMs'],
	SIFEE_POS_PORT: ['pos', 'path'],
	SIFEE_POS_BAUD: ['pos', 'baudRate'],
	SIFEE_POS_TIMEOUT_MS: ['pos', 'timeoutMs'],
	SIFEE_POS_QUERY_TIMEOUT_MS: ['pos', 'queryTimeoutMs'],
	SIFEE_FORM_PRINTER: ['formPrinter', 'cupsPrinter'],
	SIFEE_FORM_OUTPUT_DIR: ['formPrinter', 'outputDir'],
	SIFEE_FORM_FONT: ['formPrinter', 'fontPath'],
	SIFEE_FORM_FONT_NAME: ['formPrinter', 'fontName']
};

export function hardwareConfigFromEnv(env: Record<string, string | undefined>): HardwareConfig {
	const input: Input = {};
	for (const [name, path] of Object.entries(HARDWARE_ENV)) {
		const value = env[name];
		if (value === undefined) continue;
		let node = input;
		for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Input;
		node[path[path.length - 1]] = value;
	}
	return parseHardwareConfig(input);
}
