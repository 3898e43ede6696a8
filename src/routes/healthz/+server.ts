import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => {
	const { mode, clock } = locals.services.terminal;
	return json({ ok: true, mode, today: clock.today() });
};
