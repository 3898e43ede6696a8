// The built server (`node build`, adapter-node) in a process of its own, over fresh SQLite files
// in a temporary folder, for tests of what the clerk's browser really gets: adapter-node's body
// limit, Node's header limit, SvelteKit's CSRF check. Builds first when there is no build yet.
// SIFEE_BUILD_DIR points at another build (e.g. one of the code before a fix).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

const root = resolve(import.meta.dirname, '../..');

export interface BuiltServer {
	origin: string;
	files: { journal: string; upstream: string };
	/** Signs in through the form as a browser does; the session cookie. */
	signIn(login: string, password: string, windowNo: number): Promise<string>;
	/**
	 * Posts to a form action as the screen's `use:enhance` does; the status is the action's own
	 * (SvelteKit answers such posts 200 with `{ type, status, data }`).
	 */
	action(path: string, body: BodyInit, options?: { cookie?: string; type?: string }): Promise<{ status: number; text: string }>;
	/** Row counts of every table of both SQLite files, read-only. */
	rowCounts(): Record<string, number>;
	/** The tail of what the server printed. */
	log(): string;
	stop(): Promise<void>;
}

function ensureBuild(dir: string): void {
	if (existsSync(join(dir, 'index.js'))) return;
	const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) throw new Error('npm run build failed');
}

async function waitHealthy(origin: string, child: ChildProcess, log: () => string): Promise<void> {
	const started = Date.now();
	while (Date.now() - started < 20_000) {
		if (child.exitCode !== null) throw new Error(`the built server exited (${child.exitCode}):\n${log()}`);
		try {
			if ((await fetch(`${origin}/healthz`)).status === 200) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`the built server did not answer within 20 s:\n${log()}`);
}

export function countRows(file: string): Record<string, number> {
	const db = new Database(file, { readonly: true, fileMustExist: true });
	try {
		const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
		return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
	} finally {
		db.close();
	}
}

export async function startBuiltServer(port: number, env: Record<string, string> = {}): Promise<BuiltServer> {
	const buildDir = resolve(root, process.env.SIFEE_BUILD_DIR ?? 'build');
	ensureBuild(buildDir);
	const dir = mkdtempSync(join(tmpdir(), 'sifee-built-'));
	const origin = `http://127.0.0.1:${port}`;
	const files = { journal: join(dir, 'terminal.db'), upstream: join(dir, 'upstream-sim.db') };
	let output = '';
	const child = spawn(process.execPath, [buildDir], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			SIFEE_MODE: 'test',
			SIFEE_TODAY: '2026-11-20',
			SIFEE_DB: files.journal,
			SIFEE_UPSTREAM_DB: files.upstream,
			SIFEE_FORM_OUTPUT_DIR: join(dir, 'forms'),
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	const exited = new Promise<void>((r) => child.once('exit', () => r()));
	try {
		await waitHealthy(origin, child, () => output);
	} catch (e) {
		child.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
	return {
		origin,
		files,
		async signIn(login, password, windowNo) {
			const res = await fetch(`${origin}/signin`, {
				method: 'POST',
				headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ login, password, window: String(windowNo) }),
				redirect: 'manual'
			});
			const cookie = res.headers
				.getSetCookie()
				.map((c) => c.split(';')[0])
				.find((c) => c.startsWith('sifee_session='));
			if (!cookie) throw new Error(`sign-in of ${login} answered ${res.status} without a session cookie`);
			return cookie;
		},
		async action(path, body, options = {}) {
			const headers: Record<string, string> = { origin, accept: 'application/json', 'x-sveltekit-action': 'true' };
			if (options.cookie) headers.cookie = options.cookie;
			if (options.type) headers['content-type'] = options.type;
			const res = await fetch(origin + path, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(5000) });
			const text = await res.text();
			if (res.status !== 200) return { status: res.status, text };
			const result = JSON.parse(text) as { type: string; status?: number };
			return { status: result.status ?? (result.type === 'redirect' ? 303 : 200), text };
		},
		rowCounts() {
			const journal = countRows(files.journal);
			const upstream = countRows(files.upstream);
			return {
				...Object.fromEntries(Object.entries(journal).map(([t, n]) => [`terminal.${t}`, n])),
				...Object.fromEntries(Object.entries(upstream).map(([t, n]) => [`upstream.${t}`, n]))
			};
		},
		async stop() {
			if (child.exitCode === null) {
				child.kill('SIGTERM');
				const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
				if (!stopped) child.kill('SIGKILL');
				await exited;
			}
			rmSync(dir, { recursive: true, force: true });
		},
		log: () => output
	};
}
