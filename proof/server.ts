// The built server (`node build`) as a child process of a bench or of `npm run proof`: its files
// prepared before it starts (windows and clerks in the journal, the seeded upstream simulator),
// started on a free loopback port, stopped (SIGTERM), killed (SIGKILL) and started again on the
// same files, its peak memory read from /proc. Shared by bench/counter-load.bench.ts and proof/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/lib/server/db/open-database';
import { journalMigrations } from '../src/lib/server/db/migrations';
import { upstreamMigrations } from '../src/lib/server/upstream/migrations';
import { seedUpstream } from '../src/lib/server/demo/seed-upstream';
import type { Db } from '../src/lib/server/db/open-database';

export const TODAY = '2026-11-20';
export const CLERK_PASSWORD = 'bench1234';
export const REQUEST_TIMEOUT_MS = 30_000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A positive integer from the environment, or the fallback. */
export function positiveInt(name: string, fallback: number): number {
	const v = process.env[name];
	if (v === undefined || v === '') return fallback;
	const n = Number(v);
	if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, is "${v}"`);
	return n;
}

/** Builds the server when `build/` is missing (a stale build is the caller's choice: `npm run build`). */
export function ensureBuilt(): void {
	if (existsSync('build/index.js')) return;
	console.log('building the server first…');
	if (spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

export interface ServerFiles {
	dir: string;
	journal: string;
	upstream: string;
	forms: string;
	log: string;
}

export function newServerFiles(prefix: string): ServerFiles {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	return { dir, journal: join(dir, 'terminal.db'), upstream: join(dir, 'upstream-sim.db'), forms: join(dir, 'forms'), log: join(dir, 'server.log') };
}

export const clerkLogin = (w: number) => `bench${String(w).padStart(2, '0')}`;
/** The hall's supervisor, who signs each Z at the window. */
export const SUPERVISOR = { login: 'benchsup', password: CLERK_PASSWORD };

/** Windows 1…n, each with its clerk (`bench01`…, password CLERK_PASSWORD), the supervisor, and the kiosk window. */
export function prepareJournal(path: string, windows: number, passwordHash: string): void {
	const db = openDatabase(path, journalMigrations);
	const at = new Date().toISOString();
	db.transaction(() => {
		const window = db.prepare(`INSERT INTO windows (window_no, label, kind) VALUES (?, ?, ?)`);
		for (let w = 1; w <= windows; w++) window.run(w, `${w}号窗口`, 'counter');
		window.run(windows < 90 ? 90 : windows + 1, '大厅自助终端', 'kiosk');
		const clerk = db.prepare(`INSERT INTO clerks (login, display_name, role, password_hash, created_at) VALUES (?, ?, 'clerk', ?, ?)`);
		for (let w = 1; w <= windows; w++) clerk.run(clerkLogin(w), `压测经办人${w}`, passwordHash, at);
		db.prepare(`INSERT INTO clerks (login, display_name, role, password_hash, created_at) VALUES (?, '压测值班长', 'supervisor', ?, ?)`).run(
			SUPERVISOR.login,
			passwordHash,
			at
		);
	})();
	db.close();
}

/** The simulator's file seeded as in demo mode, then `add` puts the run's own payers in. */
export function prepareUpstream<T>(path: string, add: (db: Db) => T): T {
	const db = openDatabase(path, upstreamMigrations);
	seedUpstream(db, TODAY);
	const added = add(db);
	db.close();
	return added;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

/** utime + stime of a process in seconds, its peak and current resident memory in MB (Linux /proc). */
export function processFigures(pid: number): { cpuS: number; peakRssMb: number; rssMb: number } | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const cpuS = (Number(fields[11]) + Number(fields[12])) / 100;
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
		return { cpuS, peakRssMb: kb('VmHWM'), rssMb: kb('VmRSS') };
	} catch {
		return null;
	}
}

/** One `node build` on the files, restartable on the same port after a kill. */
export class ServerProcess {
	child: ChildProcess | null = null;
	private exited: Promise<unknown> = Promise.resolve();
	readonly origin: string;

	constructor(
		readonly files: ServerFiles,
		readonly port: number,
		private readonly options: { env?: Record<string, string>; nodeArgs?: string[] } = {}
	) {
		this.origin = `http://127.0.0.1:${port}`;
	}

	get pid(): number {
		return this.child!.pid!;
	}

	running(): boolean {
		return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Starts the server (appending to its log) and resolves once /healthz answers 200. */
	async start(timeoutMs = 30_000): Promise<void> {
		const log = openSync(this.files.log, 'a');
		// As a hall starts it (`npm start`), with the memory settings of scripts/start.sh; Node's flags go in NODE_OPTIONS.
		const child = spawn('bash', ['scripts/start.sh'], {
			env: {
				...process.env,
				NODE_OPTIONS: (this.options.nodeArgs ?? []).join(' '),
				NODE_ENV: 'production',
				PORT: String(this.port),
				HOST: '127.0.0.1',
				ORIGIN: this.origin,
				SIFEE_MODE: 'test',
				SIFEE_TODAY: TODAY,
				SIFEE_DB: this.files.journal,
				SIFEE_UPSTREAM_DB: this.files.upstream,
				SIFEE_FORM_OUTPUT_DIR: this.files.forms,
				...this.options.env
			},
			stdio: ['ignore', log, log]
		});
		closeSync(log);
		this.child = child;
		this.exited = new Promise((r) => child.once('exit', r));
		const t = performance.now();
		for (;;) {
			if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before answering:\n${this.logTail()}`);
			if (performance.now() - t > timeoutMs) throw new Error(`the server did not answer /healthz within ${timeoutMs / 1000} s:\n${this.logTail()}`);
			try {
				if ((await fetch(`${this.origin}/healthz`)).status === 200) return;
			} catch {
				// not listening yet
			}
			await sleep(20);
		}
	}

	/** SIGKILL, as a power cut or the OOM killer would: nothing is flushed or closed. */
	async kill(): Promise<void> {
		if (!this.running()) return;
		this.child!.kill('SIGKILL');
		await this.exited;
	}

	async stop(): Promise<void> {
		if (!this.running()) return;
		this.child!.kill('SIGTERM');
		const stopped = await Promise.race([this.exited.then(() => true), sleep(10_000).then(() => false)]);
		if (!stopped) {
			console.log('the server did not stop within 10 s of SIGTERM: killed');
			await this.kill();
		}
	}

	logTail(lines = 30): string {
		try {
			return readFileSync(this.files.log, 'utf8').split('\n').slice(-lines).join('\n');
		} catch {
			return '(no server log)';
		}
	}
}

/** Signs the window's clerk in through the sign-in form; answers the session cookie. */
export async function signIn(origin: string, windowNo: number, login = clerkLogin(windowNo), password = CLERK_PASSWORD): Promise<string> {
	const res = await fetch(`${origin}/signin`, {
		method: 'POST',
		headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ login, password, window: String(windowNo) }),
		redirect: 'manual',
		signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
	});
	const text = await res.text();
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('sifee_session='));
	// A form action answers 303, or 200 with {type: 'redirect'} to a client that accepts JSON.
	const redirected = res.status === 303 || (res.status === 200 && text.includes('"type":"redirect"'));
	if (!redirected || !cookie) throw new Error(`sign-in at window ${windowNo} answered ${res.status} ${text.slice(0, 200)} without a session cookie`);
	return cookie;
}

/** Removes the run's files, and kills the server when the run is interrupted (Ctrl-C). */
export function cleanUpOnExit(files: () => ServerFiles[], servers: () => (ServerProcess | null)[]): void {
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			for (const s of servers()) s?.child?.kill('SIGKILL');
			for (const f of files()) rmSync(f.dir, { recursive: true, force: true });
			process.exit(130);
		});
	}
}
