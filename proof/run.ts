// `npm run proof`: one command, on loopback only, bounded in time, that proves issue 13's claims
// against the BUILT server (`npm run build`; `node build`) and prints one table for the README:
//   load    windows at once, each with its shift, making mixed visits (units by card and cash,
//           residents, households, collectors' lists) in two rounds; nothing lost or paid twice,
//           every window's Z equal to its ledger and the upstream, to the fen;
//   faults  the server SIGKILLed at random points of the payments and started again, printer
//           paper-out and POS lost answers switched on at random; the same books, no intent open;
//   input   the hostile-input test over every endpoint, and the domain parsers' property tests;
//   audit   the journals' audit chains verify; a row altered in a copy is caught, by its id;
//   memory  the server's peak RSS after the first round, and what the second round adds.
// Exits non-zero when any of it fails. Sizes (defaults are issue 13's):
//   SIFEE_PROOF_SESSIONS (50) windows × SIFEE_PROOF_TX (200) visits, two rounds;
//   SIFEE_PROOF_KILLS (100) kills over as many fault-run payments at SIFEE_PROOF_FAULT_WINDOWS (4);
//   SIFEE_PROOF_DEADLINE_S (3600) for the whole run; SIFEE_PROOF_SKIP=input,faults,… to leave parts out.
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hashPassword } from '../src/lib/server/auth/password';
import { verifyJournalChain } from '../src/lib/server/db/audit-chain';
import { alterBehindSqlitesBack } from '../tests/integration/audit-tampering';
import { percentiles, report } from '../bench/stats';
import { Api, requestTimes } from './client';
import { checkBooks, type Books, type WindowClose } from './books';
import { drive, devicesOf, type Completed } from './flows';
import { runWindows, type Failure } from './load';
import { addPools, makePlans, type Pools } from './plans';
import {
	CLERK_PASSWORD,
	cleanUpOnExit,
	ensureBuilt,
	freePort,
	newServerFiles,
	positiveInt,
	prepareJournal,
	prepareUpstream,
	processFigures,
	ServerProcess,
	signIn,
	sleep,
	SUPERVISOR,
	type ServerFiles
} from './server';
import { closeShift, FLOAT_FEN, openShift, shiftsExist } from './shifts';

const SESSIONS = positiveInt('SIFEE_PROOF_SESSIONS', 50);
const TX = positiveInt('SIFEE_PROOF_TX', 200);
const KILLS = positiveInt('SIFEE_PROOF_KILLS', 100);
const FAULT_WINDOWS = positiveInt('SIFEE_PROOF_FAULT_WINDOWS', 4);
const DEADLINE_MS = positiveInt('SIFEE_PROOF_DEADLINE_S', 3600) * 1000;
const SKIP = new Set((process.env.SIFEE_PROOF_SKIP ?? '').split(',').filter(Boolean));
const RSS_TARGET_MB = 300;
const RSS_GROWTH_TARGET = 0.1;
/** Device time-outs of the fault run: a lost POS answer is found out in 2 s, not the hall's 90. */
const FAULT_ENV = { SIFEE_POS_TIMEOUT_MS: '2000', SIFEE_POS_QUERY_TIMEOUT_MS: '2000' };

const started = performance.now();
const deadline = started + DEADLINE_MS;
const rows: { figure: string; value: string; target: string; ok: boolean | null }[] = [];
const row = (figure: string, value: string | number, target = '', ok: boolean | null = null) =>
	rows.push({ figure, value: typeof value === 'number' ? value.toLocaleString('en') : value, target, ok });
const problems: string[] = [];
const runs: ServerFiles[] = [];
const servers: ServerProcess[] = [];
cleanUpOnExit(
	() => runs,
	() => servers
);
const watchdog = setTimeout(() => {
	console.log(`FAIL: the proof did not end within ${(DEADLINE_MS + 120_000) / 1000} s`);
	for (const s of servers) s.child?.kill('SIGKILL');
	process.exit(1);
}, DEADLINE_MS + 120_000);
watchdog.unref();

const s = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);

/** A fresh server's files: windows, clerks and the supervisor in the journal, the run's payers upstream. */
async function prepare(prefix: string, windows: number, visits: number): Promise<{ files: ServerFiles; pools: Pools }> {
	const files = newServerFiles(prefix);
	runs.push(files);
	prepareJournal(files.journal, windows, await hashPassword(CLERK_PASSWORD));
	const pools = prepareUpstream(files.upstream, (db) => addPools(db, visits));
	return { files, pools };
}

