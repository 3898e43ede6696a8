import { error, redirect } from '@sveltejs/kit';
import { showPayer } from '$lib/server/services/payer-view';
import { openSessionsAt, startCounterSession, WindowSessionError } from '$lib/server/services/window-sessions';
import { inputOrError, queryValues, readForm } from '$lib/server/http/read-input';
import { payerParams, searchQuery, startSessionForm } from '$lib/server/http/schemas/counter';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const { payerId } = inputOrError(payerParams, params, 404);
	const { q } = inputOrError(searchQuery, queryValues(url.searchParams));
	const view = await showPayer(locals.services.payers, locals.clerk!, payerId);
	if (!view) error(404, '未找到该缴费人');
	// A session of this window for the same payer, left unfinished: offered to resume.
	const openSession = openSessionsAt(locals.services.windowSessions, locals.operator!).find((s) => s.payerId === payerId) ?? null;
	return { q: q ?? '', view, openSession };
};

export const actions: Actions = {
	start: async ({ params, locals, request }) => {
		const { payerId } = inputOrError(payerParams, params, 404);
		const input = await readForm(request, startSessionForm);
		if (!input.ok) return input.failure;
		let id: string;
		try {
			id = await startCounterSession(locals.services.windowSessions, locals.operator!, payerId, input.data.business);
		} catch (e) {
			if (e instanceof WindowSessionError) error(e.status, e.message);
			throw e;
		}
		redirect(303, `/counter/sessions/${id}`);
	}
};
