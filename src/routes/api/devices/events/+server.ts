import { printedForWindow } from '$lib/server/services/window-jobs';
import { KioskError, kioskDevices } from '$lib/server/services/kiosk';
import { refuseJson } from '$lib/server/http/read-input';
import type { RequestHandler } from './$types';

// Device health as server-sent events: a window's devices and, in demo mode, the virtual printer's
// printouts for this window; a kiosk's own devices only (never the card's holder: the kiosk's
// screen gets the holder from its session, masked).
export const GET: RequestHandler = ({ locals }) => {
	const operator = locals.operator!;
	let devices;
	try {
		devices = operator.kind === 'kiosk' ? kioskDevices(locals.services.kiosk, operator) : locals.services.devices.devices;
	} catch (e) {
		if (e instanceof KioskError) return refuseJson(e);
		throw e;
	}
	const hub = devices.hub;
	const window = operator.kind === 'clerk' ? { devices: locals.services.devices.devices, windowNo: operator.clerk.windowNo } : null;
	let stop = () => {};
	const stream = new ReadableStream<string>({
		start(controller) {
			const send = (event: string, data: unknown) => controller.enqueue(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
			send('devices', hub.snapshot());
			const offs = [hub.onChange(() => send('devices', hub.snapshot()))];
			if (window) {
				// The holder's number and name fill the window's person search.
				const card = () => {
					const c = window.devices.idReader.current();
					return c ? { name: c.name, idNumber: c.idNumber } : null;
				};
				send('idcard', card());
				offs.push(window.devices.idReader.onCard(() => send('idcard', card())));
				const offPrint = window.devices.simulated?.printer.onPrintout((p) => {
					if (printedForWindow(p, window.windowNo)) send('printout', p);
				});
				if (offPrint) offs.push(offPrint);
			}
			// Keeps proxies from closing an idle stream.
			const beat = setInterval(() => controller.enqueue(': keep-alive\n\n'), 15_000);
			stop = () => {
				for (const off of offs) off();
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
