// What the built server keeps: three rounds of the proof's mixed visits, a heap snapshot of the
// server after each (`--heapsnapshot-signal`; a snapshot collects garbage first, so it is the live
// heap), the live heap against the RSS, and what grew from the first snapshot to the last, by
// constructor. `node --import tsx proof/heap-snapshots.ts` (W windows × N visits a round, 5 × 60).
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { hashPassword } from '../src/lib/server/auth/password';
import { Api } from './client';
import { runWindows } from './load';
import { addPools, makePlans } from './plans';
import { CLERK_PASSWORD, positiveInt, freePort, newServerFiles, prepareJournal, prepareUpstream, processFigures, ServerProcess, signIn, sleep } from './server';
import { openShift } from './shifts';

const W = positiveInt('W', 5);
const N = positiveInt('N', 60);
const files = newServerFiles('sifee-heap-');
const DIR = files.dir;
prepareJournal(files.journal, W, await hashPassword(CLERK_PASSWORD));
const pools = prepareUpstream(files.upstream, (db) => addPools(db, 3 * W * N));
const plans = await makePlans(pools, W, 3 * N);
const server = new ServerProcess(files, await freePort(), { nodeArgs: ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${DIR}`] });
await server.start();
const apis = await Promise.all(Array.from({ length: W }, async (_, w) => new Api(server.origin, await signIn(server.origin, w + 1))));
await Promise.all(apis.map(openShift));
function summary(file: string) {
	const snap = JSON.parse(readFileSync(file, 'utf8'));
	const f = snap.snapshot.meta.node_fields as string[];
	const types = snap.snapshot.meta.node_types[0] as string[];
	const [ti, ni, si] = ['type', 'name', 'self_size'].map((x) => f.indexOf(x));
	const agg = new Map<string, { n: number; size: number }>();
	let total = 0;
	for (let i = 0; i < snap.nodes.length; i += f.length) {
		const key = `${types[snap.nodes[i + ti]]}:${String(snap.strings[snap.nodes[i + ni]]).slice(0, 60)}`;
		const a = agg.get(key) ?? { n: 0, size: 0 };
		a.n++;
		a.size += snap.nodes[i + si];
		total += snap.nodes[i + si];
		agg.set(key, a);
	}
	return { total, agg };
}
const snaps: ReturnType<typeof summary>[] = [];
for (const round of [0, 1, 2]) {
	await runWindows(
		apis.map((api, w) => ({ windowNo: w + 1, api, plans: plans[w].slice(round * N, (round + 1) * N) })),
		performance.now() + 600_000
	);
	const before = new Set(readdirSync(DIR));
	process.kill(server.pid, 'SIGUSR2');
	let file: string | undefined;
	for (let i = 0; i < 600 && !file; i++) {
		await sleep(500);
		file = readdirSync(DIR).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
	}
	// Written for a while after it appears: wait until its size stands still.
	let size = -1;
	for (;;) {
		await sleep(2000);
		const now = statSync(`${DIR}/${file}`).size;
		if (now === size && now > 0) break;
		size = now;
	}
	const fig = processFigures(server.pid)!;
	const s = summary(`${DIR}/${file}`);
	snaps.push(s);
	console.log(
		`after round ${round + 1} (${(round + 1) * W * N} visits): live heap ${(s.total / 1048576).toFixed(1)} MB, RSS ${fig.rssMb.toFixed(0)} MB, peak ${fig.peakRssMb.toFixed(0)} MB`
	);
}
const [a, , c] = snaps;
const growth = [...c.agg]
	.map(([k, v]) => ({ k, dn: v.n - (a.agg.get(k)?.n ?? 0), ds: v.size - (a.agg.get(k)?.size ?? 0) }))
	.sort((x, y) => y.ds - x.ds)
	.slice(0, 25);
console.log('grown from round 1 to round 3 (by self size):');
for (const g of growth) console.log(`  ${(g.ds / 1024).toFixed(0)} KB  +${g.dn}  ${g.k}`);
await server.stop();
rmSync(files.dir, { recursive: true, force: true });
