import { error, redirect } from '@sveltejs/kit';
import { ownedKind, viewOf, WindowSessionError } from '$lib/server/services/window-sessions';
import { INDIVIDUAL_SESSION } from '$lib/server/sessions/individual-session-kind';
import { sessionParams } from '$lib/server/sessions/session-events';
import { inputOrError } from '$lib/server/http/read-input';
import { sessionActions } from '$lib/server/http/session-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	const { sessionId } = inputOrError(sessionParams, params, 404);
	let kind: string;
	try {
		kind = ownedKind(locals.services.windowSessions, locals.operator!, sessionId);
		if (kind !== INDIVIDUAL_SESSION) return { view: viewOf(locals.services.windowSessions, locals.operator!, sessionId) };
	} catch (e) {
		if (e instanceof WindowSessionError) error(e.status, e.message);
		throw e;
	}
	redirect(303, `/counter/individuals/${sessionId}`);
};

// Named here, so every action of the page is listed where SvelteKit (and the hostile-input test) looks.
export const actions: Actions = {
	send: (event) => sessionActions.send(event),
	override: (event) => sessionActions.override(event),
	supervisor: (event) => sessionActions.supervisor(event)
};
