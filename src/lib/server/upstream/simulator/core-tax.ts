import type { Db } from '../../db/open-database';
import { CalendarDataMissingError, residentCoverageYear, type WorkCalendar } from '../../../domain';
import {
	CHANNEL_LABEL,
	isUnitKind,
	type AgencyRegistration,
	type AssessedDue,
	type FeeItemRef,
	type IndividualOptions,
	type IndividualSelection,
	type Payer,
	type PayerKind,
	type PaymentRecord
} from '../../../domain/payer';
import type { AwaitingBooking, CoreTaxBooking } from '../feed';
import type { UpstreamOperation } from '../operations';
import type { BankForm, CoreTax, DeclarationClaim, DirectPaymentChannel, ElectronicPayment, IndividualPayment } from '../types';
import type { CallRunner } from './calls';
import type { Ledger, Queries } from './ledger';
import { refuse, requireDate, requireDeclarationPeriod, requireFen, requireText } from './requests';
import { TEXT } from './texts';
import { nextDeclarationNos, nextVoucherNo } from './vouchers';
import type { VirtualAccountCalls } from './virtual-accounts';

const DIRECT_CHANNELS: readonly DirectPaymentChannel[] = ['pos', 'cash', 'virtual_account', 'online'];
/** 入库销号 of a unit's payment follows it by 3 to 5 working days; which one is fixed per voucher, so the simulation repeats. */
const BOOKING_WORKING_DAYS = [3, 4, 5];
const SELECTION_KEYS: readonly string[] = ['pensionTier', 'supplementary', 'medical', 'dueIds'] satisfies (keyof IndividualSelection)[];

/** A line about to be declared: from an assessed due, or a regular yearly item (dueId null). */
interface NewLine {
	dueId: number | null;
	item: FeeItemRef;
	periodFrom: string;
	periodTo: string;
	tier: number | null;
	amountFen: number;
}

const isIndividual = (kind: PayerKind) => !isUnitKind(kind);

/**
 * `individualBookingDays`: the working days after payment an individual's payment is booked
 * (the guide: 缴费完成的 3-5 个工作日后 the certificates can be issued).
 */
