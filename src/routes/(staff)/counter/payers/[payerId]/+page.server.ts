import { error, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { payerView } from '$lib/server/services/payer-view';
import { parseBusiness, startCounterSession, WindowSessionError } from '$lib/server/services/window-sessions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const { upstream, clock, repos } = app();
	const id = Number(params.payerId);
	const view = Number.isSafeInteger(id) ? await payerView(upstream, id, clock.today()) : null;
	if (!view) error(404, '未找到该缴费人');
	const clerk = locals.clerk!;
	repos.audit.keepShownCopy(clock.now().toISOString(), {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		kind: 'payer-view',
		subject: view.payer.identifier,
		content: { links: view.links, dues: view.dues, openTotalFen: view.openTotalFen }
	});
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