const payerIdsOf = (pools: Pools, files: ServerFiles) => {
	const up = new Database(files.upstream, { readonly: true });
	const residents = new Set(pools.residents.map((r) => r.idNumber));
	const ids = (up.prepare(`SELECT id, id_number AS idNumber FROM payers WHERE kind = 'resident'`).all() as { id: number; idNumber: string }[])
		.filter((p) => residents.has(p.idNumber))
		.map((p) => p.id);
	up.close();
	return [...pools.units.map((u) => u.payerId), ...ids];
};

/** What a window's drawer holds at close: the float and the cash it took, less change. */
const cashOf = (completed: Completed[], windowNo: number) =>
	FLOAT_FEN + sum(completed.filter((c) => c.windowNo === windowNo && c.channel === 'cash').map((c) => c.amountFen));

async function signInAll(server: ServerProcess, windows: number, downForMs = 0): Promise<Api[]> {
	return Promise.all(Array.from({ length: windows }, async (_, w) => new Api(server.origin, await signIn(server.origin, w + 1), downForMs)));
}

/** Each window's Z, its drawer counted as the clients know it; null when the build has no shifts. */
async function closeAll(apis: Api[], completed: Completed[], withShifts: boolean): Promise<WindowClose[]> {
	if (!withShifts) return [];
	return Promise.all(
		apis.map(async (api, w) => {
			const cash = cashOf(completed, w + 1);
			return { windowNo: w + 1, z: await closeShift(api, cash, SUPERVISOR), completed: completed.filter((c) => c.windowNo === w + 1), cashExpectedFen: cash };
		})
	);
}

function booksRows(label: string, books: Books, failures: Failure[]) {
	problems.push(...books.problems.map((p) => `${label}: ${p}`), ...failures.slice(0, 5).map((f) => `${label}: window ${f.windowNo} ${f.kind}: ${f.error}`));
	if (failures.length) problems.push(`${label}: ${failures.length} visits failed`);
	row(`${label}: visits failed`, failures.length, '0', failures.length === 0);
	row(`${label}: payments lost`, books.lost, '0', books.lost === 0);
	row(`${label}: payments duplicated`, books.duplicated, '0', books.duplicated === 0);
	row(`${label}: windows whose Z, ledger and upstream differ`, books.unbalancedWindows, '0', books.unbalancedWindows === 0);
	row(
		`${label}: sessions left active / intents left pending`,
		`${books.activeSessions} / ${books.openIntents}`,
		'0 / 0',
		books.activeSessions + books.openIntents === 0
	);
	row(`${label}: intents whose outcome stays unknown`, books.unknownIntents.join(', ') || '0');
}

// --- load ---------------------------------------------------------------------------------

async function load(): Promise<ServerFiles | null> {
	const { files, pools } = await prepare('sifee-proof-load-', SESSIONS, 2 * SESSIONS * TX);
	const plans = await makePlans(pools, SESSIONS, 2 * TX);
	const server = new ServerProcess(files, await freePort());
	servers.push(server);
	await server.start();
	const completed: Completed[] = [];
	const failures: Failure[] = [];
	const latencies: number[] = [];
	const closes: WindowClose[] = [];
	const peaks: number[] = [];
	let withShifts = false;
	const t0 = performance.now();
	for (const round of [0, 1]) {
		const apis = await signInAll(server, SESSIONS);
		withShifts = await shiftsExist(apis[0]);
		if (withShifts) await Promise.all(apis.map(openShift));
		const r = await runWindows(
			apis.map((api, w) => ({ windowNo: w + 1, api, plans: plans[w].slice(round * TX, (round + 1) * TX) })),
			deadline
		);
		if (r.timedOut) problems.push(`load round ${round + 1}: stopped at the deadline`);
		completed.push(...r.completed);
		failures.push(...r.failures);
		latencies.push(...r.latencies);
		closes.push(...(await closeAll(apis, r.completed, withShifts)));
		peaks.push(processFigures(server.pid)?.peakRssMb ?? NaN);
		console.log(
			`load round ${round + 1}: ${r.completed.length} visits, ${r.failures.length} failed, server peak RSS ${peaks[round].toFixed(0)} MB, ${s(performance.now() - t0)}`
		);
	}
	const wall = performance.now() - t0;
	await server.stop();
	const books = checkBooks(files, completed, payerIdsOf(pools, files), closes);
	const kinds = (k: string, ch?: string) =>
		completed.filter(
			(c) => (c.plan.kind === 'individual' ? (c.plan.persons.length > 1 ? 'household' : 'resident') : c.plan.kind) === k && (!ch || c.channel === ch)
		).length;
	row('load: windows at once (each with its shift)', `${SESSIONS}${withShifts ? '' : ' (this build has no shifts)'}`, '50');
	row(
		'load: visits (2 rounds)',
		`${completed.length.toLocaleString('en')} of ${(2 * SESSIONS * TX).toLocaleString('en')}`,
		'2 × 10,000',
		completed.length === 2 * SESSIONS * TX
	);
	row(
		'load: mix',
		`units ${kinds('unit', 'pos')} card + ${kinds('unit', 'cash')} cash, residents ${kinds('resident')}, households of 3 ${kinds('household')}, collector lists of 3 ${kinds('collector')}`
	);
	row(
		'load: money taken',
		`${(books.paidFen / 100).toLocaleString('en', { minimumFractionDigits: 2 })} yuan in ${s(wall)} (${(completed.length / (wall / 1000)).toFixed(1)} visits/s)`
	);
	booksRows('load', books, failures);
	if (withShifts) row('load: Z reports checked (2 shifts per window)', closes.length, `${2 * SESSIONS}`, closes.length === 2 * SESSIONS);
	const [first, second] = peaks;
	const growth = (second - first) / first;
	row(
		`memory: server peak RSS after the first ${(SESSIONS * TX).toLocaleString('en')} visits`,
		`${first.toFixed(0)} MB`,
		`≤ ${RSS_TARGET_MB} MB`,
		first <= RSS_TARGET_MB
	);
	row(
		`memory: added by the second ${(SESSIONS * TX).toLocaleString('en')}`,
		`${(second - first).toFixed(0)} MB (${(growth * 100).toFixed(1)} %)`,
		`< ${RSS_GROWTH_TARGET * 100} %`,
		growth < RSS_GROWTH_TARGET
	);
	if (latencies.length) report('load: latency per visit (start → finished)', percentiles(latencies));
	return files;
}