export function simulatedCoreTax(
	db: Db,
	q: Queries,
	book: Ledger,
	run: CallRunner,
	calendar: () => WorkCalendar,
	individualBookingDays: number
): Omit<CoreTax, keyof VirtualAccountCalls> & CoreTaxBooking {
	const dueLink = db.prepare<[number], { payer_id: number | null }>(
		`SELECT l.payer_id FROM assessed_dues d LEFT JOIN registration_links l ON l.registration_id = d.registration_id WHERE d.id = ?`
	);
	const insertDeclaration = db.prepare<[string, number, string, string]>(
		`INSERT INTO declarations (declaration_no, payer_id, declared_on, status, idempotency_key) VALUES (?, ?, ?, 'declared', ?)`
	);
	const insertLine = db.prepare<[number, number, number | null, string, string, string, number | null, number]>(
		`INSERT INTO declaration_lines (declaration_id, line_no, due_id, item_code, period_from, period_to, tier, amount_fen)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	);
	type UnbookedRow = { id: number; paid_on: string; voucher_no: string; kind: PayerKind; payer_id: number; payer_name: string };
	const UNBOOKED = `SELECT pm.id, pm.paid_on, pm.voucher_no, py.kind, py.id AS payer_id, py.name AS payer_name
		FROM payments pm JOIN declarations dc ON dc.id = pm.declaration_id JOIN payers py ON py.id = dc.payer_id
		WHERE pm.booked_on IS NULL`;
	const unbooked = db.prepare<[string], UnbookedRow>(`${UNBOOKED} AND pm.paid_on <= ? ORDER BY pm.paid_on, pm.id`);
	const allUnbooked = db.prepare<[], UnbookedRow>(`${UNBOOKED} ORDER BY pm.paid_on, pm.id`);
	const paidBetween = db.prepare<[number, string, string], PaymentRecord>(`
		SELECT pm.id, dc.declaration_no AS declarationNo, pm.channel, pm.amount_fen AS amountFen,
		       pm.paid_on AS paidOn, pm.booked_on AS bookedOn, pm.voucher_no AS voucherNo
		FROM payments pm JOIN declarations dc ON dc.id = pm.declaration_id
		WHERE dc.payer_id = ? AND pm.paid_on BETWEEN ? AND ?
		ORDER BY pm.paid_on, pm.id`);
	const setBooked = db.prepare<[string, number]>('UPDATE payments SET booked_on = ? WHERE id = ? AND booked_on IS NULL');
	const electronic = db.prepare<[number, string, string], PaymentRecord>(`
		SELECT pm.id, dc.declaration_no AS declarationNo, pm.channel, pm.amount_fen AS amountFen,
		       pm.paid_on AS paidOn, pm.booked_on AS bookedOn, pm.voucher_no AS voucherNo
		FROM payments pm JOIN declarations dc ON dc.id = pm.declaration_id
		WHERE dc.payer_id = ? AND pm.channel IN ('pos', 'agreement') AND pm.booked_on BETWEEN ? AND ?
		ORDER BY pm.booked_on, pm.id`);

	/** The day a payment is due to be booked; null while the calendar has no data for that year (it never guesses). */
	function bookingDueOn(p: { paid_on: string; voucher_no: string; kind: PayerKind }, workdays: WorkCalendar): string | null {
		const days = isIndividual(p.kind) ? individualBookingDays : BOOKING_WORKING_DAYS[Number(p.voucher_no.slice(-5)) % BOOKING_WORKING_DAYS.length];
		try {
			return workdays.addWorkingDays(p.paid_on, days);
		} catch (e) {
			if (e instanceof CalendarDataMissingError) return null;
			throw e;
		}
	}

	/** Open, assessed dues of this payer to declare, in period order; occupational annuity has its own flow. */
	function duesToDeclare(op: UpstreamOperation, payer: Payer, ids: number[]): AssessedDue[] {
		if (new Set(ids).size !== ids.length) refuse(op, 'INVALID_REQUEST', TEXT.duplicateDueInRequest);
		const dues = ids.map((id) => {
			const due = q.dueById(id);
			if (!due) return refuse(op, 'DUE_NOT_FOUND', TEXT.dueNotFound(id), { dueId: id });
			if (dueLink.get(id)?.payer_id !== payer.id) refuse(op, 'DUE_NOT_LINKED', TEXT.dueNotLinked(due.dueNo), { dueNo: due.dueNo });
			if (due.item.code === 'ANNUITY') refuse(op, 'ANNUITY_SEPARATE_FLOW', TEXT.annuitySeparate(due.dueNo), { dueNo: due.dueNo });
			if (due.state === 'declared') refuse(op, 'DUE_ALREADY_DECLARED', TEXT.dueAlreadyDeclared(due.dueNo), { dueNo: due.dueNo });
			if (due.state === 'paid') refuse(op, 'DUE_ALREADY_PAID', TEXT.dueAlreadyPaid(due.dueNo), { dueNo: due.dueNo });
			return due;
		});
		return dues.sort((a, b) => a.periodFrom.localeCompare(b.periodFrom) || a.item.code.localeCompare(b.item.code) || a.id - b.id);
	}

	function insertDeclarationWithLines(payerId: number, today: string, key: string, lines: NewLine[]) {
		const [declarationNo] = nextDeclarationNos(db, today, 1);
		const declarationId = Number(insertDeclaration.run(declarationNo, payerId, today, key).lastInsertRowid);
		lines.forEach((l, i) => insertLine.run(declarationId, i + 1, l.dueId, l.item.code, l.periodFrom, l.periodTo, l.tier, l.amountFen));
		return q.declarationByNo(declarationNo)!;
	}

	const dueLine = (d: AssessedDue): NewLine => ({
		dueId: d.id,
		item: d.item,
		periodFrom: d.periodFrom,
		periodTo: d.periodTo,
		tier: null,
		amountFen: d.amountFen
	});

	function individual(op: UpstreamOperation, payerId: number): Payer & { kind: IndividualOptions['kind'] } {
		const payer = q.payerById(payerId);
		if (!payer) return refuse(op, 'PAYER_NOT_FOUND', TEXT.payerNotFound(payerId));
		if (payer.kind !== 'resident' && payer.kind !== 'flexible') refuse(op, 'NOT_AN_INDIVIDUAL', TEXT.notAnIndividual(payer.name));
		return payer as Payer & { kind: IndividualOptions['kind'] };
	}

	/** The payer's linked, active agency record that registers this item, if any. */
	function registrationFor(payer: Payer, itemCode: string): { record: AgencyRegistration; item: FeeItemRef } | null {
		for (const record of q.registrationsFor(payer.identifier)) {
			const item = record.items.find((i) => i.code === itemCode);
			if (item && record.status === 'active' && record.link) return { record, item };
		}
		return null;
	}

	/** This year's pension tiers, or a regular item's one amount (tier 0), from the year's table. */
	const tableOf = (itemCode: string, year: number) => q.yearlyAmounts(year).filter((a) => a.item.code === itemCode);

	/** A regular resident item of one year as the options show it; null where not registered or no amount is set. */
	function yearlyItem(payer: Payer, itemCode: string, year: number) {
		const registered = registrationFor(payer, itemCode);
		const [amount] = tableOf(itemCode, year);
		if (!registered || !amount) return null;
		const paid = q.yearlyLine(payer.id, itemCode, `${year}-01-01`, 'paid') !== null;
		return { item: registered.item, year, amountFen: amount.amountFen, paid };
	}

	/** A regular yearly line to declare: registered, not being changed, in the year's table, not paid yet. */
	function regularLine(op: UpstreamOperation, payer: Payer, itemCode: string, year: number, tier: number | null): NewLine {
		const registered = registrationFor(payer, itemCode);
		if (!registered) return refuse(op, 'NOT_REGISTERED_FOR_ITEM', TEXT.notRegisteredForItem(q.feeItem(itemCode)?.name ?? itemCode), { item: itemCode });
		const { record, item } = registered;
		if (record.pendingChange) {
			refuse(op, 'REGISTRATION_CHANGE_PENDING', TEXT.registrationChangePending(record.agency, record.pendingChange), {
				agency: record.agency,
				pendingChange: record.pendingChange
			});
		}
		const table = tableOf(itemCode, year);
		if (table.length === 0) refuse(op, 'NO_YEARLY_AMOUNT', TEXT.noYearlyAmount(item.name, year), { item: itemCode, year });
		const row = tier === null ? table[0] : table.find((a) => a.tier === tier && a.tier > 0);
		if (!row) return refuse(op, 'UNKNOWN_TIER', TEXT.unknownTier(year), { tier, year });
		const line: NewLine = { dueId: null, item, periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, tier, amountFen: row.amountFen };
		book.requireYearNotPaid(op, payer.id, line);
		return line;
	}

	function requireSelection(op: UpstreamOperation, s: unknown): IndividualSelection {
		if (!s || typeof s !== 'object' || Array.isArray(s)) return refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('缺少缴费选择'));
		// No year, period or amount can be typed: earlier years and special groups come only from assessed dues.
		const extra = Object.keys(s).filter((k) => !SELECTION_KEYS.includes(k));
		if (extra.length > 0) refuse(op, 'INVALID_REQUEST', TEXT.onlyAssessedOtherwise, { fields: extra });
		const { pensionTier, supplementary, medical, dueIds } = s as IndividualSelection;
		if (pensionTier !== null && !Number.isSafeInteger(pensionTier)) refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('缴费档次应为档次表中的档次'));
		if (typeof supplementary !== 'boolean' || typeof medical !== 'boolean') refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('缴费选择不完整'));
		if (!Array.isArray(dueIds) || !dueIds.every((id) => Number.isSafeInteger(id))) refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('应缴信息编号不正确'));
		return { pensionTier, supplementary, medical, dueIds };
	}

	return {
		async findPayers(query, limit) {
			return run.read('coreTax.findPayers', () => {
				if (query.by === 'name') return q.payersByName(query.value, limit);
				const one = query.by === 'creditCode' ? q.payerByCreditCode(query.value) : q.payerByIdNumber(query.value);
				return one ? [one] : [];
			});
		},
		payer: (id) => run.read('coreTax.payer', () => q.payerById(id)),
		declarationsOf: (payerId) => run.read('coreTax.declarationsOf', () => q.declarationsOf(payerId)),
		paymentsOf: (payerId) => run.read('coreTax.paymentsOf', () => q.paymentsOf(payerId)),
		yearlyAmounts: (year) => run.read('coreTax.yearlyAmounts', () => q.yearlyAmounts(year)),
		declaration: (declarationNo) => run.read('coreTax.declaration', () => q.declarationByNo(declarationNo)),

		declare({ key, ...request }) {
			const op = 'coreTax.declare';
			return run.write(op, key, request, () => {
				const today = book.requireToday(op, '申报日期', request.today);
				requireDeclarationPeriod(op, today);
				const payer = q.payerById(request.payerId);
				if (!payer) return refuse(op, 'PAYER_NOT_FOUND', TEXT.payerNotFound(request.payerId));
				const ids = request.dueIds;
				if (!Array.isArray(ids) || ids.length === 0) refuse(op, 'INVALID_REQUEST', TEXT.noDues);
				return insertDeclarationWithLines(payer.id, today, key, duesToDeclare(op, payer, ids).map(dueLine));
			});
		},

		individualOptions(request) {
			const op = 'coreTax.individualOptions';
			return run.read(op, (): IndividualOptions => {
				const today = requireDate(op, '日期', request.today);
				const payer = individual(op, request.payerId);
				const year = residentCoverageYear('pension', today);
				const pensionRecord = registrationFor(payer, 'R_PENSION');
				const tiers = tableOf('R_PENSION', year)
					.filter((a) => a.tier > 0)
					.map((a) => ({ tier: a.tier, amountFen: a.amountFen }));
				const tierOf = (status: 'declared' | 'paid') => q.yearlyLine(payer.id, 'R_PENSION', `${year}-01-01`, status)?.tier ?? null;
				return {
					payerId: payer.id,
					kind: payer.kind,
					year,
					pension:
						pensionRecord && tiers.length > 0 ? { item: pensionRecord.item, year, tiers, paidTier: tierOf('paid'), declaredTier: tierOf('declared') } : null,
					supplementary: yearlyItem(payer, 'R_SUPP_PENSION', residentCoverageYear('supplementary_pension', today)),
					medical: yearlyItem(payer, 'R_MEDICAL', residentCoverageYear('medical', today)),
					dues: q.duesOf(payer.id).filter((d) => d.state === 'open' && d.item.code !== 'ANNUITY')
				};
			});
		},

		declareIndividual({ key, ...request }) {
			const op = 'coreTax.declareIndividual';
			return run.write(op, key, request, () => {
				const today = book.requireToday(op, '申报日期', request.today);
				requireDeclarationPeriod(op, today);
				const payer = individual(op, request.payerId);
				const s = requireSelection(op, request.selection);
				if (s.pensionTier === null && !s.supplementary && !s.medical && s.dueIds.length === 0) refuse(op, 'NOTHING_SELECTED', TEXT.nothingSelected);
				const lines: NewLine[] = [];
				if (s.pensionTier !== null) lines.push(regularLine(op, payer, 'R_PENSION', residentCoverageYear('pension', today), s.pensionTier));
				if (s.supplementary) lines.push(regularLine(op, payer, 'R_SUPP_PENSION', residentCoverageYear('supplementary_pension', today), null));
				if (s.medical) lines.push(regularLine(op, payer, 'R_MEDICAL', residentCoverageYear('medical', today), null));
				lines.push(...duesToDeclare(op, payer, s.dueIds).map(dueLine));
				return insertDeclarationWithLines(payer.id, today, key, lines);
			});
		},

		voidDeclaration({ key, ...request }) {
			const op = 'coreTax.voidDeclaration';
			return run.write(op, key, request, () => {
				const d = book.declarationToPay(op, request.declarationNo);
				book.claims.requireNotHeldByOther(op, d, request.claimKey);
				book.claims.clear(d);
				db.prepare(`UPDATE declarations SET status = 'voided' WHERE id = ?`).run(d.id);
				// A form out for it is void too: the bank must not take money for a voided declaration.
				db.prepare(`UPDATE bank_forms SET status = 'voided' WHERE declaration_id = ? AND status = 'issued'`).run(d.id);
				return q.declarationByNo(d.declarationNo)!;
			});
		},

		recordPayment({ key, ...request }) {
			const op = 'coreTax.recordPayment';
			return run.write(op, key, request, () => {
				if (!DIRECT_CHANNELS.includes(request.channel)) {
					const label = CHANNEL_LABEL[request.channel as keyof typeof CHANNEL_LABEL] ?? String(request.channel);
					refuse(op, 'CHANNEL_NOT_DIRECT', TEXT.channelNotDirect(label));
				}
				if (request.channel === 'pos' && !request.details?.pos) refuse(op, 'INVALID_REQUEST', TEXT.posSlipMissing);
				const amountFen = requireFen(op, '缴款金额', request.amountFen);
				const paidOn = book.requireToday(op, '缴款日期', request.paidOn);
				requireDeclarationPeriod(op, paidOn);
				const d = book.declarationToPay(op, request.declarationNo);
				book.claims.requireNotHeldByOther(op, d, request.claimKey);
				book.requireNoFormOut(op, d);
				book.requireExactAmount(op, d, amountFen);
				book.requireYearlyLinesUnpaid(op, d);
				return book.pay(d, { channel: request.channel, paidOn, key, details: request.details ?? {} });
			});
		},

		claimDeclaration(request) {
			const op = 'coreTax.claimDeclaration';
			return run.read(op, (): DeclarationClaim =>
				db
					.transaction(() => {
						const claimKey = requireText(op, '占用标识', request.claimKey);
						const today = request.moneyInFlight ? book.requireToday(op, '缴款日期', request.today) : requireDate(op, '日期', request.today);
						if (request.moneyInFlight) requireDeclarationPeriod(op, today);
						const d = book.declarationToPay(op, request.declarationNo);
						book.claims.requireNotHeldByOther(op, d, claimKey);
						// Before the card is swiped: another window may have paid this year's pension meanwhile.
						if (request.moneyInFlight) book.requireYearlyLinesUnpaid(op, d);
						return book.claims.take(d, {
							claimKey,
							windowNo: request.windowNo,
							clerk: requireText(op, '经办人', request.clerk),
							moneyInFlight: request.moneyInFlight === true
						});
					})
					.immediate()
			);
		},

		releaseClaim({ claimKey, declarationNo }) {
			return run.read('coreTax.releaseClaim', () => {
				const d = q.declarationByNo(declarationNo);
				if (d) book.claims.release(d, claimKey);
			});
		},

		releaseClaimBySupervisor(request) {
			const op = 'coreTax.releaseClaimBySupervisor';
			return run.read(op, () =>
				db
					.transaction((): DeclarationClaim | null => {
						requireText(op, '值班长', request.supervisor);
						requireText(op, '解除原因', request.reason);
						const d = q.declarationByNo(requireText(op, '申报序号', request.declarationNo));
						if (!d) return refuse(op, 'DECLARATION_NOT_FOUND', TEXT.declarationNotFound(request.declarationNo));
						const c = book.claims.row(d);
						if (c?.moneyInFlight) refuse(op, 'CLAIM_MONEY_IN_FLIGHT', TEXT.claimMoneyInFlight(d.declarationNo, c.windowNo), { windowNo: c.windowNo });
						book.claims.clear(d);
						return c;
					})
					.immediate()
			);
		},

		claimOf: (declarationNo) =>
			run.read('coreTax.claimOf', () => {
				const d = q.declarationByNo(declarationNo);
				return d ? book.claims.live(d) : null;
			}),

		paymentByKey: (key) => run.read('coreTax.paymentByKey', () => q.paymentByKey(key)),

		issueBankForm({ key, ...request }) {
			const op = 'coreTax.issueBankForm';
			return run.write(op, key, request, (): BankForm => {
				const today = book.requireToday(op, '开具日期', request.today);
				const limitDate = requireDeclarationPeriod(op, today);
				const d = book.declarationToPay(op, request.declarationNo);
				book.claims.requireNotHeldByOther(op, d, request.claimKey);
				book.requireYearlyLinesUnpaid(op, d);
				const out = book.outstandingForm(d.id);
				if (out) refuse(op, 'BANK_FORM_ALREADY_ISSUED', TEXT.bankFormAlreadyIssued(out.voucher_no), { voucherNo: out.voucher_no });
				const office = q.payerById(d.payerId)!.taxOffice.code;
				const voucherNo = nextVoucherNo(db, office, Number(today.slice(0, 4)));
				db.prepare(`INSERT INTO bank_forms (voucher_no, declaration_id, issued_on, limit_date, status) VALUES (?, ?, ?, ?, 'issued')`).run(
					voucherNo,
					d.id,
					today,
					limitDate
				);
				// The form now stands for the declaration: no other channel takes it while it is out.
				book.claims.clear(d);
				return book.bankForm(voucherNo)!;
			});
		},

		recordBankStub({ key, ...request }) {
			const op = 'coreTax.recordBankStub';
			return run.write(op, key, request, () => {
				const bankName = requireText(op, '收款银行名称', request.bankName);
				const stampedOn = requireDate(op, '银行盖章日期', request.stampedOn);
				let form;
				if (request.voucherNo !== undefined) {
					form = book.formRow(requireText(op, '税票号码', request.voucherNo));
				} else {
					const d = q.declarationByNo(requireText(op, '申报序号', request.declarationNo));
					form = d ? book.formsOf(d.id)[0] : undefined;
				}
				if (!form) return refuse(op, 'BANK_FORM_NOT_FOUND', TEXT.bankFormNotFound);
				if (form.status === 'voided') refuse(op, 'BANK_FORM_VOIDED', TEXT.bankFormVoided(form.voucher_no));
				const d = book.declarationToPay(op, book.toForm(form).declarationNo);
				if (stampedOn > form.limit_date || stampedOn < form.issued_on) {
					refuse(op, 'PAST_LIMIT_DATE', TEXT.pastLimitDate(stampedOn, form.limit_date), { limitDate: form.limit_date });
				}
				const payment = book.pay(d, { channel: 'bank_form', paidOn: stampedOn, key, details: { bankName }, voucherNo: form.voucher_no });
				db.prepare(`UPDATE bank_forms SET status = 'stamped', bank_name = ?, stamped_on = ? WHERE voucher_no = ?`).run(bankName, stampedOn, form.voucher_no);
				return { payment, form: book.bankForm(form.voucher_no)! };
			});
		},

		bankForm: (voucherNo) => run.read('coreTax.bankForm', () => book.bankForm(voucherNo)),

		electronicPayments({ payerId, from, to }) {
			return run.read('coreTax.electronicPayments', (): ElectronicPayment[] => {
				const payer = q.payerById(payerId);
				if (!payer) return [];
				return electronic.all(payerId, from, to).map((p) => ({
					...p,
					payerId,
					lines: q.declarationByNo(p.declarationNo)!.lines,
					treasury: payer.taxOffice.treasury,
					taxOfficeName: payer.taxOffice.name
				}));
			});
		},

		individualPayments({ payerId, from, to }) {
			return run.read('coreTax.individualPayments', (): IndividualPayment[] => {
				const payer = q.payerById(payerId);
				if (!payer || !isIndividual(payer.kind)) return [];
				const workdays = calendar();
				return paidBetween.all(payerId, from, to).map((p) => ({
					...p,
					payerId,
					lines: q.declarationByNo(p.declarationNo)!.lines,
					bookingDueOn: bookingDueOn({ paid_on: p.paidOn, voucher_no: p.voucherNo, kind: payer.kind }, workdays)
				}));
			});
		},

		awaitingBooking() {
			return run.read('coreTax.awaitingBooking', (): AwaitingBooking[] => {
				const workdays = calendar();
				return allUnbooked.all().map((p) => ({
					...q.paymentById(p.id)!,
					payerId: p.payer_id,
					payerName: p.payer_name,
					payerKind: p.kind,
					bookingDueOn: bookingDueOn(p, workdays)
				}));
			});
		},

		bookPayments(today) {
			return run.read('coreTax.bookPayments', () =>
				db.transaction(() => {
					const booked: PaymentRecord[] = [];
					const workdays = calendar();
					for (const p of unbooked.all(today)) {
						// No holiday data for that year yet: it waits.
						const bookedOn = bookingDueOn(p, workdays);
						if (bookedOn !== null && bookedOn <= today && setBooked.run(bookedOn, p.id).changes === 1) booked.push(q.paymentById(p.id)!);
					}
					return booked;
				})()
			);
		}
	};
}
