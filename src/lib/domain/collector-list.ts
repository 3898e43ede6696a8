import type { IsoDate } from './dates';
import type { Fen } from './money';

// A collector's (代办员) list of a village (guide ch. 3, 二.2 集中代收): the shared contract of issue 10.
// The row checker (checkListRows) is task L's (branch issue10-lists), whose file replaces this one.

export const COLLECTOR_LIST_HEADER = ['身份证号码', '姓名', '险种', '缴费档次', '金额', '收款日期'] as const;

/** The three items a collector collects, by the name the list uses. */
export const COLLECTOR_ITEMS = { 城乡居民基本养老保险: 'R_PENSION', 城乡居民补充养老保险: 'R_SUPP_PENSION', 城乡居民基本医疗保险: 'R_MEDICAL' } as const;
export type CollectorItemCode = (typeof COLLECTOR_ITEMS)[keyof typeof COLLECTOR_ITEMS];

/** One data row as read from the file (all text, trimmed); `row` counts data rows from 1. */
export interface ListRow {
	row: number;
	idNumber: string;
	name: string;
	item: string;
	tier: string;
	amount: string;
	collectedOn: string;
}

export type RowCode =
	| 'ID_INVALID'
	| 'NOT_REGISTERED'
	| 'NAME_MISMATCH'
	| 'ITEM_UNKNOWN'
	| 'TIER_INVALID'
	| 'AMOUNT_MISMATCH'
	| 'DUPLICATE_IN_FILE'
	| 'ALREADY_PAID'
	| 'TIER_LOCKED'
	| 'MISSING_FIELD'
	| 'DATE_INVALID';

/** A good row, ready to pay: coverage year by residentCoverageYear(item, today) (pension/supp this year, medical next). */
export interface GoodRow {
	row: number;
	idNumber: string;
	name: string;
	payerId: number;
	itemCode: CollectorItemCode;
	tier: number | null;
	amountFen: Fen;
	collectedOn: IsoDate;
	year: number;
}

export type CheckedRow = ({ ok: true } & GoodRow) | { ok: false; row: number; code: RowCode; reason: string; source: ListRow };

/** What the upstream knows of one person, as the checker needs it (task V provides it in bulk). */
export interface PersonFacts {
	payerId: number;
	idNumber: string;
	/** The name of the tax registration and the agencies' names (a row's name must equal them). */
	names: string[];
	/** Items of the person's active, linked registrations without a pending change. */
	registeredItems: CollectorItemCode[];
	/** What is paid (or declared and being paid): by item and coverage year, with the tier. */
	paid: { itemCode: CollectorItemCode; year: number; tier: number | null }[];
}

/** The year's tables: pension tiers (tier number → yearly amount) and the fixed amounts of the others, by coverage year. */
export interface YearTables {
	tiers(itemCode: CollectorItemCode, year: number): { tier: number; amountFen: Fen }[];
}
