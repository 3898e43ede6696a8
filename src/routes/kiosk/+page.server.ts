import { error, fail } from '@sveltejs/kit';
import { KioskError, kioskPage, sendKioskTouch } from '$lib/server/services/kiosk';
import { readForm } from '$lib/server/http/read-input';
import { kioskEventSchema } from '$lib/server/http/schemas/kiosk';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	try {
		return { page: kioskPage(locals.services.kiosk, locals.operator) };
	} catch (e) {
		if (e instanceof KioskError) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	// A touch on the screen: the event's type and, for a choice, the document and the year. Nothing
	// else is taken: the holder is the card on the reader, read by the server.
	send: async ({ locals, request }) => {
		const input = await readForm(request, kioskEventSchema);
		if (!input.ok) return input.failure;
		try {
			// The screen that follows reaches the kiosk by its stream.
			sendKioskTouch(locals.services.kiosk, locals.operator, input.data);
			return { sent: true };
		} catch (e) {
			if (e instanceof KioskError) return fail(e.status, { message: e.message });
			throw e;
		}
	}
};
