import { error } from '@sveltejs/kit';
import { individualViewOf, WindowSessionError } from '$lib/server/services/window-sessions';
import { sessionParams } from '$lib/server/sessions/session-events';
import { inputOrError } from '$lib/server/http/read-input';
import { sessionActions } from '$lib/server/http/session-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	const { sessionId } = inputOrError(sessionParams, params, 404);
	try {
		return { view: individualViewOf(locals.services.windowSessions, locals.operator!, sessionId) };
	} catch (e) {
		if (e instanceof WindowSessionError) error(e.status, e.message);
		throw e;
	}
};

// Named here, so every action of the page is listed where SvelteKit (and the hostile-input test) looks.
export const actions: Actions = {
	send: (event) => sessionActions.send(event),
	override: (event) => sessionActions.override(event),
	supervisor: (event) => sessionActions.supervisor(event)
};
