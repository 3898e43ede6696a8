import { reportFile } from '$lib/server/services/collector-batches';
import { WindowSessionError } from '$lib/server/services/window-sessions';
import { sessionParams } from '$lib/server/sessions/session-events';
import { checkInput, queryValues, refuseJson } from '$lib/server/http/read-input';
import { listFormatQuery } from '$lib/server/http/schemas/collectors';
import { listFileResponse } from '$lib/server/http/list-files';
import type { RequestHandler } from './$types';

/** The batch's report: bad rows first with 结果 and 原因, for the collector to fix at home. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const id = checkInput(sessionParams, params, 404);
	if (!id.ok) return refuseJson(id);
	const q = checkInput(listFormatQuery, queryValues(url.searchParams));
	if (!q.ok) return refuseJson(q);
	try {
		const bytes = await reportFile(locals.services.collectorBatches, locals.operator!, id.data.sessionId, q.data.format);
		return listFileResponse(bytes, q.data.format, `代收清单校验结果-${id.data.sessionId}`);
	} catch (e) {
		if (e instanceof WindowSessionError) return refuseJson(e);
		throw e;
	}
};
