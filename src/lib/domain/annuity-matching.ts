import { annuityRemarkProblem, InvalidNoticeNumberError } from './annuity-remark';
import { defaultCalendar, type WorkCalendar } from './calendar';
import { nextMonth, parseIsoDate, type IsoDate } from './dates';
import { declarationWindow } from './declaration-window';
import { DomainError } from './errors';
import { formatYuan, InvalidAmountError, type Fen } from './money';

export interface AnnuityNotice {
	/** The 7-digit number of 《职业年金缴费通知单》. */
	noticeNo: string;
	/** The collection period (征缴期), `YYYY-MM`. */
	month: string;
	amountFen: Fen;
	/** Already confirmed as paid (销号) before this statement. */
	settled?: boolean;
}

/** One credit on the custodian bank's collection account (托管银行归集户). */
export interface AnnuityTransfer {
	id: string;
	date: IsoDate;
	amountFen: Fen;
	/** 附言 as the payer typed it. */
	remark: string;
}

export type AnnuityExceptionCode = 'REMARK_INVALID' | 'UNKNOWN_NOTICE' | 'NOTICE_SETTLED' | 'TOO_EARLY' | 'OUTSIDE_WINDOW' | 'OVERPAID' | 'SUM_MISMATCH';

export interface AnnuityMatchResult {
	matched: { noticeNo: string; transferIds: string[] }[];
	partial: { noticeNo: string; transferIds: string[]; missingFen: Fen }[];
	exceptions: { transferId: string; code: AnnuityExceptionCode; reason: string }[];
}

/** The Chinese reason of each exception, for the clerk's exceptions list. */
export const ANNUITY_EXCEPTION_REASONS = {
	// The remark checker's own words, which say what was typed wrong.
	REMARK_INVALID: (problem: string) => `附言不符合要求，无法对应缴费通知单：${problem}`,
	UNKNOWN_NOTICE: (noticeNo: string) => `附言中的编号${noticeNo}没有对应的职业年金缴费通知单，请核对编号`,
	NOTICE_SETTLED: (noticeNo: string) => `缴费通知单${noticeNo}已经完成到账确认（销号），本笔为重复转账`,
	TOO_EARLY: (noticeNo: string, month: string) => `转账早于缴费通知单${noticeNo}的征缴期${month}，不得提前转账`,
	OUTSIDE_WINDOW: (noticeNo: string, month: string) => `转账不在缴费通知单${noticeNo}的缴费期内：应在征缴期${month}当月或次月的1-25日（节假日顺延）转账`,
	OVERPAID: (noticeNo: string, amountFen: Fen) => `缴费通知单${noticeNo}的应缴金额${formatYuan(amountFen)}元已由在先的转账缴足，本笔为多缴`,
	SUM_MISMATCH: (noticeNo: string, amountFen: Fen) =>
		`转账合计金额不等于缴费通知单${noticeNo}的应缴金额${formatYuan(amountFen)}元：须一笔转入应缴金额或多笔合计等于应缴金额，多张通知单不可合并为一笔转账`
} as const;

const MESSAGES = {
	badMonth: (month: string) => `缴费通知单的征缴期“${month}”格式不正确，应为YYYY-MM，例如2025-06`,
	badAmount: (what: string, value: unknown) => `${what}的金额必须是大于0的整数分，收到${String(value)}`,
	duplicateNotice: (noticeNo: string) => `缴费通知单编号${noticeNo}重复出现`,
	duplicateTransfer: (id: string) => `转账流水号${id}重复出现`
} as const;

const NOTICE_NO = /^\d{7}$/;
const MONTH = /^\d{4}-\d{2}$/;

function checkAmount(value: unknown, what: string): void {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw new InvalidAmountError(value, MESSAGES.badAmount(what, value));
}

/**
 * 回款销号: matches the credits of a custodian bank statement to annuity notices by remark and
 * sum (guide chapter 2, 六、职业年金申报缴费). Every transfer comes out exactly once: in a
 * notice's `matched` or `partial` entry, or as an exception with its code and Chinese reason.
 * The calendar decides the annuity window past the 25th (节假日顺延); a transfer dated after
 * the 25th in a year it does not know throws CalendarDataMissingError, as declarationWindow does.
 * Malformed input (a bad notice number, month or date, a non-positive amount, a repeated
 * notice number or transfer id) is a caller's fault and throws.
 */
