import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { RouteId } from '$app/types';
import { requesterOf, type Requester } from './operator';

// Who may open what is decided on the route SvelteKit matched (`event.route.id`), never on the
// raw path: `/%61dmin/calendar` is the route `/(staff)/admin/calendar` whatever its spelling.

export type { Requester };

const ANYONE: readonly Requester[] = ['anonymous', 'clerk', 'supervisor', 'kiosk'];
const STAFF: readonly Requester[] = ['clerk', 'supervisor'];
const SUPERVISOR: readonly Requester[] = ['supervisor'];
const KIOSK: readonly Requester[] = ['kiosk'];

/** Every route of `src/routes` and who it admits; a route missing here is refused to everyone. */
export const ROUTE_ACCESS = {
	'/': STAFF,
	'/signin': ANYONE,
	'/signout': ANYONE,
	'/healthz': ANYONE,
	'/(staff)/counter': STAFF,
	'/(staff)/counter/bank-stubs': STAFF,
	'/(staff)/counter/annuity': STAFF,
	'/(staff)/counter/annuity/[payerId]': STAFF,
	'/(staff)/counter/payers/[payerId]': STAFF,
	'/(staff)/counter/sessions/[sessionId]': STAFF,
	'/(staff)/counter/individuals': STAFF,
	'/(staff)/counter/individuals/[sessionId]': STAFF,
	'/(staff)/counter/verify': STAFF,
	'/(staff)/counter/shift': STAFF,
	'/(staff)/counter/collectors': STAFF,
	'/(staff)/counter/collectors/template': STAFF,
	'/(staff)/counter/collectors/[sessionId]': STAFF,
	'/(staff)/counter/collectors/[sessionId]/progress': STAFF,
	'/(staff)/counter/collectors/[sessionId]/report': STAFF,
	'/(staff)/devices': STAFF,
	'/(staff)/admin/booking': SUPERVISOR,
	'/(staff)/admin/calendar': SUPERVISOR,
	'/(staff)/admin/clerks': SUPERVISOR,
	'/(staff)/admin/collectors': SUPERVISOR,
	'/(staff)/admin/manual-links': SUPERVISOR,
	'/(staff)/admin/kiosks': SUPERVISOR,
	'/(staff)/admin/audit': SUPERVISOR,
	'/(staff)/admin/day-close': SUPERVISOR,
	'/(staff)/admin/shifts/[shiftId]/pdf': SUPERVISOR,
	'/kiosk': KIOSK,
	// The hall's IT staff enrol a kiosk's browser with its key: the key is the credential.
	'/kiosk/enroll': ANYONE,
	'/api/devices/events': [...STAFF, 'kiosk'],
	'/api/kiosk/hello': KIOSK,
	'/api/kiosk/stream': KIOSK,
	'/api/sessions': STAFF,
	'/api/shift': STAFF,
	'/api/sessions/[sessionId]': STAFF,
	'/api/sessions/[sessionId]/stream': STAFF
} as const satisfies Partial<Record<RouteId, readonly Requester[]>>;

export const ACCESS_TEXT = {
	signInExpired: '登录已过期，请重新登录',
	supervisorOnly: '该功能仅限值班长使用',
	notAdmitted: '您无权使用该功能',
	unlisted: '该页面尚未登记访问权限，暂不可用',
	kioskOnly: '仅限已登记的自助终端使用：缺少或无效的终端密钥，请联系办税服务厅信息技术人员'
};

export type AccessDecision = { kind: 'allow' } | { kind: 'sign-in' } | { kind: 'refuse'; status: 401 | 403; message: string };

/**
 * The one access decision. `routeId` null means no route matched: SvelteKit answers 404 with
 * the bare error page, which shows nothing of any route.
 */
export function decideAccess(routeId: string | null, who: Requester, method: string): AccessDecision {
	if (routeId === null) return { kind: 'allow' };
	const admitted: readonly Requester[] | undefined = Object.hasOwn(ROUTE_ACCESS, routeId) ? ROUTE_ACCESS[routeId as keyof typeof ROUTE_ACCESS] : undefined;
	if (!admitted) return { kind: 'refuse', status: 403, message: ACCESS_TEXT.unlisted };
	if (admitted.includes(who)) return { kind: 'allow' };
	// A kiosk never signs in: it is known by its key or not at all.
	if (admitted === KIOSK && who !== 'kiosk') {
		return { kind: 'refuse', status: who === 'anonymous' ? 401 : 403, message: ACCESS_TEXT.kioskOnly };
	}
	if (who === 'anonymous') {
		// A page can send the browser on to sign-in; a form post or API call cannot be replayed.
		return method === 'GET' || method === 'HEAD' ? { kind: 'sign-in' } : { kind: 'refuse', status: 401, message: ACCESS_TEXT.signInExpired };
	}
	return {
		kind: 'refuse',
		status: 403,
		message: admitted === SUPERVISOR ? ACCESS_TEXT.supervisorOnly : ACCESS_TEXT.notAdmitted
	};
}

/** Applies the decision to a request (from the `handle` hook, after `locals.operator` is set). */
export function guardRoute(event: RequestEvent): void {
	const decision = decideAccess(event.route.id, requesterOf(event.locals.operator), event.request.method);
	if (decision.kind === 'sign-in') redirect(303, `/signin?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (decision.kind === 'refuse') error(decision.status, decision.message);
}

// Resolved against a placeholder origin: whatever leaves it is another site.
const SAME_SITE = 'http://sifee.invalid';

/**
 * Only a path on this site is followed after sign-in. Backslashes (`/\evil.example`, which
 * browsers read as `//evil.example`), control characters and `//` are refused outright; what
 * is left must resolve to this origin.
 */
export function safeNext(next: string | null): string {
	const fallback = '/counter';
	// eslint-disable-next-line no-control-regex -- refusing control characters is the point
	if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(next)) return fallback;
	const url = new URL(next, SAME_SITE);
	return url.origin === SAME_SITE ? url.pathname + url.search + url.hash : fallback;
}

export const SESSION_COOKIE = 'sifee_session';
