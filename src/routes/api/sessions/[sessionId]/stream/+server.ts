import { screenOf, WindowSessionError } from '$lib/server/services/window-sessions';
import { sessionParams } from '$lib/server/sessions/session-events';
import { checkInput, refuseJson } from '$lib/server/http/read-input';
import type { RequestHandler } from './$types';

// The window session's view after every transition, as server-sent events.
export const GET: RequestHandler = ({ params, locals }) => {
	const deps = locals.services.windowSessions;
	const operator = locals.operator!;
	const checked = checkInput(sessionParams, params, 404);
	if (!checked.ok) return refuseJson(checked);
	const id = checked.data.sessionId;
	try {
		screenOf(deps, operator, id);
	} catch (e) {
		if (e instanceof WindowSessionError) return refuseJson(e);
		throw e;
	}
	let stop = () => {};
	const stream = new ReadableStream<string>({
		start(controller) {
			const send = () => controller.enqueue(`event: view\ndata: ${JSON.stringify(screenOf(deps, operator, id))}\n\n`);
			send();
			const off = deps.sessions.subscribe(id, send);
			const beat = setInterval(() => controller.enqueue(': keep-alive\n\n'), 15_000);
			stop = () => {
				off();
				clearInterval(beat);
			};
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream.pipeThrough(new TextEncoderStream()), {
		headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }
	});
};
