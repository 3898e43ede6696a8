import { printedForWindow } from '$lib/server/services/window-jobs';
import type { RequestHandler } from './$types';

// Device health and, in demo mode, the virtual printer's printouts for this window, as server-sent events.
export const GET: RequestHandler = ({ locals }) => {
	const { devices } = locals.services.devices;
	let stop = () => {};
	const stream = new ReadableStream<string>({
		start(controller) {
			const send = (event: string, data: unknown) => controller.enqueue(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
			send('devices', devices.hub.snapshot());
			const offHealth = devices.hub.onChange(() => send('devices', devices.hub.snapshot()));
			// The holder's number and name fill the window's person search.
			const card = () => {
				const c = devices.idReader.current();
				return c ? { name: c.name, idNumber: c.idNumber } : null;
			};
			send('idcard', card());
			const offCard = devices.idReader.onCard(() => send('idcard', card()));
			const windowNo = locals.clerk!.windowNo;
			const offPrint =
				devices.simulated?.printer.onPrintout((p) => {
					if (printedForWindow(p, windowNo)) send('printout', p);
				}) ?? (() => {});
			// Keeps proxies from closing an idle stream.
			const beat = setInterval(() => controller.enqueue(': keep-alive\n\n'), 15_000);
			stop = () => {
				offHealth();
				offCard();
				offPrint();
				clearInterval(beat);
			};
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream.pipeThrough(new TextEncoderStream()), {
		headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' }
	});
};
