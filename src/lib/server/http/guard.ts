import { json, type RequestEvent } from '@sveltejs/kit';

// SvelteKit refuses cross-site form posts by itself, but only for form content types: a page on
// another site could still post JSON (text/plain, or JSON after a preflight the browser may skip
// for simple requests) to the API with the clerk's cookie. Every state-changing request that says
// where it comes from must come from this terminal's own origin.

export const GUARD_TEXT = {
	crossOrigin: '拒绝来自其他网站的请求：只能在本终端的页面上操作'
} as const;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A refusal to answer instead of resolving the request, or null to go on. */
export function guardRequest(event: Pick<RequestEvent, 'request' | 'url'>): Response | null {
	const { request, url } = event;
	if (!UNSAFE.has(request.method)) return null;
	const origin = request.headers.get('origin');
	// Browsers send Origin with every such request; a client without one is not a web page.
	if (origin !== null && origin !== url.origin) return json({ message: GUARD_TEXT.crossOrigin }, { status: 403 });
	return null;
}
