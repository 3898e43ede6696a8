import type { SignedInClerk, SupervisorOnTheSpot } from '../auth/auth-service';
import { authoriseOverride, OverrideError, type OverrideDeps } from '../auth/override';
import { needsSupervisor } from '../../domain/overrides';
import {
	cashCountTotalFen,
	CashCountError,
	parseCashCount,
	REPORT_CHANNEL_LABEL,
	REPORT_CHANNELS,
	type CashCount,
	type ReportChannel,
	type ReportFeeItemLine,
	reconcilePos,
	type ShiftReport
} from '../../domain/shift-report';
import { collectorItemName, type CollectorItemCode } from '../../domain/collector-list';
import { formatYuan } from '../../domain';
import type { LedgerKind, LedgerRepo, LedgerRow } from '../db/ledger-repo';
import { ShiftConflictError, type ShiftRow, type ShiftsRepo } from '../db/shifts-repo';
import type { CoreTax } from '../upstream/types';
import type { SessionHost } from '../sessions/session-host';
import { shiftAt, WindowSessionError, WINDOW_SESSION_TEXT } from './window-sessions';
import type { WindowKinds } from '../sessions/window-kinds';
import { COLLECTOR_BATCH } from '../sessions/collector-batch-kind';
import type { BatchUploadsRepo } from '../db/batch-uploads-repo';
import { sessionOf } from '../capabilities/journal';
import { windowJobPrefix } from './window-jobs';
import { shiftReportReceipt } from '../receipts/shift-report-receipt';
import { shiftReportForm } from '../forms/shift-report';
import type { Devices, FormDocument, ReceiptDocument } from '../../../../drivers';

export const SHIFT_SERVICE_TEXT = {
	alreadyOpen: '本窗口已开班，无需重复开班。',
	openElsewhere: (windowNo: number) => `您在${windowNo}号窗口还有未班结的班次，请先到该窗口班结。`,
	sessionsOpen: (n: number) => `本窗口还有${n}笔业务未结束，请先办结或退出（卡住的业务请值班长结束）后再班结。`,
	reasonNeeded: (varianceFen: number) => `实点现金与应有现金相差${formatYuan(Math.abs(varianceFen))}元（${varianceFen < 0 ? '短款' : '长款'}），请填写原因。`,
	reasonTooLong: '长短款原因不能超过200字。',
	closedMeanwhile: '该班次已班结。',
	closing: '该班次正在班结（等待值班长确认或POS明细），请勿重复提交。',
	posSilent: (reason: string) => `未能取得POS交易明细（${reason}），本班刷卡未与POS核对，请在日结时核对。`,
	printed: (what: string) => `已打印（${what}）。`,
	notPrinted: (what: string, reason: string) => `${what}未打印：${reason}。报表已保存，可由值班长在日结页面下载A4报表。`
} as const;

/** What shifts use: their table, the ledger, the window's sessions, the core tax system (fee items), the supervisor's check. */
export interface ShiftDeps extends OverrideDeps {
	shifts: ShiftsRepo;
	ledger: Pick<LedgerRepo, 'ofShift'>;
	sessions: Pick<SessionHost<WindowKinds>, 'active' | 'row'>;
	devices: Pick<Devices, 'posTerminal' | 'receiptPrinter' | 'formPrinter'>;
	upstream: { coreTax: Pick<CoreTax, 'declaration'> };
	batchUploads: Pick<BatchUploadsRepo, 'itemTotals'>;
	/** The clerk's sign-ins, ended at shift close. */
	signIns: { endAllOf(clerkId: number, at: string): number };
	/** A short or over above this (in fen) is the supervisor's override `shift-variance`, not only a sign-off. */
	varianceThresholdFen: number;
}

const countOf = (input: unknown): CashCount => {
	try {
		return parseCashCount(input);
	} catch (e) {
		if (e instanceof CashCountError) throw new WindowSessionError(400, e.message);
		throw e;
	}
};

/** 开班: the clerk opens a shift at the window with the float counted by denomination. */
export function openShift(deps: Pick<ShiftDeps, 'shifts' | 'repos' | 'clock'>, clerk: SignedInClerk, float: unknown): ShiftRow {
	const count = countOf(float);
	const elsewhere = deps.shifts.openOf(clerk.clerkId);
	if (elsewhere)
		throw new WindowSessionError(
			409,
			elsewhere.windowNo === clerk.windowNo ? SHIFT_SERVICE_TEXT.alreadyOpen : SHIFT_SERVICE_TEXT.openElsewhere(elsewhere.windowNo)
		);
	const at = deps.clock.now().toISOString();
	const openingFen = cashCountTotalFen(count);
	const audit = (id: number) =>
		deps.repos.audit.record(at, {
			clerkId: clerk.clerkId,
			windowNo: clerk.windowNo,
			action: 'shift-opened',
			subject: `shift-${id}`,
			after: { shiftId: id, openingFen, count }
		});
	let id: number;
	try {
		id = deps.shifts.open({ clerkId: clerk.clerkId, windowNo: clerk.windowNo, businessDate: deps.clock.today(), openedAt: at, count, openingFen }, audit);
	} catch (e) {
		if (!(e instanceof ShiftConflictError)) throw e;
		const other = deps.shifts.openAt(clerk.windowNo);
		throw new WindowSessionError(
			409,
			other && other.clerkId !== clerk.clerkId ? WINDOW_SESSION_TEXT.othersShift(other.clerkName) : SHIFT_SERVICE_TEXT.alreadyOpen
		);
	}
	return deps.shifts.get(id)!;
}

