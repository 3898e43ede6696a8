// The counter server as a process of its own, so a test can kill it (SIGKILL) in the middle of
// a payment and start it again on the same files. Run with
// `node --import tsx tests/integration/crash/server-process.ts`.
//
// Environment (besides the fixed SIFEE_MODE=test, SIFEE_TODAY=2026-11-20, SIFEE_HW_MODE=real):
//   SIFEE_DB, SIFEE_UPSTREAM_DB, SIFEE_FORM_OUTPUT_DIR      files of this server
//   SIFEE_POS_PORT, SIFEE_PRINTER_PORT                      host ends of the pty pairs
//   SIFEE_POS_TIMEOUT_MS, SIFEE_POS_QUERY_TIMEOUT_MS, SIFEE_PRINTER_POLL_MS,
//   SIFEE_PRINTER_REPLY_TIMEOUT_MS                          short device timeouts
//   CRASH_SESSION_ID   the window session followed (and, on the first run, started)
//   CRASH_DRIVE=pos    first run only: start the session for 太原示例机械制造有限公司, declare the
//                      four open regular dues of 2026-11 and pay by card. Without it the server
//                      only starts, which restores the sessions cut off by the crash.
//   CRASH_DRIVE=household-pos  first run only: start an individual session for the demo household
//                      of three, choose each person's lowest pension tier and next year's medical,
//                      declare and pay by one card sale.
//   CRASH_DRIVE=collector-card  first run only: start a collector batch for C002 (the session id must
//                      be a window's, `W3-20261120-<hex>`, as its batch number is read from it),
//                      upload 10 valid rows (as `npm run collector -- sample` writes them), pay by card.
//   CRASH_UPSTREAM_FAULT  JSON { operation, fault } (see upstream/faults.ts): a simulated upstream
//                      failure switched on before driving, e.g. to hold a call open for the kill.
//
// stdout, one line each:
//   READY {"restored":[…]}    the runtime is up (sessions restored)
//   STEP {…}                  the followed session's step changed (step, child step, error, notice)
//   DEVICE {"kind","code"}    a device's status (at start, then on every change)
//   DRIVEN                    the card payment was chosen (first run)
//   ACK n / ERR n message     answer to a stdin command
// stdin, one JSON object per line: { "id": n, "send": { "type": "PAPER_LOADED", … } } sends the
// event to the followed session.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createRuntime, type Runtime } from '../../../src/lib/server/runtime';
import { readConfig } from '../../../src/lib/server/config';
import { sessionView } from '../../../src/lib/server/sessions/session-view';
import { COUNTER_SESSION } from '../../../src/lib/server/sessions/counter-session-kind';
import { INDIVIDUAL_SESSION } from '../../../src/lib/server/sessions/individual-session-kind';
import { DEMO_RESIDENTS } from '../../../src/lib/server/demo/demo-catalogue';
import { COLLECTOR_BATCH } from '../../../src/lib/server/sessions/collector-batch-kind';
import { collectorCommand } from '../../../src/lib/server/admin/collector-command';
import { uploadList } from '../../../src/lib/server/services/collector-batches';
import type { FaultSpec } from '../../../src/lib/server/upstream/faults';
import type { UpstreamOperation } from '../../../src/lib/server/upstream/operations';
import type { HouseholdMember } from '../../../state-machines';
import { at, until } from '../sessions/flow-helpers';
import { testOperator } from '../test-operator';

const out = (line: string) => process.stdout.write(`${line}\n`);

const env: Record<string, string | undefined> = {
	...process.env,
	SIFEE_MODE: 'test',
	SIFEE_TODAY: '2026-11-20',
	SIFEE_HW_MODE: 'real'
};
for (const name of ['SIFEE_DB', 'SIFEE_UPSTREAM_DB', 'SIFEE_FORM_OUTPUT_DIR', 'SIFEE_POS_PORT', 'SIFEE_PRINTER_PORT', 'CRASH_SESSION_ID']) {
	if (!env[name]) {
		console.error(`${name} is required`);
		process.exit(2);
	}
}
const id = env.CRASH_SESSION_ID!;

