import type { SignedInClerk } from '../auth/auth-service';
import type { Clock } from '../clock';
import type { AuditRepo } from '../db/audit-repo';
import type { IntentsRepo } from '../db/intents-repo';
import type { LedgerRepo } from '../db/ledger-repo';
import type { ShiftsRepo } from '../db/shifts-repo';
import type { LimitBreachesRepo } from '../db/limit-breaches-repo';
import type { CollectorsRepo } from '../db/collectors-repo';
import type { Devices } from '../../../../drivers';
import { reconcilePos, type DayCloseReport, type PosReconciliation } from '../../domain/shift-report';
import { formatYuan } from '../../domain';
import { localTime } from '../../views/local-time';
import { formsAwaitingStub, type BankStubDeps } from './bank-stubs';
import { takeJournalBackup, type JournalBackupDeps } from './journal-backups';
import { printReport, type ReportPrinted } from './shifts';
import { WindowSessionError } from './window-sessions';
import { dayCloseForm, shiftReportForm } from '../forms/shift-report';

// 日结: the hall's day — every window's Z, what is still open, the POS's settlement (结算) of the
// day against every window's card rows — closed once by a supervisor, backed up and printed.

export const DAY_CLOSE_TEXT = {
	shiftsOpen: (windows: readonly number[]) => `${windows.map((w) => `${w}号窗口`).join('、')}尚未班结，全部窗口班结后才能日结。`,
	closedAlready: (date: string) => `${date} 已日结。`,
	posSilent: (reason: string) => `POS未完成结算（${reason}），本日刷卡未与POS结算核对；请检查POS后由值班长手工结算核对。`,
	noShift: '未找到该班次的Z报表',
	noPdf: 'A4报表无法生成：表单打印机缺少中文字体，请联系信息技术人员。'
} as const;

export interface DayCloseDeps {
	shifts: ShiftsRepo;
	ledger: Pick<LedgerRepo, 'ofDate' | 'ofDeclaration'>;
	intents: Pick<IntentsRepo, 'unfinished'> & BankStubDeps['intents'];
	upstream: BankStubDeps['upstream'];
	limitBreaches: Pick<LimitBreachesRepo, 'list'>;
	collectors: Pick<CollectorsRepo, 'byCode'>;
	devices: Pick<Devices, 'posTerminal' | 'receiptPrinter' | 'formPrinter'>;
	backups: JournalBackupDeps;
	clock: Clock;
	repos: { audit: Pick<AuditRepo, 'record'> };
}

/** The day as it stands (or as it was closed): every window's shift, what is still open, the POS once settled. */
export async function dayCloseReport(deps: DayCloseDeps, businessDate: string = deps.clock.today()): Promise<DayCloseReport> {
	const closed = deps.shifts.dayClose(businessDate);
	if (closed) return closed.report;
	const shifts = deps.shifts.ofDate(businessDate);
	const awaiting = await formsAwaitingStub(deps);
	return {
		businessDate,
		printedAt: deps.clock.now().toISOString(),
		closedAt: null,
		closedBy: null,
		windows: shifts.map((s) => ({
			windowNo: s.windowNo,
			shiftId: s.id,
			clerkName: s.clerkName,
			openedAt: s.openedAt,
			closedAt: s.closedAt,
			totalFen: s.z?.totalFen ?? 0,
			cashVarianceFen: s.varianceFen,
			varianceReason: s.varianceReason,
			signedOffBy: s.z?.signOff?.supervisorName ?? null
		})),
		open: {
			openShifts: shifts.filter((s) => s.closedAt === null).map((s) => ({ windowNo: s.windowNo, clerkName: s.clerkName, openedAt: s.openedAt })),
			unrecordedStubs: awaiting.map((f) => {
				const issued = deps.ledger.ofDeclaration(f.declarationNo).find((r) => r.kind === 'bank_form_issued');
				return { declarationNo: f.declarationNo, windowNo: issued?.windowNo ?? 0, amountFen: f.amountFen, issuedAt: issued?.at ?? f.issuedOn };
			}),
			pendingIntents: deps.intents.unfinished().map((i) => ({ key: i.key, action: i.action, status: i.status, createdAt: i.createdAt })),
			collectorsOverLimit: deps.limitBreaches
				.list()
				.filter((b) => localTime(b.confirmedAt).slice(0, 10) === businessDate)
				.map((b) => ({
					collectorCode: b.collectorCode,
					name: deps.collectors.byCode(b.collectorCode)?.name ?? b.collectorCode,
					detail: [
						b.overAmount ? `持有现金${formatYuan(b.totalFen)}元，超过${formatYuan(b.limits.maxAmountFen)}元` : null,
						b.overDays ? `最早一笔已持有${b.oldestDays}天，超过${b.limits.maxDays}天` : null
					]
						.filter(Boolean)
						.join('；')
				}))
		},
		pos: null,
		posNote: null
	};
}

