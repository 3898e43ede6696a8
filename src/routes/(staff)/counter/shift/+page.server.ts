import { fail, redirect } from '@sveltejs/kit';
import { closeShift, openShift, ownShift, readX, shiftReport, shiftSummary } from '$lib/server/services/shifts';
import { WindowSessionError } from '$lib/server/services/window-sessions';
import { readForm } from '$lib/server/http/read-input';
import { closeShiftForm, openShiftForm } from '$lib/server/http/schemas/shifts';
import { noFields } from '$lib/server/http/fields';
import { formatYuan } from '$lib/domain';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const deps = locals.services.shifts;
	const open = deps.shifts.openAt(locals.clerk!.windowNo);
	const own = ownShift(deps, locals.clerk!);
	return {
		shift: own && shiftSummary(own),
		othersShift: open && !own ? shiftSummary(open) : null,
		x: own && (await shiftReport(deps, own, 'X')),
		thresholdYuan: formatYuan(deps.varianceThresholdFen)
	};
};

const refused = (e: unknown) => {
	if (e instanceof WindowSessionError) return fail(e.status, { message: e.message });
	throw e;
};

export const actions: Actions = {
	open: async ({ request, locals }) => {
		const input = await readForm(request, openShiftForm);
		if (!input.ok) return input.failure;
		try {
			openShift(locals.services.shifts, locals.clerk!, input.data);
		} catch (e) {
			return refused(e);
		}
		redirect(303, '/counter');
	},
	x: async ({ request, locals }) => {
		const input = await readForm(request, noFields);
		if (!input.ok) return input.failure;
		try {
			const x = await readX(locals.services.shifts, locals.clerk!);
			return { printedX: x.printed.message };
		} catch (e) {
			return refused(e);
		}
	},
	close: async ({ request, locals }) => {
		const input = await readForm(request, closeShiftForm);
		if (!input.ok) return input.failure;
		try {
			const z = await closeShift(locals.services.shifts, locals.clerk!, input.data);
			return { z: z.report, printed: z.printed };
		} catch (e) {
			return refused(e);
		}
	}
};
