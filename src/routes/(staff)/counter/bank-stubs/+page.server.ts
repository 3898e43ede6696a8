import { fail } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { recordBankStub } from '$lib/server/services/bank-stubs';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ today: app().clock.today() });

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const f = await request.formData();
		const form = { voucherNo: String(f.get('voucherNo') ?? ''), bankName: String(f.get('bankName') ?? ''), stampedOn: String(f.get('stampedOn') ?? '') };
		const r = await recordBankStub(app(), locals.clerk!, form);
		return r.ok ? { recorded: r } : fail(400, { ...form, message: r.message });
	}
};
