import { error, redirect } from '@sveltejs/kit';
import { startIndividualSession, WindowSessionError } from '$lib/server/services/window-sessions';
import { readForm } from '$lib/server/http/read-input';
import { startIndividualForm } from '$lib/server/http/schemas/counter';
import type { Actions, PageServerLoad } from './$types';

// Nothing to show here: a visit with individuals is started from the counter's search.
export const load: PageServerLoad = () => redirect(303, '/counter');

export const actions: Actions = {
	start: async ({ locals, request }) => {
		const input = await readForm(request, startIndividualForm);
		if (!input.ok) return input.failure;
		let id: string;
		try {
			const { idNumber, name, source } = input.data;
			id = startIndividualSession(locals.services.windowSessions, locals.operator!, idNumber ? { idNumber, name: name || undefined, source } : undefined);
		} catch (e) {
			if (e instanceof WindowSessionError) error(e.status, e.message);
			throw e;
		}
		redirect(303, `/counter/individuals/${id}`);
	}
};