let rt: Runtime;
let followed = false;
let lastStep = '';

/** Prints the followed session's step whenever it changes (children included). */
function follow(): void {
	if (followed) return;
	const actor = rt.sessions.get(id);
	if (!actor) return;
	followed = true;
	const report = () => {
		const v = sessionView(id, actor);
		const child = v.child?.context as { error?: unknown; notice?: unknown } | undefined;
		const line = JSON.stringify({
			id,
			status: v.status,
			step: v.step,
			child: v.child?.id ?? null,
			childStep: v.child?.step ?? null,
			error: child?.error ?? v.context.error ?? null,
			notice: child?.notice ?? v.context.notice ?? null
		});
		if (line === lastStep) return;
		lastStep = line;
		out(`STEP ${line}`);
	};
	rt.sessions.subscribe(id, report);
	report();
}

/** The clerk starts once the window's devices show ready (the serial ports open asynchronously). */
async function devicesReady(timeoutMs: number): Promise<void> {
	const started = Date.now();
	while (rt.devices.posTerminal.status().code !== 'OK' || rt.devices.receiptPrinter.status().code !== 'OK') {
		if (Date.now() - started > timeoutMs) {
			throw new Error(`devices not ready: POS ${rt.devices.posTerminal.status().code}, printer ${rt.devices.receiptPrinter.status().code}`);
		}
		await new Promise((r) => setTimeout(r, 20));
	}
}

const windowInput = () => ({ sessionId: id, today: rt.clock.today(), windowNo: '3', clerkId: '1' });

/** At the channel choice, the clerk takes the card. */
async function payByCard(): Promise<void> {
	await until(rt, id, at('paying', 'choosing.ready'), 10_000);
	rt.sessions.send(id, { type: 'CHOOSE', channel: 'pos' } as never);
	out('DRIVEN');
}

async function drive(): Promise<void> {
	await devicesReady(10_000);
	const [payer] = await rt.upstream.coreTax.findPayers({ by: 'name', value: '太原示例机械制造有限公司' }, 1);
	if (!payer) throw new Error('demo enterprise not found');
	rt.sessions.start(COUNTER_SESSION, id, testOperator(3, 1), windowInput());
	follow();
	rt.sessions.send(id, { type: 'PAYER_PICKED', payer } as never);
	const v = await until(rt, id, at('declaring', 'selecting'), 10_000);
	const dues = v.child!.context.dues as { id: number; kind: string; periodFrom: string; state: string }[];
	const november = dues.filter((d) => d.kind === 'regular' && d.periodFrom === '2026-11-01' && d.state === 'open');
	if (november.length !== 4) throw new Error(`expected the four open regular dues of 2026-11, found ${november.length}`);
	for (const d of november) rt.sessions.send(id, { type: 'TOGGLE_DUE', dueId: d.id } as never);
	rt.sessions.send(id, { type: 'SUBMIT' });
	await payByCard();
}

/** The household of three at one window: each found by ID number, the lowest tier and medical each, one card sale. */
async function driveHousehold(): Promise<void> {
	await devicesReady(10_000);
	const household = DEMO_RESIDENTS.filter((r) => r.story === 'household');
	if (household.length !== 3) throw new Error(`expected the demo household of three, found ${household.length}`);
	rt.sessions.start(INDIVIDUAL_SESSION, id, testOperator(3, 1), windowInput());
	follow();
	const persons = (n: number) => (v: { step: string; context: Record<string, unknown> }) =>
		v.step === 'gathering' && (v.context.persons as HouseholdMember[]).length === n;
	let found: HouseholdMember[] = [];
	for (const [i, r] of household.entries()) {
		rt.sessions.send(id, { type: 'FIND_PERSON', idNumber: r.idNumber, name: r.name, source: 'card' } as never);
		const v = await until(rt, id, (v) => persons(i + 1)(v) || (v.step === 'gathering' && v.context.error !== null), 10_000);
		if (!persons(i + 1)(v)) throw new Error(`${r.name} not added: ${JSON.stringify(v.context.error)}`);
		found = v.context.persons as HouseholdMember[];
	}
	for (const m of found) {
		const lowest = Math.min(...m.options.pension!.tiers.map((t) => t.tier));
		rt.sessions.send(id, { type: 'SET_TIER', payerId: m.payer.id, tier: lowest } as never);
		rt.sessions.send(id, { type: 'TOGGLE_ITEM', payerId: m.payer.id, item: 'medical' } as never);
	}
	rt.sessions.send(id, { type: 'SUBMIT' });
	await payByCard();
}

