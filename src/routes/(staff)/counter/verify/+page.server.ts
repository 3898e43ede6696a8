import { verifyCertificate } from '$lib/server/services/certificate-verification';
import { readForm } from '$lib/server/http/read-input';
import { verifyCertificateForm } from '$lib/server/http/schemas/certificates';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const input = await readForm(request, verifyCertificateForm);
		if (!input.ok) return input.failure;
		return { result: verifyCertificate(locals.services.certificates, input.data) };
	}
};
