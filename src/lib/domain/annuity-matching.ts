import { annuityRemarkFault } from './annuity-remark';
import { defaultCalendar, type WorkCalendar } from './calendar';
import { declarationWindow } from './declaration-window';
import { formatYuan } from './money';

// 回款销号: the custodian bank's transfers matched to the occupational annuity notices they pay
// (guide, 职业年金申报缴费: one transfer per notice or several adding up to it exactly, never one
// transfer for several notices, the remark exactly the notice's 7-digit number, in the notice's
// month or the next, between the 1st and the 25th, extended past a 25th that is not a working day).

export interface AnnuityNotice {
	noticeNo: string;
	/** The notice's period, 'YYYY-MM'. */
	month: string;
	amountFen: number;
	settled?: boolean;
}

export interface AnnuityTransfer {
	id: string;
	/** 'YYYY-MM-DD'. */
	date: string;
	amountFen: number;
	remark: string;
}

export const ANNUITY_EXCEPTION_CODES = [
	'REMARK_INVALID',
	'UNKNOWN_NOTICE',
	'NOTICE_SETTLED',
	'TOO_EARLY',
	'OUTSIDE_WINDOW',
	'OVERPAID',
	'SUM_MISMATCH'
] as const;
export type AnnuityExceptionCode = (typeof ANNUITY_EXCEPTION_CODES)[number];

export interface AnnuityMatch {
	matched: { noticeNo: string; transferIds: string[] }[];
	partial: { noticeNo: string; transferIds: string[]; missingFen: number }[];
	exceptions: { transferId: string; code: AnnuityExceptionCode; reason: string }[];
}

export const ANNUITY_MATCH_TEXT = {
	unknownNotice: (no: string) => `附言中的编号${no}没有对应的职业年金缴费通知单，请核对后退回付款人。`,
	settled: (no: string) => `缴费通知单${no}已回款销号，本笔转账不能再用于该通知单，请退回付款人。`,
	tooEarly: (no: string, month: string) => `转账日期早于缴费通知单${no}的征缴期${month}：不得在征缴期之前转账，请退回付款人。`,
	outsideWindow: (no: string, month: string) => `转账不在缴费通知单${no}的缴款期内：须在征缴期${month}当月或次月的1日至25日（节假日顺延）转账，请退回付款人。`,
	overpaid: (no: string) => `缴费通知单${no}已由之前的转账足额缴清，本笔为多转款项，请退回付款人。`,
	sumMismatch: (no: string, amountFen: number) =>
		`转往缴费通知单${no}的款项合计与通知单金额${formatYuan(amountFen)}元不符（多张通知单不可合并为一笔转账），请核对后退回或由值班长手工匹配。`
} as const;

type Exception = AnnuityMatch['exceptions'][number];

/** 'YYYY-MM' of the month after `month`. */
function nextMonth(month: string): string {
	const y = Number(month.slice(0, 4));
	const m = Number(month.slice(5, 7));
	return m === 12 ? `${y + 1}-01` : `${month.slice(0, 5)}${String(m + 1).padStart(2, '0')}`;
}

/**
 * Matches each transfer to the notice its remark names, by the guide's rules in this order:
 * remark, notice known, notice open, not before the period, inside the window of the period's
 * month or the next; then, per notice, its transfers by date and id until their running sum
 * equals the amount (later ones overpaid), passes it (every one a sum mismatch) or stays below
 * it (partial). Every transfer appears exactly once in the answer.
 */
export function matchAnnuityTransfers(
	notices: readonly AnnuityNotice[],
	transfers: readonly AnnuityTransfer[],
	calendar: WorkCalendar = defaultCalendar()
): AnnuityMatch {
	const byNo = new Map<string, AnnuityNotice>();
	for (const n of notices) if (!byNo.has(n.noticeNo)) byNo.set(n.noticeNo, n);
	// The window's last day, per month: the calendar is asked only for a day after the 25th.
	const closes = new Map<string, string>();
	const closesOn = (date: string) => {
		const month = date.slice(0, 7);
		let last = closes.get(month);
		if (last === undefined) closes.set(month, (last = declarationWindow(`${month}-01`, 'annuity', calendar).closes));
		return last;
	};

	const exceptions: (Exception & { at: number })[] = [];
	const toNotice = new Map<string, number[]>();
	transfers.forEach((t, at) => {
		const fail = (code: AnnuityExceptionCode, reason: string) => exceptions.push({ transferId: t.id, code, reason, at });
		const fault = annuityRemarkFault(t.remark);
		if (fault) return fail('REMARK_INVALID', fault);
		const notice = byNo.get(t.remark);
		if (!notice) return fail('UNKNOWN_NOTICE', ANNUITY_MATCH_TEXT.unknownNotice(t.remark));
		if (notice.settled) return fail('NOTICE_SETTLED', ANNUITY_MATCH_TEXT.settled(notice.noticeNo));
		if (t.date < `${notice.month}-01`) return fail('TOO_EARLY', ANNUITY_MATCH_TEXT.tooEarly(notice.noticeNo, notice.month));
		const month = t.date.slice(0, 7);
		const inMonths = month === notice.month || month === nextMonth(notice.month);
		if (!inMonths || (t.date.slice(8) > '25' && t.date > closesOn(t.date)))
			return fail('OUTSIDE_WINDOW', ANNUITY_MATCH_TEXT.outsideWindow(notice.noticeNo, notice.month));
		const list = toNotice.get(notice.noticeNo);
		if (list) list.push(at);
		else toNotice.set(notice.noticeNo, [at]);
	});

	const matched: AnnuityMatch['matched'] = [];
	const partial: AnnuityMatch['partial'] = [];
	for (const [noticeNo, ats] of toNotice) {
		const notice = byNo.get(noticeNo)!;
		ats.sort((a, b) => {
			const ta = transfers[a];
			const tb = transfers[b];
			return ta.date < tb.date ? -1 : ta.date > tb.date ? 1 : ta.id < tb.id ? -1 : ta.id > tb.id ? 1 : a - b;
		});
		let sum = 0;
		let k = 0;
		while (k < ats.length && sum < notice.amountFen) sum += transfers[ats[k++]].amountFen;
		const ids = (from: number, to: number) => ats.slice(from, to).map((at) => transfers[at].id);
		if (sum === notice.amountFen) {
			matched.push({ noticeNo, transferIds: ids(0, k) });
			for (const at of ats.slice(k)) exceptions.push({ transferId: transfers[at].id, code: 'OVERPAID', reason: ANNUITY_MATCH_TEXT.overpaid(noticeNo), at });
		} else if (sum > notice.amountFen) {
			const reason = ANNUITY_MATCH_TEXT.sumMismatch(noticeNo, notice.amountFen);
			for (const at of ats) exceptions.push({ transferId: transfers[at].id, code: 'SUM_MISMATCH', reason, at });
		} else partial.push({ noticeNo, transferIds: ids(0, k), missingFen: notice.amountFen - sum });
	}
	exceptions.sort((a, b) => a.at - b.at);
	return { matched, partial, exceptions: exceptions.map(({ transferId, code, reason }) => ({ transferId, code, reason })) };
}
