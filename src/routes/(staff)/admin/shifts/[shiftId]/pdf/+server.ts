import { error } from '@sveltejs/kit';
import { shiftZPdf } from '$lib/server/services/day-close';
import { WindowSessionError } from '$lib/server/services/window-sessions';
import { inputOrError } from '$lib/server/http/read-input';
import { shiftParams } from '$lib/server/http/schemas/shifts';
import type { RequestHandler } from './$types';

/** The Z of a closed shift as A4 PDF, as it was printed at close. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { shiftId } = inputOrError(shiftParams, params, 404);
	try {
		const pdf = await shiftZPdf(locals.services.dayClose, shiftId);
		return new Response(new Uint8Array(pdf), {
			headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="shift-${shiftId}-z.pdf"` }
		});
	} catch (e) {
		if (e instanceof WindowSessionError) error(e.status, e.message);
		throw e;
	}
};
