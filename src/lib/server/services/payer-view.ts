import { linkStateOf } from '../../domain/payer';
import type { Upstream } from '../upstream/types';
import type { PayerView } from '../../views/counter-views';
import type { Runtime } from '../runtime';
import type { SignedInClerk } from '../auth/auth-service';

export type { PayerView } from '../../views/counter-views';

export async function payerView(upstream: Upstream, payerId: number, today: string): Promise<PayerView | null> {
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
async function residentChoices(upstream: Upstream, year: number): Promise<PayerView['residentChoices']> {
	const [thisYear, nextYear] = await Promise.all([upstream.coreTax.yearlyAmounts(year), upstream.coreTax.yearlyAmounts(year + 1)]);
	return {
		pensionYear: year,
		pension: thisYear.filter((a) => a.item.code === 'R_PENSION'),
		medicalYear: year + 1,
		medical: nextYear.find((a) => a.item.code === 'R_MEDICAL') ?? null
	};
}

/** The payer view as a clerk sees it; the journal keeps its own copy of what was shown. */
export async function showPayer(rt: Runtime, clerk: SignedInClerk, payerId: number): Promise<PayerView | null> {
	const view = Number.isSafeInteger(payerId) ? await payerView(rt.upstream, payerId, rt.clock.today()) : null;
	if (!view) return null;
	rt.repos.audit.keepShownCopy(rt.clock.now().toISOString(), {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		kind: 'payer-view',
		subject: view.payer.identifier,
		content: { links: view.links, dues: view.dues, openTotalFen: view.openTotalFen }
	});
	return view;
}
