import { fail } from '@sveltejs/kit';
import { bundledCalendar } from '$lib/domain';
import { CALENDAR_ADMIN_TEXT, FESTIVALS, readCalendarEntry, saveCalendarYear } from '$lib/server/services/calendar-admin';
import { readForm } from '$lib/server/http/read-input';
import { calendarPreviewForm, calendarSaveForm } from '$lib/server/http/schemas/calendar';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const bundled = bundledCalendar().yearsKnown();
	return {
		bundled: { from: bundled[0], to: bundled[bundled.length - 1] },
		festivals: FESTIVALS,
		entered: locals.services.calendar.repos.calendar.all()
	};
};

export const actions: Actions = {
	/** Shows what would be stored; writes nothing. */
	preview: async ({ request, locals }) => {
		const input = await readForm(request, calendarPreviewForm);
		if (!input.ok) return input.failure;
		const entry = readCalendarEntry(input.data);
		if (!entry.ok) return fail(400, { message: entry.problems.join('；') });
		const replaces = locals.services.calendar.repos.calendar.all().some((y) => y.year === input.data.year);
		return { preview: { ...entry.preview, replaces } };
	},

	/** Stores the year the supervisor saw in the preview, and only that. */
	save: async ({ request, locals }) => {
		const input = await readForm(request, calendarSaveForm);
		if (!input.ok) return input.failure;
		const entry = readCalendarEntry(input.data);
		if (!entry.ok) return fail(400, { message: entry.problems.join('；') });
		if (entry.preview.digest !== input.data.digest) return fail(409, { message: CALENDAR_ADMIN_TEXT.staleDigest });

		saveCalendarYear(locals.services.calendar, locals.clerk!, entry.preview.year);
		return { saved: entry.preview.year.year };
	}
};
