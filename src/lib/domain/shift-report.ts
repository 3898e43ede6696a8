// 班结 (shift close): the clerk's counted cash by denomination, and the X (at any time) and Z (at
// close) report of one shift. Pure: the server fills it from the ledger, the POS and upstream.

/** The notes and coins a cash box holds, in fen, largest first. */
export const DENOMINATIONS_FEN = [10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 2, 1] as const;
export type DenominationFen = (typeof DENOMINATIONS_FEN)[number];

export const DENOMINATION_LABEL: Record<DenominationFen, string> = {
	10000: '100元',
	5000: '50元',
	2000: '20元',
	1000: '10元',
	500: '5元',
	100: '1元',
	50: '5角',
	10: '1角',
	5: '5分',
	2: '2分',
	1: '1分'
};

/** Pieces per denomination; a denomination not counted is 0. */
export type CashCount = Partial<Record<DenominationFen, number>>;

export const SHIFT_TEXT = {
	badCount: '清点数量须为0至99999之间的整数',
	unknownDenomination: '不认识的面额'
} as const;

export class CashCountError extends Error {
	readonly code = 'BAD_CASH_COUNT';
}

/** A count as typed (any object of denomination → pieces), checked; the answer holds only known denominations with whole pieces. */
export function parseCashCount(input: unknown): CashCount {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new CashCountError(SHIFT_TEXT.badCount);
	const out: CashCount = {};
	for (const [key, value] of Object.entries(input)) {
		const d = Number(key) as DenominationFen;
		if (!DENOMINATIONS_FEN.includes(d)) throw new CashCountError(`${SHIFT_TEXT.unknownDenomination}：${key}`);
		const pieces = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof pieces !== 'number' || !Number.isInteger(pieces) || pieces < 0 || pieces > 99_999) throw new CashCountError(SHIFT_TEXT.badCount);
		if (pieces > 0) out[d] = pieces;
	}
	return out;
}

export function cashCountTotalFen(count: CashCount): number {
	return DENOMINATIONS_FEN.reduce((sum, d) => sum + d * (count[d] ?? 0), 0);
}

