import type { LinkRegistrationInput, LinkRegistrationOutput, LoadRegistrationsInput, LoadRegistrationsOutput } from '../../../../state-machines';
import type { Clock } from '../clock';
import type { AuditRepo } from '../db/audit-repo';
import type { AgencyFeed, CoreTax } from '../upstream/types';

/** Audit action of a link the clerk made by hand; the supervisor reviews these. */
export const MANUAL_LINK_ACTION = 'manual-link';

/** What linking registrations uses: the payer upstream, the agencies' feed, the audit log for hand links. */
export interface RegistrationDeps {
	upstream: {
		coreTax: Pick<CoreTax, 'payer'>;
		agencyFeed: Pick<AgencyFeed, 'registrationsFor' | 'assessedDuesOf' | 'linkRegistration'>;
	};
	audit: Pick<AuditRepo, 'record'>;
	clock: Clock;
	clerkName(clerkId: string): string;
}

/** The registration link machine's actors: the payer's registrations with the agencies, and a link. */
export function registration({ upstream, audit, clock, clerkName }: RegistrationDeps) {
	async function loadRegistrations({ payerId }: LoadRegistrationsInput): Promise<LoadRegistrationsOutput> {
		const payer = await upstream.coreTax.payer(payerId);
		if (!payer) throw new Error(`payer ${payerId} not found`);
		const [registrations, dues] = await Promise.all([upstream.agencyFeed.registrationsFor(payer), upstream.agencyFeed.assessedDuesOf(payer)]);
		return { registrations, outstandingDues: dues.filter((x) => x.state !== 'paid') };
	}

	async function linkRegistration(i: LinkRegistrationInput): Promise<LinkRegistrationOutput> {
		const registration = await upstream.agencyFeed.linkRegistration({
			key: i.key,
			registrationId: i.registrationId,
			payerId: i.payerId,
			method: i.method,
			clerk: i.clerkId ? clerkName(i.clerkId) : '',
			today: i.linkedOn
		});
		if (i.supervisorNotice) {
			audit.record(clock.now().toISOString(), {
				clerkId: i.clerkId ? Number(i.clerkId) : null,
				windowNo: null,
				action: MANUAL_LINK_ACTION,
				subject: `${registration.agencyNo} ${registration.payerName}`,
				detail: { registrationId: registration.id, payerId: i.payerId, method: i.method, agency: registration.agency }
			});
		}
		return { registration };
	}

	return { loadRegistrations, linkRegistration };
}
