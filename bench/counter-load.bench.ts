// 50 window sessions at once against ONE built server (`node build`) on loopback: each signs in
// at its own window and runs 200 counter transactions in a row (declare this month's four dues,
// pay by card on the simulated POS, receipt, finish), each on its own payer: 10,000 in all.
// Target: every transaction completes, with no payment lost or made twice, every payment equal
// to its declaration, and the sum of the payments equal to what the clients paid, to the fen;
// no window session left active and no intent left pending in the journal. Prints throughput
// and latency per transaction. Bounded in time (SIFEE_BENCH_DEADLINE_S, default 900 s).
// Smaller local runs: SIFEE_BENCH_SESSIONS, SIFEE_BENCH_TX_PER_SESSION (defaults 50 and 200).
import type { DeclarationScreen, PaymentScreen, ReceiptScreen, SessionScreen, StepScreen } from '../src/lib/views/session-view';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/lib/server/db/open-database';
import { journalMigrations } from '../src/lib/server/db/migrations';
import { upstreamMigrations } from '../src/lib/server/upstream/migrations';
import { seedUpstream } from '../src/lib/server/demo/seed-upstream';
import { hashPassword } from '../src/lib/server/auth/password';
import { addCounterPayers, type CounterPayer } from './fixtures/counter-payers';
import { percentiles, report } from './stats';

const TODAY = '2026-11-20';
const SESSIONS = positiveInt('SIFEE_BENCH_SESSIONS', 50);
const TX_PER_SESSION = positiveInt('SIFEE_BENCH_TX_PER_SESSION', 200);
const DEADLINE_MS = positiveInt('SIFEE_BENCH_DEADLINE_S', 900) * 1000;
const REQUEST_TIMEOUT_MS = 30_000;
/** Longest pause between two polls of a session's view while an async step runs (SIFEE_BENCH_FOLLOW=poll). */
const POLL_MAX_MS = positiveInt('SIFEE_BENCH_POLL_MAX_MS', 32);
/**
 * How a window learns the next view: `stream` follows the session's server-sent events as the clerk's
 * screen does (the default); `poll` asks again and again, as the runs before 2026-12-02 did, for comparison.
 */
const FOLLOW = process.env.SIFEE_BENCH_FOLLOW === 'poll' ? 'poll' : 'stream';
const STEP_TIMEOUT_MS = 30_000;
/** A window stops after this many failures in a row: the server is broken, not busy. */
const MAX_FAILURES_IN_A_ROW = 5;
const PASSWORD = 'bench1234';

