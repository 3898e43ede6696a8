// A window's clerk screen as HTTP: JSON calls with the sign-in cookie, form actions, and the
// session's event stream (every view after every transition, as the screen reads it). When the
// server is killed and started again, reads are retried until it answers; a post whose answer
// was lost is not repeated (its effect is unknown): the caller reads the view again and decides.
import { REQUEST_TIMEOUT_MS, sleep } from './server';

export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

/** The connection broke or was refused: the server is down (killed) or restarting. */
export class ConnectionLost extends Error {}

/** Every request's time, for the latency figures. */
export const requestTimes: number[] = [];

const isConnectionError = (e: unknown) =>
	e instanceof TypeError || (e instanceof Error && /ECONNREFUSED|ECONNRESET|socket|terminated|fetch failed/i.test(e.message));

export interface Follower<V> {
	/** The latest view pushed since the last `forget`, else the next one, or null after `ms` (the stream may be down). */
	next(ms: number): Promise<V | null>;
	/** Drops the views pushed so far: the caller has a newer one (a post's answer). */
	forget(): void;
	close(): Promise<void>;
}

export class Api {
	constructor(
		readonly origin: string,
		public cookie: string,
		/** How long reads are retried while the server is away (0: not at all). */
		private readonly downForMs = 0
	) {}

	private async request(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
		const t = performance.now();
		try {
			const res = await fetch(this.origin + path, {
				method,
				headers: { cookie: this.cookie, origin: this.origin, ...init.headers },
				body: init.body,
				redirect: 'manual',
				signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
			});
			requestTimes.push(performance.now() - t);
			return res;
		} catch (e) {
			if (isConnectionError(e)) throw new ConnectionLost(`${method} ${path}: ${(e as Error).message}`);
			throw e;
		}
	}

	async json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
		const res = await this.request(method, path, {
			body: body === undefined ? undefined : JSON.stringify(body),
			headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }
		});
		const text = await res.text().catch((e) => {
			throw new ConnectionLost(`${method} ${path}: ${(e as Error).message}`);
		});
		if (!res.ok) throw new HttpError(res.status, `${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
		return JSON.parse(text) as T;
	}

	/** A GET, retried while the server is away (restarting after a kill). */
	async read<T>(path: string): Promise<T> {
		const until = performance.now() + this.downForMs;
		for (;;) {
			try {
				return await this.json<T>('GET', path);
			} catch (e) {
				if (!(e instanceof ConnectionLost) || performance.now() > until) throw e;
				await sleep(100);
			}
		}
	}

	/** Waits until the server answers again (after a kill), for up to the time reads are retried. */
	async serverUp(): Promise<void> {
		await this.read('/healthz');
	}

	/** Posts a form action as a browser without script does; answers the status and the redirect's target. */
	async form(path: string, body: URLSearchParams | FormData): Promise<{ status: number; location: string | null; text: string }> {
		const res = await this.request('POST', path, {
			body,
			headers: { accept: 'text/html', ...(body instanceof URLSearchParams ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }
		});
		const text = await res.text().catch(() => '');
		return { status: res.status, location: res.headers.get('location'), text };
	}

	/** Follows a session's event stream, reconnecting while the server restarts. */
	follow<V>(id: string): Follower<V> {
		const abort = new AbortController();
		const queue: V[] = [];
		let wake = () => {};
		const read = async () => {
			const res = await fetch(`${this.origin}/api/sessions/${id}/stream`, { headers: { cookie: this.cookie, origin: this.origin }, signal: abort.signal });
			if (!res.ok || !res.body) throw new HttpError(res.status, `GET stream ${id} → ${res.status}`);
			const decoder = new TextDecoder();
			let buffer = '';
			for await (const chunk of res.body) {
				buffer += decoder.decode(chunk as Uint8Array, { stream: true });
				for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
					const data = buffer
						.slice(0, end)
						.split('\n')
						.find((l) => l.startsWith('data: '));
					buffer = buffer.slice(end + 2);
					if (data) {
						queue.push(JSON.parse(data.slice(6)) as V);
						wake();
					}
				}
			}
		};
		const reading = (async () => {
			while (!abort.signal.aborted) {
				try {
					await read();
				} catch {
					// killed, restarting, or the session is over
				}
				if (!abort.signal.aborted) await sleep(200);
			}
		})();
		return {
			async next(ms) {
				if (queue.length === 0) await Promise.race([new Promise<void>((r) => (wake = r)), sleep(ms)]);
				const latest = queue.at(-1) ?? null;
				queue.length = 0;
				return latest;
			},
			forget() {
				queue.length = 0;
			},
			async close() {
				abort.abort();
				await reading;
			}
		};
	}
}
