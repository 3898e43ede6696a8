import { individualSessionMachine } from '../../../../state-machines';
import { individuals } from '../capabilities/individuals';
import { asActor, paymentChild, printingChildren } from './shared-children';
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
	const machine = individualSessionMachine.provide({
		actors: {
			findPerson: asActor(people.findPerson),
			declareHousehold: asActor(people.declareHousehold),
			voidHousehold: asActor(people.voidHousehold),
			payment: paymentChild(d),
			...printingChildren(d),
			individualCertificate: individualCertificateActors(d)
		}
	});
	return { machine, screen: individualSessionScreen } satisfies SessionKind;
}

export type IndividualSessionKinds = { [INDIVIDUAL_SESSION]: ReturnType<typeof individualSessionKind> };
