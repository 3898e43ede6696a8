import type { Operator } from '../auth/operator';
import type { AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import type { AuditRepo } from '../db/audit-repo';
import type { BatchUploadsRepo } from '../db/batch-uploads-repo';
import type { Collector, CollectorsRepo } from '../db/collectors-repo';
import type { LimitBreachesRepo } from '../db/limit-breaches-repo';
import { checkList, type CheckProgress } from '../collectors/check-list';
import { collectGarbage } from '../memory';
import { ListFileError, readListFile, reportRows, templateRows, writeListFile, type ListFormat } from '../collectors/list-file';
import { COLLECTOR_BATCH } from '../sessions/collector-batch-kind';
import type { CoreTax } from '../upstream/types';
import type { CollectorBatchContext } from '../../../../state-machines';
import {
	shiftAt,
	clerkAtWindow,
	newSessionId,
	supervisorFor,
	ownedKind,
	windowInput,
	WindowSessionError,
	WINDOW_SESSION_TEXT,
	type WindowSessionDeps
} from './window-sessions';

// The collector batch's own requests beside the events every session takes: the list uploaded and
// checked (with its progress), the report and the templates as files, and a supervisor's
// confirmation of a breach of the county's double limits.

export const COLLECTOR_BATCH_TEXT = {
	notNow: '当前步骤不能导入清单：付款开始后清单不能更换',
	noBreach: '本批次当前没有需要值班长确认的超限情况。',
	noUpload: '本批次尚未导入清单。',
	noteMissing: '请用至少2个汉字写明确认说明',
	noCollector: '未找到该代办员，请值班长先在“代办员管理”中登记'
} as const;

/** What the batch's requests use: the host, the collectors and their stored lists, the upstream's facts, the supervisor's check, the journal. */
export interface CollectorBatchServiceDeps {
	sessions: WindowSessionDeps['sessions'];
	shifts: WindowSessionDeps['shifts'];
	collectors: Pick<CollectorsRepo, 'list' | 'byCode'>;
	batchUploads: Pick<BatchUploadsRepo, 'save' | 'rows'>;
	limitBreaches: Pick<LimitBreachesRepo, 'record'>;
	upstream: { coreTax: Pick<CoreTax, 'personFacts' | 'yearlyAmounts'> };
	auth: Pick<AuthService, 'verifySupervisor'>;
	repos: { audit: Pick<AuditRepo, 'record'> };
	clock: Clock;
	/** How far the check of each session's upload has come, while it runs (for the progress bar). */
	progress: Map<string, CheckProgress>;
}

/** Starts a collector's batch (集中代收) at the clerk's window: the list is uploaded next. */
export function startCollectorBatch(deps: CollectorBatchServiceDeps, operator: Operator, collectorCode: string): string {
	const clerk = clerkAtWindow(operator);
	shiftAt(deps, clerk);
	const c = deps.collectors.byCode(collectorCode);
	if (!c) throw new WindowSessionError(404, COLLECTOR_BATCH_TEXT.noCollector);
	const id = newSessionId(deps, clerk);
	const collector = { code: c.code, name: c.name, idNumber: c.idNumber, county: c.county, virtualAccountNo: c.virtualAccountNo };
	deps.sessions.start(COLLECTOR_BATCH, id, operator, { ...windowInput(deps, clerk, id), collector });
	deps.repos.audit.record(deps.clock.now().toISOString(), {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		action: 'session-started',
		subject: id,
		detail: { kind: COLLECTOR_BATCH, collectorCode }
	});
	return id;
}

/** The collectors a clerk can start a batch for. */
export function collectorsAtWindow(deps: Pick<CollectorBatchServiceDeps, 'collectors'>): Collector[] {
	return deps.collectors.list();
}

function liveBatch(deps: Pick<CollectorBatchServiceDeps, 'sessions'>, operator: Operator, id: string) {
	if (ownedKind(deps, operator, id) !== COLLECTOR_BATCH) throw new WindowSessionError(404, WINDOW_SESSION_TEXT.notFound);
	const actor = deps.sessions.get(id);
	if (!actor) throw new WindowSessionError(409, '该业务已结束');
	return actor;
}

const contextOf = (actor: { getSnapshot(): { context: unknown } }) => actor.getSnapshot().context as CollectorBatchContext;

/**
 * Reads, checks and stores an uploaded list, then hands its id to the batch (UPLOADED). Refused
 * when the batch no longer takes a list (money moving or moved). The list is checked before it
 * is stored: what is stored is the report, and nothing is paid from it.
 */
export async function uploadList(
	deps: CollectorBatchServiceDeps,
	operator: Operator,
	id: string,
	file: { name: string; bytes: Uint8Array }
): Promise<{ uploadId: number; good: number; bad: number }> {
	clerkAtWindow(operator);
	const actor = liveBatch(deps, operator, id);
	const takes = () => actor.getSnapshot().can({ type: 'UPLOADED', uploadId: 1 });
	if (!takes()) throw new WindowSessionError(409, COLLECTOR_BATCH_TEXT.notNow);
	const today = deps.clock.today();
	deps.progress.set(id, { phase: 'facts', percent: 0 });
	try {
		let rows;
		try {
			rows = await readListFile(file.bytes, file.name);
		} catch (e) {
			if (e instanceof ListFileError) throw new WindowSessionError(400, e.message);
			throw e;
		}
		const checked = await checkList(deps.upstream.coreTax, rows, today, (p) => deps.progress.set(id, p));
		// The batch may have moved on while the list was read (another tab paid): nothing is stored then.
		if (!takes()) throw new WindowSessionError(409, COLLECTOR_BATCH_TEXT.notNow);
		deps.progress.set(id, { phase: 'saving', percent: 90 });
		const format: ListFormat = file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
		const uploadId = deps.batchUploads.save(
			{ windowSessionId: id, collectorCode: contextOf(actor).collector.code, fileName: file.name, format, createdAt: deps.clock.now().toISOString() },
			checked
		);
		deps.sessions.send(id, { type: 'UPLOADED', uploadId } as { type: string });
		const good = checked.filter((r) => r.ok).length;
		return { uploadId, good, bad: checked.length - good };
	} finally {
		deps.progress.delete(id);
		// The list, its people's facts and its report were all held at once; the payment comes next.
		collectGarbage();
	}
}

/** How far the check of the session's upload has come; null when none is running. */
export function uploadProgress(deps: Pick<CollectorBatchServiceDeps, 'sessions' | 'progress'>, operator: Operator, id: string): CheckProgress | null {
	if (ownedKind(deps, operator, id) !== COLLECTOR_BATCH) throw new WindowSessionError(404, WINDOW_SESSION_TEXT.notFound);
	return deps.progress.get(id) ?? null;
}

/** The batch's current report (bad rows first, with 结果 and 原因) as a file for the collector to fix at home. */
export async function reportFile(deps: Pick<CollectorBatchServiceDeps, 'sessions' | 'batchUploads'>, operator: Operator, id: string, format: ListFormat) {
	if (ownedKind(deps, operator, id) !== COLLECTOR_BATCH) throw new WindowSessionError(404, WINDOW_SESSION_TEXT.notFound);
	const uploadId = (JSON.parse(deps.sessions.row(id)!.snapshot) as { context: CollectorBatchContext }).context.uploadId;
	if (uploadId === null) throw new WindowSessionError(404, COLLECTOR_BATCH_TEXT.noUpload);
	return writeListFile(reportRows(deps.batchUploads.rows(uploadId)), format);
}

/** The empty list with its header and two example rows. */
export function templateFile(format: ListFormat) {
	return writeListFile(templateRows(), format);
}

/** A supervisor's confirmation of a breach, typed at the clerk's window with the supervisor's own login. */
export interface BreachConfirmation {
	login: string;
	password: string;
	note: string;
}

/**
 * A supervisor signs in on the spot and confirms the batch's breach of the double limits: the
 * breach is recorded for the supervisor's follow-up list and audited, then the batch goes on to pay.
 */
export async function confirmBreach(deps: CollectorBatchServiceDeps, operator: Operator, id: string, d: BreachConfirmation): Promise<void> {
	const clerk = clerkAtWindow(operator);
	const actor = liveBatch(deps, operator, id);
	const note = d.note.trim();
	if ((note.match(/\p{Script=Han}/gu) ?? []).length < 2) throw new WindowSessionError(400, COLLECTOR_BATCH_TEXT.noteMissing);
	const c = contextOf(actor);
	if (!actor.getSnapshot().matches('breach') || !c.summary?.collections || !c.summary.limits) throw new WindowSessionError(409, COLLECTOR_BATCH_TEXT.noBreach);
	const supervisor = await supervisorFor(deps, clerk, 'limit-breach', {
		login: d.login,
		password: d.password,
		reason: note,
		subject: id,
		detail: { collectorCode: c.collector.code }
	});
	// The password check took time: another tab may have moved the batch on meanwhile.
	if (!actor.getSnapshot().matches('breach')) throw new WindowSessionError(409, COLLECTOR_BATCH_TEXT.noBreach);
	const at = deps.clock.now().toISOString();
	const check = c.summary.collections;
	const breachId = deps.limitBreaches.record({
		windowSessionId: id,
		collectorCode: c.collector.code,
		limits: c.summary.limits,
		check,
		confirmedBy: supervisor.clerkId,
		confirmedAt: at,
		note
	});
	deps.repos.audit.record(at, {
		clerkId: supervisor.clerkId,
		windowNo: clerk.windowNo,
		action: 'limit-breach-confirmed',
		subject: id,
		detail: { breachId, collectorCode: c.collector.code, uploadId: c.uploadId, ...check, limits: c.summary.limits, note, clerkId: clerk.clerkId }
	});
	deps.sessions.send(id, { type: 'SUPERVISOR_CONFIRM', supervisorId: String(supervisor.clerkId), note } as { type: string });
}
