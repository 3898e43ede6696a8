import { collectorBatchMachine } from '../../../../state-machines';
import { collectorBatches, type CollectorBatchDeps } from '../capabilities/collector-batches';
import type { BankPaymentDeps } from '../capabilities/bank-payments';
import type { PaymentDeps } from '../capabilities/payments';
import { collectorBatchScreen, uploadScreens } from './collector-batch-screen';
import { asActor, paymentChild } from './shared-children';
import type { SessionKind } from './session-host';

/** The machine name a collector batch is saved under (`window_sessions.machine`). */
export const COLLECTOR_BATCH = 'collector-batch';

/**
 * A collector's batch at the window (集中代收): the batch machine with its real actors, and its
 * screen. The money is taken by the same payment step as every visit (card, cash, drawer,
 * reversal, held money); only its booking is the batch's own: into the virtual account, then one
 * settlement of every good row. The batch is this session's own, so its claim is held at once.
 */
export function collectorBatchKind(d: PaymentDeps & BankPaymentDeps & CollectorBatchDeps) {
	const batch = collectorBatches(d);
	const machine = collectorBatchMachine.provide({
		actors: {
			checkUpload: asActor(batch.checkUpload),
			printBatchSummary: asActor(batch.printBatchSummary),
			printRegister: asActor(batch.printRegister),
			payment: paymentChild(d).provide({
				actors: {
					recordPayment: asActor(batch.recordPayment),
					claimDeclaration: asActor(batch.claimDeclaration),
					releaseClaim: asActor(batch.releaseClaim)
				}
			})
		}
	});
	return { machine, screen: collectorBatchScreen(uploadScreens(d.batchUploads)) } satisfies SessionKind;
}

export type CollectorBatchKinds = { [COLLECTOR_BATCH]: ReturnType<typeof collectorBatchKind> };