type ShiftLedgerRow = LedgerRow & { sessionKind: string | null };

const CHANNEL_OF_KIND: Record<LedgerKind, ReportChannel> = {
	card_sale: 'pos',
	card_reversal: 'pos',
	cash_in: 'cash',
	change_out: 'cash',
	deduction: 'agreement',
	bank_form_issued: 'bank_form_issued',
	bank_stub: 'bank_stub',
	pending_settlement: 'pending_account'
};

/** Where a ledger row is counted on the report: a collector's batch is its own line, whatever the tender. */
const reportChannel = (r: ShiftLedgerRow): ReportChannel => (r.sessionKind === COLLECTOR_BATCH ? 'collector_batch' : CHANNEL_OF_KIND[r.kind]);

const isPaper = (r: LedgerRow) => r.kind === 'bank_form_issued';
const isCash = (r: LedgerRow) => r.kind === 'cash_in' || r.kind === 'change_out';

/**
 * Money by fee item: a declaration paid in full in the shift counts with its lines; a collector's
 * batch with its list's items; money that nets to nothing (a sale reversed) is left out, and money
 * the report cannot attribute (part of a declaration) is its own line.
 */
async function feeItemLines(deps: Pick<ShiftDeps, 'upstream' | 'batchUploads'>, rows: readonly ShiftLedgerRow[]): Promise<ReportFeeItemLine[]> {
	const items = new Map<string, ReportFeeItemLine>();
	const add = (code: string, name: string, count: number, amountFen: number) => {
		const line = items.get(code) ?? { code, name, count: 0, amountFen: 0 };
		line.count += count;
		line.amountFen += amountFen;
		items.set(code, line);
	};
	const byDeclaration = new Map<string, number>();
	const batches = new Map<string, number>();
	for (const r of rows) {
		if (isPaper(r)) continue;
		if (r.sessionKind === COLLECTOR_BATCH) batches.set(sessionOf(r.key), (batches.get(sessionOf(r.key)) ?? 0) + r.amountFen);
		else byDeclaration.set(r.declarationNo, (byDeclaration.get(r.declarationNo) ?? 0) + r.amountFen);
	}
	for (const [declarationNo, netFen] of byDeclaration) {
		if (netFen === 0) continue;
		const d = await deps.upstream.coreTax.declaration(declarationNo).catch(() => null);
		if (!d || d.totalFen !== netFen) {
			add('', '未能分项的款项', 1, netFen);
			continue;
		}
		for (const line of d.lines) add(line.item.code, line.item.name, 1, line.amountFen);
	}
	for (const [sessionId, netFen] of batches) {
		if (netFen === 0) continue;
		const totals = deps.batchUploads.itemTotals(sessionId);
		if (totals.reduce((s, t) => s + t.amountFen, 0) !== netFen) add('', '未能分项的款项', 1, netFen);
		else for (const t of totals) add(t.itemCode, collectorItemName(t.itemCode as CollectorItemCode), t.count, t.amountFen);
	}
	return [...items.values()].sort((a, b) => (a.code === '' ? 1 : b.code === '' ? -1 : a.code.localeCompare(b.code)));
}

/** The shift's report as of now: X while it is open, the Z's figures before the count at close. */
export async function shiftReport(
	deps: Pick<ShiftDeps, 'ledger' | 'upstream' | 'batchUploads' | 'clock'>,
	shift: ShiftRow,
	kind: 'X' | 'Z'
): Promise<ShiftReport> {
	const rows = deps.ledger.ofShift(shift.id);
	const channels = REPORT_CHANNELS.map((channel) => {
		const of = rows.filter((r) => reportChannel(r) === channel);
		return { channel, label: REPORT_CHANNEL_LABEL[channel], entries: of.length, netFen: of.reduce((s, r) => s + r.amountFen, 0) };
	}).filter((line) => line.entries > 0);
	const cashFen = rows.filter(isCash).reduce((s, r) => s + r.amountFen, 0);
	return {
		kind,
		shiftId: shift.id,
		windowNo: shift.windowNo,
		clerk: { id: shift.clerkId, name: shift.clerkName },
		businessDate: shift.businessDate,
		openedAt: shift.openedAt,
		closedAt: null,
		printedAt: deps.clock.now().toISOString(),
		openingFloat: { count: shift.openingCount, totalFen: shift.openingFen },
		channels,
		feeItems: await feeItemLines(deps, rows),
		totalFen: rows.filter((r) => !isPaper(r)).reduce((s, r) => s + r.amountFen, 0),
		cash: { expectedFen: shift.openingFen + cashFen, countedFen: null, count: null, varianceFen: null, reason: null },
		pos: null,
		posNote: null,
		signOff: null
	};
}

