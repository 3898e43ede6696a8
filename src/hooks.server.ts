import type { Handle, ServerInit } from '@sveltejs/kit';
import { app, startApp } from '$lib/server/app';
import { guardRoute, SESSION_COOKIE } from '$lib/server/auth/access';
import { KIOSK_KEY_HEADER, kioskOperator } from '$lib/server/auth/operator';
import { guardRequest } from '$lib/server/http/guard';
import { answerClientErrorsInChinese } from '$lib/server/http/client-errors';
import { describeError } from '$lib/server/http/errors';

export const init: ServerInit = async () => {
	answerClientErrorsInChinese();
	const runtime = await startApp();
	// adapter-node's graceful stop: close the SQLite files so WAL is checkpointed.
	process.once('sveltekit:shutdown', () => runtime.close());
};

export const handleError = describeError;

export const handle: Handle = async ({ event, resolve }) => {
	const refused = guardRequest(event);
	if (refused) return refused;
	const { auth, config } = app();
	event.locals.clerk = auth.clerkFor(event.cookies.get(SESSION_COOKIE));
	event.locals.operator = event.locals.clerk
		? { kind: 'clerk', clerk: event.locals.clerk }
		: kioskOperator(config.kioskKeys, event.request.headers.get(KIOSK_KEY_HEADER));
	// Who may open the matched route (src/lib/server/auth/access.ts).
	guardRoute(event);
	return resolve(event);
};