/** C002's village list of 10 valid rows checked and paid as one batch, by one card sale. */
async function driveCollectorBatch(): Promise<void> {
	await devicesReady(10_000);
	const c = rt.collectors.collectors.byCode('C002');
	if (!c) throw new Error('demo collector C002 not found');
	const operator = testOperator(3, 1);
	const collector = { code: c.code, name: c.name, idNumber: c.idNumber, county: c.county, virtualAccountNo: c.virtualAccountNo };
	rt.sessions.start(COLLECTOR_BATCH, id, operator, { ...windowInput(), collector });
	follow();
	const file = join(dirname(env.SIFEE_DB!), 'C002-sample.csv');
	await collectorCommand(['sample', 'C002', '--rows', '10', file], { config: rt.config, clock: rt.clock });
	await uploadList(rt.services.collectorBatches, operator, id, { name: 'C002.csv', bytes: readFileSync(file) });
	const v = await until(rt, id, at('report'), 10_000);
	const summary = v.context.summary as { good: number; bad: number } | null;
	if (summary?.good !== 10 || summary.bad !== 0) throw new Error(`expected 10 good rows, found ${JSON.stringify(summary)}`);
	rt.sessions.send(id, { type: 'PAY' });
	await payByCard();
}

/** A simulated upstream failure for the first run, so a call is held open where the test kills. */
function switchFault(): void {
	if (!env.CRASH_UPSTREAM_FAULT) return;
	const { operation, fault } = JSON.parse(env.CRASH_UPSTREAM_FAULT) as { operation: UpstreamOperation; fault: FaultSpec };
	if (!rt.upstream.faults) throw new Error('CRASH_UPSTREAM_FAULT needs the upstream simulator');
	rt.upstream.faults.set(operation, fault);
}

async function main(): Promise<void> {
	rt = await createRuntime(readConfig(env), env);
	const restored = (rt.journal.prepare(`SELECT id FROM window_sessions WHERE status = 'active'`).all() as { id: string }[])
		.map((r) => r.id)
		.filter((s) => rt.sessions.get(s));
	out(`READY ${JSON.stringify({ restored })}`);
	// What the health panel shows: a clerk acts once the devices are ready.
	const device = (kind: string, code: string) => out(`DEVICE ${JSON.stringify({ kind, code })}`);
	for (const h of rt.devices.hub.snapshot()) device(h.kind, h.status.code);
	rt.devices.hub.onChange((c) => device(c.kind, c.status.code));
	follow();
	switchFault();
	if (env.CRASH_DRIVE === 'pos') await drive();
	else if (env.CRASH_DRIVE === 'household-pos') await driveHousehold();
	else if (env.CRASH_DRIVE === 'collector-card') await driveCollectorBatch();
}

createInterface({ input: process.stdin }).on('line', (line) => {
	if (!line.trim()) return;
	let n: unknown = '?';
	try {
		const c = JSON.parse(line) as { id: number; send?: { type: string } };
		n = c.id;
		if (!c.send || typeof c.send.type !== 'string') throw new Error('expected { id, send: { type } }');
		if (!rt || !rt.sessions.send(id, c.send)) throw new Error(`no session ${id}`);
		follow();
		out(`ACK ${n}`);
	} catch (e) {
		out(`ERR ${n} ${(e as Error).message}`);
	}
});

let closing = false;
async function shutdown(): Promise<void> {
	if (closing) return;
	closing = true;
	try {
		await rt?.close();
	} finally {
		process.exit(0);
	}
}
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
process.stdin.once('end', () => void shutdown());

main().catch((e) => {
	out(`FAILED ${(e as Error).stack ?? e}`);
	process.exit(1);
});
