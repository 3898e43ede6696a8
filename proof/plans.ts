// The proof's payers, put into the simulator before the server starts, and the mix of visits a
// window makes: units by card and by cash, residents alone and in households, collectors' small
// lists. Each payer is paid for once in the whole run, so a payment made twice is always visible.
import { COLLECTOR_LIST_HEADER, collectorItemName } from '../src/lib/domain';
import { writeListFile } from '../src/lib/server/collectors/list-file';
import type { Db } from '../src/lib/server/db/open-database';
import { addCounterPayers } from '../bench/fixtures/counter-payers';
import { addVillageResidents, type BenchResident } from '../bench/fixtures/village-residents';
import type { Plan } from './flows';
import { TODAY } from './server';

/** One window's visits in turn; `n` of every 12 are of that kind (the hall's mix is mostly units). */
const MIX: Plan['kind'][] = ['unit', 'unit', 'individual', 'unit', 'collector', 'unit', 'individual', 'unit', 'individual', 'unit', 'collector', 'individual'];
const HOUSEHOLD = 3;
const LIST_ROWS = 3;
/** The demo county's collectors (seeded by the server in test mode), taken in turn. */
const COLLECTORS = ['C001', 'C002'];

export interface Pools {
	units: ReturnType<typeof addCounterPayers>;
	residents: BenchResident[];
	medicalFen: number;
}

/** How many of each the run needs: every visit of every window has its own payers. */
function needs(total: number) {
	const counts = { unit: 0, individual: 0, collector: 0 };
	for (let i = 0; i < total; i++) counts[MIX[i % MIX.length]]++;
	// Individuals alternate between one resident and a household.
	return { units: counts.unit, residents: counts.individual * 2 + counts.collector * LIST_ROWS };
}

export function addPools(db: Db, total: number): Pools {
	const n = needs(total);
	const units = addCounterPayers(db, n.units);
	const residents = addVillageResidents(db, n.residents);
	const medical = db.prepare(`SELECT amount_fen AS fen FROM yearly_amounts WHERE item_code = 'R_MEDICAL' AND year = ?`).get(Number(TODAY.slice(0, 4)) + 1) as {
		fen: number;
	};
	return { units, residents, medicalFen: medical.fen };
}

/** The plans of all visits, `perWindow` for each of `windows` windows: window w's j-th visit is plans[w][j]. */
export async function makePlans(pools: Pools, windows: number, perWindow: number): Promise<Plan[][]> {
	let unit = 0;
	let resident = 0;
	let individual = 0;
	let collector = 0;
	const take = (k: number) => pools.residents.slice(resident, (resident += k));
	const plans: Plan[][] = [];
	for (let w = 0; w < windows; w++) {
		const row: Plan[] = [];
		for (let j = 0; j < perWindow; j++) {
			const i = w * perWindow + j;
			// Card and cash alternate within each kind.
			const kind = MIX[i % MIX.length];
			if (kind === 'unit') {
				const p = pools.units[unit++];
				row.push({ kind, channel: unit % 2 === 0 ? 'cash' : 'pos', payerId: p.payerId, dueIds: p.dueIds, totalFen: p.totalFen });
			} else if (kind === 'individual') {
				const persons = take(individual++ % 2 === 0 ? 1 : HOUSEHOLD);
				row.push({ kind, channel: individual % 4 < 2 ? 'pos' : 'cash', persons, totalFen: persons.length * pools.medicalFen });
			} else {
				const rows = take(LIST_ROWS);
				const list = await writeListFile(
					[
						[...COLLECTOR_LIST_HEADER],
						...rows.map((r) => [r.idNumber, r.name, collectorItemName('R_MEDICAL'), '', (pools.medicalFen / 100).toFixed(2), TODAY])
					],
					'csv'
				);
				row.push({
					kind,
					channel: collector % 2 === 0 ? 'cash' : 'pos',
					collector: COLLECTORS[collector++ % COLLECTORS.length],
					list,
					rows: LIST_ROWS,
					totalFen: LIST_ROWS * pools.medicalFen
				});
			}
		}
		plans.push(row);
	}
	return plans;
}
