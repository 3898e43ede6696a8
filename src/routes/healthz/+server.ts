import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';

export function GET() {
	const { config, clock } = app();
	return json({ ok: true, mode: config.mode, today: clock.today() });
}
