import type { Devices } from '../../../../drivers';
import { annuityRefundSlip } from '../../../../state-machines';
import { CalendarDataMissingError, matchAnnuityTransfers, MoneyParseError, parseYuan, type WorkCalendar } from '../../domain';
import { addDays, isValidIsoDate } from '../../domain/dates';
import type { AuthService, SignedInClerk } from '../auth/auth-service';
import { authoriseOverride, OverrideError, overrideNeeded, type OverrideRequest } from '../auth/override';
import { needsSupervisor, type OverrideAct } from '../../domain/overrides';
import { printFormOnce } from '../capabilities/drawer-and-paper';
import type { Clock } from '../clock';
import { csvRecords, decodeText } from '../collectors/list-file';
import type { AnnuityNoticeCopy, AnnuityRepo, ImportedTransfer } from '../db/annuity-repo';
import type { AuditRepo } from '../db/audit-repo';
import type { IntentsRepo } from '../db/intents-repo';
import { annuityNotice, annuityReceipt } from '../forms/annuity';
import { guidanceSlipReceipt } from '../receipts/guidance-slip';
import { printWholeReceipt } from '../receipts/whole-receipt';
import { UpstreamError, UpstreamRefusedError } from '../upstream/errors';
import type { AgencyFeed, AnnuityCollection, AnnuityNoticeRecord, CoreTax, CustodianTransfer, EReceipts } from '../upstream/types';
import type { AssessedDue } from '../../domain/payer';

// Occupational annuity at the window (guide ch. 2 六 to 八): the notice printed for a linked
// institution's due, the custodian bank's transfers brought in (statement file or feed) and
// matched by remark and sum (回款销号), the exceptions returned or matched by hand with a
// supervisor on the spot, arrival confirmed and the fiscal e-receipt printed. Every decision is
// in the audit trail.

export interface AnnuityDeps {
	upstream: {
		coreTax: Pick<CoreTax, 'payer'>;
		agencyFeed: Pick<AgencyFeed, 'registration'>;
		annuityCollection: AnnuityCollection;
		eReceipts: EReceipts;
	};
	devices: Pick<Devices, 'formPrinter' | 'receiptPrinter'>;
	intents: Pick<IntentsRepo, 'begin' | 'finish' | 'get'>;
	annuity: AnnuityRepo;
	repos: { audit: Pick<AuditRepo, 'record'> };
	auth: Pick<AuthService, 'verifySupervisor'>;
	clock: Clock;
	calendar: () => WorkCalendar;
}

export const ANNUITY_TEXT = {
	payerNotFound: '未找到该缴费人',
	notInstitution: '职业年金仅适用于机关事业单位',
	noDue: '未找到该笔职业年金应缴信息，请刷新页面后重试',
	noticeNotFound: (noticeNo: string) => `未找到缴费通知单${noticeNo}`,
	header: (expected: string) => `流水文件表头应为：${expected}`,
	emptyFile: '流水文件没有转账记录',
	badRow: (row: number, what: string) => `第${row}行：${what}`,
	badAmount: (why: string) => `金额不正确（${why}）`,
	badDate: (value: string) => `转账日期“${value}”应为YYYY-MM-DD`,
	missing: (field: string) => `缺少${field}`,
	duplicateInFile: (id: string) => `转账流水号${id}在文件中重复出现`,
	moreRows: (n: number) => `（另有${n}行有误）`,
	calendarMissing: (year: number) => `缺少${year}年的节假日安排，无法判断职业年金缴费期（节假日顺延）。请值班长在“节假日维护”中录入后再对账。`,
	notAnException: '该笔转账不在异常列表中（已处理或已匹配），请刷新页面',
	reasonMissing: '请填写退回原因（2至200字）',
	noticeClosed: (noticeNo: string) => `缴费通知单${noticeNo}已匹配完毕或已到账确认，不能再匹配转账`,
	notExact: (noticeNo: string, missingFen: number, amountFen: number) =>
		`该笔转账${(amountFen / 100).toFixed(2)}元不能恰好补足缴费通知单${noticeNo}尚缺的${(missingFen / 100).toFixed(2)}元：人工匹配只能匹配到金额恰好补足的通知单`,
	notMatched: (noticeNo: string) => `缴费通知单${noticeNo}的转账尚未匹配完整，不能确认到账`,
	notConfirmed: (noticeNo: string) => `缴费通知单${noticeNo}尚未到账确认，没有财政电子票据`,
	printFailed: (message: string) => `打印失败：${message}。请检查打印机后点“补打”`
} as const;

