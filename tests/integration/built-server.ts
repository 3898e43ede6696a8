// The built server (`node build`, adapter-node) as the hall runs it, on its own port and files,
// for tests that must see what a browser or an attacker sees. Builds first when `build/` is
// missing or older than the sources; parallel test files wait for one build.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCES = ['src', 'drivers', 'state-machines', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
// SIFEE_BUILD_DIR runs another build (e.g. one of the code before a fix) and is never rebuilt.
const OTHER_BUILD = process.env.SIFEE_BUILD_DIR ? resolve(ROOT, process.env.SIFEE_BUILD_DIR) : null;
const BUILD = OTHER_BUILD ?? join(ROOT, 'build');
const BUILT = join(ROOT, 'build', 'index.js');
const LOCK = join(ROOT, '.svelte-kit', 'test-build.lock');

// A test that times out must not leave its server listening: whatever is still running when
// the test process ends is killed.
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));
function track(child: ChildProcess): ChildProcess {
	running.add(child);
	child.once('exit', () => running.delete(child));
	return child;
}

function newest(path: string): number {
	const s = statSync(path);
	if (!s.isDirectory()) return s.mtimeMs;
	return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

const fresh = () => existsSync(BUILT) && statSync(BUILT).mtimeMs >= Math.max(...SOURCES.map((s) => newest(join(ROOT, s))));

async function ensureBuilt(): Promise<void> {
	if (OTHER_BUILD) return;
	for (;;) {
		if (fresh()) return;
		try {
			mkdirSync(LOCK, { recursive: false });
		} catch {
			// Another test file is building; a lock older than two minutes was left by a crash.
			const lock = statSync(LOCK, { throwIfNoEntry: false });
			if (lock && Date.now() - lock.mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true });
			await new Promise((r) => setTimeout(r, 500));
			continue;
		}
		try {
			if (!fresh() && spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' }).status !== 0) {
				throw new Error('npm run build failed');
			}
			return;
		} finally {
			rmdirSync(LOCK);
		}
	}
}

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export interface BuiltServer {
	base: string;
	/** The same as `base`: the origin a browser of this server sends. */
	origin: string;
	files: { journal: string; upstream: string };
	dir: string;
	env: Record<string, string>;
	/** Exactly the path given, as `curl --path-as-is` sends it (fetch would normalise it). */
	raw(method: string, path: string, options?: { cookie?: string; form?: Record<string, string>; headers?: Record<string, string> }): Promise<RawResponse>;
	/** Signs in through the sign-in form and opens the clerk's shift at the window; answers the session cookie, or throws with the page's message. */
	signIn(login: string, password: string, windowNo?: number): Promise<string>;
	/**
	 * Posts to a form action as the screen's `use:enhance` does; the status is the action's own
	 * (SvelteKit answers such posts 200 with `{ type, status, data }`).
	 */
	action(
		path: string,
		body: BodyInit,
		options?: { cookie?: string; type?: string; headers?: Record<string, string> }
	): Promise<{ status: number; text: string }>;
	/** Row counts of every table of both SQLite files, read-only. */
	rowCounts(): Record<string, number>;
	/** What the server printed. */
	log(): string;
	stop(): Promise<void>;
}

/** Row counts of every table of one SQLite file, read-only. */
export function countRows(file: string): Record<string, number> {
	const db = new Database(file, { readonly: true, fileMustExist: true });
	try {
		const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
		return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
	} finally {
		db.close();
	}
}

export interface StartOptions {
	port: number;
	/** Environment on top of test mode with SIFEE_TODAY=2026-11-20 and files in a fresh folder. */
	env?: Record<string, string>;
	/** Files of an earlier run to start on (the folder is kept by stop()). */
	dir?: string;
}

/**
 * Starts `node build` and resolves once /healthz answers 200; rejects with the output if it exits.
 * `startBuiltServer(port, env)` is short for `startBuiltServer({ port, env })`.
 */
