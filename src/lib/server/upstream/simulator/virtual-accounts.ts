import type { Db } from '../../db/open-database';
import { checkResidentId, residentCoverageYear } from '../../../domain';
import { COLLECTOR_ITEMS, COVERAGE_ITEM, type CollectorItemCode, type PersonFacts } from '../../../domain/collector-list';
import type { UpstreamOperation } from '../operations';
import type { BatchRowCode, CollectorBatchRecord, CollectorBatchRow, CollectorBatchSettlement, CoreTax, VirtualAccount } from '../types';
import type { CallRunner } from './calls';
import { paidYearCode, type Ledger, type Queries } from './ledger';
import { refuse, requireDate, requireDeclarationPeriod, requireFen, requireText } from './requests';
import { TEXT } from './texts';
import { nextDeclarationNos, nextVoucherNos } from './vouchers';

// Collectors' virtual accounts (虚拟户) and their batches (集中代收): a batch of a whole village is
// settled in one transaction, so every query here takes all the people at once (json_each of the
// ids: one query per table, whatever the batch's size) and every insert is prepared once.

const ITEM_CODES: readonly CollectorItemCode[] = Object.values(COLLECTOR_ITEMS);
const ITEMS_SQL = ITEM_CODES.map((c) => `'${c}'`).join(', ');
/** Rows of a batch checked together against their people's facts. */
const CHECK_PART = 5_000;

interface AccountRow {
	virtual_account_no: string;
	collector_id_number: string;
	collector_name: string;
	county: string;
	balance_fen: number;
	opened_on: string;
}

interface PayerFactRow {
	id: number;
	id_number: string;
	name: string;
	tax_office: string;
}

const toAccount = (r: AccountRow): VirtualAccount => ({
	virtualAccountNo: r.virtual_account_no,
	collectorIdNumber: r.collector_id_number,
	collectorName: r.collector_name,
	county: r.county,
	balanceFen: r.balance_fen,
	openedOn: r.opened_on
});

/** The day's next number of a kind: `prefix` + the day + a 6-digit serial of that day. */
function daySerial(db: Db, table: string, column: string, prefix: string, today: string): string {
	const start = prefix + today.replaceAll('-', '');
	const last = db
		.prepare<[string, string], { no: string }>(`SELECT max(${column}) AS no FROM ${table} WHERE ${column} > ? AND ${column} < ?`)
		.get(start, `${start}:`);
	return start + String((last?.no ? Number(last.no.slice(start.length)) : 0) + 1).padStart(6, '0');
}

export type VirtualAccountCalls = Pick<
	CoreTax,
	'openVirtualAccount' | 'virtualAccount' | 'personFacts' | 'depositToVirtualAccount' | 'settleCollectorBatch' | 'collectorBatchRecords'
>;

