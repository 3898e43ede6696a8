import { json } from '@sveltejs/kit';
import { uploadProgress } from '$lib/server/services/collector-batches';
import { WindowSessionError } from '$lib/server/services/window-sessions';
import { sessionParams } from '$lib/server/sessions/session-events';
import { checkInput, refuseJson } from '$lib/server/http/read-input';
import type { RequestHandler } from './$types';

/** How far the check of an uploaded list has come (polled by the progress bar); `null` when none runs. */
export const GET: RequestHandler = ({ params, locals }) => {
	const id = checkInput(sessionParams, params, 404);
	if (!id.ok) return refuseJson(id);
	try {
		return json(uploadProgress(locals.services.collectorBatches, locals.operator!, id.data.sessionId));
	} catch (e) {
		if (e instanceof WindowSessionError) return refuseJson(e);
		throw e;
	}
};