export async function startBuiltServer(given: StartOptions | number, extraEnv?: Record<string, string>): Promise<BuiltServer> {
	const options: StartOptions = typeof given === 'number' ? { port: given, env: extraEnv } : given;
	await ensureBuilt();
	const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'sifee-built-'));
	const base = `http://127.0.0.1:${options.port}`;
	const env: Record<string, string> = {
		PORT: String(options.port),
		HOST: '127.0.0.1',
		ORIGIN: base,
		SIFEE_MODE: 'test',
		SIFEE_TODAY: '2026-11-20',
		SIFEE_DB: join(dir, 'data', 'terminal.db'),
		SIFEE_UPSTREAM_DB: join(dir, 'data', 'upstream-sim.db'),
		SIFEE_FORM_OUTPUT_DIR: join(dir, 'forms'),
		...options.env
	};
	const child = track(
		spawn(process.execPath, [BUILD], {
			cwd: ROOT,
			env: { PATH: process.env.PATH ?? '', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		})
	);
	let output = '';
	child.stdout!.on('data', (b) => (output += b));
	child.stderr!.on('data', (b) => (output += b));
	const exited = new Promise<number | null>((r) => child.once('exit', r));

	const files = { journal: env.SIFEE_DB, upstream: env.SIFEE_UPSTREAM_DB };
	const server: BuiltServer = {
		base,
		origin: base,
		files,
		dir,
		env,
		raw: (method, path, o = {}) => raw(options.port, method, path, { origin: base, ...o }),
		async signIn(login, password, windowNo = 3) {
			const res = await server.raw('POST', '/signin', { form: { login, password, window: String(windowNo) } });
			const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('sifee_session='));
			if (res.status !== 303 || !cookie) throw new Error(`sign-in of ${login} refused: ${res.status} ${res.body.slice(0, 300)}`);
			const session = cookie.split(';')[0];
			// Money moves only in an open shift: the clerk's, opened here with an empty float (409: open already, or another clerk's).
			const shift = await fetch(`${base}/api/shift`, {
				method: 'POST',
				headers: { cookie: session, origin: base, 'content-type': 'application/json' },
				body: JSON.stringify({ action: 'open', float: {} })
			});
			if (shift.status !== 201 && shift.status !== 409) throw new Error(`shift of ${login} not opened: ${shift.status} ${await shift.text()}`);
			return session;
		},
		async action(path, body, o = {}) {
			const headers: Record<string, string> = { origin: base, accept: 'application/json', 'x-sveltekit-action': 'true', ...o.headers };
			if (o.cookie) headers.cookie = o.cookie;
			if (o.type) headers['content-type'] = o.type;
			const res = await fetch(base + path, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(5000) });
			const text = await res.text();
			if (res.status !== 200) return { status: res.status, text };
			const result = JSON.parse(text) as { type: string; status?: number };
			return { status: result.status ?? (result.type === 'redirect' ? 303 : 200), text };
		},
		rowCounts() {
			const prefixed = (name: string, counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).map(([t, n]) => [`${name}.${t}`, n]));
			return { ...prefixed('terminal', countRows(files.journal)), ...prefixed('upstream', countRows(files.upstream)) };
		},
		log: () => output,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
			if (!options.dir) rmSync(dir, { recursive: true, force: true });
		}
	};
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null) throw new ServerExitedError(child.exitCode, output);
		try {
			if ((await raw(options.port, 'GET', '/healthz', {})).status === 200) return server;
		} catch {
			// not listening yet
		}
		if (Date.now() - started > 20_000) {
			child.kill('SIGKILL');
			throw new Error(`the built server did not answer within 20 s:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 50));
	}
}

export class ServerExitedError extends Error {
	constructor(
		readonly code: number,
		readonly output: string
	) {
		super(`the built server exited with ${code}:\n${output}`);
	}
}

/**
 * Runs the built server until it exits by itself (a refused start); answers its exit code and
 * output, or kills it and throws if it is still up after `ms`.
 */
export async function runUntilExit(port: number, env: Record<string, string>, ms = 10_000): Promise<{ code: number | null; output: string }> {
	await ensureBuilt();
	const child = track(
		spawn(process.execPath, [BUILD], {
			cwd: ROOT,
			env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		})
	);
	let output = '';
	child.stdout!.on('data', (b) => (output += b));
	child.stderr!.on('data', (b) => (output += b));
	const timer = setTimeout(() => child.kill('SIGKILL'), ms);
	const code = await new Promise<number | null>((r) => child.once('exit', r));
	clearTimeout(timer);
	return { code, output };
}

function raw(
	port: number,
	method: string,
	path: string,
	o: { cookie?: string; form?: Record<string, string>; headers?: Record<string, string>; origin?: string }
): Promise<RawResponse> {
	const body = o.form ? new URLSearchParams(o.form).toString() : undefined;
	const posted = method !== 'GET' && method !== 'HEAD';
	const headers: Record<string, string> = {
		accept: 'text/html',
		...(o.cookie ? { cookie: o.cookie } : {}),
		// A browser's form post: same origin, so SvelteKit's own cross-site check lets it through.
		...(posted ? { origin: o.origin ?? '', 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body ?? '')) } : {}),
		...o.headers
	};
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
			const chunks: Buffer[] = [];
			// Event streams never end: their head is the answer.
			if (String(res.headers['content-type']).startsWith('text/event-stream')) {
				res.destroy();
				resolve({ status: res.statusCode!, headers: res.headers, body: '' });
				return;
			}
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer within 10 s`)));
		req.end(body);
	});
}

/**
 * A counter visit as a clerk's browser starts one: the payer found by name, a window session
 * started over JSON, and the session at its list of dues. Answers the payer's and session's ids.
 */
export async function startVisit(server: BuiltServer, cookie: string, payerName: string): Promise<{ payerId: string; sessionId: string }> {
	const found = await fetch(`${server.origin}/counter?q=${encodeURIComponent(payerName)}`, { headers: { cookie }, redirect: 'manual' });
	const payerId = /\/counter\/payers\/(\d+)/.exec(found.headers.get('location') ?? '')![1];
	const started = await fetch(`${server.origin}/api/sessions`, {
		method: 'POST',
		headers: { cookie, origin: server.origin, 'content-type': 'application/json' },
		body: JSON.stringify({ payerId: Number(payerId) })
	});
	const sessionId = ((await started.json()) as { id: string }).id;
	for (let i = 0; i < 100; i++) {
		const v = (await (await fetch(`${server.origin}/api/sessions/${sessionId}`, { headers: { cookie } })).json()) as {
			step: string;
			child: { step: string } | null;
		};
		if (v.step === 'declaring' && v.child?.step === 'selecting') break;
		await new Promise((r) => setTimeout(r, 50));
	}
	return { payerId, sessionId };
}