/** The statement file's columns (托管银行归集户流水), in this order. */
export const STATEMENT_HEADER = ['转账流水号', '付款账号', '付款户名', '金额（元）', '转账日期', '附言'] as const;

export class AnnuityError extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 409 | 502,
		message: string
	) {
		super(message);
		this.name = 'AnnuityError';
	}
}

/** An upstream refusal or outage as the clerk reads it; anything else is a fault and goes on. */
function fromUpstream(e: unknown): never {
	if (e instanceof UpstreamRefusedError) throw new AnnuityError(409, e.message);
	if (e instanceof UpstreamError) throw new AnnuityError(502, e.message);
	throw e;
}

const at = (d: Pick<AnnuityDeps, 'clock'>) => d.clock.now().toISOString();

function audit(d: AnnuityDeps, clerk: SignedInClerk, action: string, subject: string, detail: Record<string, unknown>) {
	d.repos.audit.record(at(d), { clerkId: clerk.clerkId, windowNo: clerk.windowNo, action, subject, detail: { ...detail, businessDate: d.clock.today() } });
}

export const ANNUITY_AUDIT = {
	noticePrinted: 'annuity-notice-printed',
	statementImported: 'annuity-statement-imported',
	returned: 'annuity-transfer-returned',
	handMatched: 'annuity-transfer-hand-matched',
	confirmed: 'annuity-arrival-confirmed',
	receiptPrinted: 'annuity-receipt-printed',
	refundSlip: 'annuity-refund-slip-printed'
} as const;

// ---------------------------------------------------------------------------------------------
// One institution: its dues and notices

const noticeItem = (notice: AnnuityNoticeRecord, prints: number, receiptNo: string | null): NonNullable<AnnuityDueItem['notice']> => ({
	...notice,
	prints,
	receiptNo,
	reprintNeedsSupervisor: reprintNeedsSupervisor(prints)
});

export interface AnnuityDueItem {
	due: AssessedDue;
	notice: (AnnuityNoticeRecord & { prints: number; receiptNo: string | null; reprintNeedsSupervisor: boolean }) | null;
}

export type PayerAnnuity =
	{ kind: 'unlinked'; payer: { id: number; name: string }; message: string } | { kind: 'linked'; payer: { id: number; name: string }; dues: AnnuityDueItem[] };

/** The supervisor typed at the window for an act, or the act refused (403) without one. */
async function supervisorFor(d: AnnuityDeps, clerk: SignedInClerk, act: OverrideAct, r: OverrideRequest | undefined) {
	try {
		if (!r) throw overrideNeeded(act);
		return await authoriseOverride(d, clerk, act, r);
	} catch (e) {
		if (e instanceof OverrideError) throw new AnnuityError(e.status, e.message);
		throw e;
	}
}

/** A copy after the first is the clerk's own once (补打); the second reprint of the same paper needs the supervisor. */
const reprintNeedsSupervisor = (prints: number) => prints > 0 && needsSupervisor('second-reprint', { reprintsBefore: prints - 1 });

async function reprintAllowed(
	d: AnnuityDeps,
	clerk: SignedInClerk,
	prints: number,
	document: string,
	subject: string,
	override: OverrideSupervisor | undefined
) {
	if (!reprintNeedsSupervisor(prints)) return null;
	return supervisorFor(d, clerk, 'second-reprint', override && { ...override, subject, detail: { document, reprintsBefore: prints - 1 } });
}

