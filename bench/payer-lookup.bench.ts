// Payer look-up by ID number or credit code over a 100,000-payer simulator database.
// Target: p95 ≤ 5 ms for the whole look-up service (input check + query), on this 2-core machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/lib/server/db/open-database';
import { upstreamMigrations } from '../src/lib/server/upstream/migrations';
import { seedUpstream } from '../src/lib/server/demo/seed-upstream';
import { simulatedUpstream } from '../src/lib/server/upstream/simulator/simulated-upstream';
import { systemClock } from '../src/lib/server/clock';
import { lookupPayers } from '../src/lib/server/services/payer-lookup';
import { payerView } from '../src/lib/server/services/payer-view';
import { addBulkPayers } from './fixtures/bulk-payers';
import { percentiles, report } from './stats';

const PAYERS = 100_000;
const LOOKUPS = 20_000;
const TARGET_P95_MS = 5;

const dir = mkdtempSync(join(tmpdir(), 'sifee-bench-'));
try {
	const db = openDatabase(join(dir, 'upstream-sim.db'), upstreamMigrations);
	seedUpstream(db, '2026-11-20');
	let t = performance.now();
	const { idNumbers, creditCodes } = addBulkPayers(db, PAYERS);
	console.log(`built ${idNumbers.length + creditCodes.length} payers in ${((performance.now() - t) / 1000).toFixed(1)} s`);
	const upstream = simulatedUpstream(db, { clock: systemClock() });

	const timings = { lookup: [] as number[], view: [] as number[] };
	for (let i = 0; i < LOOKUPS; i++) {
		const pool = i % 2 ? creditCodes : idNumbers;
		const identifier = pool[(i * 7919) % pool.length];
		t = performance.now();
		const r = await lookupPayers(upstream.coreTax, identifier);
		timings.lookup.push(performance.now() - t);
		if (r.kind !== 'found') throw new Error(`not found: ${identifier}`);
		if (i % 10 === 0) {
			t = performance.now();
			await payerView(upstream, r.payers[0].id, '2026-11-20');
			timings.view.push(performance.now() - t);
		}
	}
	const ok = report('payer look-up by ID number or credit code', percentiles(timings.lookup), TARGET_P95_MS);
	report('payer view after the look-up (registrations, dues, history)', percentiles(timings.view));
	db.close();
	process.exitCode = ok ? 0 : 1;
} finally {
	rmSync(dir, { recursive: true, force: true });
}
