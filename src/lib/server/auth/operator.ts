import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SignedInClerk } from './auth-service';
import type { ClerkRole } from '../db/clerks-repo';

/** Who is asking, as the access table names them: nobody signed in, a clerk or supervisor at a window, or a hall kiosk. */
export type Requester = 'anonymous' | ClerkRole | 'kiosk';

/**
 * Who works the terminal in a request: a clerk (or supervisor) signed in at a window, or a
 * self-service kiosk of the hall, known by its own configured key.
 */
export type Operator = { kind: 'clerk'; clerk: SignedInClerk } | { kind: 'kiosk'; kioskId: string };

/** The operator of a clerk signed in at a window. */
export const clerkOperator = (clerk: SignedInClerk): Operator => ({ kind: 'clerk', clerk });

/** The header a kiosk sends with every request: `<kiosk id>:<secret>`. */
export const KIOSK_KEY_HEADER = 'x-sifee-kiosk-key';

/** The access table's name for an operator (or for nobody). */
export function requesterOf(operator: Operator | null): Requester {
	if (!operator) return 'anonymous';
	return operator.kind === 'kiosk' ? 'kiosk' : operator.clerk.role;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The kiosk a request comes from, when it carries a configured kiosk's key; anything else is
 * nobody. Secrets are compared by digest in constant time, so a guess learns nothing from timing.
 */
export function kioskOperator(keys: ReadonlyMap<string, string>, header: string | null): Operator | null {
	if (!header) return null;
	const at = header.indexOf(':');
	if (at <= 0) return null;
	const kioskId = header.slice(0, at);
	const secret = keys.get(kioskId);
	if (secret === undefined) return null;
	return timingSafeEqual(digest(secret), digest(header.slice(at + 1))) ? { kind: 'kiosk', kioskId } : null;
}

/** The HttpOnly cookie a kiosk's browser carries once the hall's IT staff enrolled it at `/kiosk/enroll`. */
export const KIOSK_COOKIE = 'sifee_kiosk';

const KIOSK_COOKIE_PURPOSE = 'sifee-kiosk-cookie-v1';

/**
 * The kiosk cookie's value: the kiosk's id and a keyed hash of its key, so the key itself never
 * sits in the browser; changing the kiosk's key in SIFEE_KIOSK_KEYS revokes every cookie made from it.
 */
export function kioskCookieValue(kioskId: string, secret: string): string {
	return `${kioskId}.${createHmac('sha256', secret).update(KIOSK_COOKIE_PURPOSE).digest('hex')}`;
}

/** The kiosk a request's kiosk cookie names, when it is the cookie of a configured kiosk's current key. */
export function kioskFromCookie(keys: ReadonlyMap<string, string>, value: string | undefined): Operator | null {
	if (!value) return null;
	const at = value.indexOf('.');
	if (at <= 0) return null;
	const kioskId = value.slice(0, at);
	const secret = keys.get(kioskId);
	if (secret === undefined) return null;
	return timingSafeEqual(digest(kioskCookieValue(kioskId, secret)), digest(value)) ? { kind: 'kiosk', kioskId } : null;
}
