import type { AgencyPushes, CoreTaxBooking } from './feed';
import type { AgencyFeed, AnnuityCollection, BankGateway, CoreTax, EReceipts } from './types';

/** The name of every upstream call, a terminal's or the simulator's own (errors and faults carry it). */
export type UpstreamOperation =
	| `coreTax.${keyof (CoreTax & CoreTaxBooking) & string}`
	| `agencyFeed.${keyof (AgencyFeed & AgencyPushes) & string}`
	| `bankGateway.${keyof BankGateway & string}`
	| `annuityCollection.${keyof AnnuityCollection & string}`
	| `eReceipts.${keyof EReceipts & string}`;

/** Operations that change records upstream and take an idempotency key. */
export const WRITE_OPERATIONS = [
	'coreTax.declare',
	'coreTax.declareIndividual',
	'coreTax.voidDeclaration',
	'coreTax.recordPayment',
	'coreTax.issueBankForm',
	'coreTax.recordBankStub',
	'coreTax.openVirtualAccount',
	'coreTax.depositToVirtualAccount',
	'coreTax.settleCollectorBatch',
	'agencyFeed.linkRegistration',
	'agencyFeed.receiveRegistration',
	'agencyFeed.receivePendingChange',
	'agencyFeed.receiveChange',
	'agencyFeed.receiveCancellation',
	'agencyFeed.receiveAssessedDue',
	'agencyFeed.requestCancellation',
	'bankGateway.deduct',
	'bankGateway.settlePendingTransfers',
	'annuityCollection.issueNotice',
	'annuityCollection.confirmArrival',
	'eReceipts.issue'
] as const satisfies readonly UpstreamOperation[];

export type WriteOperation = (typeof WRITE_OPERATIONS)[number];
