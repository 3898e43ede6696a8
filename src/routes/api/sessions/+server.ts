import { json } from '@sveltejs/kit';
import { startCounterSession, WindowSessionError } from '$lib/server/services/window-sessions';
import { readJson, refuseJson } from '$lib/server/http/read-input';
import { startSessionJson } from '$lib/server/http/schemas/counter';
import type { RequestHandler } from './$types';

/** Starts a window session for a payer: `{ payerId, business? }` → `{ id }`. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const input = await readJson(request, startSessionJson);
	if (!input.ok) return refuseJson(input);
	try {
		return json({ id: await startCounterSession(locals.services.windowSessions, locals.operator!, input.data.payerId, input.data.business) }, { status: 201 });
	} catch (e) {
		if (e instanceof WindowSessionError) return refuseJson(e);
		throw e;
	}
};
