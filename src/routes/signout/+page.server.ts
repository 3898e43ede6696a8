import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/auth/access';
import { readForm } from '$lib/server/http/read-input';
import { noFields } from '$lib/server/http/fields';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST (a link or an image elsewhere cannot sign a clerk out); a GET, e.g. a
// typed address, shows the button that posts it.
export const load: PageServerLoad = ({ locals }) => {
	if (!locals.clerk) redirect(303, '/signin');
	return { clerk: { displayName: locals.clerk.displayName, windowNo: locals.clerk.windowNo } };
};

export const actions: Actions = {
	default: async ({ cookies, locals, request }) => {
		const input = await readForm(request, noFields);
		if (!input.ok) return input.failure;
		const token = cookies.get(SESSION_COOKIE);
		if (token && locals.clerk) locals.services.auth.signOut(token, locals.clerk);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/signin');
	}
};
