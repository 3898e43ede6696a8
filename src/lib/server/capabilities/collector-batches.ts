import type { Devices } from '../../../../drivers';
import type {
	BatchCollector,
	CheckUploadInput,
	CheckUploadOutput,
	ClaimDeclarationOutput,
	PrintBatchSummaryInput,
	PrintedOutput,
	PrintRegisterInput,
	RecordPaymentInput,
	RecordPaymentOutput
} from '../../../../state-machines';
import { checkCashLimits, type GoodRow } from '../../domain';
import type { Clock } from '../clock';
import type { BatchUploadsRepo } from '../db/batch-uploads-repo';
import type { CollectorsRepo } from '../db/collectors-repo';
import type { CountyLimitsRepo } from '../db/county-limits-repo';
import type { IntentsRepo } from '../db/intents-repo';
import type { LedgerRepo } from '../db/ledger-repo';
import { collectorRegister } from '../forms/collector-register';
import { batchSummaryReceipt } from '../receipts/batch-summary';
import { printWholeReceipt } from '../receipts/whole-receipt';
import type { CoreTax } from '../upstream/types';
import { printFormOnce } from './drawer-and-paper';
import { actorJournal, refusalAsAnswer, sessionOf } from './journal';
import { cashMovements, sameAttempt } from './ledger-movements';

/** What a collector batch uses: the stored lists, the county limits, the virtual account upstream, both printers, the journal. */
export interface CollectorBatchDeps {
	upstream: { coreTax: Pick<CoreTax, 'depositToVirtualAccount' | 'settleCollectorBatch'> };
	devices: Pick<Devices, 'receiptPrinter' | 'formPrinter'>;
	intents: Pick<IntentsRepo, 'begin' | 'finish'>;
	ledger: Pick<LedgerRepo, 'finishIntent'>;
	batchUploads: Pick<BatchUploadsRepo, 'rows' | 'settlementRows' | 'summary'>;
	collectors: Pick<CollectorsRepo, 'byCode'>;
	countyLimits: Pick<CountyLimitsRepo, 'forDay'>;
	clock: Clock;
	clerkName(clerkId: string): string;
	/** The list a live batch session pays and its collector (the payment child names only the batch number). */
	batchOf(windowSessionId: string): { uploadId: number; collector: BatchCollector } | null;
}

const goodRows = (d: Pick<CollectorBatchDeps, 'batchUploads'>, uploadId: number): GoodRow[] => d.batchUploads.rows(uploadId).flatMap((r) => (r.ok ? [r] : []));

/**
 * The collector batch's actors: the check of a stored list against the county's double limits,
 * the batch's own booking for the payment child (money into the virtual account, then one
 * settlement of every good row upstream), and the summary and register prints. The money and
 * paper ones write their intent first and are idempotent by the machine's keys.
 */