/**
 * The POS's open batch against the shift's card rows: only the POS's sales made in this shift's
 * sessions (a key names its session; the POS is the terminal's, shared by its windows).
 */
async function posOfShift(deps: Pick<ShiftDeps, 'devices' | 'sessions'>, shift: ShiftRow, rows: readonly LedgerRow[]) {
	const detail = await deps.devices.posTerminal.batchDetail();
	if (detail.outcome !== 'detail') return { pos: null, posNote: SHIFT_SERVICE_TEXT.posSilent(detail.status.message) };
	const ofShift = detail.sales.filter((sale) => {
		const row = deps.sessions.row(sessionOf(sale.key));
		return row !== null && row.windowNo === shift.windowNo && row.startedAt >= shift.openedAt;
	});
	const card = rows.filter((r) => r.kind === 'card_sale' || r.kind === 'card_reversal');
	return { pos: reconcilePos(detail.batchNo, ofShift, card), posNote: null };
}

/** What came out of the printers for a report; a report is kept whatever they answer. */
export interface ReportPrinted {
	ok: boolean;
	message: string;
}

/** A report on the receipt printer and, for a Z or a day close, on A4; a failure is said, never thrown. */
export async function printReport(
	deps: Pick<ShiftDeps, 'devices'>,
	jobId: string,
	receipt: ReceiptDocument | null,
	form: FormDocument | null
): Promise<ReportPrinted> {
	const failures: string[] = [];
	if (receipt) {
		const r = await deps.devices.receiptPrinter.print({ id: `${jobId}-receipt`, document: receipt });
		if (r.outcome === 'failed') failures.push(SHIFT_SERVICE_TEXT.notPrinted('小票', r.status.message));
	}
	if (form) {
		const r = await deps.devices.formPrinter.print({ id: `${jobId}-a4`, document: form });
		if (r.outcome === 'failed') failures.push(SHIFT_SERVICE_TEXT.notPrinted('A4报表', r.status.message));
	}
	const what = [receipt && '小票', form && 'A4'].filter(Boolean).join('与');
	return failures.length ? { ok: false, message: failures.join('') } : { ok: true, message: SHIFT_SERVICE_TEXT.printed(what) };
}

/** X 报表: the clerk's own open shift read at any time; it stays open. */
export async function readX(deps: ShiftDeps, clerk: SignedInClerk): Promise<{ report: ShiftReport; printed: ReportPrinted }> {
	const shift = shiftAt(deps, clerk);
	const x = await shiftReport(deps, shift, 'X');
	const printed = await printReport(deps, `${windowJobPrefix(shift.windowNo)}shift-${shift.id}-x-${Date.parse(x.printedAt)}`, shiftReportReceipt(x), null);
	deps.repos.audit.record(x.printedAt, {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		action: 'shift-x-printed',
		subject: `shift-${shift.id}`,
		detail: { totalFen: x.totalFen, printed: printed.ok }
	});
	return { report: x, printed };
}

function refuseWhileSessionsOpen(deps: Pick<ShiftDeps, 'sessions'>, clerk: SignedInClerk) {
	const open = deps.sessions.active().filter((r) => r.windowNo === clerk.windowNo);
	if (open.length > 0) throw new WindowSessionError(409, SHIFT_SERVICE_TEXT.sessionsOpen(open.length));
}

export interface ShiftCloseInput {
	counted: unknown;
	reason?: string;
	supervisor: { login: string; password: string };
}

/** The shifts of a terminal (keyed by its shifts table) whose close is under way. */
const closing = new WeakMap<ShiftsRepo, Set<number>>();

/**
 * 班结: the drawer counted by denomination against the expected cash; a short or over is recorded
 * with its reason, never refused. The supervisor typed at the window signs the Z (and, above the
 * threshold, confirms the variance as an override). Refused while a session of the window is
 * still open: its money would have no shift. The clerk's sign-ins end with the shift. One close
 * of a shift at a time: a second press while the first waits on the supervisor's password or the
 * POS is refused before it checks anyone, so the trail holds one sign-off.
 */
