import { fail, type RequestEvent } from '@sveltejs/kit';
import { sendEvent, sendWithOverride, supervisorDecides, WindowSessionError } from '../services/window-sessions';
import { sessionEventSchema, sessionParams } from '../sessions/session-events';
import { inputOrError, readForm } from './read-input';
import { overrideEventForm, supervisorDecisionForm } from './schemas/counter';

// The form actions of a window session's page, of any kind: what the clerk clicked or typed, the
// same with a supervisor's override typed at the window, and a supervisor's decision on the spot.

async function answer(work: () => void | Promise<void>) {
	try {
		await work();
	} catch (e) {
		if (e instanceof WindowSessionError) return fail(e.status, { message: e.message });
		throw e;
	}
	return { message: null };
}

export const sessionActions = {
	send: async ({ params, locals, request }: RequestEvent<{ sessionId: string }>) => {
		const { sessionId } = inputOrError(sessionParams, params, 404);
		const input = await readForm(request, sessionEventSchema);
		if (!input.ok) return input.failure;
		return answer(() => sendEvent(locals.services.windowSessions, locals.operator!, sessionId, input.data));
	},
	override: async ({ params, locals, request }: RequestEvent<{ sessionId: string }>) => {
		const { sessionId } = inputOrError(sessionParams, params, 404);
		const input = await readForm(request, overrideEventForm);
		if (!input.ok) return input.failure;
		return answer(() => sendWithOverride(locals.services.windowSessions, locals.operator!, sessionId, input.data.event, input.data.credentials));
	},
	supervisor: async ({ params, locals, request }: RequestEvent<{ sessionId: string }>) => {
		const { sessionId } = inputOrError(sessionParams, params, 404);
		const input = await readForm(request, supervisorDecisionForm);
		if (!input.ok) return input.failure;
		return answer(() => supervisorDecides(locals.services.windowSessions, locals.operator!, sessionId, input.data));
	}
};