/** What the supervisor types at the clerk's window. */
export type OverrideSupervisor = Pick<OverrideRequest, 'login' | 'password' | 'reason'>;

async function institution(d: AnnuityDeps, payerId: number) {
	const payer = await d.upstream.coreTax.payer(payerId).catch(fromUpstream);
	if (!payer) throw new AnnuityError(404, ANNUITY_TEXT.payerNotFound);
	if (payer.kind !== 'institution') throw new AnnuityError(400, ANNUITY_TEXT.notInstitution);
	return payer;
}

/** The institution's annuity dues with their notices; an unlinked one is told why it gets no notice. */
export async function payerAnnuity(d: AnnuityDeps, payerId: number): Promise<PayerAnnuity> {
	const payer = await institution(d, payerId);
	const who = { id: payer.id, name: payer.name };
	let dues;
	try {
		dues = await d.upstream.annuityCollection.annuityDuesOf(payerId);
	} catch (e) {
		if (e instanceof UpstreamRefusedError && e.code === 'NOT_LINKED') return { kind: 'unlinked', payer: who, message: e.message };
		return fromUpstream(e);
	}
	return {
		kind: 'linked',
		payer: who,
		dues: dues.map(({ due, notice }) => ({
			due,
			notice: notice ? noticeItem(notice, d.annuity.notice(notice.noticeNo)?.prints ?? 0, d.annuity.receipt(notice.noticeNo)?.receiptNo ?? null) : null
		}))
	};
}

/**
 * Issues the notice of one annuity due (or finds the one issued before) and prints it: the first
 * copy plain, every later one marked 补打.
 */
export async function printNotice(
	d: AnnuityDeps,
	clerk: SignedInClerk,
	payerId: number,
	dueId: number,
	override?: OverrideSupervisor
): Promise<{ noticeNo: string; reprint: boolean }> {
	const payer = await institution(d, payerId);
	const dues = await d.upstream.annuityCollection.annuityDuesOf(payerId).catch(fromUpstream);
	const item = dues.find((x) => x.due.id === dueId);
	if (!item) throw new AnnuityError(404, ANNUITY_TEXT.noDue);
	// One notice per due upstream: the key names the due, so a repeat after a lost answer is safe.
	const notice = await d.upstream.annuityCollection.issueNotice({ key: `annuity-notice:${dueId}`, payerId, dueId, today: d.clock.today() }).catch(fromUpstream);
	const registration = await d.upstream.agencyFeed.registration(item.due.registrationId).catch(fromUpstream);
	const copy: AnnuityNoticeCopy = {
		noticeNo: notice.noticeNo,
		payerId,
		payerName: payer.name,
		payerCode: payer.identifier,
		dueNo: notice.dueNo,
		month: notice.month,
		amountFen: notice.amountFen,
		issuedOn: notice.issuedOn,
		custodian: notice.custodian
	};
	d.annuity.keepNotice(copy, clerk.clerkId, at(d));
	const prints = d.annuity.notice(notice.noticeNo)!.prints;
	const reprint = prints > 0;
	const supervisor = await reprintAllowed(d, clerk, prints, 'annuity-notice', notice.noticeNo, override);
	const { intent, fresh } = d.intents.begin(
		{
			key: `annuity-notice:${notice.noticeNo}:print:${prints}`,
			windowSessionId: null,
			action: 'form.print',
			payload: { form: 'annuity-notice', noticeNo: notice.noticeNo }
		},
		at(d)
	);
	const of = { ...copy, unitNo: registration?.agencyNo ?? '', taxOffice: payer.taxOffice.name };
	await printForm(d, intent, fresh, { noticeNo: notice.noticeNo }, (marked) => annuityNotice(of, d.calendar(), clerk.displayName, reprint || marked));
	d.annuity.countNoticePrint(notice.noticeNo);
	audit(d, clerk, ANNUITY_AUDIT.noticePrinted, notice.noticeNo, {
		payerId,
		dueId,
		month: notice.month,
		amountFen: notice.amountFen,
		reprint,
		...(supervisor && { supervisorId: supervisor.clerkId, supervisorName: supervisor.displayName })
	});
	return { noticeNo: notice.noticeNo, reprint };
}

