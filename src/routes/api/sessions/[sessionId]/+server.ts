import { json } from '@sveltejs/kit';
import { screenOf, sendEvent, WindowSessionError } from '$lib/server/services/window-sessions';
import { sessionEventSchema, sessionParams } from '$lib/server/sessions/session-events';
import { checkInput, readJson, refuseJson } from '$lib/server/http/read-input';
import type { RequestHandler } from './$types';

function answer<T>(work: () => T) {
	try {
		return json(work());
	} catch (e) {
		if (e instanceof WindowSessionError) return refuseJson(e);
		throw e;
	}
}

/** The session's view as JSON. */
export const GET: RequestHandler = ({ params, locals }) => {
	const id = checkInput(sessionParams, params, 404);
	return id.ok ? answer(() => screenOf(locals.services.windowSessions, locals.operator!, id.data.sessionId)) : refuseJson(id);
};

/** Sends one event given as the screen's fields; answers the view after it. */
export const POST: RequestHandler = async ({ params, locals, request }) => {
	const id = checkInput(sessionParams, params, 404);
	if (!id.ok) return refuseJson(id);
	const event = await readJson(request, sessionEventSchema);
	if (!event.ok) return refuseJson(event);
	return answer(() => {
		sendEvent(locals.services.windowSessions, locals.operator!, id.data.sessionId, event.data);
		return screenOf(locals.services.windowSessions, locals.operator!, id.data.sessionId);
	});
};
