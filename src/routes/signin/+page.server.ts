import { fail, redirect } from '@sveltejs/kit';
import { safeNext, SESSION_COOKIE } from '$lib/server/auth/access';
import { readForm } from '$lib/server/http/read-input';
import { signInForm } from '$lib/server/http/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.clerk) redirect(303, safeNext(url.searchParams.get('next')));
	return { windows: locals.services.windows.counters() };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals }) => {
		const input = await readForm(request, signInForm);
		if (!input.ok) return input.failure;
		const { login, password, window: windowNo } = input.data;

		const result = await locals.services.auth.signIn(login, password, windowNo);
		if (!result.ok) return fail(result.code === 'LOCKED' ? 423 : 400, { message: result.message });

		cookies.set(SESSION_COOKIE, result.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'strict',
			secure: url.protocol === 'https:',
			expires: result.expiresAt
		});
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
