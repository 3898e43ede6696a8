import { KioskError, kioskPage, watchKiosk } from '$lib/server/services/kiosk';
import { refuseJson } from '$lib/server/http/read-input';
import type { RequestHandler } from './$types';

// The kiosk's screen after every step of its session and every change of its devices, as server-sent events.
export const GET: RequestHandler = ({ locals }) => {
	const deps = locals.services.kiosk;
	const operator = locals.operator;
	try {
		kioskPage(deps, operator);
	} catch (e) {
		if (e instanceof KioskError) return refuseJson(e);
		throw e;
	}
	let stop = () => {};
	const stream = new ReadableStream<string>({
		start(controller) {
			const send = () => controller.enqueue(`event: view\ndata: ${JSON.stringify(kioskPage(deps, operator))}\n\n`);
			send();
			const off = watchKiosk(deps, operator, send);
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
