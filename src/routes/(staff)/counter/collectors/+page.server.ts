import { error, redirect } from '@sveltejs/kit';
import { WindowSessionError } from '$lib/server/services/window-sessions';
import { collectorsAtWindow, startCollectorBatch } from '$lib/server/services/collector-batches';
import { readForm } from '$lib/server/http/read-input';
import { startBatchForm } from '$lib/server/http/schemas/collectors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	collectors: collectorsAtWindow(locals.services.collectorBatches).map((c) => ({ code: c.code, name: c.name, village: c.village, county: c.county }))
});

export const actions: Actions = {
	start: async ({ locals, request }) => {
		const input = await readForm(request, startBatchForm);
		if (!input.ok) return input.failure;
		let id: string;
		try {
			id = startCollectorBatch(locals.services.collectorBatches, locals.operator!, input.data.collector);
		} catch (e) {
			if (e instanceof WindowSessionError) error(e.status, e.message);
			throw e;
		}
		redirect(303, `/counter/collectors/${id}`);
	}
};