export function simulatedVirtualAccounts(db: Db, q: Queries, book: Ledger, run: CallRunner): VirtualAccountCalls {
	const account = db.prepare<[string], AccountRow>('SELECT * FROM virtual_accounts WHERE virtual_account_no = ?');
	const accountOf = db.prepare<[string], AccountRow>('SELECT * FROM virtual_accounts WHERE collector_id_number = ?');
	const lastAccount = db.prepare<[], { no: string | null }>('SELECT max(virtual_account_no) AS no FROM virtual_accounts');
	const insertAccount = db.prepare<[string, string, string, string, string, string]>(
		`INSERT INTO virtual_accounts (virtual_account_no, collector_id_number, collector_name, village, county, opened_on) VALUES (?, ?, ?, ?, ?, ?)`
	);
	const credit = db.prepare<[number, string]>('UPDATE virtual_accounts SET balance_fen = balance_fen + ? WHERE virtual_account_no = ?');
	const insertDeposit = db.prepare<[string, string, number, string, string]>(
		`INSERT INTO virtual_account_deposits (deposit_no, virtual_account_no, amount_fen, channel, deposited_on) VALUES (?, ?, ?, ?, ?)`
	);

	const payersByIdNumber = db.prepare<[string], PayerFactRow>(
		`SELECT id, id_number, name, tax_office FROM payers WHERE id_number IN (SELECT value FROM json_each(?))`
	);
	const payersById = db.prepare<[string], PayerFactRow>(
		`SELECT id, id_number, name, tax_office FROM payers WHERE id_number IS NOT NULL AND id IN (SELECT value FROM json_each(?))`
	);
	const registrations = db.prepare<[string], { payerId: number; name: string; itemCode: CollectorItemCode; open: 0 | 1 }>(
		`SELECT l.payer_id AS payerId, r.payer_name AS name, i.item_code AS itemCode, r.status = 'active' AND r.pending_change IS NULL AS open
		 FROM registration_links l
		 JOIN agency_registrations r ON r.id = l.registration_id
		 JOIN agency_registration_items i ON i.registration_id = r.id
		 WHERE l.payer_id IN (SELECT value FROM json_each(?)) AND i.item_code IN (${ITEMS_SQL})`
	);
	// Regular yearly lines (no assessed due behind them) paid, or with money in flight at a window, from `from` on.
	const paidLines = db.prepare<[string, string], { payerId: number; itemCode: CollectorItemCode; year: number; tier: number | null }>(
		`SELECT dc.payer_id AS payerId, dl.item_code AS itemCode, CAST(substr(dl.period_from, 1, 4) AS INTEGER) AS year, dl.tier
		 FROM declarations dc JOIN declaration_lines dl ON dl.declaration_id = dc.id
		 WHERE dc.payer_id IN (SELECT value FROM json_each(?)) AND dl.due_id IS NULL AND dl.item_code IN (${ITEMS_SQL})
		   AND dl.period_from >= ?
		   AND (dc.status = 'paid' OR EXISTS (SELECT 1 FROM declaration_claims c WHERE c.declaration_id = dc.id AND c.money_in_flight = 1))`
	);

	const debit = db.prepare<[number, string, number]>(
		'UPDATE virtual_accounts SET balance_fen = balance_fen - ? WHERE virtual_account_no = ? AND balance_fen >= ?'
	);
	const insertBatch = db.prepare<[string, string, string, number, number]>(
		'INSERT INTO collector_batches (batch_voucher_no, virtual_account_no, settled_on, row_count, total_fen) VALUES (?, ?, ?, ?, ?)'
	);
	const insertDeclaration = db.prepare<[string, number, string, string]>(
		`INSERT INTO declarations (declaration_no, payer_id, declared_on, status, idempotency_key) VALUES (?, ?, ?, 'paid', ?)`
	);
	const insertLine = db.prepare<[number, string, string, string, number | null, number]>(
		`INSERT INTO declaration_lines (declaration_id, line_no, due_id, item_code, period_from, period_to, tier, amount_fen) VALUES (?, 1, NULL, ?, ?, ?, ?, ?)`
	);
	const insertPayment = db.prepare<[number, number, string, string, string, string]>(
		`INSERT INTO payments (declaration_id, channel, amount_fen, paid_on, voucher_no, idempotency_key, details) VALUES (?, 'virtual_account', ?, ?, ?, ?, ?)`
	);
	const insertBatchPayment = db.prepare<[string, number, number]>('INSERT INTO collector_batch_payments (batch_voucher_no, row, payment_id) VALUES (?, ?, ?)');
	const batchRecords = db.prepare<[string], CollectorBatchRecord>(
		`SELECT bp.row, d.payer_id AS payerId, d.declaration_no AS declarationNo, p.voucher_no AS voucherNo
		 FROM collector_batch_payments bp JOIN payments p ON p.id = bp.payment_id JOIN declarations d ON d.id = p.declaration_id
		 WHERE bp.batch_voucher_no = ? ORDER BY bp.payment_id`
	);

	function requireAccount(op: UpstreamOperation, no: unknown): AccountRow {
		const text = requireText(op, '虚拟户账号', no);
		return account.get(text) ?? refuse(op, 'VIRTUAL_ACCOUNT_NOT_FOUND', TEXT.virtualAccountNotFound(text), { virtualAccountNo: text });
	}

	/**
	 * Facts of these payers by payer id: three queries, whatever their number. The rows are walked, not
	 * gathered (a village is 100,000 people), and each list is grown to its exact length, as an array
	 * pushed to from empty reserves room for sixteen.
	 */
	function factsOf(payers: Iterable<PayerFactRow>, fromYear: number): Map<number, PersonFacts> {
		const facts = new Map<number, PersonFacts>();
		for (const p of payers) facts.set(p.id, { payerId: p.id, idNumber: p.id_number, names: [p.name], registeredItems: [], paid: [] });
		const ids = JSON.stringify([...facts.keys()]);
		for (const r of registrations.iterate(ids)) {
			const f = facts.get(r.payerId)!;
			if (!f.names.includes(r.name)) f.names = [...f.names, r.name];
			if (r.open && !f.registeredItems.includes(r.itemCode)) f.registeredItems = [...f.registeredItems, r.itemCode];
		}
		for (const r of paidLines.iterate(ids, `${fromYear}-01-01`)) {
			const f = facts.get(r.payerId)!;
			f.paid = [...f.paid, { itemCode: r.itemCode, year: r.year, tier: r.tier }];
		}
		return facts;
	}

	/** The year's amounts by item, year and tier (0 for the items without tiers), for the years asked. */
	function amounts(years: Iterable<number>): Map<string, number> {
		const table = new Map<string, number>();
		for (const year of years) for (const a of q.yearlyAmounts(year)) table.set(`${a.item.code}|${a.year}|${a.tier}`, a.amountFen);
		return table;
	}

	function requireRows(op: UpstreamOperation, rows: unknown): CollectorBatchRow[] {
		if (!Array.isArray(rows) || rows.length === 0) return refuse(op, 'INVALID_REQUEST', TEXT.batchEmpty);
		const seen = new Set<number>();
		for (const r of rows as CollectorBatchRow[]) {
			const row = r?.row;
			if (!Number.isSafeInteger(row) || row < 1) refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('代收清单的行号应为正整数'));
			if (seen.has(row)) refuse(op, 'INVALID_REQUEST', TEXT.batchRowTwice(row), { row });
			seen.add(row);
			const bad = (what: string) => refuse(op, 'INVALID_REQUEST', TEXT.batchRowInvalid(row, what), { row });
			if (!Number.isSafeInteger(r.payerId)) bad('缴费人编号');
			if (!ITEM_CODES.includes(r.itemCode)) bad('险种');
			if (r.tier !== null && !Number.isSafeInteger(r.tier)) bad('缴费档次');
			if (!Number.isSafeInteger(r.year)) bad('所属年度');
			if (!Number.isSafeInteger(r.amountFen) || r.amountFen <= 0) bad('金额');
		}
		return rows as CollectorBatchRow[];
	}

	/**
	 * Why each row cannot be paid, in the rows' order; the batch's own earlier rows count as paid,
	 * so the same person's item twice, or the pension at two tiers, is refused as a window would.
	 * The rows are checked in parts of CHECK_PART, each with the facts of its own people: a
	 * village's facts are never all held at once, only what the batch itself has paid so far.
	 */
	function rowProblems(
		rows: CollectorBatchRow[],
		factsFor: (payerIds: number[]) => Map<number, PersonFacts>,
		table: Map<string, number>,
		today: string,
		balanceFen: number
	) {
		const paid = new Map<string, number | null>();
		const problems: { row: number; code: BatchRowCode }[] = [];
		let totalFen = 0;
		let facts: Map<number, PersonFacts>;
		for (let start = 0; start < rows.length; start += CHECK_PART) {
			const part = rows.slice(start, start + CHECK_PART);
			facts = factsFor([...new Set(part.map((r) => r.payerId))]);
			// A person met in an earlier part has their paid years in already, with the batch's own rows.
			for (const f of facts.values())
				for (const p of f.paid) {
					const key = `${f.payerId}|${p.itemCode}|${p.year}`;
					if (!paid.has(key)) paid.set(key, p.tier);
				}
			for (const r of part) {
				const code = problemOf(r);
				if (code) problems.push({ row: r.row, code });
				else if ((totalFen += r.amountFen) > balanceFen) problems.push({ row: r.row, code: 'INSUFFICIENT_BALANCE' });
			}
		}
		return problems;

		function problemOf(r: CollectorBatchRow): BatchRowCode | null {
			if (!facts.get(r.payerId)?.registeredItems.includes(r.itemCode)) return 'NOT_REGISTERED';
			if (r.year !== residentCoverageYear(COVERAGE_ITEM[r.itemCode], today)) return 'WRONG_YEAR';
			// The pension at a tier of the table (1, 2, …); the other items have one amount (tier 0 in the table) and no tier.
			const tier = r.itemCode === 'R_PENSION' ? (r.tier !== null && r.tier > 0 ? r.tier : null) : r.tier === null ? 0 : null;
			const amountFen = tier === null ? undefined : table.get(`${r.itemCode}|${r.year}|${tier}`);
			if (amountFen === undefined) return 'UNKNOWN_TIER';
			if (amountFen !== r.amountFen) return 'AMOUNT_MISMATCH';
			const key = `${r.payerId}|${r.itemCode}|${r.year}`;
			if (paid.has(key)) return paidYearCode(r.tier, paid.get(key)!);
			paid.set(key, r.tier);
			return null;
		}
	}

	return {
		openVirtualAccount({ key, ...request }) {
			const op = 'coreTax.openVirtualAccount';
			return run.write(op, key, request, () => {
				const today = book.requireToday(op, '开户日期', request.today);
				const idNumber = requireText(op, '代办员身份证号码', request.collectorIdNumber);
				const checked = checkResidentId(idNumber, { today });
				if (!checked.ok) refuse(op, 'INVALID_REQUEST', TEXT.collectorIdInvalid(checked.reason));
				const name = requireText(op, '代办员姓名', request.collectorName);
				const existing = accountOf.get(idNumber);
				if (existing)
					refuse(op, 'VIRTUAL_ACCOUNT_EXISTS', TEXT.virtualAccountExists(name, existing.virtual_account_no), { virtualAccountNo: existing.virtual_account_no });
				const last = lastAccount.get()?.no;
				const no = `XNH${String((last ? Number(last.slice(3)) : 0) + 1).padStart(10, '0')}`;
				insertAccount.run(no, idNumber, name, requireText(op, '村（社区）', request.village), requireText(op, '县（区）', request.county), today);
				return toAccount(account.get(no)!);
			});
		},

		virtualAccount: (no) =>
			run.read('coreTax.virtualAccount', () => {
				const r = account.get(no);
				return r ? toAccount(r) : null;
			}),

		personFacts(request) {
			const op = 'coreTax.personFacts';
			return run.read(op, () => {
				const today = requireDate(op, '日期', request.today);
				if (!Array.isArray(request.idNumbers)) refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('身份证号码应为列表'));
				const facts = factsOf(payersByIdNumber.iterate(JSON.stringify([...new Set(request.idNumbers)])), Number(today.slice(0, 4)));
				// Re-keyed in place: the facts by payer id are let go as the map by ID number fills.
				const byIdNumber = new Map<string, PersonFacts>();
				for (const f of facts.values()) byIdNumber.set(f.idNumber, f);
				return byIdNumber;
			});
		},

		depositToVirtualAccount({ key, ...request }) {
			const op = 'coreTax.depositToVirtualAccount';
			return run.write(op, key, request, () => {
				const today = book.requireToday(op, '存入日期', request.today);
				const amountFen = requireFen(op, '存入金额', request.amountFen);
				if (request.channel !== 'cash' && request.channel !== 'pos') refuse(op, 'INVALID_REQUEST', TEXT.depositChannel);
				const a = requireAccount(op, request.virtualAccountNo);
				const depositNo = daySerial(db, 'virtual_account_deposits', 'deposit_no', 'CR', today);
				insertDeposit.run(depositNo, a.virtual_account_no, amountFen, request.channel, today);
				credit.run(amountFen, a.virtual_account_no);
				return { depositNo, balanceFen: account.get(a.virtual_account_no)!.balance_fen };
			});
		},

		settleCollectorBatch({ key, ...request }) {
			const op = 'coreTax.settleCollectorBatch';
			return run.write(op, key, request, (): CollectorBatchSettlement => {
				const today = book.requireToday(op, '缴款日期', request.today);
				requireDeclarationPeriod(op, today);
				const a = requireAccount(op, request.virtualAccountNo);
				const rows = requireRows(op, request.rows);
				const thisYear = Number(today.slice(0, 4));
				// The payers are walked, not gathered: their offices are all the numbering below needs of them.
				const office = new Map<number, string>();
				const factsFor = (payerIds: number[]) =>
					factsOf(
						(function* () {
							for (const p of payersById.iterate(JSON.stringify(payerIds))) {
								office.set(p.id, p.tax_office);
								yield p;
							}
						})(),
						thisYear
					);
				const problems = rowProblems(rows, factsFor, amounts([thisYear, thisYear + 1]), today, a.balance_fen);
				if (problems.length > 0) refuse(op, 'BATCH_REFUSED', TEXT.batchRefused(problems.length, rows.length), { rows: problems });

				const totalFen = rows.reduce((s, r) => s + r.amountFen, 0);
				const batchVoucherNo = daySerial(db, 'collector_batches', 'batch_voucher_no', 'DS', today);
				insertBatch.run(batchVoucherNo, a.virtual_account_no, today, rows.length, totalFen);
				if (debit.run(totalFen, a.virtual_account_no, totalFen).changes !== 1) throw new Error(`virtual account ${a.virtual_account_no} went short`);

				// Numbers for the whole batch at once: declarations of the day, vouchers per tax office and year.
				const declarationNos = nextDeclarationNos(db, today, rows.length);
				const perOffice = new Map<string, number>();
				for (const r of rows) perOffice.set(office.get(r.payerId)!, (perOffice.get(office.get(r.payerId)!) ?? 0) + 1);
				const vouchers = new Map([...perOffice].map(([code, n]) => [code, nextVoucherNos(db, code, thisYear, n).values()]));
				const details = JSON.stringify({ virtualAccountNo: a.virtual_account_no, batchVoucherNo });

				rows.forEach((r, i) => {
					const rowKey = `${key}#${r.row}`;
					const declarationId = Number(insertDeclaration.run(declarationNos[i], r.payerId, today, rowKey).lastInsertRowid);
					insertLine.run(declarationId, r.itemCode, `${r.year}-01-01`, `${r.year}-12-31`, r.tier, r.amountFen);
					const voucherNo = vouchers.get(office.get(r.payerId)!)!.next().value!;
					const paymentId = Number(insertPayment.run(declarationId, r.amountFen, today, voucherNo, rowKey, details).lastInsertRowid);
					insertBatchPayment.run(batchVoucherNo, r.row, paymentId);
				});
				return { batchVoucherNo, settledOn: today, rowCount: rows.length, totalFen };
			});
		},

		collectorBatchRecords: (batchVoucherNo) => run.read('coreTax.collectorBatchRecords', () => batchRecords.all(batchVoucherNo))
	};
}
