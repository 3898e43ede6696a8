import { error, redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { app, startApp } from '$lib/server/app';
import { isPublicPath, needsSupervisor, SESSION_COOKIE } from '$lib/server/auth/access';
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
	const { auth } = app();
	event.locals.clerk = auth.clerkFor(event.cookies.get(SESSION_COOKIE));
	const path = event.url.pathname;
	if (!event.locals.clerk && !isPublicPath(path) && !path.startsWith('/_app/')) {
		if (event.request.method !== 'GET') error(401, '登录已过期，请重新登录');
		redirect(303, `/signin?next=${encodeURIComponent(path + event.url.search)}`);
	}
	if (needsSupervisor(path) && event.locals.clerk?.role !== 'supervisor') error(403, '该功能仅限值班长使用');
	return resolve(event);
};
