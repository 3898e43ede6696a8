import { fail } from '@sveltejs/kit';
import { bundledCalendar } from '$lib/domain';
import { app } from '$lib/server/app';
import { CALENDAR_ADMIN_TEXT, FESTIVALS, readCalendarEntry } from '$lib/server/services/calendar-admin';
import { readForm } from '$lib/server/http/read-input';
import { calendarPreviewForm, calendarSaveForm } from '$lib/server/http/schemas/calendar';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const bundled = bundledCalendar().yearsKnown();
	return {
		bundled: { from: bundled[0], to: bundled[bundled.length - 1] },
		festivals: FESTIVALS,
		entered: app().repos.calendar.all()
	};
};

export const actions: Actions = {
	/** Shows what would be stored; writes nothing. */
	preview: async ({ request }) => {
		const input = await readForm(request, calendarPreviewForm);
		if (!input.ok) return input.failure;
		const entry = readCalendarEntry(input.data);
		if (!entry.ok) return fail(400, { message: entry.problems.join('；') });
		const replaces = app()
			.repos.calendar.all()
			.some((y) => y.year === input.data.year);
		return { preview: { ...entry.preview, replaces } };
	},

	/** Stores the year the supervisor saw in the preview, and only that. */
	save: async ({ request, locals }) => {
		const input = await readForm(request, calendarSaveForm);
		if (!input.ok) return input.failure;
		const entry = readCalendarEntry(input.data);
		if (!entry.ok) return fail(400, { message: entry.problems.join('；') });
		if (entry.preview.digest !== input.data.digest) return fail(409, { message: CALENDAR_ADMIN_TEXT.staleDigest });

		const { repos, calendar, clock } = app();
		const clerk = locals.clerk!;
		const at = clock.now().toISOString();
		const year = entry.preview.year;
		repos.calendar.replaceYear(year, clerk.clerkId, at);
		calendar.reload();
		repos.audit.record(at, { clerkId: clerk.clerkId, windowNo: clerk.windowNo, action: 'calendar-year-entered', subject: String(year.year), detail: year });
		return { saved: year.year };
	}
};
