import { error, fail } from '@sveltejs/kit';
import { collectorBatchViewOf, WindowSessionError } from '$lib/server/services/window-sessions';
import { confirmBreach, uploadList } from '$lib/server/services/collector-batches';
import { sessionParams } from '$lib/server/sessions/session-events';
import { inputOrError, readForm } from '$lib/server/http/read-input';
import { sessionActions } from '$lib/server/http/session-actions';
import { breachForm, uploadListForm } from '$lib/server/http/schemas/collectors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	const { sessionId } = inputOrError(sessionParams, params, 404);
	try {
		return { view: collectorBatchViewOf(locals.services.windowSessions, locals.operator!, sessionId) };
	} catch (e) {
		if (e instanceof WindowSessionError) error(e.status, e.message);
		throw e;
	}
};

async function answer<T>(work: () => Promise<T>) {
	try {
		return await work();
	} catch (e) {
		if (e instanceof WindowSessionError) return fail(e.status, { message: e.message });
		throw e;
	}
}

// Named here, so every action of the page is listed where SvelteKit (and the hostile-input test) looks.
export const actions: Actions = {
	send: (event) => sessionActions.send(event),
	override: (event) => sessionActions.override(event),
	supervisor: (event) => sessionActions.supervisor(event),
	upload: async ({ params, locals, request }) => {
		const { sessionId } = inputOrError(sessionParams, params, 404);
		const input = await readForm(request, uploadListForm);
		if (!input.ok) return input.failure;
		const { file } = input.data;
		return answer(async () => {
			const r = await uploadList(locals.services.collectorBatches, locals.operator!, sessionId, {
				name: file.name,
				bytes: new Uint8Array(await file.arrayBuffer())
			});
			return { message: null, uploaded: r };
		});
	},
	breach: async ({ params, locals, request }) => {
		const { sessionId } = inputOrError(sessionParams, params, 404);
		const input = await readForm(request, breachForm);
		if (!input.ok) return input.failure;
		return answer(async () => {
			await confirmBreach(locals.services.collectorBatches, locals.operator!, sessionId, input.data);
			return { message: null };
		});
	}
};
