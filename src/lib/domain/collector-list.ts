import { formatIsoDate, isRealDate, type IsoDate } from './dates';
import { MoneyParseError, formatYuan, parseYuan, type Fen } from './money';
import { checkResidentId, normalizeResidentId } from './resident-id';
import { pensionTierLabel, residentCoverageYear, type ResidentRegularItem } from './resident-coverage';

// A collector's (代办员) list of a village: one row per resident and item, checked row by row before
// anything is paid (guide ch. 3, 二.2 集中代收). Pure: what the upstream knows comes in as `facts`.

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

const ITEM_NAMES = Object.keys(COLLECTOR_ITEMS) as (keyof typeof COLLECTOR_ITEMS)[];
const ITEM_NAME = Object.fromEntries(ITEM_NAMES.map((name) => [COLLECTOR_ITEMS[name], name])) as Record<CollectorItemCode, string>;

/** The name a list uses for an item ('城乡居民基本养老保险' for R_PENSION). */
export function collectorItemName(code: CollectorItemCode): string {
	return ITEM_NAME[code];
}

/** Which regular item's coverage rule an item follows (residentCoverageYear: pension this year, medical next). */
export const COVERAGE_ITEM: Record<CollectorItemCode, ResidentRegularItem> = {
	R_PENSION: 'pension',
	R_SUPP_PENSION: 'supplementary_pension',
	R_MEDICAL: 'medical'
};
/** Only the basic pension has tiers to choose from; the others have one amount a year (tier 0). */
const HAS_TIERS: Record<CollectorItemCode, boolean> = { R_PENSION: true, R_SUPP_PENSION: false, R_MEDICAL: false };

const REASONS = {
	missing: (columns: string[]) => `缺少${columns.map((c) => `“${c}”`).join('、')}，请填写`,
	idInvalid: (text: string, reason: string) => `身份证号码“${text}”有误：${reason}`,
	itemUnknown: (text: string) => `险种“${text}”不是代收的险种，应为${ITEM_NAMES.join('、')}之一`,
	duplicate: (first: number, item: string) => `与第${first}行重复：同一人的${item}在名单中只能出现一次`,
	dateInvalid: (text: string) => `收款日期“${text}”不是有效日期，应写作如2026-11-20`,
	dateFuture: (date: IsoDate, today: IsoDate) => `收款日期${date}晚于今天（${today}），请核对`,
	notRegistered: (id: string) => `身份证号码${id}没有城乡居民参保登记信息，请先到社保、医保经办机构登记`,
	itemNotRegistered: (name: string, item: string) => `${name}没有${item}的有效参保登记（未登记、未关联或正在变更），请先到经办机构办理`,
	nameMismatch: (name: string) => `姓名“${name}”与该身份证号码登记的姓名不一致，请核对`,
	noTable: (year: number, item: string) => `${year}年度${item}的缴费标准尚未公布，暂不能缴费`,
	tierNotTiered: (item: string, text: string) => `${item}没有缴费档次，“缴费档次”应留空，当前为“${text}”`,
	tierUnknown: (text: string, year: number, labels: string[]) => `缴费档次“${text}”不是${year}年度城乡居民基本养老保险的档次，可选：${labels.join('、')}`,
	amountUnreadable: (text: string, reason: string) => `金额“${text}”无法识别：${reason}`,
	amountMismatch: (fen: Fen, year: number, item: string, standardFen: Fen) =>
		`金额${formatYuan(fen)}元与${year}年度${item}的标准${formatYuan(standardFen)}元不一致`,
	alreadyPaid: (name: string, year: number, item: string) => `${name}${year}年度的${item}已缴费（或已申报正在缴费），不能重复缴费`,
	tierLocked: (name: string, year: number, paid: string, chosen: string) =>
		`${name}${year}年度的城乡居民基本养老保险已按${paid}档次缴费，缴费后本年度不再调整档次，不能按${chosen}缴费`
} as const;

// Dates as collectors write them: 2026-11-20, 2026/11/20 (what Excel in China saves), 2026.11.20, 2026年11月20日.
const LIST_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

function listDate(text: string): IsoDate | null {
	const m = LIST_DATE.exec(text);
	if (!m) return null;
	const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
	return isRealDate(parts.year, parts.month, parts.day) ? formatIsoDate(parts) : null;
}

