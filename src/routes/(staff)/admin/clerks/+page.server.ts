import { fail } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ clerks: app().auth.clerks() });

export const actions: Actions = {
	unlock: async ({ request, locals }) => {
		const login = String((await request.formData()).get('login') ?? '');
		const r = app().auth.unlock(locals.clerk!, login);
		return r.ok ? { message: r.message } : fail(r.status, { message: r.message });
	}
};
