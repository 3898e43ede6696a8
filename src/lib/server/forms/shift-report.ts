import type { DayCloseData, PosReconciliationData, ShiftReportData } from '../../../../drivers';
import { formatYuan } from '../../domain';
import {
	cashCountLines,
	cashVarianceLabel,
	DENOMINATION_LABEL,
	posDifferenceFen,
	type CashCount,
	type DayCloseReport,
	type PosReconciliation,
	type ShiftReport
} from '../../domain/shift-report';
import { localTime } from '../../views/local-time';

// The shift's X/Z report and the hall's day close as strings ready to print: one mapping for the
// A4 report and the thermal receipt alike, so both say the same.

export const SHIFT_REPORT_TEXT = {
	title: { X: 'X报表（班中读数）', Z: 'Z报表（班结）' },
	dayCloseTitle: '日结报表',
	stillOpen: '未结班',
	dayNotClosed: '未日结',
	notCounted: '未清点',
	noCount: '—',
	none: '无',
	posBalanced: '一致',
	posDiffers: (n: number) => `不一致，差异${n}笔`,
	/** An X report is a reading: the POS batch is compared at the close. */
	posOnClose: 'POS结算对账在Z报表（班结）时进行',
	/** What the audit trail's intents are, in the clerk's words. */
	intentAction: {
		'pos.sale': 'POS刷卡',
		'bank.deduct': '三方协议扣款',
		'receipt.print': '打印小票',
		'slip.print': '打印凭条',
		'form.print': '打印A4表单',
		'drawer.open': '开钱箱'
	} as Readonly<Record<string, string>>,
	intentStatus: { pending: '进行中', unknown: '结果未知' } as Readonly<Record<string, string>>
} as const;

/** '100元×3，50元×4'; '—' for an empty count. */
function countInOneLine(count: CashCount): string {
	const lines = cashCountLines(count);
	return lines.length === 0 ? SHIFT_REPORT_TEXT.noCount : lines.map((l) => `${DENOMINATION_LABEL[l.denomination]}×${l.pieces}`).join('，');
}

const amountOrNone = (fen: number | null) => (fen === null ? SHIFT_REPORT_TEXT.none : formatYuan(fen));

/** '短款 10.00', '长款 0.50', '无差异'. */
const varianceInWords = (fen: number) => (fen === 0 ? cashVarianceLabel(0) : `${cashVarianceLabel(fen)} ${formatYuan(Math.abs(fen))}`);

function posReconciliation(p: PosReconciliation): PosReconciliationData {
	return {
		batchNo: p.batchNo,
		posSaleCount: String(p.posSaleCount),
		posSaleAmount: formatYuan(p.posSaleFen),
		posVoidCount: String(p.posVoidCount),
		posVoidAmount: formatYuan(p.posVoidFen),
		posNetAmount: formatYuan(p.posSaleFen - p.posVoidFen),
		ledgerSaleCount: String(p.ledgerSaleCount),
		ledgerNetAmount: formatYuan(p.ledgerNetFen),
		verdict: p.differences.length === 0 ? SHIFT_REPORT_TEXT.posBalanced : SHIFT_REPORT_TEXT.posDiffers(p.differences.length),
		differences: p.differences.map((d) => ({
			referenceNo: d.referenceNo,
			pos: amountOrNone(d.posFen),
			ledger: amountOrNone(d.ledgerFen),
			difference: formatYuan(posDifferenceFen(d))
		}))
	};
}

export function shiftReportForm(r: ShiftReport): ShiftReportData {
	const counted = r.cash.countedFen !== null && r.cash.varianceFen !== null;
	return {
		title: SHIFT_REPORT_TEXT.title[r.kind],
		shiftNo: String(r.shiftId),
		windowNo: String(r.windowNo),
		clerkName: r.clerk.name,
		businessDate: r.businessDate,
		openedAt: localTime(r.openedAt),
		closedAt: r.closedAt === null ? SHIFT_REPORT_TEXT.stillOpen : localTime(r.closedAt),
		printedAt: localTime(r.printedAt),
		openingFloat: formatYuan(r.openingFloat.totalFen),
		openingCount: countInOneLine(r.openingFloat.count),
		channels: r.channels.map((c) => ({ label: c.label, entries: String(c.entries), net: formatYuan(c.netFen) })),
		feeItems: r.feeItems.map((f) => ({ code: f.code, name: f.name, count: String(f.count), amount: formatYuan(f.amountFen) })),
		total: formatYuan(r.totalFen),
		cash: {
			expected: formatYuan(r.cash.expectedFen),
			counted: r.cash.countedFen === null ? '' : formatYuan(r.cash.countedFen),
			varianceLabel: counted ? cashVarianceLabel(r.cash.varianceFen!) : '',
			variance: counted ? formatYuan(Math.abs(r.cash.varianceFen!)) : '',
			reason: r.cash.reason ?? ''
		},
		cashCount: cashCountLines(r.cash.count ?? {}).map((l) => ({
			denomination: DENOMINATION_LABEL[l.denomination],
			pieces: String(l.pieces),
			amount: formatYuan(l.amountFen)
		})),
		pos: r.pos === null ? null : posReconciliation(r.pos),
		posNote: r.pos !== null ? '' : (r.posNote ?? (r.kind === 'X' ? SHIFT_REPORT_TEXT.posOnClose : '')),
		signOff: r.signOff === null ? '' : `${r.signOff.supervisorName} ${localTime(r.signOff.at)}`
	};
}

export function dayCloseForm(r: DayCloseReport): DayCloseData {
	return {
		title: SHIFT_REPORT_TEXT.dayCloseTitle,
		businessDate: r.businessDate,
		printedAt: localTime(r.printedAt),
		closedAt: r.closedAt === null ? SHIFT_REPORT_TEXT.dayNotClosed : localTime(r.closedAt),
		closedBy: r.closedBy?.supervisorName ?? '',
		windows: r.windows.map((w) => ({
			windowNo: String(w.windowNo),
			shiftNo: String(w.shiftId),
			clerkName: w.clerkName,
			openedAt: localTime(w.openedAt),
			closedAt: w.closedAt === null ? SHIFT_REPORT_TEXT.stillOpen : localTime(w.closedAt),
			total: formatYuan(w.totalFen),
			variance: w.cashVarianceFen === null ? SHIFT_REPORT_TEXT.noCount : varianceInWords(w.cashVarianceFen),
			reason: w.varianceReason ?? '',
			signedOffBy: w.signedOffBy ?? ''
		})),
		total: formatYuan(r.windows.reduce((sum, w) => sum + w.totalFen, 0)),
		openShifts: r.open.openShifts.map((s) => ({ windowNo: String(s.windowNo), clerkName: s.clerkName, openedAt: localTime(s.openedAt) })),
		unrecordedStubs: r.open.unrecordedStubs.map((s) => ({
			declarationNo: s.declarationNo,
			windowNo: String(s.windowNo),
			amount: formatYuan(s.amountFen),
			issuedAt: localTime(s.issuedAt)
		})),
		pendingIntents: r.open.pendingIntents.map((i) => ({
			key: i.key,
			action: SHIFT_REPORT_TEXT.intentAction[i.action] ?? i.action,
			status: SHIFT_REPORT_TEXT.intentStatus[i.status] ?? i.status,
			createdAt: localTime(i.createdAt)
		})),
		collectorsOverLimit: r.open.collectorsOverLimit.map((c) => ({ collector: `${c.name}（${c.collectorCode}）`, detail: c.detail })),
		pos: r.pos === null ? null : posReconciliation(r.pos),
		posNote: r.pos === null ? (r.posNote ?? '') : ''
	};
}
