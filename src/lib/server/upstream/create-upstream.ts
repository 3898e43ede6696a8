import type { ServerConfig } from '../config';
import type { Clock } from '../clock';
import type { WorkCalendar } from '../../domain';
import { openDatabase, type Db } from '../db/open-database';
import { upstreamMigrations } from './migrations';
import { simulatedUpstream } from './simulator/simulated-upstream';
import { seedUpstream } from '../demo/seed-upstream';
import type { Upstream } from './types';
import type { SimulatorFaults } from './faults';
import type { CoreTaxBooking } from './feed';

/** The upstream systems' client as the terminal holds it; `db` is the simulator's own file. */
export interface UpstreamClient {
	/** `faults`: present on simulators only, the failures a real system has, switched on at will. */
	upstream: Upstream & { faults?: SimulatorFaults };
	/** Present on simulators only: tax's booking run (入库销号), for the demo's 模拟入库销号 page. */
	booking?: CoreTaxBooking;
	db: Db;
	close(): void;
}

/**
 * Builds the client SIFEE_UPSTREAM names (config.ts). The simulator is built only here and only
 * when configured as simulated; a client of a real or shared upstream is another branch here.
 */
export function createUpstream(config: ServerConfig, deps: { clock: Clock; calendar: () => WorkCalendar }): UpstreamClient {
	switch (config.upstream) {
		case 'simulated': {
			const db = openDatabase(config.upstreamDbPath, upstreamMigrations);
			// Demo and test data stand in for the real systems' records; production's simulator starts empty.
			if (config.mode !== 'production') seedUpstream(db, deps.clock.today());
			const upstream = simulatedUpstream(db, {
				clock: deps.clock,
				calendar: deps.calendar,
				claimTtlMs: config.claimMinutes * 60_000,
				individualBookingDays: config.individualBookingDays
			});
			return { upstream, booking: upstream.coreTax, db, close: () => db.close() };
		}
	}
}
