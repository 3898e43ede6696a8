import type { Devices } from '../../../../drivers';
import type { PrintGuidanceSlipInput, PrintGuidanceSlipOutput, PrintReceiptInput, PrintReceiptOutput } from '../../../../state-machines';
import type { Clock } from '../clock';
import type { IntentsRepo } from '../db/intents-repo';
import { guidanceSlipReceipt } from '../receipts/guidance-slip';
import { paymentReceipt } from '../receipts/payment-receipt';
import { printWholeReceipt } from '../receipts/whole-receipt';
import { actorJournal } from './journal';

/** What the receipt printer's paper uses: the printer, the journal, the clock, the clerks' names. */
export interface PrintingDeps {
	devices: Pick<Devices, 'receiptPrinter'>;
	intents: Pick<IntentsRepo, 'begin' | 'finish'>;
	clock: Clock;
	clerkName(clerkId: string): string;
}

/** The receipt printer's actors: the payment receipt and the guidance slip, each once unless marked 补打. */
export function printing(d: PrintingDeps) {
	const { at, begin } = actorJournal(d);
	const paper = { printer: d.devices.receiptPrinter, intents: d.intents, at };

	async function printReceipt({ jobId, reprint, receipt }: PrintReceiptInput): Promise<PrintReceiptOutput> {
		const { intent } = begin(jobId, 'receipt.print', { reprint, voucherNo: receipt.voucherNo });
		if (intent.status === 'succeeded') return { printed: true };
		// A copy cut off before is voided on paper, then the whole receipt goes again: marked 补打
		// when part of an earlier copy reached the printer (see receipts/whole-receipt.ts).
		const printedAt = d.clock.localTime();
		const clerkName = d.clerkName(receipt.clerkId);
		return printWholeReceipt(paper, { intent, reprint, printedAt, document: (marked) => paymentReceipt(receipt, { reprint: marked, clerkName, printedAt }) });
	}

	async function printGuidanceSlip({ jobId, payerName, slip }: PrintGuidanceSlipInput): Promise<PrintGuidanceSlipOutput> {
		const { intent } = begin(jobId, 'slip.print', { title: slip.title });
		if (intent.status === 'succeeded') return { printed: true };
		// Like a receipt: a slip cut off is voided, then printed whole, marked 补打.
		const printedAt = d.clock.localTime();
		const r = await printWholeReceipt(paper, {
			intent,
			reprint: false,
			printedAt,
			document: (marked) => guidanceSlipReceipt(payerName, slip, printedAt, marked)
		});
		if (!r.printed) throw new Error(r.status.message);
		return { printed: true };
	}

	return { printReceipt, printGuidanceSlip };
}
