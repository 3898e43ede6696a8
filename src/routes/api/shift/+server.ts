import { json } from '@sveltejs/kit';
import { closeShift, openShift, ownShift, readX, shiftReport, shiftSummary } from '$lib/server/services/shifts';
import { WindowSessionError } from '$lib/server/services/window-sessions';
import { readJson, refuseJson } from '$lib/server/http/read-input';
import { shiftJson } from '$lib/server/http/schemas/shifts';
import type { RequestHandler } from './$types';

/** The clerk's shift at this window and its X, or `{ shift: null }`. */
export const GET: RequestHandler = async ({ locals }) => {
	const deps = locals.services.shifts;
	const own = ownShift(deps, locals.clerk!);
	return json({ shift: own && shiftSummary(own), report: own && (await shiftReport(deps, own, 'X')) });
};

/** `{ action: 'open', float }` → `{ shift }`; `{ action: 'x' }` → `{ report, printed }`; `{ action: 'close', counted, reason, supervisor }` → `{ report, printed }` (the Z). */
export const POST: RequestHandler = async ({ request, locals }) => {
	const input = await readJson(request, shiftJson);
	if (!input.ok) return refuseJson(input);
	const deps = locals.services.shifts;
	const clerk = locals.clerk!;
	try {
		switch (input.data.action) {
			case 'open':
				return json({ shift: shiftSummary(openShift(deps, clerk, input.data.float)) }, { status: 201 });
			case 'x':
				return json(await readX(deps, clerk));
			case 'close':
				return json(await closeShift(deps, clerk, input.data));
		}
	} catch (e) {
		if (e instanceof WindowSessionError) return refuseJson(e);
		throw e;
	}
};