export async function closeShift(deps: ShiftDeps, clerk: SignedInClerk, input: ShiftCloseInput): Promise<{ report: ShiftReport; printed: ReportPrinted }> {
	const shift = shiftAt(deps, clerk);
	const underWay = closing.get(deps.shifts) ?? closing.set(deps.shifts, new Set()).get(deps.shifts)!;
	if (underWay.has(shift.id)) throw new WindowSessionError(409, SHIFT_SERVICE_TEXT.closing);
	underWay.add(shift.id);
	try {
		return await closeOnce(deps, clerk, shift, input);
	} finally {
		underWay.delete(shift.id);
	}
}

async function closeOnce(
	deps: ShiftDeps,
	clerk: SignedInClerk,
	shift: ShiftRow,
	input: ShiftCloseInput
): Promise<{ report: ShiftReport; printed: ReportPrinted }> {
	const count = countOf(input.counted);
	refuseWhileSessionsOpen(deps, clerk);
	const report = await shiftReport(deps, shift, 'Z');
	const countedFen = cashCountTotalFen(count);
	const varianceFen = countedFen - report.cash.expectedFen;
	const reason = input.reason?.trim() ?? '';
	if (varianceFen !== 0 && reason.length < 2) throw new WindowSessionError(400, SHIFT_SERVICE_TEXT.reasonNeeded(varianceFen));
	if (reason.length > 200) throw new WindowSessionError(400, SHIFT_SERVICE_TEXT.reasonTooLong);
	const act = needsSupervisor('shift-variance', { varianceFen, thresholdFen: deps.varianceThresholdFen }) ? 'shift-variance' : 'shift-sign-off';
	let supervisor: SupervisorOnTheSpot;
	try {
		supervisor = await authoriseOverride(deps, clerk, act, {
			...input.supervisor,
			reason: varianceFen === 0 ? '班结签字确认' : reason,
			subject: `shift-${shift.id}`,
			detail: { expectedFen: report.cash.expectedFen, countedFen, varianceFen }
		});
	} catch (e) {
		if (e instanceof OverrideError) throw new WindowSessionError(e.status, e.message);
		throw e;
	}
	// Read after the supervisor is checked, as late as it can be: the POS batch as it stands at close.
	const { pos, posNote } = await posOfShift(deps, shift, deps.ledger.ofShift(shift.id));
	// Asked again with nothing awaited before the close: a session may have started meanwhile.
	refuseWhileSessionsOpen(deps, clerk);
	const closedAt = deps.clock.now().toISOString();
	const z: ShiftReport = {
		...report,
		pos,
		posNote,
		closedAt,
		printedAt: closedAt,
		cash: { ...report.cash, countedFen, count, varianceFen, reason: varianceFen === 0 ? null : reason },
		signOff: { supervisorId: supervisor.clerkId, supervisorName: supervisor.displayName, at: closedAt }
	};
	const closed = deps.shifts.close(
		shift.id,
		{ closedAt, count, countedFen, expectedFen: report.cash.expectedFen, varianceFen, reason: z.cash.reason, signedOffBy: supervisor.clerkId, z },
		() =>
			deps.repos.audit.record(closedAt, {
				clerkId: clerk.clerkId,
				windowNo: clerk.windowNo,
				action: 'shift-closed',
				subject: `shift-${shift.id}`,
				detail: { supervisorId: supervisor.clerkId, supervisorName: supervisor.displayName, act, posDifferences: pos?.differences.length ?? null },
				before: { expectedFen: report.cash.expectedFen },
				after: { countedFen, varianceFen, reason: z.cash.reason, totalFen: z.totalFen }
			})
	);
	if (!closed) throw new WindowSessionError(409, SHIFT_SERVICE_TEXT.closedMeanwhile);
	deps.signIns.endAllOf(clerk.clerkId, closedAt);
	const printed = await printReport(deps, `${windowJobPrefix(shift.windowNo)}shift-${shift.id}-z`, shiftReportReceipt(z), {
		kind: 'shift-report',
		data: shiftReportForm(z)
	});
	return { report: z, printed };
}

/** The shift open at the clerk's window if it is the clerk's own (null otherwise): what the pages show, without refusing. */
export function ownShift(deps: Pick<ShiftDeps, 'shifts'>, clerk: SignedInClerk): ShiftRow | null {
	const open = deps.shifts.openAt(clerk.windowNo);
	return open && open.clerkId === clerk.clerkId ? open : null;
}

/** What a page or an answer shows of a shift. */
export function shiftSummary(s: ShiftRow) {
	return { id: s.id, windowNo: s.windowNo, clerkName: s.clerkName, businessDate: s.businessDate, openedAt: s.openedAt, openingFloatFen: s.openingFen };
}
