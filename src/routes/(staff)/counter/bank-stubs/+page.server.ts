import { fail } from '@sveltejs/kit';
import { formsAwaitingStub, recordBankStub } from '$lib/server/services/bank-stubs';
import { readForm } from '$lib/server/http/read-input';
import { bankStubForm } from '$lib/server/http/schemas/bank-stubs';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	today: locals.services.bankStubs.clock.today(),
	awaiting: await formsAwaitingStub(locals.services.bankStubs)
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const input = await readForm(request, bankStubForm);
		if (!input.ok) return input.failure;
		const form = input.data;
		const r = await recordBankStub(locals.services.bankStubs, locals.clerk!, form);
		return r.ok ? { recorded: r } : fail(400, { message: r.message });
	}
};
