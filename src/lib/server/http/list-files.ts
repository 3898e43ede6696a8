import type { ListFormat } from '../collectors/list-file';

const CONTENT_TYPE: Record<ListFormat, string> = {
	csv: 'text/csv; charset=GB18030',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

/** A list file as a download, named in Chinese (RFC 5987) with an ASCII fallback. */
export function listFileResponse(bytes: Uint8Array, format: ListFormat, name: string): Response {
	const file = `${name}.${format}`;
	return new Response(bytes as BodyInit, {
		headers: {
			'content-type': CONTENT_TYPE[format],
			'content-disposition': `attachment; filename="list.${format}"; filename*=UTF-8''${encodeURIComponent(file)}`,
			'cache-control': 'no-store'
		}
	});
}
