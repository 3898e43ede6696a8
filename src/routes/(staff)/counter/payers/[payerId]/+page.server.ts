import { error, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { showPayer } from '$lib/server/services/payer-view';
import { parseBusiness, startCounterSession, WindowSessionError } from '$lib/server/services/window-sessions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const view = await showPayer(app(), locals.clerk!, Number(params.payerId));
	if (!view) error(404, '未找到该缴费人');
	return { q: url.searchParams.get('q') ?? '', view };
};

export const actions: Actions = {
	start: async ({ params, locals, request }) => {
		const business = String((await request.formData()).get('business') ?? 'payment');
		let id: string;
		try {
			id = await startCounterSession(app(), locals.clerk!, Number(params.payerId), parseBusiness(business));
		} catch (e) {
			if (e instanceof WindowSessionError) error(e.status, e.message);
			throw e;
		}
		redirect(303, `/counter/sessions/${id}`);
	}
};
