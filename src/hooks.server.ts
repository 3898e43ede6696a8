import type { Handle, ServerInit } from '@sveltejs/kit';
import { startApp } from '$lib/server/app';
import type { RequestServices } from '$lib/server/request-services';
import { guardRoute, SESSION_COOKIE } from '$lib/server/auth/access';
import { clerkOperator, KIOSK_COOKIE, KIOSK_KEY_HEADER, kioskFromCookie, kioskOperator } from '$lib/server/auth/operator';
import { guardRequest } from '$lib/server/http/guard';
import { answerClientErrorsInChinese } from '$lib/server/http/client-errors';
import { describeError } from '$lib/server/http/errors';

// Built once by `init`, which SvelteKit finishes before the first request; handed to each request on locals.
let services: RequestServices;

export const init: ServerInit = async () => {
	answerClientErrorsInChinese();
	const runtime = await startApp();
	services = runtime.services;
	// adapter-node's graceful stop: close the SQLite files so WAL is checkpointed.
	process.once('sveltekit:shutdown', () => runtime.close());
};

export const handleError = describeError;

export const handle: Handle = async ({ event, resolve }) => {
	const refused = guardRequest(event);
	if (refused) return refused;
	event.locals.services = services;
	event.locals.clerk = services.auth.clerkFor(event.cookies.get(SESSION_COOKIE));
	// A signed-in clerk is a clerk, whatever kiosk credential the browser also carries; a kiosk is
	// known by its key (scripts send the header) or by the cookie its enrolment gave its browser.
	const { kioskKeys } = services.terminal;
	event.locals.operator = event.locals.clerk
		? clerkOperator(event.locals.clerk)
		: (kioskOperator(kioskKeys, event.request.headers.get(KIOSK_KEY_HEADER)) ?? kioskFromCookie(kioskKeys, event.cookies.get(KIOSK_COOKIE)));
	// Who may open the matched route (src/lib/server/auth/access.ts).
	guardRoute(event);
	return resolve(event);
};
