import type {
	AgencyRegistration,
	AssessedDue,
	DeclarationRecord,
	Payer,
	PaymentRecord,
	YearlyAmount
} from '../../domain/payer';
import type { PayerQuery } from '../../domain/payer-query';

export type { PayerQuery };

/** The provincial core tax system: tax registrations, declarations, payments, vouchers. */
export interface CoreTax {
	findPayers(query: PayerQuery, limit: number): Promise<Payer[]>;
	payer(id: number): Promise<Payer | null>;
	declarationsOf(payerId: number): Promise<DeclarationRecord[]>;
	paymentsOf(payerId: number): Promise<PaymentRecord[]>;
	/** Resident pension tiers and medical amounts of a year. */
	yearlyAmounts(year: number): Promise<YearlyAmount[]>;
}

/** What the social security and medical insurance agencies send to tax. */
export interface AgencyFeed {
	/** Agency records for this payer's identifier, linked or not. */
	registrationsFor(payer: Payer): Promise<AgencyRegistration[]>;
	/** Dues assessed on the payer's linked registrations, with their settlement state. */
	assessedDuesOf(payer: Payer): Promise<AssessedDue[]>;
}

export interface Upstream {
	coreTax: CoreTax;
	agencyFeed: AgencyFeed;
}
