import type { DeviceStatus, ReceiptDocument, ReceiptPrinter } from '../../../../drivers';
import type { IntentRow, JournalledPrintDeps } from '../db/intents-repo';
import { voidSlip } from './void-slip';

// A receipt comes out whole, once. The journal's `receipt.print` intent remembers, across retries
// and restarts, whether an earlier attempt put part of the receipt on the printer: if so, the next
// attempt first voids that paper (a slip, then a cut) and prints the whole receipt marked 补打. A
// failed attempt that sent nothing leaves no paper, so the next copy is still the first print.

/** What the intent's outcome holds while the receipt is not printed yet. */
export interface ReceiptAttempts {
	/** Some attempt put bytes of this receipt on the printer: every later copy is marked 补打. */
	readonly reached: boolean;
	/** An attempt was cut off after bytes reached the printer, and that paper is not voided yet. */
	readonly voidFirst: boolean;
	/** Written just before an attempt goes to the printer; found after a crash it means "assume the worst". */
	readonly sending?: true;
}

export function attemptsSoFar(intent: IntentRow): ReceiptAttempts {
	const seen = (intent.outcome ?? {}) as Partial<ReceiptAttempts>;
	if (seen.sending) return { reached: true, voidFirst: true };
	return { reached: seen.reached === true, voidFirst: seen.voidFirst === true };
}

export type WholeReceiptDeps = JournalledPrintDeps<ReceiptPrinter>;

export interface WholeReceiptJob {
	/** The receipt's `receipt.print` intent, begun by the caller and not yet succeeded. */
	readonly intent: IntentRow;
	/** A copy the clerk asked for after the first was printed: 补打 whatever happened before. */
	readonly reprint: boolean;
	/** The receipt's layout, with or without the 补打 mark. */
	readonly document: (reprint: boolean) => ReceiptDocument;
	/** Local time printed on the void slip. */
	readonly printedAt: string;
}

export type WholeReceiptResult = { printed: true } | { printed: false; status: DeviceStatus };

export async function printWholeReceipt({ printer, intents, at }: WholeReceiptDeps, job: WholeReceiptJob): Promise<WholeReceiptResult> {
	const key = job.intent.key;
	const before = attemptsSoFar(job.intent);
	const attempt = at();
	intents.finish(key, 'unknown', { ...before, sending: true } satisfies ReceiptAttempts, attempt);
	/** `bytesSent`: of this attempt's job (the slip or the receipt), kept for the record. */
	const failed = (status: DeviceStatus, after: ReceiptAttempts, bytesSent: number): WholeReceiptResult => {
		intents.finish(key, 'unknown', { ...after, status, bytesSent }, at());
		return { printed: false, status };
	};

	if (before.voidFirst) {
		const slip = await printer.print({ id: `${key}:void:${attempt}`, document: voidSlip(job.printedAt) });
		// A slip cut off leaves the paper unvoided still: the next attempt starts with a slip again.
		if (slip.outcome === 'failed') return failed(slip.status, before, slip.bytesSent);
	}
	const reprint = job.reprint || before.reached;
	const r = await printer.print({ id: reprint ? `${key}:${attempt}` : key, document: job.document(reprint) });
	if (r.outcome === 'failed') {
		const reached = r.bytesSent > 0;
		return failed(r.status, { reached: before.reached || reached, voidFirst: reached }, r.bytesSent);
	}
	intents.finish(key, 'succeeded', { bytes: r.outcome === 'printed' ? r.bytes : 0, reprint }, at());
	return { printed: true };
}
