import { redirect } from '@sveltejs/kit';
import { lookupPayers } from '$lib/server/services/payer-lookup';
import { openSessionsAt } from '$lib/server/services/window-sessions';
import { ownShift } from '$lib/server/services/shifts';
import { inputOrError, queryValues } from '$lib/server/http/read-input';
import { searchQuery } from '$lib/server/http/schemas/counter';
import type { PageServerLoad } from './$types';

/** Whether the clerk may take money here: the shift open at the window is the clerk's own. */
const inShift = (locals: App.Locals) => ownShift(locals.services.shifts, locals.clerk!) !== null;

export const load: PageServerLoad = async ({ url, locals }) => {
	const { q } = inputOrError(searchQuery, queryValues(url.searchParams));
	if (q === undefined) return { q: '', result: null, openSessions: openSessionsAt(locals.services.windowSessions, locals.operator!), inShift: inShift(locals) };
	const result = await lookupPayers(locals.services.payers.upstream.coreTax, q);
	// One payer found by identifier or name: straight to the payer, as the clerk expects.
	if (result.kind === 'found' && result.payers.length === 1) {
		redirect(303, `/counter/payers/${result.payers[0].id}?q=${encodeURIComponent(q)}`);
	}
	return { q, result, openSessions: openSessionsAt(locals.services.windowSessions, locals.operator!), inShift: inShift(locals) };
};
