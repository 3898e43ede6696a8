import { fail, redirect } from '@sveltejs/kit';
import { KIOSK_COOKIE, kioskCookieValue, kioskOperator } from '$lib/server/auth/operator';
import { readForm } from '$lib/server/http/read-input';
import { kioskEnrollForm } from '$lib/server/http/schemas/kiosk';
import type { Actions, PageServerLoad } from './$types';

const ENROLL_TEXT = {
	wrongKey: '终端密钥不正确：请核对 SIFEE_KIOSK_KEYS 中该终端的编号和密钥'
} as const;

/** Ten years: a kiosk's browser stays enrolled until its key changes. */
const KIOSK_COOKIE_SECONDS = 10 * 365 * 24 * 3600;

export const load: PageServerLoad = ({ locals }) => ({ enrolledAs: locals.operator?.kind === 'kiosk' ? locals.operator.kioskId : null });

export const actions: Actions = {
	// The hall's IT staff type the kiosk's `<id>:<key>` once; the browser keeps an HttpOnly cookie
	// made from it (never the key itself) and opens the kiosk screen.
	default: async ({ locals, request, cookies, url }) => {
		const input = await readForm(request, kioskEnrollForm);
		if (!input.ok) return input.failure;
		const kiosk = kioskOperator(locals.services.terminal.kioskKeys, input.data.key);
		if (kiosk?.kind !== 'kiosk') return fail(403, { message: ENROLL_TEXT.wrongKey });
		cookies.set(KIOSK_COOKIE, kioskCookieValue(kiosk.kioskId, locals.services.terminal.kioskKeys.get(kiosk.kioskId)!), {
			path: '/',
			httpOnly: true,
			sameSite: 'strict',
			secure: url.protocol === 'https:',
			maxAge: KIOSK_COOKIE_SECONDS
		});
		redirect(303, '/kiosk');
	}
};
