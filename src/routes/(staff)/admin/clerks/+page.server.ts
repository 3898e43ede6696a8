import { fail } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { readForm } from '$lib/server/http/read-input';
import { unlockForm } from '$lib/server/http/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ clerks: app().auth.clerks() });

export const actions: Actions = {
	unlock: async ({ request, locals }) => {
		const input = await readForm(request, unlockForm);
		if (!input.ok) return input.failure;
		const r = app().auth.unlock(locals.clerk!, input.data.login);
		return r.ok ? { message: r.message } : fail(r.status, { message: r.message });
	}
};