export function matchAnnuityTransfers(
	notices: readonly AnnuityNotice[],
	transfers: readonly AnnuityTransfer[],
	calendar: WorkCalendar = defaultCalendar()
): AnnuityMatchResult {
	// Each notice with its first day and the month after it, worked out once.
	const noticesByNo = new Map<string, { notice: AnnuityNotice; opens: IsoDate; nextMonth: string }>();
	for (const notice of notices) {
		if (typeof notice.noticeNo !== 'string' || !NOTICE_NO.test(notice.noticeNo)) throw new InvalidNoticeNumberError(String(notice.noticeNo));
		if (typeof notice.month !== 'string' || !MONTH.test(notice.month)) throw new DomainError('INVALID_NOTICE_MONTH', MESSAGES.badMonth(notice.month));
		const opens = `${notice.month}-01`;
		parseIsoDate(opens);
		checkAmount(notice.amountFen, `缴费通知单${notice.noticeNo}`);
		if (noticesByNo.has(notice.noticeNo)) throw new DomainError('DUPLICATE_NOTICE', MESSAGES.duplicateNotice(notice.noticeNo));
		noticesByNo.set(notice.noticeNo, { notice, opens, nextMonth: nextMonth(notice.month) });
	}

	// Exceptions are reported in statement order, whichever rule found them.
	const exceptionAt: (AnnuityMatchResult['exceptions'][number] | undefined)[] = new Array(transfers.length);
	const except = (index: number, code: AnnuityExceptionCode, reason: string) => {
		exceptionAt[index] = { transferId: transfers[index].id, code, reason };
	};
	// Last day of the annuity window by 'YYYY-MM', computed once per month of the statement.
	const windowCloses = new Map<string, IsoDate>();
	// Indices of the transfers left for each notice.
	const groups = new Map<string, number[]>();
	const ids = new Set<string>();

	for (let i = 0; i < transfers.length; i++) {
		const transfer = transfers[i];
		if (ids.has(transfer.id)) throw new DomainError('DUPLICATE_TRANSFER', MESSAGES.duplicateTransfer(transfer.id));
		ids.add(transfer.id);
		checkAmount(transfer.amountFen, `转账${transfer.id}`);
		const { day } = parseIsoDate(transfer.date);
		const problem = annuityRemarkProblem(transfer.remark);
		if (problem !== undefined) {
			except(i, 'REMARK_INVALID', ANNUITY_EXCEPTION_REASONS.REMARK_INVALID(problem));
			continue;
		}
		const entry = noticesByNo.get(transfer.remark);
		if (entry === undefined) {
			except(i, 'UNKNOWN_NOTICE', ANNUITY_EXCEPTION_REASONS.UNKNOWN_NOTICE(transfer.remark));
			continue;
		}
		const { notice } = entry;
		if (notice.settled) {
			except(i, 'NOTICE_SETTLED', ANNUITY_EXCEPTION_REASONS.NOTICE_SETTLED(notice.noticeNo));
			continue;
		}
		// Same YYYY-MM-DD format, so text order is date order.
		if (transfer.date < entry.opens) {
			except(i, 'TOO_EARLY', ANNUITY_EXCEPTION_REASONS.TOO_EARLY(notice.noticeNo, notice.month));
			continue;
		}
		const month = transfer.date.slice(0, 7);
		let inWindow = month === notice.month || month === entry.nextMonth;
		// The window always holds the 1st to the 25th; only later days need the calendar.
		if (inWindow && day > 25) {
			let closes = windowCloses.get(month);
			if (closes === undefined) {
				closes = declarationWindow(transfer.date, 'annuity', calendar).closes;
				windowCloses.set(month, closes);
			}
			inWindow = transfer.date <= closes;
		}
		if (!inWindow) {
			except(i, 'OUTSIDE_WINDOW', ANNUITY_EXCEPTION_REASONS.OUTSIDE_WINDOW(notice.noticeNo, notice.month));
			continue;
		}
		const group = groups.get(notice.noticeNo);
		if (group) group.push(i);
		else groups.set(notice.noticeNo, [i]);
	}

	const byDateThenId = (i: number, j: number) => {
		const a = transfers[i];
		const b = transfers[j];
		return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
	};
	const idOf = (i: number) => transfers[i].id;
	const result: AnnuityMatchResult = { matched: [], partial: [], exceptions: [] };
	for (const notice of notices) {
		const group = groups.get(notice.noticeNo);
		if (!group) continue;
		group.sort(byDateThenId);
		let sum = 0;
		let k = 0;
		while (k < group.length && sum < notice.amountFen) sum += transfers[group[k++]].amountFen;
		if (sum === notice.amountFen) {
			result.matched.push({ noticeNo: notice.noticeNo, transferIds: group.slice(0, k).map(idOf) });
			const reason = ANNUITY_EXCEPTION_REASONS.OVERPAID(notice.noticeNo, notice.amountFen);
			for (let j = k; j < group.length; j++) except(group[j], 'OVERPAID', reason);
		} else if (sum > notice.amountFen) {
			const reason = ANNUITY_EXCEPTION_REASONS.SUM_MISMATCH(notice.noticeNo, notice.amountFen);
			for (const i of group) except(i, 'SUM_MISMATCH', reason);
		} else {
			result.partial.push({ noticeNo: notice.noticeNo, transferIds: group.map(idOf), missingFen: notice.amountFen - sum });
		}
	}
	for (const exception of exceptionAt) if (exception) result.exceptions.push(exception);
	return result;
}
