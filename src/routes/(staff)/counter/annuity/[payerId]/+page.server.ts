import { error } from '@sveltejs/kit';
import { inputOrError, readForm } from '$lib/server/http/read-input';
import { annuityAnswer } from '$lib/server/http/annuity-answer';
import { payerParams } from '$lib/server/http/schemas/counter';
import { noFields } from '$lib/server/http/fields';
import { printNoticeForm, printNoticeOverrideForm } from '$lib/server/http/schemas/annuity';
import { AnnuityError, payerAnnuity, printNotice, printRefundSlip } from '$lib/server/services/annuity';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const { payerId } = inputOrError(payerParams, params, 404);
	try {
		return { annuity: await payerAnnuity(locals.services.annuity, payerId) };
	} catch (e) {
		if (e instanceof AnnuityError) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	print: async ({ params, request, locals }) => {
		const { payerId } = inputOrError(payerParams, params, 404);
		const input = await readForm(request, printNoticeForm);
		if (!input.ok) return input.failure;
		return annuityAnswer(async () => ({ printed: await printNotice(locals.services.annuity, locals.clerk!, payerId, input.data.dueId) }));
	},
	printOverride: async ({ params, request, locals }) => {
		const { payerId } = inputOrError(payerParams, params, 404);
		const input = await readForm(request, printNoticeOverrideForm);
		if (!input.ok) return input.failure;
		const { dueId, ...supervisor } = input.data;
		return annuityAnswer(async () => ({ printed: await printNotice(locals.services.annuity, locals.clerk!, payerId, dueId, supervisor) }));
	},
	refund: async ({ params, request, locals }) => {
		const { payerId } = inputOrError(payerParams, params, 404);
		const input = await readForm(request, noFields);
		if (!input.ok) return input.failure;
		return annuityAnswer(async () => {
			await printRefundSlip(locals.services.annuity, locals.clerk!, payerId);
			return { refundSlip: true };
		});
	}
};
