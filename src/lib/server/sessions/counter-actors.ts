import { fromPromise } from 'xstate';
import {
	certificateMachine,
	counterSessionMachine,
	declarationMachine,
	paymentMachine,
	receiptPrintMachine,
	refundGuidanceMachine,
	registrationLinkMachine
} from '../../../../state-machines';
import type { Devices } from '../../../../drivers';
import type { Clock } from '../clock';
import type { IntentsRepo } from '../db/intents-repo';
import type { AuditRepo } from '../db/audit-repo';
import type { HeldMoneyRepo } from '../db/held-money-repo';
import type { LedgerRepo } from '../db/ledger-repo';
import type { CertificateNumbersRepo } from '../db/certificate-numbers-repo';
import type { Upstream } from '../upstream/types';
import { bankPayments } from '../capabilities/bank-payments';
import { certificates } from '../capabilities/certificates';
import { declarations } from '../capabilities/declarations';
import { payments } from '../capabilities/payments';
import { printing } from '../capabilities/printing';
import { registration } from '../capabilities/registration';

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
	const counter = payments(d);
	const bank = bankPayments(d);
	const paper = printing(d);
	const certificate = certificates(d);
	const p = <I, O>(fn: (input: I) => Promise<O>) => fromPromise<O, I>(({ input }) => fn(input));

	return counterSessionMachine.provide({
		actors: {
			registrationLink: registrationLinkMachine.provide({
				actors: { loadRegistrations: p(registrations.loadRegistrations), linkRegistration: p(registrations.linkRegistration) }
			}),
			declaration: declarationMachine.provide({
				actors: { loadDues: p(declaring.loadDues), declare: p(declaring.declare), voidDeclaration: p(declaring.voidDeclaration) }
			}),
			payment: paymentMachine.provide({
				actors: {
					chargeCard: p(counter.chargeCard),
					reverseSale: p(counter.reverseSale),
					openDrawer: p(counter.openDrawer),
					checkAgreement: p(bank.checkAgreement),
					deductByAgreement: p(bank.deductByAgreement),
					printBankForm: p(bank.printBankForm),
					listPendingTransfers: p(bank.listPendingTransfers),
					settlePendingTransfers: p(bank.settlePendingTransfers),
					recordPayment: p(counter.recordPayment),
					claimDeclaration: p(counter.claimDeclaration),
					releaseClaim: p(counter.releaseClaim),
					holdMoney: p(counter.holdMoney)
				}
			}),
			receiptPrint: receiptPrintMachine.provide({ actors: { printReceipt: p(paper.printReceipt) } }),
			certificate: certificateMachine.provide({
				actors: { listElectronicPayments: p(certificate.listElectronicPayments), printCertificate: p(certificate.printCertificate) }
			}),
			refundGuidance: refundGuidanceMachine.provide({ actors: { printGuidanceSlip: p(paper.printGuidanceSlip) } }),
			printGuidanceSlip: p(paper.printGuidanceSlip)
		}
	});
}
