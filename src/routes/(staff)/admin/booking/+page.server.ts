import { error } from '@sveltejs/kit';
import { DEMO_BOOKING_TEXT, demoBookingPage, runDemoBooking } from '$lib/server/demo/booking';
import { readForm } from '$lib/server/http/read-input';
import { demoBookingForm } from '$lib/server/http/schemas/certificates';
import type { Actions, PageServerLoad } from './$types';

/** The simulator's booking run; none in production, where the page does not exist. */
function bookingOf(locals: App.Locals) {
	const booking = locals.services.demo.booking;
	if (!booking) error(404, DEMO_BOOKING_TEXT.onlyDemo);
	return booking;
}

export const load: PageServerLoad = async ({ locals }) => ({
	today: locals.services.terminal.clock.today(),
	...(await demoBookingPage(bookingOf(locals)))
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const booking = bookingOf(locals);
		const input = await readForm(request, demoBookingForm);
		if (!input.ok) return input.failure;
		const booked = await runDemoBooking(booking, input.data.day);
		return { day: input.data.day, booked, message: DEMO_BOOKING_TEXT.booked(booked.length, input.data.day) };
	}
};
