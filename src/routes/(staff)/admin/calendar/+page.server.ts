import { fail } from '@sveltejs/kit';
import { bundledCalendar } from '$lib/domain';
import { app } from '$lib/server/app';
import { loadCalendarExtensions } from '$lib/server/services/calendar-status';
import { readCalendarEntry } from '$lib/server/services/calendar-admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const bundled = bundledCalendar().yearsKnown();
	return {
		bundled: { from: bundled[0], to: bundled[bundled.length - 1] },
		entered: app().repos.calendar.all()
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const f = await request.formData();
		const form = {
			year: String(f.get('year') ?? ''),
			source: String(f.get('source') ?? ''),
			holidays: String(f.get('holidays') ?? ''),
			workdays: String(f.get('workdays') ?? '')
		};
		const entry = readCalendarEntry(form);
		if (!entry.ok) return fail(400, { ...form, problems: entry.problems });

		const { repos, clock } = app();
		const clerk = locals.clerk!;
		const at = clock.now().toISOString();
		repos.calendar.replaceYear(entry.year, clerk.clerkId, at);
		loadCalendarExtensions(repos.calendar.all());
		repos.audit.record(at, { clerkId: clerk.clerkId, windowNo: clerk.windowNo, action: 'calendar-year-entered', subject: String(entry.year.year), detail: entry.year });
		return { saved: entry.year.year };
	}
};
