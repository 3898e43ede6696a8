import type { Db } from '../../db/open-database';
import type { SimulatorFaults, Upstream } from '../types';
import { simulatedAgencyFeed } from './agency-feed';
import { simulatedBankGateway } from './bank-gateway';
import { callRunner } from './calls';
import { simulatedCoreTax } from './core-tax';
import { FaultSwitchboard } from './faults';
import { ledger } from './ledger';
import { upstreamQueries } from './rows';

export interface SimulatorOptions {
	/** How long `timeout` and `answerLost` faults wait before failing, unless the fault says otherwise. */
	timeoutMs?: number;
}

export type SimulatedUpstream = Upstream & { faults: SimulatorFaults };

/** The in-process upstream systems over their own SQLite file, behind the async interfaces. */
export function simulatedUpstream(db: Db, options: SimulatorOptions = {}): SimulatedUpstream {
	const q = upstreamQueries(db);
	const faults = new FaultSwitchboard();
	const run = callRunner(db, faults, options.timeoutMs ?? 3_000);
	const book = ledger(db, q);
	return {
		coreTax: simulatedCoreTax(db, q, book, run),
		agencyFeed: simulatedAgencyFeed(db, q, run),
		bankGateway: simulatedBankGateway(db, q, book, run),
		faults
	};
}
