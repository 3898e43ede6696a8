import { error, json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { sendFromForm, viewOf, WindowSessionError } from '$lib/server/services/window-sessions';
import { SessionEventError } from '$lib/server/sessions/session-events';
import type { RequestHandler } from './$types';

function answer<T>(work: () => T) {
	try {
		return json(work());
	} catch (e) {
		if (e instanceof WindowSessionError) error(e.status, e.message);
		if (e instanceof SessionEventError) error(400, e.message);
		throw e;
	}
}

/** The session's view as JSON. */
export const GET: RequestHandler = ({ params, locals }) => answer(() => viewOf(app(), locals.clerk!, params.sessionId));

/** Sends one event given as flat fields (as the screen's forms do); answers the view after it. */
export const POST: RequestHandler = async ({ params, locals, request }) => {
	const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
	const fields = Object.fromEntries(Object.entries(body ?? {}).map(([k, v]) => [k, String(v)]));
	return answer(() => {
		sendFromForm(app(), locals.clerk!, params.sessionId, fields);
		return viewOf(app(), locals.clerk!, params.sessionId);
	});
};