async function printForm(
	d: AnnuityDeps,
	intent: Parameters<typeof printFormOnce>[1]['intent'],
	fresh: boolean,
	keep: Record<string, unknown>,
	document: Parameters<typeof printFormOnce>[1]['document']
) {
	try {
		await printFormOnce({ printer: d.devices.formPrinter, intents: d.intents, at: () => at(d) }, { intent, fresh, keep, document });
	} catch (e) {
		throw new AnnuityError(502, ANNUITY_TEXT.printFailed((e as Error).message));
	}
}

// ---------------------------------------------------------------------------------------------
// Transfers in: the statement file and the feed, matched at once

export interface ImportResult {
	rows: number;
	added: number;
	matched: number;
	partial: number;
	exceptions: number;
}

type StatementRow = Omit<ImportedTransfer, 'state' | 'noticeNo' | 'exceptionCode' | 'reason' | 'importedAt'>;

/** The custodian bank's statement file (CSV, UTF-8 or GBK) as transfers; any bad row refuses the file, naming the rows. */
export function readStatementFile(bytes: Uint8Array): StatementRow[] {
	const text = decodeText(bytes);
	if (text === null) throw new AnnuityError(400, ANNUITY_TEXT.header(STATEMENT_HEADER.join(',')));
	const records = [...csvRecords(text)].map((r) => r.map((c) => c.trim())).filter((r) => r.some((c) => c !== ''));
	const [header, ...data] = records;
	if (!header || header.join(',') !== STATEMENT_HEADER.join(',')) throw new AnnuityError(400, ANNUITY_TEXT.header(STATEMENT_HEADER.join(',')));
	if (data.length === 0) throw new AnnuityError(400, ANNUITY_TEXT.emptyFile);
	const problems: string[] = [];
	const seen = new Set<string>();
	const rows: StatementRow[] = [];
	data.forEach((r, i) => {
		const [transferId = '', payerAccount = '', payerName = '', amount = '', date = '', ...rest] = r;
		// The remark is kept as the payer typed it (a comma in it is its own); only outer spaces of the cell go.
		const remark = rest.join(',');
		const bad = (what: string) => problems.push(ANNUITY_TEXT.badRow(i + 1, what));
		if (!transferId) return bad(ANNUITY_TEXT.missing(STATEMENT_HEADER[0]));
		if (seen.has(transferId)) return bad(ANNUITY_TEXT.duplicateInFile(transferId));
		seen.add(transferId);
		let amountFen: number;
		try {
			amountFen = parseYuan(amount);
		} catch (e) {
			if (!(e instanceof MoneyParseError)) throw e;
			return bad(ANNUITY_TEXT.badAmount(e.message));
		}
		const iso = date.replaceAll('/', '-');
		if (!isValidIsoDate(iso)) return bad(ANNUITY_TEXT.badDate(date));
		rows.push({ transferId, source: 'file', payerAccount, payerName, amountFen, date: iso, remark });
	});
	if (problems.length > 0)
		throw new AnnuityError(400, problems.slice(0, 5).join('；') + (problems.length > 5 ? ANNUITY_TEXT.moreRows(problems.length - 5) : ''));
	return rows;
}

const NONE_CLOSED: ReadonlySet<string> = new Set();

/** The intent of a notice's arrival confirmation at this terminal. */
const confirmKey = (noticeNo: string) => `annuity-confirm:${noticeNo}`;

/**
 * Whether a notice takes no more transfers. One this window began to confirm and never recorded
 * (the answer was lost) is not: its transfers stay matched until the confirmation is repeated.
 */
