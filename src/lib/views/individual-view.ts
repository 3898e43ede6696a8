import type { AssessedDue, FeeItemRef, IndividualSelection, Payer } from '../domain/payer';
import type { AgencyFirstReason } from '../../../state-machines/individual-session.machine';
import type { GuidanceSlip } from '../../../state-machines/shared';
import type { PaymentChannel } from '../domain/payer';
import type { StepName, StepScreen } from './session-view';

// The screen of a visit with residents and flexible employees (one person or a household),
// derived on the server from the individual session's snapshot.

/** One yearly item a person may pay, with what stands in the way. */
export interface YearlyChoice {
	item: FeeItemRef;
	/** The year the payment covers (medical: next year). */
	year: number;
	amountFen: number;
	paid: boolean;
	chosen: boolean;
}

export interface PensionChoice {
	item: FeeItemRef;
	year: number;
	tiers: { tier: number; amountFen: number }[];
	/** The tier paid for this year: the others are closed (缴费完成后，不再受理本年度缴费档次的调整). */
	paidTier: number | null;
	/** A tier declared and not yet paid (another window or the e-tax bureau). */
	declaredTier: number | null;
	chosenTier: number | null;
}

export interface HouseholdMemberScreen {
	payer: Payer;
	/** 140105********1234 */
	maskedId: string;
	source: 'card' | 'typed';
	pension: PensionChoice | null;
	supplementary: YearlyChoice | null;
	medical: YearlyChoice | null;
	/** Agency-assessed dues open to pay: back-payment, special groups, a flexible employee's months. */
	dues: (AssessedDue & { chosen: boolean })[];
	selection: IndividualSelection;
	/** What this person pays with the current choice. */
	chosenFen: number;
}

export interface IndividualSessionScreen {
	kind: 'individual';
	id: string;
	status: 'active' | 'done' | 'error' | 'stopped';
	step: StepName;
	persons: HouseholdMemberScreen[];
	householdFen: number;
	/** The person sent to the agency first, with the slip. */
	agencyFirst: { reason: AgencyFirstReason; personName: string; slip: GuidanceSlip; copies: number } | null;
	/** Printing receipts: whose, out of how many. */
	receipt: { index: number; of: number; payerName: string } | null;
	error: string | null;
	notice: string | null;
	moneyMoving: boolean;
	child: StepScreen | null;
	outcome: {
		outcome: 'done' | 'cancelled' | 'escalated' | 'failed';
		channel: PaymentChannel | null;
		amountFen: number | null;
		vouchers: { payerId: number; voucherNo: string; amountFen: number }[];
	} | null;
}
