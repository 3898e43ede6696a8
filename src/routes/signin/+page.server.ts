import { fail, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { safeNext, SESSION_COOKIE } from '$lib/server/auth/access';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.clerk) redirect(303, safeNext(url.searchParams.get('next')));
	return { windows: app().repos.windows.counters() };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const login = String(form.get('login') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const windowNo = Number(form.get('window'));
		if (!login || !password) return fail(400, { login, windowNo, message: '请输入工号和密码' });

		const result = await app().auth.signIn(login, password, windowNo);
		if (!result.ok) return fail(result.code === 'LOCKED' ? 423 : 400, { login, windowNo, message: result.message });

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
