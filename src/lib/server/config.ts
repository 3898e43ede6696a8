// Everything the server reads from its environment, checked once at start.
import { dirname, join } from 'node:path';

export type RunMode = 'demo' | 'production' | 'test';

/**
 * Which upstream (core tax system, agency feed, bank gateway) the terminal talks to. Only the
 * in-process simulator exists today, so it is the default in every mode, production included;
 * the client of a real or shared upstream is added here and in `upstream/create-upstream.ts`.
 */
export const UPSTREAM_KINDS = ['simulated'] as const;
export type UpstreamKind = (typeof UPSTREAM_KINDS)[number];

/** 入库销号 of an individual's payment: the guide's 3–5 working days after payment. */
export const INDIVIDUAL_BOOKING_DAYS = { min: 3, max: 5, default: 3 } as const;

/**
 * The key of the certificates' verification codes in demo and test mode: published here, so it
 * proves nothing; production refuses to start without SIFEE_CERTIFICATE_KEY (production.ts).
 */
export const DEMO_CERTIFICATE_KEY = 'sifee-demo-certificate-key-not-secret';
const MIN_CERTIFICATE_KEY_LENGTH = 16;

/** The demo's one kiosk (demo mode, when SIFEE_KIOSK_KEYS is unset): its key is published here, so it proves nothing. */
export const DEMO_KIOSK = { id: 'K01', key: 'sifee-demo-kiosk-key-not-secret' } as const;

/** SIFEE_KIOSK_IDLE_SECONDS: a kiosk visit without a touch for that long clears itself. */
export const KIOSK_IDLE_SECONDS = { min: 10, max: 600, default: 60 } as const;

/** SIFEE_BACKUP_KEEP: how many of the journal's dated backups are kept (two weeks of day closes by default). */
export const BACKUP_KEEP = { default: 14, max: 1000 } as const;

export const CONFIG_TEXT = {
	unknownUpstream: (value: string) =>
		`无法启动：SIFEE_UPSTREAM 的取值“${value}”无法识别。目前可用的取值：${UPSTREAM_KINDS.join('、')}（上游模拟系统，不设置时即为 simulated）。`,
	bookingDays: (value: string) =>
		`无法启动：SIFEE_INDIVIDUAL_BOOKING_DAYS 应为 ${INDIVIDUAL_BOOKING_DAYS.min} 到 ${INDIVIDUAL_BOOKING_DAYS.max} 的整数（个人缴费入库销号的工作日数），当前为“${value}”。`,
	kioskIdle: (value: string) =>
		`无法启动：SIFEE_KIOSK_IDLE_SECONDS 应为 ${KIOSK_IDLE_SECONDS.min} 到 ${KIOSK_IDLE_SECONDS.max} 的整数（自助终端无操作自动退出的秒数），当前为“${value}”。`,
	backupKeep: (value: string) => `无法启动：SIFEE_BACKUP_KEEP 应为 1 到 ${BACKUP_KEEP.max} 的整数（保留的日志备份份数），当前为“${value}”。`,
	certificateKeyShort: `无法启动：SIFEE_CERTIFICATE_KEY（缴费证明验证码密钥）至少需要 ${MIN_CERTIFICATE_KEY_LENGTH} 个字符。`
};

