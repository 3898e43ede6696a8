import { error } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { payerView } from '$lib/server/services/payer-view';
import type { PageServerLoad } from './$types';

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
