import { defaultCalendar, type WorkCalendar } from '../../../domain';
import type { Db } from '../../db/open-database';
import type { SimulatorFaults } from '../faults';
import type { AgencyPushes, CoreTaxBooking } from '../feed';
import type { Upstream } from '../types';
import type { UpstreamClock } from './clock';
import { simulatedAgencyFeed } from './agency-feed';
import { simulatedBankGateway } from './bank-gateway';
import { callRunner } from './calls';
import { simulatedCoreTax } from './core-tax';
import { FaultSwitchboard } from './faults';
import { ledger } from './ledger';
import { upstreamQueries } from './rows';
import { declarationClaims } from './claims';
import { simulatedVirtualAccounts } from './virtual-accounts';
import { simulatedAnnuity } from './annuity';

export interface SimulatorOptions {
	clock: UpstreamClock;
	/** The working days booking (入库销号) counts in; default the bundled data. */
	calendar?: () => WorkCalendar;
	/** How long an idle claim on a declaration holds it (no money in flight); default 10 minutes. */
	claimTtlMs?: number;
	/** How long `timeout` and `answerLost` faults wait before failing, unless the fault says otherwise. */
	timeoutMs?: number;
	/** Working days from an individual's payment to its booking (入库销号); default 3. */
	individualBookingDays?: number;
}

/** What a terminal calls, and what only the simulator offers: the feed, the booking run, the fault switches. */
export type SimulatedUpstream = Upstream & {
	coreTax: CoreTaxBooking;
	agencyFeed: AgencyPushes;
	faults: SimulatorFaults;
};

/** The in-process upstream systems over their own SQLite file, behind the async interfaces. */
export function simulatedUpstream(db: Db, options: SimulatorOptions): SimulatedUpstream {
	const q = upstreamQueries(db);
	const faults = new FaultSwitchboard();
	const run = callRunner(db, faults, options.timeoutMs ?? 3_000);
	const book = ledger(db, q, options.clock, declarationClaims(db, options.clock, options.claimTtlMs ?? 10 * 60_000));
	return {
		coreTax: {
			...simulatedCoreTax(db, q, book, run, options.calendar ?? defaultCalendar, options.individualBookingDays ?? 3),
			...simulatedVirtualAccounts(db, q, book, run)
		},
		agencyFeed: simulatedAgencyFeed(db, q, run),
		bankGateway: simulatedBankGateway(db, q, book, run),
		...simulatedAnnuity(db, q, book, run),
		faults
	};
}
