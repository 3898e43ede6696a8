import { redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { SESSION_COOKIE } from '$lib/server/auth/access';
import { readForm } from '$lib/server/http/read-input';
import { noFields } from '$lib/server/http/fields';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ cookies, locals, request }) => {
		const input = await readForm(request, noFields);
		if (!input.ok) return input.failure;
		const token = cookies.get(SESSION_COOKIE);
		if (token && locals.clerk) app().auth.signOut(token, locals.clerk);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/signin');
	}
};