/** An amount in yuan as fen, or why it cannot be read. */
function yuanOrReason(text: string): Fen | string {
	try {
		return parseYuan(text);
	} catch (e) {
		if (e instanceof MoneyParseError) return e.message;
		throw e;
	}
}

/** 缴费档次 as the tier table lists it ('300'), also as the window names it ('每年300元'); null when unreadable. */
function tierAmount(text: string): Fen | null {
	const fen = yuanOrReason(text.replace(/^每年/, '').replace(/元$/, ''));
	return typeof fen === 'number' ? fen : null;
}

/** A list repeats the same few amounts and dates thousands of times: each distinct text is read once. */
function memo<T>(read: (text: string) => T): (text: string) => T {
	const seen = new Map<string, T>();
	return (text) => {
		if (seen.has(text)) return seen.get(text) as T;
		const value = read(text);
		seen.set(text, value);
		return value;
	};
}

interface ItemYear {
	/** The coverage year a payment today is for. */
	year: number;
	/** Tier number by yearly amount. */
	byAmount: Map<Fen, number>;
	/** Yearly amount by tier number. */
	byTier: Map<number, Fen>;
	labels: string[];
}

interface Context {
	facts: ReadonlyMap<string, PersonFacts>;
	today: IsoDate;
	items: Record<CollectorItemCode, ItemYear>;
	firstRowOf: Map<string, number>;
	readDate: (text: string) => IsoDate | null;
	readTier: (text: string) => Fen | null;
	readAmount: (text: string) => Fen | string;
}

/** Checks every row, pure: `facts` by normalised ID number. Order kept; duplicates: the 2nd and later of the same ID and item. */
export function checkListRows(rows: ListRow[], facts: ReadonlyMap<string, PersonFacts>, tables: YearTables, today: IsoDate): CheckedRow[] {
	// Linear in the rows: each item's table is read once, the people and the duplicates by map, each distinct text once.
	const itemYear = (itemCode: CollectorItemCode): ItemYear => {
		const year = residentCoverageYear(COVERAGE_ITEM[itemCode], today);
		const tiers = [...tables.tiers(itemCode, year)].sort((a, b) => a.amountFen - b.amountFen);
		return {
			year,
			byAmount: new Map(tiers.map((t) => [t.amountFen, t.tier])),
			byTier: new Map(tiers.map((t) => [t.tier, t.amountFen])),
			labels: tiers.map((t) => pensionTierLabel(t.amountFen))
		};
	};
	const context: Context = {
		facts,
		today,
		items: { R_PENSION: itemYear('R_PENSION'), R_SUPP_PENSION: itemYear('R_SUPP_PENSION'), R_MEDICAL: itemYear('R_MEDICAL') },
		firstRowOf: new Map(),
		readDate: memo(listDate),
		readTier: memo(tierAmount),
		readAmount: memo(yuanOrReason)
	};
	const checked: CheckedRow[] = new Array(rows.length);
	for (let i = 0; i < rows.length; i++) {
		const source = rows[i];
		const result = checkRow(source, context);
		checked[i] = 'code' in result ? { ok: false, row: source.row, code: result.code, reason: result.reason, source } : result;
	}
	return checked;
}

function missingColumns(source: ListRow, itemCode: CollectorItemCode | undefined): string[] | null {
	if (source.idNumber && source.name && source.item && source.amount && source.collectedOn && (source.tier || !itemCode || !HAS_TIERS[itemCode])) return null;
	const [id, name, item, tier, amount, date] = COLLECTOR_LIST_HEADER;
	const missing: string[] = [];
	if (!source.idNumber) missing.push(id);
	if (!source.name) missing.push(name);
	if (!source.item) missing.push(item);
	if (!source.tier && itemCode && HAS_TIERS[itemCode]) missing.push(tier);
	if (!source.amount) missing.push(amount);
	if (!source.collectedOn) missing.push(date);
	return missing;
}

/** Whether a name is the same person's name as every one of `names` (spaces typed in between do not count). */
export function sameName(name: string, names: readonly string[]): boolean {
	const compact = name.replace(/\s+/g, '');
	for (const n of names) if (n.replace(/\s+/g, '') !== compact) return false;
	return true;
}