// --- faults -------------------------------------------------------------------------------

async function faults(): Promise<ServerFiles> {
	// Payments go on until every kill is done and at least KILLS payments are made; ten times as many payers are
	// ready (at three times, a fast run paid them all after 95 kills).
	const perWindow = Math.ceil((10 * KILLS) / FAULT_WINDOWS);
	const { files, pools } = await prepare('sifee-proof-faults-', FAULT_WINDOWS, FAULT_WINDOWS * perWindow);
	const plans = await makePlans(pools, FAULT_WINDOWS, perWindow);
	const server = new ServerProcess(files, await freePort(), { env: FAULT_ENV });
	servers.push(server);
	await server.start();
	// Reads wait for the server to come back for up to a minute; the sign-ins outlive the kills.
	const apis = await signInAll(server, FAULT_WINDOWS, 60_000);
	const withShifts = await shiftsExist(apis[0]);
	if (withShifts) await Promise.all(apis.map(openShift));

	let running = true;
	let kills = 0;
	const injected = { 'paper-out': 0, 'pos-next:lose-answer': 0 };
	const random = (lo: number, hi: number) => lo + Math.random() * (hi - lo);
	const killer = (async () => {
		while (running && kills < KILLS) {
			await sleep(random(100, 1500));
			if (!running) break;
			await server.kill();
			kills++;
			await server.start();
		}
	})();
	const injector = (async () => {
		while (running) {
			await sleep(random(300, 2000));
			const action = Math.random() < 0.5 ? 'paper-out' : 'pos-next:lose-answer';
			try {
				const r = await apis[0].form('/devices?/simulate', new URLSearchParams({ action }));
				if (r.status < 400) injected[action]++;
			} catch {
				// the server is down: nothing switched
			}
		}
	})();
	let paid = 0;
	const r = await runWindows(
		apis.map((api, w) => ({ windowNo: w + 1, api, plans: plans[w] })),
		deadline,
		() => ++paid > KILLS && kills >= KILLS
	);
	running = false;
	await Promise.all([killer, injector]);
	if (!server.running()) await server.start();

	// A session whose start's answer died with the server is open at its window: the clerk finds it there and ends it.
	const journal = new Database(files.journal, { readonly: true });
	const open = journal.prepare(`SELECT id, window_no AS windowNo FROM window_sessions WHERE status = 'active'`).all() as { id: string; windowNo: number }[];
	journal.close();
	let orphans = 0;
	for (const o of open) {
		const api = apis[o.windowNo - 1];
		try {
			await drive(api, o.windowNo, o.id, null, devicesOf(api));
			orphans++;
		} catch (e) {
			r.failures.push({ windowNo: o.windowNo, kind: 'unknown session', error: (e as Error).message });
		}
	}
	const closes = await closeAll(apis, r.completed, withShifts);
	await server.stop();
	const books = checkBooks(files, r.completed, payerIdsOf(pools, files), closes);
	row('faults: payments made while the server was killed', `${r.completed.length} at ${FAULT_WINDOWS} windows`, `≥ ${KILLS}`, r.completed.length >= KILLS);
	row('faults: SIGKILLs (each followed by a restart)', kills, `${KILLS}`, kills >= KILLS);
	row('faults: printer paper-out / POS lost answers injected', `${injected['paper-out']} / ${injected['pos-next:lose-answer']}`);
	row('faults: card attempts retried (declined or reversed)', sum(r.completed.map((c) => c.retries)));
	row('faults: sessions found open after a lost start, ended by the clerk', orphans);
	booksRows('faults', books, r.failures);
	return files;
}

