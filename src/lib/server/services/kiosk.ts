import { randomBytes } from 'node:crypto';
import type { AnyActorRef } from 'xstate';
import type { KioskDevices } from '../../../../drivers';
import { KIOSK_TEXTS, type KioskTouchEvent } from '../../../../state-machines';
import type { Operator } from '../auth/operator';
import type { Clock } from '../clock';
import type { AuditRepo } from '../db/audit-repo';
import { KIOSK_AUDIT } from '../capabilities/kiosk-documents';
import { KIOSK_SESSION } from '../sessions/kiosk-session-kind';
import type { SessionHost } from '../sessions/session-host';
import type { KioskSessionKinds } from '../sessions/kiosk-session-kind';
import { KIOSK_PAGE_TEXT, kioskPausedBy, type KioskScreen } from '../../views/kiosk-view';

export const KIOSK_SERVICE_TEXT = {
	kioskOnly: '仅限已登记的自助终端使用',
	noDevices: (kioskId: string) => `自助终端 ${kioskId} 未配置设备，请联系办税服务厅信息技术人员。`,
	paused: `${KIOSK_PAGE_TEXT.paused}：${KIOSK_PAGE_TEXT.pausedHint}`,
	notNow: '当前步骤不能进行该操作，请按屏幕提示操作。'
} as const;

export class KioskError extends Error {
	constructor(
		readonly status: 403 | 404 | 409 | 503,
		message: string
	) {
		super(message);
		this.name = 'KioskError';
	}
}

/** What the kiosk's requests use: the host running kiosk sessions, each kiosk's own devices, the clock, the idle time-out. */
export interface KioskDeps {
	sessions: Pick<SessionHost<KioskSessionKinds>, 'start' | 'active' | 'get' | 'screen' | 'send' | 'subscribe'>;
	kiosks: ReadonlyMap<string, KioskDevices>;
	clock: Clock;
	idleMs: number;
}

/** The kiosk screen with the kiosk's devices: `paused` names what keeps it out of service (暂停服务). */
export type KioskPage = KioskScreen & { paused: string[]; helpLine: string; refundNotice: string };

function kioskIdOf(operator: Operator | null): string {
	if (operator?.kind !== 'kiosk') throw new KioskError(403, KIOSK_SERVICE_TEXT.kioskOnly);
	return operator.kioskId;
}

/** The kiosk's own devices. */
export function kioskDevices(deps: Pick<KioskDeps, 'kiosks'>, operator: Operator | null): KioskDevices {
	const kioskId = kioskIdOf(operator);
	const devices = deps.kiosks.get(kioskId);
	if (!devices) throw new KioskError(404, KIOSK_SERVICE_TEXT.noDevices(kioskId));
	return devices;
}

/** The kiosk's live session, started at the attract screen if it has none (at first use, after a restart, a new day). */
function liveSession(deps: KioskDeps, kioskId: string): { id: string; actor: AnyActorRef } {
	const row = deps.sessions.active(KIOSK_SESSION).find((r) => r.kioskId === kioskId);
	const actor = row ? deps.sessions.get(row.id) : null;
	if (row && actor) return { id: row.id, actor };
	const id = `${kioskId}-${deps.clock.today().replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
	return { id, actor: deps.sessions.start(KIOSK_SESSION, id, { kind: 'kiosk', kioskId }, { sessionId: id, kioskId, idleMs: deps.idleMs }) };
}

/** What the kiosk shows now: its session's step, and 暂停服务 while one of its devices is in error. */
export function kioskPage(deps: KioskDeps, operator: Operator | null): KioskPage {
	const kioskId = kioskIdOf(operator);
	const devices = kioskDevices(deps, operator);
	const { id } = liveSession(deps, kioskId);
	return {
		...deps.sessions.screen(KIOSK_SESSION, id)!,
		paused: kioskPausedBy(devices.hub.snapshot()),
		helpLine: KIOSK_TEXTS.helpLine,
		refundNotice: KIOSK_TEXTS.refundNotice
	};
}

/** A touch on the kiosk's screen, sent to its session if the step takes it; no print while the kiosk is paused. */
export function sendKioskTouch(deps: KioskDeps, operator: Operator | null, event: KioskTouchEvent): void {
	const kioskId = kioskIdOf(operator);
	const devices = kioskDevices(deps, operator);
	const { actor } = liveSession(deps, kioskId);
	if ((event.type === 'PRINT' || event.type === 'RETRY') && kioskPausedBy(devices.hub.snapshot()).length > 0)
		throw new KioskError(503, KIOSK_SERVICE_TEXT.paused);
	if (!actor.getSnapshot().can(event)) throw new KioskError(409, KIOSK_SERVICE_TEXT.notNow);
	actor.send(event);
}

/** Calls `listener` whenever the kiosk's screen may have changed: its session moved, or one of its devices. */
export function watchKiosk(deps: KioskDeps, operator: Operator | null, listener: () => void): () => void {
	const kioskId = kioskIdOf(operator);
	const devices = kioskDevices(deps, operator);
	let offSession = () => {};
	const follow = () => {
		offSession();
		offSession = deps.sessions.subscribe(liveSession(deps, kioskId).id, listener);
	};
	follow();
	const offDevices = devices.hub.onChange(listener);
	return () => {
		offSession();
		offDevices();
	};
}

/**
 * The server side of each kiosk's reader: a card placed or removed is an event of the kiosk's
 * session. The holder reaches the session only this way, never from a request.
 */
export function connectKioskReaders(deps: KioskDeps): () => void {
	const offs = [...deps.kiosks].map(([kioskId, devices]) =>
		devices.idReader.onCard((e) => {
			const { actor } = liveSession(deps, kioskId);
			actor.send({ type: e.type === 'placed' ? 'CARD_PLACED' : 'CARD_REMOVED' });
		})
	);
	return () => offs.forEach((off) => off());
}

/** One kiosk's day: cards read and documents printed. */
export interface KioskDayRow {
	kioskId: string;
	cardsRead: number;
	printed: number;
	reprinted: number;
}

/** The kiosks' day from the audit trail, one row per configured kiosk. */
export function kioskDay(audit: Pick<AuditRepo, 'countsOfDay'>, kioskIds: Iterable<string>, businessDate: string): KioskDayRow[] {
	const counts = audit.countsOfDay([KIOSK_AUDIT.cardRead, KIOSK_AUDIT.printed], businessDate);
	const of = (kioskId: string, action: string, reprint?: boolean) =>
		counts.filter((c) => c.subject === kioskId && c.action === action && (reprint === undefined || c.reprint === reprint)).reduce((s, c) => s + c.n, 0);
	return [...kioskIds].map((kioskId) => ({
		kioskId,
		cardsRead: of(kioskId, KIOSK_AUDIT.cardRead),
		printed: of(kioskId, KIOSK_AUDIT.printed),
		reprinted: of(kioskId, KIOSK_AUDIT.printed, true)
	}));
}