function isSettled(d: AnnuityDeps, n: AnnuityNoticeRecord, closed: ReadonlySet<string>): boolean {
	if (closed.has(n.noticeNo)) return true;
	if (n.settledOn === null) return false;
	const begun = d.intents.get(confirmKey(n.noticeNo));
	return !begun || begun.status === 'succeeded';
}

/** Adds the transfers not seen before and matches every open one against every notice (回款销号). */
async function importAndMatch(d: AnnuityDeps, clerk: SignedInClerk, rows: StatementRow[], detail: Record<string, unknown>): Promise<ImportResult> {
	const notices = await d.upstream.annuityCollection.notices().catch(fromUpstream);
	const calendar = d.calendar();
	const result = d.annuity.atomically(() => {
		const added = d.annuity.importTransfers(rows, clerk.clerkId, at(d));
		const closed = d.annuity.closedNotices();
		const open = d.annuity.openTransfers();
		let matching;
		try {
			matching = matchAnnuityTransfers(
				notices.map((n) => ({ noticeNo: n.noticeNo, month: n.month, amountFen: n.amountFen, settled: isSettled(d, n, closed) })),
				open.map((t) => ({ id: t.transferId, date: t.date, amountFen: t.amountFen, remark: t.remark })),
				calendar
			);
		} catch (e) {
			if (e instanceof CalendarDataMissingError) throw new AnnuityError(409, ANNUITY_TEXT.calendarMissing(e.year));
			throw e;
		}
		d.annuity.applyMatch(matching);
		const count = (ids: { transferIds: string[] }[]) => ids.reduce((n, m) => n + m.transferIds.length, 0);
		return {
			rows: rows.length,
			added: added.length,
			matched: count(matching.matched),
			partial: count(matching.partial),
			exceptions: matching.exceptions.length
		};
	});
	audit(d, clerk, ANNUITY_AUDIT.statementImported, String(detail.source), { ...detail, ...result });
	return result;
}

export async function importStatementFile(d: AnnuityDeps, clerk: SignedInClerk, file: { name: string; bytes: Uint8Array }): Promise<ImportResult> {
	return importAndMatch(d, clerk, readStatementFile(file.bytes), { source: 'file', fileName: file.name });
}