export interface ServerConfig {
	mode: RunMode;
	terminalDbPath: string;
	upstreamDbPath: string;
	/** Fixed business date (demo and tests only). */
	fixedToday: string | null;
	sessionHours: number;
	lockout: { attempts: number; minutes: number };
	/** How long a window's idle claim on a declaration holds it (simulated upstream). */
	claimMinutes: number;
	/** SIFEE_ALLOW_SIMULATED=1: a production-mode training terminal may run on the simulators. */
	allowSimulated: boolean;
	/** SIFEE_KIOSK_KEYS: each self-service kiosk's id and its secret key (DEMO_KIOSK in demo mode when unset). */
	kioskKeys: ReadonlyMap<string, string>;
	/** SIFEE_KIOSK_IDLE_SECONDS: a kiosk visit without a touch for that long clears itself. */
	kioskIdleSeconds: number;
	/** SIFEE_UPSTREAM: the upstream systems' client, built by createUpstream. */
	upstream: UpstreamKind;
	/** Whether SIFEE_UPSTREAM was set: production never takes the simulator by default. */
	upstreamGiven: boolean;
	/** SIFEE_INDIVIDUAL_BOOKING_DAYS: working days from an individual's payment to its booking (simulated upstream). */
	individualBookingDays: number;
	/** SIFEE_CERTIFICATE_KEY: the key of the certificates' verification codes (DEMO_CERTIFICATE_KEY when unset). */
	certificateKey: string;
	/** Whether SIFEE_CERTIFICATE_KEY was set: production never runs on the published demo key. */
	certificateKeyGiven: boolean;
	/** SIFEE_BACKUP_DIR (default: `backups` beside the journal) and SIFEE_BACKUP_KEEP: where the journal's backups go and how many are kept. */
	backup: { dir: string; keep: number };
	/** SIFEE_SHIFT_VARIANCE_YUAN (default 50): a short or over at shift close above it is confirmed by the supervisor as an override. */
	shiftVarianceThresholdFen: number;
}

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
	const mode = (env.SIFEE_MODE ?? 'production') as RunMode;
	if (!['demo', 'production', 'test'].includes(mode)) {
		throw new ConfigError(`SIFEE_MODE must be demo, production or test, not "${mode}"`);
	}
	const fixedToday = env.SIFEE_TODAY?.trim() || null;
	if (fixedToday && mode === 'production') {
		throw new ConfigError('SIFEE_TODAY is refused in production mode: the business date must be the real one');
	}
	if (fixedToday && !/^\d{4}-\d{2}-\d{2}$/.test(fixedToday)) {
		throw new ConfigError(`SIFEE_TODAY must be YYYY-MM-DD, not "${fixedToday}"`);
	}
	const allowSimulated = env.SIFEE_ALLOW_SIMULATED?.trim() ?? '';
	if (!['', '0', '1'].includes(allowSimulated)) {
		throw new ConfigError(`SIFEE_ALLOW_SIMULATED must be 1 (or 0, or unset), not "${allowSimulated}"`);
	}
	const upstreamGiven = Boolean(env.SIFEE_UPSTREAM?.trim());
	const upstream = env.SIFEE_UPSTREAM?.trim() || 'simulated';
	if (!isUpstreamKind(upstream)) throw new ConfigError(CONFIG_TEXT.unknownUpstream(upstream));
	const certificateKey = env.SIFEE_CERTIFICATE_KEY?.trim() ?? '';
	if (certificateKey && certificateKey.length < MIN_CERTIFICATE_KEY_LENGTH) throw new ConfigError(CONFIG_TEXT.certificateKeyShort);
	const terminalDbPath = env.SIFEE_DB || 'data/terminal.db';
	return {
		mode,
		terminalDbPath,
		upstreamDbPath: env.SIFEE_UPSTREAM_DB || 'data/upstream-sim.db',
		fixedToday,
		sessionHours: positive(env.SIFEE_SESSION_HOURS, 10),
		lockout: { attempts: positive(env.SIFEE_LOCKOUT_ATTEMPTS, 5), minutes: positive(env.SIFEE_LOCKOUT_MINUTES, 15) },
		claimMinutes: positive(env.SIFEE_CLAIM_MINUTES, 10),
		allowSimulated: allowSimulated === '1',
		kioskKeys: kioskKeys(env.SIFEE_KIOSK_KEYS ?? (mode === 'demo' ? `${DEMO_KIOSK.id}:${DEMO_KIOSK.key}` : undefined)),
		kioskIdleSeconds: kioskIdle(env.SIFEE_KIOSK_IDLE_SECONDS),
		upstream,
		upstreamGiven,
		individualBookingDays: bookingDays(env.SIFEE_INDIVIDUAL_BOOKING_DAYS),
		certificateKey: certificateKey || DEMO_CERTIFICATE_KEY,
		certificateKeyGiven: certificateKey !== '',
		backup: { dir: env.SIFEE_BACKUP_DIR?.trim() || join(dirname(terminalDbPath), 'backups'), keep: backupKeep(env.SIFEE_BACKUP_KEEP) },
		shiftVarianceThresholdFen: positive(env.SIFEE_SHIFT_VARIANCE_YUAN, 50) * 100
	};
}

function bookingDays(text: string | undefined): number {
	const value = text?.trim() ?? '';
	if (value === '') return INDIVIDUAL_BOOKING_DAYS.default;
	const n = /^\d$/.test(value) ? Number(value) : NaN;
	if (!(n >= INDIVIDUAL_BOOKING_DAYS.min && n <= INDIVIDUAL_BOOKING_DAYS.max)) throw new ConfigError(CONFIG_TEXT.bookingDays(value));
	return n;
}

function backupKeep(text: string | undefined): number {
	const value = text?.trim() ?? '';
	if (value === '') return BACKUP_KEEP.default;
	const n = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
	if (!(n >= 1 && n <= BACKUP_KEEP.max)) throw new ConfigError(CONFIG_TEXT.backupKeep(value));
	return n;
}

function kioskIdle(text: string | undefined): number {
	const value = text?.trim() ?? '';
	if (value === '') return KIOSK_IDLE_SECONDS.default;
	const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
	if (!(n >= KIOSK_IDLE_SECONDS.min && n <= KIOSK_IDLE_SECONDS.max)) throw new ConfigError(CONFIG_TEXT.kioskIdle(value));
	return n;
}

function isUpstreamKind(text: string): text is UpstreamKind {
	return (UPSTREAM_KINDS as readonly string[]).includes(text);
}

function positive(text: string | undefined, fallback: number): number {
	if (text === undefined || text === '') return fallback;
	const n = Number(text);
	if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`expected a positive number, got "${text}"`);
	return n;
}

/**
 * `SIFEE_KIOSK_KEYS=K1:secret,K2:secret`: ids of letters, digits and `-`, secrets of at least 16
 * characters (no `,`), each id once.
 */
function kioskKeys(text: string | undefined): ReadonlyMap<string, string> {
	const keys = new Map<string, string>();
	for (const entry of (text ?? '')
		.split(',')
		.map((e) => e.trim())
		.filter(Boolean)) {
		const at = entry.indexOf(':');
		const id = entry.slice(0, at);
		const secret = entry.slice(at + 1);
		if (at <= 0 || !/^[A-Za-z0-9-]{1,32}$/.test(id)) throw new ConfigError(`SIFEE_KIOSK_KEYS: "${id || entry}" is not a kiosk id (letters, digits, -)`);
		if (secret.length < 16) throw new ConfigError(`SIFEE_KIOSK_KEYS: the key of kiosk ${id} must have at least 16 characters`);
		if (keys.has(id)) throw new ConfigError(`SIFEE_KIOSK_KEYS: kiosk ${id} is given twice`);
		keys.set(id, secret);
	}
	return keys;
}
