import type { CollectorsRepo } from '../db/collectors-repo';
import type { CountyLimitsRepo } from '../db/county-limits-repo';
import { UpstreamRefusedError } from '../upstream/errors';
import type { CoreTax } from '../upstream/types';
import { DEMO_COLLECTORS, DEMO_COUNTY, DEMO_COUNTY_LIMITS } from './demo-villages';

/**
 * The demo collectors with their virtual accounts, and the demo county's double limits from the
 * start of the year; once, into a journal without collectors. The accounts are opened through the
 * upstream interface, so a fresh journal over a kept upstream file finds the same ones.
 */
export async function seedDemoCollectors(deps: {
	upstream: { coreTax: Pick<CoreTax, 'openVirtualAccount'> };
	collectors: CollectorsRepo;
	countyLimits: CountyLimitsRepo;
	today: string;
	at: string;
}): Promise<boolean> {
	if (deps.collectors.list().length > 0) return false;
	for (const c of DEMO_COLLECTORS) {
		const virtualAccountNo = await deps.upstream.coreTax
			.openVirtualAccount({
				key: `demo-virtual-account-${c.idNumber}-${deps.today}`,
				collectorIdNumber: c.idNumber,
				collectorName: c.name,
				village: c.village,
				county: c.county,
				today: deps.today
			})
			.then(
				(a) => a.virtualAccountNo,
				// Opened on an earlier day (the upstream file outlived the journal): the same account.
				(e: unknown) => {
					if (e instanceof UpstreamRefusedError && e.code === 'VIRTUAL_ACCOUNT_EXISTS') return e.details.virtualAccountNo as string;
					throw e;
				}
			);
		deps.collectors.register({ ...c, virtualAccountNo, registeredBy: null }, deps.at);
	}
	if (!deps.countyLimits.forDay(DEMO_COUNTY, deps.today)) {
		deps.countyLimits.set({ county: DEMO_COUNTY, ...DEMO_COUNTY_LIMITS, effectiveFrom: `${deps.today.slice(0, 4)}-01-01`, setBy: null }, deps.at);
	}
	return true;
}
