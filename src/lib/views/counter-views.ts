import type { Agency, AgencyLinkState, AgencyRegistration, AssessedDue, DeclarationRecord, Payer, PaymentRecord, YearlyAmount } from '../domain/payer';

// What the counter's pages show besides a session, shared with the browser (the server builds
// them in src/lib/server/services).

/** The signed-in person as the header shows them. */
export interface ClerkBadge {
	displayName: string;
	windowNo: number;
	role: 'clerk' | 'supervisor';
}

/** The business calendar as the header shows it. */
export interface CalendarStatus {
	today: string;
	regular: { open: boolean; closes: string };
	/** Years (this one and the next) the calendar cannot answer for: said in the UI, never guessed. */
	missingYears: number[];
	annuity: { open: boolean; closes: string } | { missingYear: number };
}

/** A payer's page: who, their agency links, dues, declarations and payments. */
export interface PayerView {
	payer: Payer;
	links: Record<Agency, AgencyLinkState>;
	registrations: AgencyRegistration[];
	dues: AssessedDue[];
	openTotalFen: number;
	declarations: DeclarationRecord[];
	payments: PaymentRecord[];
	/** Residents only: this year's pension tiers and next year's medical amount. */
	residentChoices: { pensionYear: number; pension: YearlyAmount[]; medicalYear: number; medical: YearlyAmount | null } | null;
}

/** A 《税收缴款书（银行经收专用）》 issued at this terminal whose stamped stub has not come back. */
export interface AwaitingStubItem {
	voucherNo: string;
	declarationNo: string;
	payerName: string;
	amountFen: number;
	issuedOn: string;
	limitDate: string;
}
