// What every counter machine shares: the error shape in context, the placeholder error of
// actors the server has not provided, the help lines of the guide, and small pure helpers.
// Pure: no I/O, no clock, no randomness.

import { sendTo } from 'xstate';
import { isValidIsoDate, type IsoDate } from '../src/lib/domain/dates';

/**
 * An error as the machines keep it in context: plain JSON, a stable code for the code and a
 * Chinese message for the clerk (what happened, what to do).
 */
export interface MachineError {
	code: string;
	message: string;
}

/**
 * Thrown by the placeholder actors of `setup({ actors })`: the server supplies the real ones
 * with `machine.provide({ actors })`, tests supply fakes the same way.
 */
export class NotProvidedError extends Error {
	readonly code = 'ACTOR_NOT_PROVIDED';

	constructor(actorName: string) {
		super(`终端未配置“${actorName}”功能，请联系系统管理员（${actorName} not provided）`);
		this.name = 'NotProvidedError';
	}
}

/**
 * Reduces whatever an actor rejected with to a `MachineError`. Errors that carry a string
 * `code` and a string `message` (UpstreamError, DomainError, device status) keep both; anything
 * else becomes `fallback`, so no stack trace or class instance ever reaches the context.
 */
export function toMachineError(error: unknown, fallback: MachineError): MachineError {
	if (typeof error === 'object' && error !== null) {
		const { code, message } = error as { code?: unknown; message?: unknown };
		if (typeof code === 'string' && code !== '' && typeof message === 'string' && message !== '') {
			return { code, message };
		}
	}
	return { ...fallback };
}

/** One consultation line of the guide's 其他事项. `key` is the menu key to press after dialling. */
export interface HelpLine {
	number: string;
	key: string | null;
	purpose: string;
}

/**
 * The guide's 其他事项 (chapters 1 and 2, identical): where a payer asks what.
 * The client-software line is kept because the guide prints it for units.
 */
export const HELP_LINES: readonly HelpLine[] = [
	{ number: '12333', key: null, purpose: '参保登记、变更、转移及权益记录、待遇支付等：社保、医保经办机构服务热线' },
	{ number: '12366', key: '6', purpose: '缴费业务：税务服务热线，按语音提示选择6号键（社保费和非税收入缴纳）' },
	{ number: '95113', key: null, purpose: '山西省电子税务局缴费问题' },
	{ number: '0351-5689977', key: null, purpose: '社保费管理客户端使用问题' }
];

/** The lines for residents and flexible employees: the client-software line is for units only. */
export const INDIVIDUAL_HELP_LINES: readonly HelpLine[] = HELP_LINES.filter((l) => l.number !== '0351-5689977');

/** A slip printed for the payer to take away: where to go, what to bring, whom to call. */
export interface GuidanceSlip {
	title: string;
	/** Why the payer gets the slip, in one or two sentences. */
	reason: string;
	/** Where to go; empty when the business stays at tax. */
	where: string[];
	/** What to bring. */
	bring: string[];
	/** What to do, in order. */
	steps: string[];
	helpLines: HelpLine[];
}

/** Sum of integer fen amounts; integer arithmetic only. */
export function sumFen(amounts: readonly number[]): number {
	let total = 0;
	for (const a of amounts) total += a;
	return total;
}

/** True for a real `YYYY-MM-DD` date. */
export function isIsoDate(value: unknown): value is IsoDate {
	return typeof value === 'string' && isValidIsoDate(value);
}

/** Adds or removes `item` (kept in ascending order, so keys built from it are stable). */
export function toggleSorted(list: readonly number[], item: number): number[] {
	return list.includes(item) ? list.filter((x) => x !== item) : [...list, item].sort((a, b) => a - b);
}

/** Same as `toggleSorted` for string ids. */
export function toggleSortedText(list: readonly string[], item: string): string[] {
	return list.includes(item) ? list.filter((x) => x !== item) : [...list, item].sort();
}

/**
 * Printed on every receipt and certificate (guide ch. 1 §四 and ch. 2 §四 注意事项): refunds are
 * made by the agencies and never shown on tax's certificates.
 */
/**
 * Tag of a child's step while paper is coming out of a printer: the session does not leave the step
 * (finish, next person, back) until the print has ended, or the paper would be cut off unaccounted.
 */
export const PAPER_MOVING = 'paperMoving';

export const REFUND_NOT_SHOWN = '税务机关出具的缴费凭证，不体现社保、医保经办机构的退费结果信息。';

/** A device's answer about itself (see DESIGN: devices report typed status). */
export interface DeviceStatus {
	level: 'ok' | 'warning' | 'error';
	code: string;
	message: string;
}

/**
 * The key of a window session's claim on a declaration (占用): the same for every child of the
 * session (`<sessionId>:p2`, `<sessionId>:d1`…), so a session never stands in its own way.
 */
export function claimKey(sessionId: string): string {
	return `${sessionId.split(':')[0]}:claim`;
}

/** The events of a child that a session forwards to it: those of `L`, typed by the child's own events. */
export type Forwarded<E extends { type: string }, L extends readonly E['type'][]> = Extract<E, { type: L[number] }>;

/** Transitions that forward each listed event, as it came, to the child of that invoke id (the child decides). */
export function forwarding<E extends { type: string }>(child: string, types: readonly E['type'][]) {
	const forward = sendTo(child, ({ event }) => event as never);
	return Object.fromEntries(types.map((t) => [t, { actions: forward }])) as Record<string, { actions: typeof forward }>;
}
