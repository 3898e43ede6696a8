import type { FormDocument, FormPrinter } from '../../../../drivers';
import type { IntentRow, JournalledPrintDeps } from '../db/intents-repo';

export const DRAWER_TEXTS = {
	mayBeOpen:
		'重启前已向钱箱发出开箱指令，钱箱不再自动打开：请核对现金已放入钱箱并关好后点击“钱箱已关闭”；如钱箱未曾打开，请用钥匙开箱放入现金后确认，或请值班长处理。'
};

/** The drawer's kick may have gone out before a restart: it is not kicked a second time. */
export class DrawerMayBeOpenError extends Error {
	readonly code = 'DRAWER_MAY_BE_OPEN';
	constructor() {
		super(DRAWER_TEXTS.mayBeOpen);
	}
}

/**
 * An earlier call of this intent was sent and never finished (a crash, a lost answer): its
 * effect may have happened. A failed call did nothing; a fresh intent was never sent.
 */
export const sentBefore = (intent: IntentRow, fresh: boolean) => !fresh && (intent.status === 'pending' || intent.status === 'unknown');

export type FormOnceDeps = JournalledPrintDeps<FormPrinter>;

export interface FormOnceJob {
	/** The print's intent, begun by the caller; its key is the print job's id. */
	readonly intent: IntentRow;
	readonly fresh: boolean;
	/** The form's layout, with or without the 补打 mark. */
	readonly document: (reprint: boolean) => FormDocument;
	/** Kept in the intent's outcome whatever happens (e.g. the certificate's number). */
	readonly keep?: Record<string, unknown>;
}

/**
 * An A4 form comes out once. A print that succeeded is not sent again; one sent and never
 * answered (a crash while printing) may have come out, so the next copy is marked 补打; a
 * failed print put nothing on paper, so the next copy is still the first.
 */
export async function printFormOnce({ printer, intents, at }: FormOnceDeps, job: FormOnceJob): Promise<void> {
	if (job.intent.status === 'succeeded') return;
	const key = job.intent.key;
	const reprint = sentBefore(job.intent, job.fresh);
	const attempt = at();
	intents.finish(key, 'unknown', { ...job.keep, sending: true }, attempt);
	// The printer drops a job id it printed already: a marked copy goes under an id of its own.
	const r = await printer.print({ id: reprint ? `${key}:${attempt}` : key, document: job.document(reprint) });
	if (r.outcome === 'failed') {
		intents.finish(key, 'failed', { ...job.keep, status: r.status }, at());
		throw new Error(r.status.message);
	}
	intents.finish(key, 'succeeded', { ...job.keep, reprint }, at());
}