/** The lines of a report, by where the money (or the paper) came through. */
export const REPORT_CHANNELS = ['pos', 'cash', 'agreement', 'bank_form_issued', 'bank_stub', 'pending_account', 'collector_batch'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

export const REPORT_CHANNEL_LABEL: Record<ReportChannel, string> = {
	pos: '银行卡（POS）',
	cash: '现金',
	agreement: '三方协议扣款',
	bank_form_issued: '银行缴款书（已开具）',
	bank_stub: '银行缴款书（已回执）',
	pending_account: '待报解专户',
	collector_batch: '代办员集中代收'
};

export interface ReportChannelLine {
	channel: ReportChannel;
	label: string;
	/** Ledger rows (a cash payment with change is two). */
	entries: number;
	/** Net money in fen; for bank forms issued, the face value of the paper (moves no money). */
	netFen: number;
}

export interface ReportFeeItemLine {
	/** The fee item's code (e.g. '10110'), or '' for money the report could not attribute to an item. */
	code: string;
	name: string;
	/** Declarations (or collector rows) paid in the shift with this item. */
	count: number;
	amountFen: number;
}

/** One reference where the POS's batch and the ledger's card rows do not agree. */
export interface PosDifference {
	referenceNo: string;
	/** What the POS holds for it (sale less void), null if the POS has no such reference. */
	posFen: number | null;
	/** What the ledger holds for it (sale less reversal), null if the ledger has no such reference. */
	ledgerFen: number | null;
}

export interface PosReconciliation {
	batchNo: string;
	posSaleCount: number;
	posSaleFen: number;
	posVoidCount: number;
	posVoidFen: number;
	ledgerSaleCount: number;
	/** Card sales less reversals in the ledger. */
	ledgerNetFen: number;
	differences: PosDifference[];
}

export interface ShiftReport {
	/** X: a reading at any time, the shift stays open; Z: the close. */
	kind: 'X' | 'Z';
	shiftId: number;
	windowNo: number;
	clerk: { id: number; name: string };
	businessDate: string;
	/** ISO instants; shown to people in UTC+8. */
	openedAt: string;
	closedAt: string | null;
	printedAt: string;
	openingFloat: { count: CashCount; totalFen: number };
	channels: ReportChannelLine[];
	feeItems: ReportFeeItemLine[];
	/** All money of the shift, net (paper left out). */
	totalFen: number;
	cash: {
		/** Float + cash taken − change given. */
		expectedFen: number;
		countedFen: number | null;
		count: CashCount | null;
		/** counted − expected: negative short (短款), positive over (长款). */
		varianceFen: number | null;
		reason: string | null;
	};
	/** The POS's own settlement against the ledger; null on an X report or when the POS did not answer. */
	pos: PosReconciliation | null;
	/** Why `pos` is null on a Z (the POS did not answer), in Chinese. */
	posNote: string | null;
	signOff: { supervisorId: number; supervisorName: string; at: string } | null;
}

/** The POS's batch and the ledger's card rows, reference by reference: only references that disagree are listed. */
export function posDifferences(pos: ReadonlyMap<string, number>, ledger: ReadonlyMap<string, number>): PosDifference[] {
	const refs = [...new Set([...pos.keys(), ...ledger.keys()])].sort();
	return refs
		.map((referenceNo) => ({ referenceNo, posFen: pos.get(referenceNo) ?? null, ledgerFen: ledger.get(referenceNo) ?? null }))
		.filter((d) => d.posFen !== d.ledgerFen && !(d.posFen === 0 && d.ledgerFen === null) && !(d.ledgerFen === 0 && d.posFen === null));
}

/** 日结: the hall's day, every window's Z and what is still open. */
export interface DayCloseReport {
	businessDate: string;
	printedAt: string;
	/** Set once the supervisor closed the day. */
	closedAt: string | null;
	closedBy: { supervisorId: number; supervisorName: string } | null;
	windows: {
		windowNo: number;
		shiftId: number;
		clerkName: string;
		openedAt: string;
		/** null: the shift is still open. */
		closedAt: string | null;
		totalFen: number;
		cashVarianceFen: number | null;
		varianceReason: string | null;
		signedOffBy: string | null;
	}[];
	open: {
		openShifts: { windowNo: number; clerkName: string; openedAt: string }[];
		/** Bank forms (银行缴款书) handed out whose bank stub (回执) is not recorded yet. */
		unrecordedStubs: { declarationNo: string; windowNo: number; amountFen: number; issuedAt: string }[];
		/** Calls begun and not known to have ended (pending or unknown). */
		pendingIntents: { key: string; action: string; status: string; createdAt: string }[];
		collectorsOverLimit: { collectorCode: string; name: string; detail: string }[];
	};
	/** The POS's settlement (结算) of the day against the ledger's card rows of every window. */
	pos: PosReconciliation | null;
	posNote: string | null;
}

/** The denominations a count holds, largest first, with what they are worth. */
export function cashCountLines(count: CashCount): { denomination: DenominationFen; pieces: number; amountFen: number }[] {
	return DENOMINATIONS_FEN.filter((d) => (count[d] ?? 0) > 0).map((d) => ({ denomination: d, pieces: count[d]!, amountFen: d * count[d]! }));
}

/** A cash variance in words: counted less than expected is 短款, more is 长款. */
export function cashVarianceLabel(varianceFen: number): '短款' | '长款' | '无差异' {
	return varianceFen < 0 ? '短款' : varianceFen > 0 ? '长款' : '无差异';
}

/** What the POS holds for a reference beyond the ledger (negative: the ledger holds more). */
export function posDifferenceFen(d: PosDifference): number {
	return (d.posFen ?? 0) - (d.ledgerFen ?? 0);
}

/** A sale as the POS's batch detail (交易明细) lists it. */
export interface PosBatchLine {
	referenceNo: string;
	amountFen: number;
	state: 'approved' | 'voided' | 'reversed';
}

/** What the POS holds per reference, for posDifferences: a sale's amount, 0 once voided (the void offsets it) or reversed (it never happened). */
export function posNetByReference(sales: readonly PosBatchLine[]): Map<string, number> {
	return new Map(sales.map((s) => [s.referenceNo, s.state === 'approved' ? s.amountFen : 0]));
}

/** A card row of the ledger as the reconciliation reads it: a sale (+) or its reversal (−), by the POS reference. */
export interface LedgerCardLine {
	reference: string | null;
	amountFen: number;
}

/**
 * The POS's batch against the ledger's card rows: the POS's own counts (a voided sale is a sale
 * and a void, as the bank settles it; a reversed one never happened), the ledger's, and each
 * reference where they disagree.
 */
export function reconcilePos(batchNo: string, sales: readonly PosBatchLine[], ledger: readonly LedgerCardLine[]): PosReconciliation {
	const sold = sales.filter((s) => s.state !== 'reversed');
	const voided = sales.filter((s) => s.state === 'voided');
	const byReference = new Map<string, number>();
	for (const r of ledger) if (r.reference) byReference.set(r.reference, (byReference.get(r.reference) ?? 0) + r.amountFen);
	return {
		batchNo,
		posSaleCount: sold.length,
		posSaleFen: sold.reduce((s, x) => s + x.amountFen, 0),
		posVoidCount: voided.length,
		posVoidFen: voided.reduce((s, x) => s + x.amountFen, 0),
		ledgerSaleCount: ledger.filter((r) => r.amountFen > 0).length,
		ledgerNetFen: ledger.reduce((s, r) => s + r.amountFen, 0),
		differences: posDifferences(posNetByReference(sales), byReference)
	};
}