/** The POS's batch detail read, then the batch settled: the bank's totals against the ledger's card rows of the day. */
async function settlePos(
	deps: Pick<DayCloseDeps, 'devices' | 'ledger'>,
	businessDate: string
): Promise<{ pos: PosReconciliation | null; posNote: string | null }> {
	const detail = await deps.devices.posTerminal.batchDetail();
	if (detail.outcome !== 'detail') return { pos: null, posNote: DAY_CLOSE_TEXT.posSilent(detail.status.message) };
	const settled = await deps.devices.posTerminal.settle();
	if (settled.outcome !== 'settled') return { pos: null, posNote: DAY_CLOSE_TEXT.posSilent(settled.status.message) };
	const card = deps.ledger.ofDate(businessDate).filter((r) => r.kind === 'card_sale' || r.kind === 'card_reversal');
	return {
		pos: {
			...reconcilePos(detail.batchNo, detail.sales, card),
			// The bank's own figures of the batch it settled.
			posSaleCount: settled.saleCount,
			posSaleFen: settled.saleAmountFen,
			posVoidCount: settled.voidCount,
			posVoidFen: settled.voidAmountFen
		},
		posNote: null
	};
}

/**
 * 日结: once every window's shift is closed, the supervisor closes the day: the POS settles, the
 * report is kept (a day closes once), the journal is backed up and the report printed on A4.
 * What is still open (stubs, unfinished calls, collectors over their limits) is listed, not refused.
 */
export async function closeDay(
	deps: DayCloseDeps,
	supervisor: SignedInClerk
): Promise<{ report: DayCloseReport; printed: ReportPrinted; backup: { ok: true; file: string } | { ok: false; message: string } }> {
	const businessDate = deps.clock.today();
	if (deps.shifts.dayClose(businessDate)) throw new WindowSessionError(409, DAY_CLOSE_TEXT.closedAlready(businessDate));
	const before = await dayCloseReport(deps, businessDate);
	if (before.open.openShifts.length) throw new WindowSessionError(409, DAY_CLOSE_TEXT.shiftsOpen(before.open.openShifts.map((s) => s.windowNo)));
	const { pos, posNote } = await settlePos(deps, businessDate);
	const closedAt = deps.clock.now().toISOString();
	const report: DayCloseReport = {
		...before,
		printedAt: closedAt,
		closedAt,
		closedBy: { supervisorId: supervisor.clerkId, supervisorName: supervisor.displayName },
		pos,
		posNote
	};
	const recorded = deps.shifts.closeDay(businessDate, supervisor.clerkId, closedAt, report, () =>
		deps.repos.audit.record(closedAt, {
			clerkId: supervisor.clerkId,
			windowNo: supervisor.windowNo,
			action: 'day-closed',
			subject: businessDate,
			detail: {
				windows: report.windows.length,
				unrecordedStubs: report.open.unrecordedStubs.length,
				pendingIntents: report.open.pendingIntents.length,
				collectorsOverLimit: report.open.collectorsOverLimit.length,
				posDifferences: pos?.differences.length ?? null
			}
		})
	);
	if (!recorded) throw new WindowSessionError(409, DAY_CLOSE_TEXT.closedAlready(businessDate));
	let backup: { ok: true; file: string } | { ok: false; message: string };
	try {
		backup = { ok: true, file: (await takeJournalBackup(deps.backups, supervisor, 'day-close')).file };
	} catch (e) {
		backup = { ok: false, message: (e as Error).message };
	}
	const printed = await printReport(deps, `day-close-${businessDate}`, null, { kind: 'day-close', data: dayCloseForm(report) });
	return { report, printed, backup };
}

/** The A4 of a shift's Z as it was printed at close, for the supervisor to download or print again. */
export async function shiftZPdf(deps: Pick<DayCloseDeps, 'shifts' | 'devices'>, shiftId: number): Promise<Buffer> {
	const z = deps.shifts.get(shiftId)?.z;
	if (!z) throw new WindowSessionError(404, DAY_CLOSE_TEXT.noShift);
	const pdf = await deps.devices.formPrinter.render({ kind: 'shift-report', data: shiftReportForm(z) });
	if (!pdf) throw new WindowSessionError(409, DAY_CLOSE_TEXT.noPdf);
	return pdf;
}