// --- bad input ----------------------------------------------------------------------------

function vitest(files: string[], extra: string[] = []): { ok: boolean; out: string } {
	const r = spawnSync('npx', ['vitest', 'run', ...files, ...extra], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 64 << 20 });
	return { ok: r.status === 0, out: `${r.stdout}\n${r.stderr}` };
}

function badInput() {
	const hostile = vitest(['tests/integration/hostile-input.test.ts']);
	const sent = Number(/(\d+) hostile inputs/.exec(hostile.out)?.[1] ?? 0);
	if (!hostile.ok) problems.push(`hostile input:\n${hostile.out.split('\n').slice(-40).join('\n')}`);
	row('bad input: hostile inputs sent (4xx in Chinese, none 500, nothing written)', sent, '> 500, all refused', hostile.ok && sent > 500);
	const props = vitest(['tests/unit/domain/'], ['--reporter=json']);
	const json = JSON.parse(props.out.slice(props.out.indexOf('{'), props.out.lastIndexOf('}') + 1)) as {
		numPassedTests: number;
		numTotalTests: number;
		testResults: { name: string }[];
	};
	const propertyFiles = json.testResults.filter((t) => t.name.endsWith('.property.test.ts')).length;
	if (!props.ok) problems.push(`domain tests failed: ${json.numTotalTests - json.numPassedTests}`);
	row(
		'bad input: domain parser tests (property tests in ' + propertyFiles + ' files)',
		`${json.numPassedTests} of ${json.numTotalTests} passed`,
		'all',
		props.ok
	);
}

// --- audit --------------------------------------------------------------------------------

function audit(journals: ServerFiles[]) {
	let verified = 0;
	for (const f of journals) {
		const db = new Database(f.journal, { readonly: true });
		const check = verifyJournalChain(db);
		db.close();
		verified += check.rows;
		if (!check.ok) problems.push(`audit chain of ${f.journal} broken at row ${check.brokenId}: ${check.reason}`);
		row(`audit: chain rows verified (${f.dir.includes('faults') ? 'fault run' : 'load run'})`, check.rows, 'all', check.ok);
	}
	// A copy altered as someone with the file and the sqlite3 shell would: the check names that row.
	const source = journals[0];
	const copy = join(source.dir, 'altered.db');
	copyFileSync(source.journal, copy);
	const db = new Database(copy);
	const { id } = db.prepare(`SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM audit_log)`).get() as { id: number };
	alterBehindSqlitesBack(db, `UPDATE audit_log SET subject = subject || '（改）' WHERE id = ?`, id);
	const check = verifyJournalChain(db);
	db.close();
	const caught = !check.ok && check.brokenId === id;
	row('audit: altered row in a copy of the journal caught', caught ? `row ${id} named` : `not caught (${JSON.stringify(check)})`, `row ${id}`, caught);
	return verified;
}

// --- the run ------------------------------------------------------------------------------

ensureBuilt();
console.log(`npm run proof: ${SESSIONS} windows × ${TX} visits × 2 rounds, ${KILLS} kills at ${FAULT_WINDOWS} windows; deadline ${DEADLINE_MS / 1000} s`);
let failed = false;
try {
	const journals: ServerFiles[] = [];
	if (!SKIP.has('load')) journals.push((await load())!);
	if (!SKIP.has('faults')) journals.push(await faults());
	if (!SKIP.has('input')) badInput();
	if (journals.length) audit(journals);
} catch (e) {
	failed = true;
	problems.push(`the proof stopped: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
	for (const s of servers) problems.push(`server log:\n${s.logTail(15)}`);
} finally {
	for (const s of servers) await s.stop();
	clearTimeout(watchdog);
}
if (requestTimes.length) report('HTTP requests', percentiles(requestTimes));

const verdict = (ok: boolean | null) => (ok === null ? '' : ok ? 'PASS' : 'FAIL');
const table = [
	'| Figure | Measured | Target | |',
	'|---|---|---|---|',
	...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.target} | ${verdict(r.ok)} |`),
	`| whole proof | ${s(performance.now() - started)} | bounded (${DEADLINE_MS / 1000} s) | |`
];
console.log(`\n${table.join('\n')}\n`);
failed ||= rows.some((r) => r.ok === false);
if (problems.length) console.log(`problems:\n${problems.map((p) => `- ${p}`).join('\n')}`);
console.log(failed ? 'npm run proof: FAIL' : 'npm run proof: PASS');
for (const f of runs) rmSync(f.dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
