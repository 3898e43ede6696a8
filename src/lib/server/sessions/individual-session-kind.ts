import { fromPromise } from 'xstate';
import { individualSessionMachine, paymentMachine, receiptPrintMachine, refundGuidanceMachine } from '../../../../state-machines';
import { individuals } from '../capabilities/individuals';
import { payments } from '../capabilities/payments';
import { printing } from '../capabilities/printing';
import type { CounterActorDeps } from './counter-actors';
import { individualSessionScreen } from './individual-screen';
import { individualCertificateActors } from './individual-certificate-actors';
import type { IndividualCertificateDeps } from '../capabilities/individual-certificates';
import type { SessionKind } from './session-host';

/** The machine name an individual session is saved under (`window_sessions.machine`). */
export const INDIVIDUAL_SESSION = 'individual-session';

/**
 * The clerk's visit with residents and flexible employees: the individual session machine with its
 * real actors (the same payment and printing capabilities as the counter's), and its typed screen.
 */
export function individualSessionKind(d: CounterActorDeps & IndividualCertificateDeps) {
	const people = individuals(d);
	const counter = payments(d);
	const paper = printing(d);
	const p = <I, O>(fn: (input: I) => Promise<O>) => fromPromise<O, I>(({ input }) => fn(input));
	const machine = individualSessionMachine.provide({
		actors: {
			findPerson: p(people.findPerson),
			declareHousehold: p(people.declareHousehold),
			voidHousehold: p(people.voidHousehold),
			printGuidanceSlip: p(paper.printGuidanceSlip),
			payment: paymentMachine.provide({
				actors: {
					chargeCard: p(counter.chargeCard),
					reverseSale: p(counter.reverseSale),
					openDrawer: p(counter.openDrawer),
					recordPayment: p(counter.recordPayment),
					claimDeclaration: p(counter.claimDeclaration),
					releaseClaim: p(counter.releaseClaim),
					holdMoney: p(counter.holdMoney)
				}
			}),
			receiptPrint: receiptPrintMachine.provide({ actors: { printReceipt: p(paper.printReceipt) } }),
			refundGuidance: refundGuidanceMachine.provide({ actors: { printGuidanceSlip: p(paper.printGuidanceSlip) } }),
			individualCertificate: individualCertificateActors(d)
		}
	});
	return { machine, screen: individualSessionScreen } satisfies SessionKind;
}

export type IndividualSessionKinds = { [INDIVIDUAL_SESSION]: ReturnType<typeof individualSessionKind> };
