import { fromPromise } from 'xstate';
import { individualCertificateMachine } from '../../../../state-machines';
import { individualCertificates, type IndividualCertificateDeps } from '../capabilities/individual-certificates';

/**
 * The certificate machine of individuals with its real actors, for a session kind to invoke as
 * its child `individualCertificate`.
 */
export function individualCertificateActors(d: IndividualCertificateDeps) {
	const c = individualCertificates(d);
	const p = <I, O>(fn: (input: I) => Promise<O>) => fromPromise<O, I>(({ input }) => fn(input));
	return individualCertificateMachine.provide({
		actors: { listIndividualPayments: p(c.listIndividualPayments), printIndividualCertificate: p(c.printIndividualCertificate) }
	});
}
