import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDatabase, type Db } from '../../../src/lib/server/db/open-database';
import { upstreamMigrations } from '../../../src/lib/server/upstream/migrations';
import { simulatedUpstream, type SimulatedUpstream } from '../../../src/lib/server/upstream/simulator/simulated-upstream';
import { seedUpstream } from '../../../src/lib/server/demo/seed-upstream';
import { UpstreamRefusedError, type RefusalCode } from '../../../src/lib/server/upstream/errors';
import type { AssessedDue, Payer } from '../../../src/lib/domain/payer';
import { movableClock } from '../test-clock';

export const TODAY = '2026-11-20';

/** The upstream simulator over a real SQLite file in a fresh folder, seeded with the demo hall. */
export function tempUpstream(today = TODAY) {
	const dir = mkdtempSync(join(tmpdir(), 'sifee-upstream-'));
	const path = join(dir, 'upstream-sim.db');
	let db: Db = openDatabase(path, upstreamMigrations);
	seedUpstream(db, today);
	let keys = 0;
	// The simulator's own today; a test that plays another day moves it there.
	const clock = movableClock(today);
	const sim = {
		clock,
		dir,
		path,
		db,
		upstream: simulatedUpstream(db, { timeoutMs: 10, clock }) as SimulatedUpstream,
		/** A fresh idempotency key, as the terminal writes one with each intent. */
		key: (what = 'call') => `${what}-${++keys}`,
		/** Closes the file and opens it again, as after a crash of the terminal. */
		reopen() {
			db.close();
			db = openDatabase(path, upstreamMigrations);
			sim.db = db;
			sim.upstream = simulatedUpstream(db, { timeoutMs: 10, clock });
		},
		async payer(name: string): Promise<Payer> {
			const [p] = await sim.upstream.coreTax.findPayers({ by: 'name', value: name }, 1);
			if (!p || p.name !== name) throw new Error(`no demo payer ${name}`);
			return p;
		},
		async openDues(payer: Payer, filter: (d: AssessedDue) => boolean = () => true): Promise<AssessedDue[]> {
			return (await sim.upstream.agencyFeed.assessedDuesOf(payer)).filter((d) => d.state === 'open' && filter(d));
		},
		/** This month's open regular dues, occupational annuity apart. */
		async thisMonthsDues(payer: Payer): Promise<AssessedDue[]> {
			const month = today.slice(0, 7);
			return sim.openDues(payer, (d) => d.kind === 'regular' && d.periodFrom.startsWith(month) && d.item.code !== 'ANNUITY');
		},
		count(sql: string, ...params: unknown[]): number {
			return (db.prepare(sql).get(...params) as { n: number }).n;
		},
		dispose() {
			db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
	return sim;
}

export type Sim = ReturnType<typeof tempUpstream>;

export const sum = (dues: { amountFen: number }[]) => dues.reduce((s, d) => s + d.amountFen, 0);

/** Awaits a refusal with this code and a Chinese message; returns it for further checks. */
export async function refused(promise: Promise<unknown>, code: RefusalCode): Promise<UpstreamRefusedError> {
	const e = await promise.then(
		(v) => {
			throw new Error(`expected refusal ${code}, got ${JSON.stringify(v)}`);
		},
		(e: unknown) => e
	);
	expect(e).toBeInstanceOf(UpstreamRefusedError);
	const r = e as UpstreamRefusedError;
	expect(r.code, r.message).toBe(code);
	expect(r.message).toMatch(/\p{Script=Han}/u);
	return r;
}
