import { fail } from '@sveltejs/kit';
import { closeDay, dayCloseReport } from '$lib/server/services/day-close';
import { WindowSessionError } from '$lib/server/services/window-sessions';
import { readForm } from '$lib/server/http/read-input';
import { noFields } from '$lib/server/http/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({ report: await dayCloseReport(locals.services.dayClose) });

export const actions: Actions = {
	close: async ({ request, locals }) => {
		const input = await readForm(request, noFields);
		if (!input.ok) return input.failure;
		try {
			const r = await closeDay(locals.services.dayClose, locals.clerk!);
			return { printed: r.printed, backup: r.backup };
		} catch (e) {
			if (e instanceof WindowSessionError) return fail(e.status, { message: e.message });
			throw e;
		}
	}
};