function checkRow(source: ListRow, c: Context): ({ ok: true } & GoodRow) | { code: RowCode; reason: string } {
	const bad = (code: RowCode, reason: string) => ({ code, reason });
	const idNumber = normalizeResidentId(source.idNumber);
	const idCheck = checkResidentId(idNumber, { today: c.today });
	const itemCode: CollectorItemCode | undefined = Object.hasOwn(COLLECTOR_ITEMS, source.item)
		? COLLECTOR_ITEMS[source.item as keyof typeof COLLECTOR_ITEMS]
		: undefined;
	// Any row naming a valid ID and item claims the pair, so a later row with the pair is the duplicate even if this one is bad.
	let firstRow: number | undefined;
	if (idCheck.ok && itemCode) {
		const key = `${idNumber}:${itemCode}`;
		firstRow = c.firstRowOf.get(key);
		if (firstRow === undefined) c.firstRowOf.set(key, source.row);
	}

	const missing = missingColumns(source, itemCode);
	if (missing) return bad('MISSING_FIELD', REASONS.missing(missing));
	if (!idCheck.ok) return bad('ID_INVALID', REASONS.idInvalid(source.idNumber, idCheck.reason));
	if (!itemCode) return bad('ITEM_UNKNOWN', REASONS.itemUnknown(source.item));
	const itemName = ITEM_NAME[itemCode];
	if (firstRow !== undefined) return bad('DUPLICATE_IN_FILE', REASONS.duplicate(firstRow, itemName));

	const collectedOn = c.readDate(source.collectedOn);
	if (!collectedOn) return bad('DATE_INVALID', REASONS.dateInvalid(source.collectedOn));
	if (collectedOn > c.today) return bad('DATE_INVALID', REASONS.dateFuture(collectedOn, c.today));

	const person = c.facts.get(idNumber);
	if (!person) return bad('NOT_REGISTERED', REASONS.notRegistered(idNumber));
	if (!person.registeredItems.includes(itemCode)) return bad('NOT_REGISTERED', REASONS.itemNotRegistered(source.name, itemName));
	if (!sameName(source.name, person.names)) return bad('NAME_MISMATCH', REASONS.nameMismatch(source.name));

	const table = c.items[itemCode];
	const year = table.year;
	if (table.byTier.size === 0) return bad('TIER_INVALID', REASONS.noTable(year, itemName));
	let tier: number | null = null;
	let standardFen: Fen | undefined;
	if (HAS_TIERS[itemCode]) {
		const chosenFen = c.readTier(source.tier);
		const found = chosenFen === null ? undefined : table.byAmount.get(chosenFen);
		if (found === undefined) return bad('TIER_INVALID', REASONS.tierUnknown(source.tier, year, table.labels));
		tier = found;
		standardFen = table.byTier.get(found);
	} else {
		if (source.tier !== '') return bad('TIER_INVALID', REASONS.tierNotTiered(itemName, source.tier));
		standardFen = table.byTier.get(0);
	}
	if (standardFen === undefined) return bad('TIER_INVALID', REASONS.noTable(year, itemName));

	const amountFen = c.readAmount(source.amount);
	if (typeof amountFen === 'string') return bad('AMOUNT_MISMATCH', REASONS.amountUnreadable(source.amount, amountFen));
	if (amountFen !== standardFen) return bad('AMOUNT_MISMATCH', REASONS.amountMismatch(amountFen, year, itemName, standardFen));

	for (const p of person.paid) {
		if (p.itemCode !== itemCode || p.year !== year) continue;
		if (!HAS_TIERS[itemCode] || p.tier === tier) return bad('ALREADY_PAID', REASONS.alreadyPaid(source.name, year, itemName));
		const paidFen = p.tier === null ? undefined : table.byTier.get(p.tier);
		return bad('TIER_LOCKED', REASONS.tierLocked(source.name, year, paidFen === undefined ? '其他' : pensionTierLabel(paidFen), pensionTierLabel(standardFen)));
	}

	return { ok: true, row: source.row, idNumber, name: source.name, payerId: person.payerId, itemCode, tier, amountFen, collectedOn, year };
}
