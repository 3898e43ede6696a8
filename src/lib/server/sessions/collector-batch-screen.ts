import { needsSupervisor } from '../../domain/overrides';
import type { AnyActorRef, SnapshotFrom } from 'xstate';
import {
	batchNumber,
	breached,
	printJobId,
	type CollectorBatchContext,
	type CollectorBatchOutput,
	type collectorBatchMachine
} from '../../../../state-machines';
import type { BatchUploadsRepo } from '../db/batch-uploads-repo';
import type { BadRowScreen, BatchUploadScreen, CollectorBatchScreen } from '../../views/collector-batch-view';
import type { PaymentScreen } from '../../views/session-view';
import { activeChild } from './session-children';
import { stepScreen } from './session-screen';
import { stateName } from './session-view';

type BatchSnapshot = SnapshotFrom<typeof collectorBatchMachine>;

/** The report on screen shows this many bad rows; the downloaded report has every one. */
export const SCREEN_BAD_ROWS = 200;

/**
 * The stored lists as the screen shows them. A list never changes once stored, and the screen is
 * derived after every transition: each list is read once and kept (a few, the newest).
 */
export function uploadScreens(repo: Pick<BatchUploadsRepo, 'rows' | 'summary'>, keep = 8) {
	const cache = new Map<number, BatchUploadScreen>();
	return (uploadId: number): BatchUploadScreen | null => {
		const known = cache.get(uploadId);
		if (known) return known;
		const summary = repo.summary(uploadId);
		if (!summary) return null;
		const badRows: BadRowScreen[] = [];
		for (const r of repo.rows(uploadId)) {
			if (r.ok) continue;
			badRows.push({
				row: r.row,
				code: r.code,
				reason: r.reason,
				idNumber: r.source.idNumber,
				name: r.source.name,
				item: r.source.item,
				amount: r.source.amount,
				collectedOn: r.source.collectedOn
			});
			if (badRows.length === SCREEN_BAD_ROWS) break;
		}
		const screen = { uploadId, fileName: summary.fileName, rows: summary.rows, good: summary.good, bad: summary.bad, goodFen: summary.goodFen, badRows };
		cache.set(uploadId, screen);
		if (cache.size > keep) cache.delete(cache.keys().next().value!);
		return screen;
	};
}

function outcomeOf(output: CollectorBatchOutput | undefined): CollectorBatchScreen['outcome'] {
	return output
		? { outcome: output.outcome, persons: output.persons, amountFen: output.amountFen, voucherNo: output.voucherNo, channel: output.channel }
		: null;
}

/** What a batch's context shows, live or as saved once the session is over. */
export function batchScreenOf(
	id: string,
	s: { status: CollectorBatchScreen['status']; value: unknown; context: CollectorBatchContext; output?: CollectorBatchOutput },
	upload: (uploadId: number) => BatchUploadScreen | null,
	live: { child: PaymentScreen | null; error: string | null; notice: string | null; moneyMoving: boolean } | null
): CollectorBatchScreen {
	const c = s.context;
	const printed = (job: 'summary' | 'register') => c.printedJobs.includes(printJobId(c.sessionId, job, 0));
	return {
		kind: 'collector-batch',
		id,
		status: s.status,
		step: stateName(s.value),
		collector: c.collector,
		batchNo: batchNumber(c.sessionId),
		upload: c.uploadId === null ? null : upload(c.uploadId),
		limits: c.summary?.limits ?? null,
		collections: c.summary?.collections ?? null,
		breached: breached(c.summary),
		breachConfirmed: c.breachConfirmed !== null,
		error: live?.error ?? c.error?.message ?? null,
		notice: live?.notice ?? null,
		moneyMoving: live?.moneyMoving ?? false,
		child: live?.child ?? null,
		printed: { summary: printed('summary'), register: printed('register') },
		reprintNeedsSupervisor: {
			summary: needsSupervisor('second-reprint', { reprintsBefore: c.copies.summary }),
			register: needsSupervisor('second-reprint', { reprintsBefore: c.copies.register })
		},
		outcome: outcomeOf(s.output)
	};
}

/** The live batch session's screen. */
export function collectorBatchScreen(upload: (uploadId: number) => BatchUploadScreen | null) {
	return (id: string, actor: AnyActorRef): CollectorBatchScreen => {
		const snap = actor.getSnapshot() as BatchSnapshot;
		const active = activeChild(snap);
		const childSnap = active?.ref.getSnapshot() as
			{ context?: { error?: { message: string } | null; notice?: string | null }; hasTag?: (t: string) => boolean } | undefined;
		const child = active ? stepScreen(active.id, active.ref) : null;
		return batchScreenOf(id, snap, upload, {
			child: child?.id === 'payment' ? child : null,
			error: childSnap?.context?.error?.message ?? snap.context.error?.message ?? null,
			notice: childSnap?.context?.notice ?? null,
			moneyMoving: childSnap?.hasTag?.('moneyMoving') ?? false
		});
	};
}
