import { subscribe } from 'node:diagnostics_channel';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

// Requests Node refuses before SvelteKit sees them (headers or URL over Node's 16 KB limit, a
// request line that does not parse) get Node's bare English status line. The server announces
// itself on the `net.server.listen` tracing channel when it starts listening; its clientError
// listener answers such requests in Chinese instead.

export const CLIENT_ERROR_TEXT = {
	431: '请求过大：输入的内容太长，请缩短后重试',
	408: '请求超时，请重试',
	400: '请求格式不正确，请刷新页面后重试'
} as const;

const REASON = { 431: 'Request Header Fields Too Large', 408: 'Request Timeout', 400: 'Bad Request' } as const;

function page(status: keyof typeof CLIENT_ERROR_TEXT): string {
	const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${status} · 社保费征收窗口</title></head><body><h1>${CLIENT_ERROR_TEXT[status]}</h1><p>错误代码 ${status}。<a href="/counter">返回窗口首页</a></p></body></html>`;
	const bytes = Buffer.byteLength(body);
	return `HTTP/1.1 ${status} ${REASON[status]}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: ${bytes}\r\nconnection: close\r\n\r\n${body}`;
}

function answer(err: Error & { code?: string }, socket: Duplex): void {
	// A client that went away is owed nothing (Node's own default does the same).
	if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
	const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
	socket.end(page(status));
}

let installed = false;

/** Installs the Chinese answer on every HTTP server this process starts listening afterwards. */
export function answerClientErrorsInChinese(): void {
	if (installed) return;
	installed = true;
	subscribe('tracing:net.server.listen:asyncStart', (message) => {
		const server = (message as { server?: Server }).server;
		if (server && typeof server.on === 'function' && 'headersTimeout' in server) server.on('clientError', answer);
	});
}