/** The custodian bank's feed from the first of last month (a transfer may come in the month after its notice's) to today. */
export async function fetchStatementFeed(d: AnnuityDeps, clerk: SignedInClerk): Promise<ImportResult> {
	const today = d.clock.today();
	const from = `${addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
	const credits: CustodianTransfer[] = await d.upstream.annuityCollection.statement({ from, to: today }).catch(fromUpstream);
	const rows = credits.map((c) => ({
		transferId: c.transferId,
		source: 'feed' as const,
		payerAccount: c.payerAccount,
		payerName: c.payerName,
		amountFen: c.amountFen,
		date: c.date,
		remark: c.remark
	}));
	return importAndMatch(d, clerk, rows, { source: 'feed', from, to: today });
}

// ---------------------------------------------------------------------------------------------
// The clerk's lists and decisions

export interface NoticeToConfirm {
	noticeNo: string;
	payerId: number;
	payerName: string;
	month: string;
	amountFen: number;
	transfers: ImportedTransfer[];
	byHand: boolean;
}

export interface AnnuityOverview {
	exceptions: ImportedTransfer[];
	partial: (ImportedTransfer & { missingFen: number | null })[];
	toConfirm: NoticeToConfirm[];
	/** Notices confirmed at this window, with their receipts. */
	confirmed: {
		noticeNo: string;
		payerName: string;
		amountFen: number;
		receiptNo: string | null;
		prints: number;
		reprintNeedsSupervisor: boolean;
		confirmedOn: string;
	}[];
	returned: ImportedTransfer[];
	/** Open notices a hand match may go to: not settled, not closed. */
	openNotices: { noticeNo: string; month: string; amountFen: number; missingFen: number }[];
}

export async function annuityOverview(d: AnnuityDeps): Promise<AnnuityOverview> {
	const notices = await d.upstream.annuityCollection.notices().catch(fromUpstream);
	const byNo = new Map(notices.map((n) => [n.noticeNo, n]));
	const transfers = d.annuity.transfers();
	const closed = d.annuity.closedNotices();
	const sumOf = (noticeNo: string, states: readonly string[]) =>
		transfers.filter((t) => t.noticeNo === noticeNo && states.includes(t.state)).reduce((s, t) => s + t.amountFen, 0);
	const payerNames = new Map<number, string>();
	const nameOf = async (payerId: number) => {
		if (!payerNames.has(payerId)) payerNames.set(payerId, (await d.upstream.coreTax.payer(payerId).catch(() => null))?.name ?? '');
		return payerNames.get(payerId)!;
	};
	const toConfirm: NoticeToConfirm[] = [];
	const confirmed: AnnuityOverview['confirmed'] = [];
	for (const n of notices) {
		const own = transfers.filter((t) => t.noticeNo === n.noticeNo);
		// Matched or matched by hand, not confirmed yet (a confirmation whose answer was lost included).
		if (
			!isSettled(d, n, NONE_CLOSED) &&
			own.length > 0 &&
			own.every((t) => t.state === 'matched' || t.state === 'hand_matched') &&
			sumOf(n.noticeNo, ['matched', 'hand_matched']) === n.amountFen
		) {
			toConfirm.push({
				noticeNo: n.noticeNo,
				payerId: n.payerId,
				payerName: await nameOf(n.payerId),
				month: n.month,
				amountFen: n.amountFen,
				transfers: own.filter((t) => t.state === 'matched' || t.state === 'hand_matched'),
				byHand: own.some((t) => t.state === 'hand_matched')
			});
		}
		const confirmation = d.annuity.confirmation(n.noticeNo);
		if (confirmation) {
			const receipt = d.annuity.receipt(n.noticeNo);
			confirmed.push({
				noticeNo: n.noticeNo,
				payerName: await nameOf(n.payerId),
				amountFen: n.amountFen,
				receiptNo: receipt?.receiptNo ?? null,
				prints: receipt?.prints ?? 0,
				reprintNeedsSupervisor: reprintNeedsSupervisor(receipt?.prints ?? 0),
				confirmedOn: confirmation.confirmedOn
			});
		}
	}
	return {
		exceptions: transfers.filter((t) => t.state === 'exception'),
		partial: transfers
			.filter((t) => t.state === 'partial')
			.map((t) => ({ ...t, missingFen: t.noticeNo && byNo.has(t.noticeNo) ? byNo.get(t.noticeNo)!.amountFen - sumOf(t.noticeNo, ['partial']) : null })),
		toConfirm,
		confirmed,
		returned: transfers.filter((t) => t.state === 'returned'),
		openNotices: notices
			.filter((n) => n.settledOn === null && !closed.has(n.noticeNo))
			.map((n) => ({ noticeNo: n.noticeNo, month: n.month, amountFen: n.amountFen, missingFen: n.amountFen - sumOf(n.noticeNo, ['partial']) }))
	};
}

function exception(d: AnnuityDeps, transferId: string): ImportedTransfer {
	const t = d.annuity.transfer(transferId);
	if (!t || t.state !== 'exception') throw new AnnuityError(409, ANNUITY_TEXT.notAnException);
	return t;
}

/** 退回: the transfer goes back to the sender, with the reason; final. */
export function returnTransfer(d: AnnuityDeps, clerk: SignedInClerk, transferId: string, reason: string): void {
	const t = exception(d, transferId);
	const why = reason.trim();
	if (why.length < 2 || why.length > 200) throw new AnnuityError(400, ANNUITY_TEXT.reasonMissing);
	d.annuity.atomically(() => {
		d.annuity.returnTransfer(transferId, why, clerk.clerkId, at(d));
		audit(d, clerk, ANNUITY_AUDIT.returned, transferId, { transferId, amountFen: t.amountFen, remark: t.remark, code: t.exceptionCode, reason: why });
	});
}

/**
 * 人工匹配 with the supervisor on the spot: only to an open notice whose amount the transfer
 * completes exactly, with the notice's partial transfers; final. The amount is checked before
 * the supervisor is asked.
 */
export async function handMatch(
	d: AnnuityDeps,
	clerk: SignedInClerk,
	input: { transferId: string; noticeNo: string; login: string; password: string; reason: string }
): Promise<void> {
	const t = exception(d, input.transferId);
	const notice = await d.upstream.annuityCollection.notice(input.noticeNo).catch(fromUpstream);
	if (!notice) throw new AnnuityError(404, ANNUITY_TEXT.noticeNotFound(input.noticeNo));
	if (notice.settledOn !== null || d.annuity.closedNotices().has(notice.noticeNo)) throw new AnnuityError(409, ANNUITY_TEXT.noticeClosed(notice.noticeNo));
	const partial = d.annuity.transfersOf(notice.noticeNo).filter((x) => x.state === 'partial');
	const missingFen = notice.amountFen - partial.reduce((s, x) => s + x.amountFen, 0);
	if (t.amountFen !== missingFen) throw new AnnuityError(409, ANNUITY_TEXT.notExact(notice.noticeNo, missingFen, t.amountFen));
	const supervisor = await supervisorFor(d, clerk, 'annuity-hand-match', {
		login: input.login,
		password: input.password,
		reason: input.reason,
		subject: input.transferId,
		detail: { transferId: input.transferId, noticeNo: notice.noticeNo }
	});
	d.annuity.atomically(() => {
		d.annuity.handMatch(
			t.transferId,
			notice.noticeNo,
			partial.map((x) => x.transferId),
			input.reason.trim(),
			clerk.clerkId,
			supervisor.clerkId,
			at(d)
		);
		audit(d, clerk, ANNUITY_AUDIT.handMatched, t.transferId, {
			transferId: t.transferId,
			noticeNo: notice.noticeNo,
			amountFen: t.amountFen,
			remark: t.remark,
			code: t.exceptionCode,
			with: partial.map((x) => x.transferId),
			reason: input.reason.trim(),
			supervisorId: supervisor.clerkId,
			supervisorName: supervisor.displayName
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Arrival confirmed, the e-receipt issued and printed

/** 到账确认 of a notice whose transfers add up to it, then its 财政电子票据 issued and printed. */
export async function confirmArrival(d: AnnuityDeps, clerk: SignedInClerk, noticeNo: string): Promise<{ receiptNo: string }> {
	// Confirmed and printed before (a double click, a page reloaded): nothing to do again.
	const kept = d.annuity.receipt(noticeNo);
	if (kept && kept.prints > 0) return { receiptNo: kept.receiptNo };
	const notice = await d.upstream.annuityCollection.notice(noticeNo).catch(fromUpstream);
	if (!notice) throw new AnnuityError(404, ANNUITY_TEXT.noticeNotFound(noticeNo));
	if (!d.annuity.confirmation(noticeNo)) {
		const own = d.annuity.transfersOf(noticeNo);
		const ready = own.filter((t) => t.state === 'matched' || t.state === 'hand_matched');
		if (ready.length === 0 || ready.length !== own.length || ready.reduce((s, t) => s + t.amountFen, 0) !== notice.amountFen) {
			throw new AnnuityError(409, ANNUITY_TEXT.notMatched(noticeNo));
		}
		const transfers = ready.map((t) => ({ transferId: t.transferId, amountFen: t.amountFen, date: t.date }));
		// Keyed by the notice: a confirmation whose answer was lost is repeated, never made twice.
		const key = confirmKey(noticeNo);
		d.intents.begin({ key, windowSessionId: null, action: 'annuityCollection.confirmArrival', payload: { noticeNo, transfers } }, at(d));
		try {
			await d.upstream.annuityCollection.confirmArrival({ key, noticeNo, transfers, today: d.clock.today() });
		} catch (e) {
			d.intents.finish(key, e instanceof UpstreamRefusedError ? 'failed' : 'unknown', { message: (e as Error).message }, at(d));
			return fromUpstream(e);
		}
		d.annuity.atomically(() => {
			d.intents.finish(key, 'succeeded', { noticeNo }, at(d));
			d.annuity.recordConfirmation(
				noticeNo,
				transfers.map((t) => t.transferId),
				d.clock.today(),
				clerk.clerkId,
				at(d)
			);
			audit(d, clerk, ANNUITY_AUDIT.confirmed, noticeNo, { noticeNo, amountFen: notice.amountFen, transferIds: transfers.map((t) => t.transferId) });
		});
	}
	if (!d.annuity.receipt(noticeNo)) {
		const r = await d.upstream.eReceipts.issue({ key: `annuity-receipt:${noticeNo}`, noticeNo, today: d.clock.today() }).catch(fromUpstream);
		d.annuity.keepReceipt({
			noticeNo,
			receiptNo: r.receiptNo,
			checkCode: r.checkCode,
			issuedOn: r.issuedOn,
			receiptCode: r.receiptCode,
			issuer: r.issuer,
			payerName: r.payerName,
			payerCode: r.payerCode,
			month: r.month,
			amountFen: r.amountFen
		});
	}
	return printReceipt(d, clerk, noticeNo);
}

/** Prints the notice's e-receipt: the first copy plain, every later one marked 补打. */
export async function printReceipt(d: AnnuityDeps, clerk: SignedInClerk, noticeNo: string, override?: OverrideSupervisor): Promise<{ receiptNo: string }> {
	const receipt = d.annuity.receipt(noticeNo);
	if (!receipt) throw new AnnuityError(409, ANNUITY_TEXT.notConfirmed(noticeNo));
	const reprint = receipt.prints > 0;
	const supervisor = await reprintAllowed(d, clerk, receipt.prints, 'annuity-receipt', noticeNo, override);
	const { intent, fresh } = d.intents.begin(
		{ key: `annuity-receipt:${noticeNo}:print:${receipt.prints}`, windowSessionId: null, action: 'form.print', payload: { form: 'annuity-receipt', noticeNo } },
		at(d)
	);
	await printForm(d, intent, fresh, { receiptNo: receipt.receiptNo }, (marked) => annuityReceipt(receipt, clerk.displayName, reprint || marked));
	d.annuity.countReceiptPrint(noticeNo);
	audit(d, clerk, ANNUITY_AUDIT.receiptPrinted, noticeNo, {
		noticeNo,
		receiptNo: receipt.receiptNo,
		reprint,
		...(supervisor && { supervisorId: supervisor.clerkId, supervisorName: supervisor.displayName })
	});
	return { receiptNo: receipt.receiptNo };
}

/** 职业年金退（抵）费指引 on the receipt printer: the social security agency takes and pays refunds. */
export async function printRefundSlip(d: AnnuityDeps, clerk: SignedInClerk, payerId: number): Promise<void> {
	const payer = await institution(d, payerId);
	const slip = annuityRefundSlip();
	const { intent } = d.intents.begin(
		{ key: `annuity-refund-slip:${payerId}:${at(d)}`, windowSessionId: null, action: 'slip.print', payload: { title: slip.title } },
		at(d)
	);
	const printedAt = d.clock.localTime();
	const r = await printWholeReceipt(
		{ printer: d.devices.receiptPrinter, intents: d.intents, at: () => at(d) },
		{ intent, reprint: false, printedAt, document: (marked) => guidanceSlipReceipt(payer.name, slip, printedAt, marked) }
	);
	if (!r.printed) throw new AnnuityError(502, ANNUITY_TEXT.printFailed(r.status.message));
	audit(d, clerk, ANNUITY_AUDIT.refundSlip, String(payerId), { payerId });
}
