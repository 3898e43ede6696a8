import { readForm } from '$lib/server/http/read-input';
import { annuityAnswer } from '$lib/server/http/annuity-answer';
import { noFields } from '$lib/server/http/fields';
import { handMatchForm, noticeForm, reprintOverrideForm, returnTransferForm, statementUploadForm } from '$lib/server/http/schemas/annuity';
import {
	annuityOverview,
	confirmArrival,
	fetchStatementFeed,
	handMatch,
	importStatementFile,
	printReceipt,
	returnTransfer
} from '$lib/server/services/annuity';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({ overview: await annuityOverview(locals.services.annuity) });

export const actions: Actions = {
	import: async ({ request, locals }) => {
		const input = await readForm(request, statementUploadForm);
		if (!input.ok) return input.failure;
		const { file } = input.data;
		return annuityAnswer(async () => ({
			imported: await importStatementFile(locals.services.annuity, locals.clerk!, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })
		}));
	},
	feed: async ({ request, locals }) => {
		const input = await readForm(request, noFields);
		if (!input.ok) return input.failure;
		return annuityAnswer(async () => ({ imported: await fetchStatementFeed(locals.services.annuity, locals.clerk!) }));
	},
	return: async ({ request, locals }) => {
		const input = await readForm(request, returnTransferForm);
		if (!input.ok) return input.failure;
		return annuityAnswer(() => {
			returnTransfer(locals.services.annuity, locals.clerk!, input.data.transferId, input.data.reason);
			return { returned: input.data.transferId };
		});
	},
	match: async ({ request, locals }) => {
		const input = await readForm(request, handMatchForm);
		if (!input.ok) return input.failure;
		return annuityAnswer(async () => {
			await handMatch(locals.services.annuity, locals.clerk!, input.data);
			return { matched: input.data.transferId };
		});
	},
	confirm: async ({ request, locals }) => {
		const input = await readForm(request, noticeForm);
		if (!input.ok) return input.failure;
		return annuityAnswer(async () => ({
			confirmed: input.data.noticeNo,
			...(await confirmArrival(locals.services.annuity, locals.clerk!, input.data.noticeNo))
		}));
	},
	reprint: async ({ request, locals }) => {
		const input = await readForm(request, noticeForm);
		if (!input.ok) return input.failure;
		return annuityAnswer(async () => ({
			reprinted: input.data.noticeNo,
			...(await printReceipt(locals.services.annuity, locals.clerk!, input.data.noticeNo))
		}));
	},
	reprintOverride: async ({ request, locals }) => {
		const input = await readForm(request, reprintOverrideForm);
		if (!input.ok) return input.failure;
		const { noticeNo, ...supervisor } = input.data;
		return annuityAnswer(async () => ({ reprinted: noticeNo, ...(await printReceipt(locals.services.annuity, locals.clerk!, noticeNo, supervisor)) }));
	}
};
