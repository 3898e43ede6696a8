import { error, fail } from '@sveltejs/kit';
import { sendEvent, supervisorDecides, viewOf, WindowSessionError } from '$lib/server/services/window-sessions';
import { sessionEventSchema, sessionParams } from '$lib/server/sessions/session-events';
import { inputOrError, readForm } from '$lib/server/http/read-input';
import { supervisorDecisionForm } from '$lib/server/http/schemas/counter';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	const { sessionId } = inputOrError(sessionParams, params, 404);
	try {
		return { view: viewOf(locals.services.windowSessions, locals.operator!, sessionId) };
	} catch (e) {
		if (e instanceof WindowSessionError) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	send: async ({ params, locals, request }) => {
		const { sessionId } = inputOrError(sessionParams, params, 404);
		const input = await readForm(request, sessionEventSchema);
		if (!input.ok) return input.failure;
		try {
			sendEvent(locals.services.windowSessions, locals.operator!, sessionId, input.data);
		} catch (e) {
			if (e instanceof WindowSessionError) return fail(e.status, { message: e.message });
			throw e;
		}
		return { message: null };
	},
	supervisor: async ({ params, locals, request }) => {
		const { sessionId } = inputOrError(sessionParams, params, 404);
		const input = await readForm(request, supervisorDecisionForm);
		if (!input.ok) return input.failure;
		try {
			await supervisorDecides(locals.services.windowSessions, locals.operator!, sessionId, input.data);
		} catch (e) {
			if (e instanceof WindowSessionError) return fail(e.status, { message: e.message });
			throw e;
		}
		return { message: null };
	}
};
