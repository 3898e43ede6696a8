import { redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { SESSION_COOKIE } from '$lib/server/auth/access';
import type { Actions } from './$types';

export const actions: Actions = {
	default: ({ cookies, locals }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token && locals.clerk) app().auth.signOut(token, locals.clerk);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/signin');
	}
};