function positiveInt(name: string, fallback: number): number {
	const v = process.env[name];
	if (v === undefined || v === '') return fallback;
	const n = Number(v);
	if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, is "${v}"`);
	return n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (!existsSync('build/index.js')) {
	console.log('building the server first…');
	if (spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

// --- the server's files, prepared before it starts -------------------------------------------

function prepareJournal(path: string, hash: string) {
	const db = openDatabase(path, journalMigrations);
	const at = new Date().toISOString();
	db.transaction(() => {
		const window = db.prepare(`INSERT INTO windows (window_no, label, kind) VALUES (?, ?, ?)`);
		for (let w = 1; w <= SESSIONS; w++) window.run(w, `${w}号窗口`, 'counter');
		window.run(SESSIONS < 90 ? 90 : SESSIONS + 1, '大厅自助终端', 'kiosk');
		const clerk = db.prepare(`INSERT INTO clerks (login, display_name, role, password_hash, created_at) VALUES (?, ?, 'clerk', ?, ?)`);
		for (let w = 1; w <= SESSIONS; w++) clerk.run(clerkLogin(w), `压测经办人${w}`, hash, at);
	})();
	db.close();
}

const clerkLogin = (w: number) => `bench${String(w).padStart(2, '0')}`;

function prepareUpstream(path: string, count: number): CounterPayer[] {
	const db = openDatabase(path, upstreamMigrations);
	seedUpstream(db, TODAY);
	const payers = addCounterPayers(db, count);
	db.close();
	return payers;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

/** utime + stime of a process in seconds, and its peak resident memory in MB (Linux /proc). */
function processFigures(pid: number): { cpuS: number; peakRssMb: number } | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const cpuS = (Number(fields[11]) + Number(fields[12])) / 100;
		const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return { cpuS, peakRssMb: hwm ? Number(hwm[1]) / 1024 : NaN };
	} catch {
		return null;
	}
}

// --- the clients ------------------------------------------------------------------------------

/** The clerk's screen of a session, as the JSON API answers it. */
type View = SessionScreen;

function stepOf<S extends StepScreen>(v: View, id: S['id']): S {
	if (v.child?.id !== id) throw new Error(`session ${v.id} shows ${v.child?.id ?? 'no step'}, not ${id}`);
	return v.child as S;
}

class HttpError extends Error {}

interface Completed {
	payerId: number;
	voucherNo: string;
	declarationNo: string;
	amountFen: number;
}

const requestTimes: number[] = [];
let polls = 0;

function client(origin: string, cookie: string) {
	async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
		const t = performance.now();
		const res = await fetch(origin + path, {
			method,
			headers: { cookie, origin, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
		});
		const text = await res.text();
		requestTimes.push(performance.now() - t);
		if (!res.ok) throw new HttpError(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
		return JSON.parse(text) as T;
	}

	const settled = (id: string, v: View, what: string, started: number) => {
		if (v.status !== 'active' || v.step === 'failed' || v.step === 'escalated') {
			throw new Error(`session ${id} ended at ${v.step} waiting for ${what}: ${JSON.stringify(v.error)}`);
		}
		if (performance.now() - started > STEP_TIMEOUT_MS) {
			throw new Error(`session ${id} stuck at ${v.step} / ${v.child?.step} waiting for ${what}: ${JSON.stringify(v.error)}`);
		}
	};

	/** Polls the view until `want` holds, backing off from 2 to POLL_MAX_MS between polls. */
	async function poll(id: string, first: View, want: (v: View) => boolean, what: string): Promise<View> {
		let v = first;
		let delay = 2;
		const started = performance.now();
		while (!want(v)) {
			settled(id, v, what, started);
			await sleep(delay);
			delay = Math.min(delay * 2, POLL_MAX_MS);
			polls++;
			v = await call<View>('GET', `/api/sessions/${id}`);
		}
		return v;
	}

	/** The session's event stream: every view after every transition, read as the screen reads it. */
	function follow(id: string) {
		const abort = new AbortController();
		let latest: View | null = null;
		let wake = () => {};
		const reading = (async () => {
			const res = await fetch(`${origin}/api/sessions/${id}/stream`, { headers: { cookie, origin }, signal: abort.signal });
			if (!res.ok || !res.body) throw new HttpError(`GET stream ${id} → ${res.status}`);
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
						latest = JSON.parse(data.slice(6)) as View;
						wake();
					}
				}
			}
		})().catch((e) => {
			if (!abort.signal.aborted) throw e;
		});
		return {
			async until(want: (v: View) => boolean, what: string): Promise<View> {
				const started = performance.now();
				for (;;) {
					if (latest && want(latest)) return latest;
					if (latest) settled(id, latest, what, started);
					await Promise.race([new Promise<void>((r) => (wake = r)), sleep(250)]);
				}
			},
			close() {
				abort.abort();
				return reading;
			}
		};
	}

	const send = (id: string, event: Record<string, unknown>) => call<View>('POST', `/api/sessions/${id}`, event);

	/** One visit as the clerk's screen drives it. */
	async function transaction(p: CounterPayer): Promise<Completed> {
		const { id } = await call<{ id: string }>('POST', '/api/sessions', { payerId: p.payerId });
		const stream = FOLLOW === 'stream' ? follow(id) : null;
		const until = (answer: View, want: (v: View) => boolean, what: string) => (stream ? stream.until(want, what) : poll(id, answer, want, what));
		try {
			let v = await until(await call<View>('GET', `/api/sessions/${id}`), (x) => x.step === 'declaring' && x.child?.step === 'selecting', 'the dues');
			const open = stepOf<DeclarationScreen>(v, 'declaration')
				.dues.filter((d) => d.state === 'open')
				.map((d) => d.id);
			if ([...open].sort((a, b) => a - b).join() !== p.dueIds.join()) throw new Error(`payer ${p.payerId}: open dues ${open}, expected ${p.dueIds}`);
			for (const dueId of open) await send(id, { type: 'TOGGLE_DUE', dueId });
			v = await until(await send(id, { type: 'SUBMIT' }), (x) => x.step === 'paying' && x.child?.step === 'choosing.ready', 'the declaration');
			const declared = stepOf<PaymentScreen>(v, 'payment').declaration;
			if (declared.totalFen !== p.totalFen) throw new Error(`payer ${p.payerId}: declared ${declared.totalFen} fen, owes ${p.totalFen}`);
			v = await until(await send(id, { type: 'CHOOSE', channel: 'pos' }), (x) => x.step === 'receipt' && x.child?.step === 'printed', 'the receipt');
			const paid = stepOf<ReceiptScreen>(v, 'receiptPrint');
			v = await send(id, { type: 'FINISH' });
			if (v.status !== 'done') throw new Error(`session ${id} is ${v.status} at ${v.step} after FINISH`);
			return { payerId: p.payerId, voucherNo: paid.voucherNo, declarationNo: declared.declarationNo, amountFen: paid.amountFen };
		} finally {
			await stream?.close();
		}
	}

	return { transaction };
}

async function signIn(origin: string, windowNo: number): Promise<string> {
	const res = await fetch(`${origin}/signin`, {
		method: 'POST',
		headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ login: clerkLogin(windowNo), password: PASSWORD, window: String(windowNo) }),
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

// --- the run ----------------------------------------------------------------------------------

const total = SESSIONS * TX_PER_SESSION;
const dir = mkdtempSync(join(tmpdir(), 'sifee-load-'));
const files = {
	journal: join(dir, 'terminal.db'),
	upstream: join(dir, 'upstream-sim.db'),
	forms: join(dir, 'forms'),
	log: join(dir, 'server.log')
};
let server: ChildProcess | null = null;
let serverExit: Promise<unknown> = Promise.resolve();

async function stopServer() {
	if (!server || server.exitCode !== null || server.signalCode !== null) return;
	server.kill('SIGTERM');
	const stopped = await Promise.race([serverExit.then(() => true), sleep(10_000).then(() => false)]);
	if (!stopped) {
		console.log('the server did not stop within 10 s of SIGTERM: killed');
		server.kill('SIGKILL');
		await serverExit;
	}
}

function serverLogTail(lines = 30): string {
	try {
		return readFileSync(files.log, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no server log)';
	}
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		server?.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
		process.exit(130);
	});
}

let ok = true;
const fail = (why: string) => {
	ok = false;
	console.log(`FAIL: ${why}`);
};

try {
	let t = performance.now();
	prepareJournal(files.journal, await hashPassword(PASSWORD));
	const payers = prepareUpstream(files.upstream, total);
	console.log(`prepared ${SESSIONS} windows and clerks, ${payers.length} payers with open dues in ${((performance.now() - t) / 1000).toFixed(1)} s`);

	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const log = openSync(files.log, 'w');
	// e.g. SIFEE_BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under this load.
	const serverArgs = (process.env.SIFEE_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
	server = spawn(process.execPath, [...serverArgs, 'build'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			SIFEE_MODE: 'test',
			SIFEE_TODAY: TODAY,
			SIFEE_DB: files.journal,
			SIFEE_UPSTREAM_DB: files.upstream,
			SIFEE_FORM_OUTPUT_DIR: files.forms
		},
		stdio: ['ignore', log, log]
	});
	closeSync(log);
	const child = server;
	serverExit = new Promise((r) => child.once('exit', r));

	t = performance.now();
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before answering:\n${serverLogTail()}`);
		if (performance.now() - t > 30_000) throw new Error(`the server did not answer /healthz within 30 s:\n${serverLogTail()}`);
		try {
			if ((await fetch(`${origin}/healthz`)).status === 200) break;
		} catch {
			// not listening yet
		}
		await sleep(20);
	}
	const cookies = await Promise.all(Array.from({ length: SESSIONS }, (_, w) => signIn(origin, w + 1)));
	console.log(`server up at ${origin}, ${SESSIONS} windows signed in`);

	const before = processFigures(child.pid!);
	const clientCpu = process.cpuUsage();
	const started = performance.now();
	const deadline = started + DEADLINE_MS;
	let timedOut = false;
	const completed: Completed[] = [];
	const failures: { window: number; payerId: number; error: string }[] = [];
	const latencies: number[] = [];
	const watchdog = setTimeout(() => {
		// Loops that do not return (a request never answering) still end the run.
		console.log(`FAIL: the run did not end within ${(DEADLINE_MS + 60_000) / 1000} s; server log:\n${serverLogTail()}`);
		server?.kill('SIGKILL');
		process.exit(1);
	}, DEADLINE_MS + 60_000);
	watchdog.unref();

	await Promise.all(
		cookies.map(async (cookie, w) => {
			const c = client(origin, cookie);
			let inARow = 0;
			for (let j = 0; j < TX_PER_SESSION; j++) {
				if (performance.now() > deadline) {
					timedOut = true;
					return;
				}
				const p = payers[w * TX_PER_SESSION + j];
				const t0 = performance.now();
				try {
					completed.push(await c.transaction(p));
					latencies.push(performance.now() - t0);
					inARow = 0;
				} catch (e) {
					failures.push({ window: w + 1, payerId: p.payerId, error: e instanceof Error ? e.message : String(e) });
					if (++inARow >= MAX_FAILURES_IN_A_ROW) return;
				}
			}
		})
	);
	clearTimeout(watchdog);
	const wallS = (performance.now() - started) / 1000;
	const clientUsed = process.cpuUsage(clientCpu);
	const after = processFigures(child.pid!);
	await stopServer();

	// --- figures -----------------------------------------------------------------------------
	console.log(
		`${completed.length} of ${total} transactions in ${wallS.toFixed(1)} s by ${SESSIONS} windows: ` +
			`${(completed.length / wallS).toFixed(1)} transactions/s, ${(requestTimes.length / wallS).toFixed(0)} requests/s, ` +
			(FOLLOW === 'poll' ? `${(polls / Math.max(1, completed.length)).toFixed(1)} polls per transaction` : 'views followed on the event stream')
	);
	if (before && after) {
		console.log(
			`CPU: server ${(after.cpuS - before.cpuS).toFixed(1)} s (${(((after.cpuS - before.cpuS) * 1000) / Math.max(1, completed.length)).toFixed(1)} ms per transaction), ` +
				`clients ${((clientUsed.user + clientUsed.system) / 1e6).toFixed(1)} s; server peak RSS ${after.peakRssMb.toFixed(0)} MB`
		);
	}
	if (latencies.length) report('latency per transaction (create → FINISH answered)', percentiles(latencies));
	if (requestTimes.length) report('latency per HTTP request', percentiles(requestTimes));

	if (timedOut) fail(`stopped at the ${DEADLINE_MS / 1000} s deadline: ${completed.length} of ${total} done (${(completed.length / wallS).toFixed(1)}/s)`);
	if (failures.length) {
		fail(`${failures.length} transactions failed; first ones:`);
		for (const f of failures.slice(0, 5)) console.log(`  window ${f.window}, payer ${f.payerId}: ${f.error}`);
		console.log(`server log (tail):\n${serverLogTail(15)}`);
	}
	if (completed.length !== total) fail(`${total - completed.length} of ${total} transactions not completed`);

	// --- the books, from the files (read-only) ------------------------------------------------
	const up = new Database(files.upstream, { readonly: true, fileMustExist: true });
	const ids = payers.map((p) => p.payerId);
	const [lo, hi] = [Math.min(...ids), Math.max(...ids)];
	const rows = up
		.prepare(
			`SELECT dc.payer_id AS payerId, dc.declaration_no AS declarationNo, pm.voucher_no AS voucherNo, pm.amount_fen AS amountFen
			 FROM payments pm JOIN declarations dc ON dc.id = pm.declaration_id WHERE dc.payer_id BETWEEN ? AND ?`
		)
		.all(lo, hi) as Completed[];
	const count = (sql: string, ...args: unknown[]) => (up.prepare(sql).get(...args) as { n: number }).n;
	const twicePaid = count(`SELECT count(*) AS n FROM (SELECT declaration_id FROM payments GROUP BY declaration_id HAVING count(*) > 1)`);
	const payersPaidTwice = count(
		`SELECT count(*) AS n FROM (SELECT dc.payer_id FROM payments pm JOIN declarations dc ON dc.id = pm.declaration_id
		 WHERE dc.payer_id BETWEEN ? AND ? GROUP BY dc.payer_id HAVING count(*) > 1)`,
		lo,
		hi
	);
	const offLines = count(
		`SELECT count(*) AS n FROM payments pm
		 WHERE pm.amount_fen <> (SELECT coalesce(sum(dl.amount_fen), 0) FROM declaration_lines dl WHERE dl.declaration_id = pm.declaration_id)`
	);
	const duesTwice = count(
		`SELECT count(*) AS n FROM (SELECT dl.due_id FROM declaration_lines dl JOIN declarations dc ON dc.id = dl.declaration_id
		 WHERE dc.status <> 'voided' AND dl.due_id IS NOT NULL GROUP BY dl.due_id HAVING count(*) > 1)`
	);
	const unpaid = count(`SELECT count(*) AS n FROM declarations WHERE status = 'declared' AND payer_id BETWEEN ? AND ?`, lo, hi);
	up.close();

	const byVoucher = new Map(rows.map((r) => [r.voucherNo, r]));
	const owed = new Map(payers.map((p) => [p.payerId, p.totalFen]));
	const lost = completed.filter((c) => {
		const r = byVoucher.get(c.voucherNo);
		return !r || r.payerId !== c.payerId || r.declarationNo !== c.declarationNo || r.amountFen !== c.amountFen;
	});
	const clientVouchers = new Set(completed.map((c) => c.voucherNo));
	const unknown = rows.filter((r) => !clientVouchers.has(r.voucherNo));
	const wrongAmount = rows.filter((r) => r.amountFen !== owed.get(r.payerId));
	const expectedFen = completed.reduce((s, c) => s + owed.get(c.payerId)!, 0);
	const paidFen = rows.reduce((s, r) => s + r.amountFen, 0);
	console.log(
		`upstream: ${rows.length} payments for the ${payers.length} bench payers, ${paidFen} fen; clients completed ${completed.length}, ` +
			`expected ${expectedFen} fen (${(expectedFen / 100).toFixed(2)} yuan)`
	);
	if (rows.length !== completed.length) fail(`${rows.length} payments upstream for ${completed.length} completed transactions`);
	if (lost.length) fail(`${lost.length} payments the clients saw are missing or differ upstream (lost), e.g. ${JSON.stringify(lost[0])}`);
	if (unknown.length) fail(`${unknown.length} payments upstream no client completed, e.g. ${JSON.stringify(unknown[0])}`);
	if (twicePaid) fail(`${twicePaid} declarations paid more than once (duplicated)`);
	if (payersPaidTwice) fail(`${payersPaidTwice} bench payers paid more than once (duplicated)`);
	if (duesTwice) fail(`${duesTwice} dues in more than one live declaration`);
	if (offLines) fail(`${offLines} payments differ from their declaration lines' sum`);
	if (wrongAmount.length) fail(`${wrongAmount.length} payments differ from what their payer owed, e.g. ${JSON.stringify(wrongAmount[0])}`);
	if (paidFen !== expectedFen) fail(`payments sum to ${paidFen} fen, the clients expected ${expectedFen} fen (off by ${paidFen - expectedFen})`);
	if (unpaid) console.log(`note: ${unpaid} bench declarations left declared and unpaid`);

	const journal = new Database(files.journal, { readonly: true, fileMustExist: true });
	const tally = (sql: string) => Object.fromEntries((journal.prepare(sql).all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));
	const sessions = tally(`SELECT status, count(*) AS n FROM window_sessions GROUP BY status`);
	const intents = tally(`SELECT status, count(*) AS n FROM intents GROUP BY status`);
	journal.close();
	console.log(`journal: window sessions ${JSON.stringify(sessions)}, intents ${JSON.stringify(intents)}`);
	if (sessions.active) fail(`${sessions.active} window sessions left active`);
	if (intents.pending) fail(`${intents.pending} intents left pending`);
	if (intents.unknown) fail(`${intents.unknown} intents with an unknown outcome`);
	if ((sessions.done ?? 0) !== completed.length) fail(`${sessions.done ?? 0} window sessions done for ${completed.length} completed transactions`);

	console.log(
		`${SESSIONS} windows × ${TX_PER_SESSION} transactions: all completed, no payment lost or duplicated, books balanced to the fen, ` +
			`no session active, no intent pending: ${ok ? 'PASS' : 'FAIL'}`
	);
} catch (e) {
	fail(e instanceof Error ? e.message : String(e));
} finally {
	await stopServer();
	rmSync(dir, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
