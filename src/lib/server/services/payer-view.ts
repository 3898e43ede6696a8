import { linkStateOf } from '../../domain/payer';
import type { Upstream } from '../upstream/types';
import type { PayerView } from '../../views/counter-views';
import type { Clock } from '../clock';
import type { AuditRepo } from '../db/audit-repo';
import type { SignedInClerk } from '../auth/auth-service';

export type { PayerView } from '../../views/counter-views';

export async function payerView(upstream: PayerViewDeps['upstream'], payerId: number, today: string): Promise<PayerView | null> {
	const payer = await upstream.coreTax.payer(payerId);
	if (!payer) return null;
	const [registrations, dues, declarations, payments] = await Promise.all([
		upstream.agencyFeed.registrationsFor(payer),
		upstream.agencyFeed.assessedDuesOf(payer),
		upstream.coreTax.declarationsOf(payer.id),
		upstream.coreTax.paymentsOf(payer.id)
	]);
	return {
		payer,
		links: { social: linkStateOf(registrations, 'social'), medical: linkStateOf(registrations, 'medical') },
		registrations,
		dues,
		openTotalFen: dues.filter((d) => d.state !== 'paid').reduce((s, d) => s + d.amountFen, 0),
		declarations,
		payments,
		residentChoices: payer.kind === 'resident' ? await residentChoices(upstream, Number(today.slice(0, 4))) : null
	};
}

// Resident pension is paid for the current year at a chosen tier; regular medical is for next year.
async function residentChoices(upstream: PayerViewDeps['upstream'], year: number): Promise<PayerView['residentChoices']> {
	const [thisYear, nextYear] = await Promise.all([upstream.coreTax.yearlyAmounts(year), upstream.coreTax.yearlyAmounts(year + 1)]);
	return {
		pensionYear: year,
		pension: thisYear.filter((a) => a.item.code === 'R_PENSION'),
		medicalYear: year + 1,
		medical: nextYear.find((a) => a.item.code === 'R_MEDICAL') ?? null
	};
}

/** What the payer view uses: the upstream records, the clock, the audit log's shown copies. */
export interface PayerViewDeps {
	upstream: Pick<Upstream, 'coreTax' | 'agencyFeed'>;
	clock: Clock;
	repos: { audit: Pick<AuditRepo, 'keepShownCopy'> };
}

/** The payer view as a clerk sees it; the journal keeps its own copy of what was shown. */
export async function showPayer(deps: PayerViewDeps, clerk: SignedInClerk, payerId: number): Promise<PayerView | null> {
	const view = Number.isSafeInteger(payerId) ? await payerView(deps.upstream, payerId, deps.clock.today()) : null;
	if (!view) return null;
	deps.repos.audit.keepShownCopy(deps.clock.now().toISOString(), {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		kind: 'payer-view',
		subject: view.payer.identifier,
		content: { links: view.links, dues: view.dues, openTotalFen: view.openTotalFen }
	});
	return view;
}
