import { templateFile } from '$lib/server/services/collector-batches';
import { checkInput, queryValues, refuseJson } from '$lib/server/http/read-input';
import { listFormatQuery } from '$lib/server/http/schemas/collectors';
import { listFileResponse } from '$lib/server/http/list-files';
import type { RequestHandler } from './$types';

/** The list template (header and two example rows), as Excel or CSV (GB18030, as Excel in China opens it). */
export const GET: RequestHandler = async ({ url }) => {
	const q = checkInput(listFormatQuery, queryValues(url.searchParams));
	if (!q.ok) return refuseJson(q);
	return listFileResponse(await templateFile(q.data.format), q.data.format, '代收清单模板');
};
