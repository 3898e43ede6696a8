import { fail } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/read-input';
import { unlockForm } from '$lib/server/http/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ clerks: locals.services.auth.clerks() });

export const actions: Actions = {
	unlock: async ({ request, locals }) => {
		const input = await readForm(request, unlockForm);
		if (!input.ok) return input.failure;
		const r = locals.services.auth.unlock(locals.clerk!, input.data.login);
		return r.ok ? { message: r.message } : fail(r.status, { message: r.message });
	}
};
