import { certificateMachine, counterSessionMachine, declarationMachine, registrationLinkMachine } from '../../../../state-machines';
import type { Devices } from '../../../../drivers';
import type { Clock } from '../clock';
import type { IntentsRepo } from '../db/intents-repo';
import type { AuditRepo } from '../db/audit-repo';
import type { HeldMoneyRepo } from '../db/held-money-repo';
import type { LedgerRepo } from '../db/ledger-repo';
import type { CertificateNumbersRepo } from '../db/certificate-numbers-repo';
import type { Upstream } from '../upstream/types';
import { certificates } from '../capabilities/certificates';
import { declarations } from '../capabilities/declarations';
import { registration } from '../capabilities/registration';
import { asActor, paymentChild, printingChildren } from './shared-children';

export { BUSINESS_DATE_TEXTS } from '../capabilities/declarations';
export { MANUAL_LINK_ACTION } from '../capabilities/registration';

export interface CounterActorDeps {
	upstream: Upstream;
	devices: Devices;
	intents: IntentsRepo;
	clock: Clock;
	/** Display name of a clerk by id, for what is printed. */
	clerkName(clerkId: string): string;
	/** Hand links are written here for the supervisor's review. */
	audit: AuditRepo;
	/** Money taken that no book shows, for the supervisor's decision. */
	heldMoney: HeldMoneyRepo;
	/** How long a query or reversal waits for a POS that is not reachable yet (after a restart). */
	posRecoveryMs: number;
	/** Every movement of money or paper of value, written with its intent's success. */
	ledger: LedgerRepo;
	/** The certificates' own number sequence. */
	certificateNumbers: CertificateNumbersRepo;
}

/**
 * The thin place where the counter machines meet the capabilities (`capabilities/`): each module
 * is built from the parts of the deps it uses, and its functions are provided as the named actors.
 */
export function counterActors(d: CounterActorDeps) {
	const registrations = registration(d);
	const declaring = declarations(d);
	const certificate = certificates(d);

	return counterSessionMachine.provide({
		actors: {
			registrationLink: registrationLinkMachine.provide({
				actors: { loadRegistrations: asActor(registrations.loadRegistrations), linkRegistration: asActor(registrations.linkRegistration) }
			}),
			declaration: declarationMachine.provide({
				actors: { loadDues: asActor(declaring.loadDues), declare: asActor(declaring.declare), voidDeclaration: asActor(declaring.voidDeclaration) }
			}),
			payment: paymentChild(d),
			...printingChildren(d),
			certificate: certificateMachine.provide({
				actors: { listElectronicPayments: asActor(certificate.listElectronicPayments), printCertificate: asActor(certificate.printCertificate) }
			})
		}
	});
}
