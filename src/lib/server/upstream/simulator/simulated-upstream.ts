import type { Db } from '../../db/open-database';
import type { Upstream } from '../types';
import { upstreamQueries } from './rows';

/** The in-process upstream systems over their own SQLite file, behind the async interfaces. */
export function simulatedUpstream(db: Db): Upstream {
	const q = upstreamQueries(db);
	return {
		coreTax: {
			async findPayers(query, limit) {
				if (query.by === 'name') return q.payersByName(query.value, limit);
				const one = query.by === 'creditCode' ? q.payerByCreditCode(query.value) : q.payerByIdNumber(query.value);
				return one ? [one] : [];
			},
			payer: async (id) => q.payerById(id),
			declarationsOf: async (payerId) => q.declarationsOf(payerId),
			paymentsOf: async (payerId) => q.paymentsOf(payerId),
			yearlyAmounts: async (year) => q.yearlyAmounts(year)
		},
		agencyFeed: {
			registrationsFor: async (payer) => q.registrationsFor(payer.identifier),
			assessedDuesOf: async (payer) => q.duesOf(payer.id)
		}
	};
}
