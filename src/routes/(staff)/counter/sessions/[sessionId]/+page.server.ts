import { error, fail } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { sendFromForm, supervisorDecides, viewOf, WindowSessionError } from '$lib/server/services/window-sessions';
import { SessionEventError } from '$lib/server/sessions/session-events';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	try {
		return { view: viewOf(app(), locals.clerk!, params.sessionId) };
	} catch (e) {
		if (e instanceof WindowSessionError) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	send: async ({ params, locals, request }) => {
		const form = Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, String(v)]));
		try {
			sendFromForm(app(), locals.clerk!, params.sessionId, form);
		} catch (e) {
			if (e instanceof SessionEventError) return fail(400, { message: e.message });
			if (e instanceof WindowSessionError) return fail(e.status, { message: e.message });
			throw e;
		}
		return { message: null };
	},
	supervisor: async ({ params, locals, request }) => {
		const form = await request.formData();
		const field = (name: string) => String(form.get(name) ?? '');
		const intent = field('intent');
		if (intent !== 'close' && intent !== 'release') return fail(400, { message: '请选择值班长处理的事项' });
		try {
			await supervisorDecides(app(), locals.clerk!, params.sessionId, { intent, login: field('login'), password: field('password'), reason: field('reason') });
		} catch (e) {
			if (e instanceof WindowSessionError) return fail(e.status, { message: e.message });
			throw e;
		}
		return { message: null };
	}
};
