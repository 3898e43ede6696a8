import { error, json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { parseBusiness, startCounterSession, WindowSessionError } from '$lib/server/services/window-sessions';
import type { RequestHandler } from './$types';

/** Starts a window session for a payer: `{ payerId, business? }` → `{ id }`. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const body = (await request.json().catch(() => null)) as { payerId?: unknown; business?: unknown } | null;
	const payerId = Number(body?.payerId);
	if (!Number.isSafeInteger(payerId)) error(400, '缺少缴费人');
	try {
		return json({ id: await startCounterSession(app(), locals.clerk!, payerId, parseBusiness(body?.business)) }, { status: 201 });
	} catch (e) {
		if (e instanceof WindowSessionError) error(e.status, e.message);
		throw e;
	}
};

