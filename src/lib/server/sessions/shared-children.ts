import { fromPromise } from 'xstate';
import { paymentMachine, receiptPrintMachine, refundGuidanceMachine } from '../../../../state-machines';
import { bankPayments, type BankPaymentDeps } from '../capabilities/bank-payments';
import { payments, type PaymentDeps } from '../capabilities/payments';
import { printing, type PrintingDeps } from '../capabilities/printing';

// The steps every kind of visit invokes the same way, with their real actors: one place, so a
// counter visit and an individual visit can never pay or print differently.

/** A capability's function as the promise actor a machine names. */
export const asActor = <I, O>(fn: (input: I) => Promise<O>) => fromPromise<O, I>(({ input }) => fn(input));

/** The payment step: card, cash, agreement deduction, bank form and pending account (the machine offers what the payer may use). */
export function paymentChild(d: PaymentDeps & BankPaymentDeps) {
	const counter = payments(d);
	const bank = bankPayments(d);
	return paymentMachine.provide({
		actors: {
			chargeCard: asActor(counter.chargeCard),
			reverseSale: asActor(counter.reverseSale),
			openDrawer: asActor(counter.openDrawer),
			checkAgreement: asActor(bank.checkAgreement),
			deductByAgreement: asActor(bank.deductByAgreement),
			printBankForm: asActor(bank.printBankForm),
			listPendingTransfers: asActor(bank.listPendingTransfers),
			settlePendingTransfers: asActor(bank.settlePendingTransfers),
			recordPayment: asActor(counter.recordPayment),
			claimDeclaration: asActor(counter.claimDeclaration),
			releaseClaim: asActor(counter.releaseClaim),
			holdMoney: asActor(counter.holdMoney)
		}
	});
}

/** The receipt, the refund guidance and the guidance slip, on the window's printer. */
export function printingChildren(d: PrintingDeps) {
	const paper = printing(d);
	return {
		receiptPrint: receiptPrintMachine.provide({ actors: { printReceipt: asActor(paper.printReceipt) } }),
		refundGuidance: refundGuidanceMachine.provide({ actors: { printGuidanceSlip: asActor(paper.printGuidanceSlip) } }),
		printGuidanceSlip: asActor(paper.printGuidanceSlip)
	};
}