export function collectorBatches(d: CollectorBatchDeps) {
	const { at, begin } = actorJournal(d);

	async function checkUpload({ uploadId, today }: CheckUploadInput): Promise<CheckUploadOutput> {
		const summary = d.batchUploads.summary(uploadId);
		if (!summary) throw new Error(`no upload ${uploadId}`);
		const collector = d.collectors.byCode(summary.collectorCode);
		if (!collector) throw new Error(`no collector ${summary.collectorCode}`);
		const limit = d.countyLimits.forDay(collector.county, today);
		const limits = limit ? { maxAmountFen: limit.maxAmountFen, maxDays: limit.maxDays } : null;
		return {
			good: summary.good,
			bad: summary.bad,
			goodFen: summary.goodFen,
			limits,
			collections: limits ? checkCashLimits(goodRows(d, uploadId), limits, today) : null
		};
	}

	/**
	 * The batch's booking: the money taken at the window goes into the collector's virtual account,
	 * then every good row is settled from it in one upstream transaction. Each call has its own key
	 * from the record's, so a repeat (a restored session, RETRY after a lost answer) deposits and
	 * settles once. A refusal (a row paid meanwhile elsewhere) is answered: the payment machine
	 * reverses the card or holds the cash.
	 */
	async function recordPayment(i: RecordPaymentInput): Promise<RecordPaymentOutput> {
		begin(i.key, 'coreTax.settleCollectorBatch', i);
		if (i.channel !== 'cash' && i.channel !== 'pos') throw new Error(`a collector batch is paid by card or cash, not ${i.channel}`);
		const batch = d.batchOf(sessionOf(i.key));
		if (!batch) throw new Error(`no collector batch in session ${sessionOf(i.key)}`);
		const today = d.clock.today();
		const virtualAccountNo = batch.collector.virtualAccountNo;
		const out = await refusalAsAnswer<RecordPaymentOutput>(
			async () => {
				await d.upstream.coreTax.depositToVirtualAccount({
					key: `${i.key}:deposit`,
					virtualAccountNo,
					amountFen: i.amountFen,
					channel: i.channel as 'cash' | 'pos',
					today
				});
				const settled = await d.upstream.coreTax.settleCollectorBatch({
					key: `${i.key}:settle`,
					virtualAccountNo,
					today,
					rows: d.batchUploads.settlementRows(batch.uploadId)
				});
				return { outcome: 'recorded', voucherNo: settled.batchVoucherNo, paidOn: settled.settledOn };
			},
			(e) => ({ outcome: 'refused', code: e.code, reason: e.message })
		);
		if (out.outcome === 'refused') {
			d.intents.finish(i.key, 'failed', out, at());
			return out;
		}
		// As at the counter: the cash is written with the batch voucher once settled; the card sale's row gets it now.
		const of = { payerId: i.payerId, declarationNo: i.declarationNo, voucherNo: out.voucherNo, businessDate: today };
		const cash = i.details.channel === 'cash' ? cashMovements(sameAttempt(i.key, 'cash'), i.details, of) : [];
		const sale = i.details.channel === 'pos' ? { keys: [sameAttempt(i.key, 'card')], voucherNo: out.voucherNo } : undefined;
		d.ledger.finishIntent(i.key, 'succeeded', out, at(), cash, sale);
		return out;
	}

	/** The batch is this session's own: no other window can pay it, so there is nothing to claim. */
	async function claimDeclaration(): Promise<ClaimDeclarationOutput> {
		return { outcome: 'held' };
	}

	async function releaseClaim(): Promise<void> {}

	async function printBatchSummary({ jobId, reprint, summary }: PrintBatchSummaryInput): Promise<PrintedOutput> {
		const { intent } = begin(jobId, 'receipt.print', { reprint, voucherNo: summary.voucherNo });
		if (intent.status === 'succeeded') return { printed: true };
		const printedAt = d.clock.localTime();
		const clerkName = d.clerkName(summary.clerkId);
		const r = await printWholeReceipt(
			{ printer: d.devices.receiptPrinter, intents: d.intents, at },
			{ intent, reprint, printedAt, document: (marked) => batchSummaryReceipt(summary, { reprint: marked, clerkName, printedAt }) }
		);
		if (!r.printed) throw Object.assign(new Error(r.status.message), { code: r.status.code });
		return { printed: true };
	}

	async function printRegister({ jobId, reprint, uploadId, batch }: PrintRegisterInput): Promise<PrintedOutput> {
		const { intent, fresh } = begin(jobId, 'form.print', { form: 'collector-register', uploadId, voucherNo: batch.voucherNo });
		const rows = goodRows(d, uploadId);
		const clerkName = d.clerkName(batch.clerkId);
		await printFormOnce(
			{ printer: d.devices.formPrinter, intents: d.intents, at },
			{ intent, fresh, document: (marked) => collectorRegister(batch, rows, clerkName, reprint || marked) }
		);
		return { printed: true };
	}

	return { checkUpload, recordPayment, claimDeclaration, releaseClaim, printBatchSummary, printRegister };
}
