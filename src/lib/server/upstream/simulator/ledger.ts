import type { Db } from '../../db/open-database';
import type { PaymentChannel, PaymentRecord } from '../../../domain/payer';
import type { BankForm, Declaration, PaymentDetails } from '../types';
import type { UpstreamOperation } from '../operations';
import type { upstreamQueries } from './rows';
import type { DeclarationClaims } from './claims';
import type { UpstreamClock } from './clock';
import { refuse, requireDate, requireText } from './requests';
import { TEXT } from './texts';
import { nextVoucherNo } from './vouchers';

// The core tax system's own bookkeeping, shared by its interface and the bank gateway's:
// declarations that may be paid, payments with their voucher numbers, bank forms.
// Everything here runs inside the caller's transaction.

export type Queries = ReturnType<typeof upstreamQueries>;

/**
 * A regular yearly line meets a year already paid: the pension at another tier is locked
 * (缴费完成后，不再受理本年度缴费档次的调整), anything else is paid already.
 */
export function paidYearCode(tier: number | null, paidTier: number | null): 'TIER_LOCKED' | 'ALREADY_PAID' {
	return tier !== null && paidTier !== tier ? 'TIER_LOCKED' : 'ALREADY_PAID';
}

interface BankFormRow {
	voucher_no: string;
	declaration_id: number;
	issued_on: string;
	limit_date: string;
	status: BankForm['status'];
	bank_name: string | null;
	stamped_on: string | null;
}

export function ledger(db: Db, q: Queries, clock: UpstreamClock, claims: DeclarationClaims) {
	const formsOf = db.prepare<[number], BankFormRow>('SELECT * FROM bank_forms WHERE declaration_id = ? ORDER BY issued_on DESC, rowid DESC');
	const formByVoucher = db.prepare<[string], BankFormRow>('SELECT * FROM bank_forms WHERE voucher_no = ?');
	const insertPayment = db.prepare<[number, string, number, string, string, string, string]>(
		`INSERT INTO payments (declaration_id, channel, amount_fen, paid_on, voucher_no, idempotency_key, details)
		 VALUES (?, ?, ?, ?, ?, ?, ?)`
	);
	const markPaid = db.prepare<[number]>(`UPDATE declarations SET status = 'paid' WHERE id = ? AND status = 'declared'`);

	const declarationNoOf = db.prepare<[number], { declaration_no: string }>('SELECT declaration_no FROM declarations WHERE id = ?');

	function toForm(r: BankFormRow): BankForm {
		const d = q.declarationByNo(declarationNoOf.get(r.declaration_id)!.declaration_no)!;
		const payer = q.payerById(d.payerId)!;
		return {
			voucherNo: r.voucher_no,
			declarationNo: d.declarationNo,
			payerId: d.payerId,
			amountFen: d.totalFen,
			issuedOn: r.issued_on,
			limitDate: r.limit_date,
			treasury: payer.taxOffice.treasury,
			taxOfficeName: payer.taxOffice.name,
			status: r.status,
			bankName: r.bank_name,
			stampedOn: r.stamped_on
		};
	}

	const self = {
		claims,

		/** A date that stands for "today" must be this system's today, not the one a caller kept. */
		requireToday(operation: UpstreamOperation, field: string, value: unknown): string {
			const date = requireDate(operation, field, value);
			const today = clock.today();
			if (date !== today) refuse(operation, 'DATE_NOT_TODAY', TEXT.dateNotToday(field, date, today), { date, today });
			return date;
		},

		bankForm(voucherNo: string): BankForm | null {
			const r = formByVoucher.get(voucherNo);
			return r ? toForm(r) : null;
		},
		formRow: (voucherNo: string) => formByVoucher.get(voucherNo),
		formsOf: (declarationId: number) => formsOf.all(declarationId),
		toForm,
		outstandingForm: (declarationId: number) => formsOf.all(declarationId).find((f) => f.status === 'issued'),

		/** A declaration of this payer that is declared and unpaid. */
		declarationToPay(operation: UpstreamOperation, declarationNo: unknown, payerId?: number): Declaration {
			const d = q.declarationByNo(requireText(operation, '申报序号', declarationNo));
			if (!d) return refuse(operation, 'DECLARATION_NOT_FOUND', TEXT.declarationNotFound(String(declarationNo)));
			if (payerId !== undefined && d.payerId !== payerId) refuse(operation, 'WRONG_PAYER', TEXT.wrongPayer(d.declarationNo));
			if (d.status === 'paid') refuse(operation, 'DECLARATION_PAID', TEXT.declarationPaid(d.declarationNo));
			if (d.status === 'voided') refuse(operation, 'DECLARATION_VOIDED', TEXT.declarationVoided(d.declarationNo));
			return d;
		},

		/** No other channel while a bank-collection form is out for the declaration. */
		requireNoFormOut(operation: UpstreamOperation, d: Declaration) {
			const out = self.outstandingForm(d.id);
			if (out) refuse(operation, 'BANK_FORM_OUTSTANDING', TEXT.bankFormOutstanding(out.voucher_no), { voucherNo: out.voucher_no });
		},

		requireExactAmount(operation: UpstreamOperation, d: Declaration, amountFen: number) {
			if (amountFen !== d.totalFen) {
				refuse(operation, 'AMOUNT_MISMATCH', TEXT.amountMismatch(amountFen, d.totalFen), { amountFen, totalFen: d.totalFen });
			}
		},

		/**
		 * A regular yearly line (no assessed due behind it) is paid once a year; the pension at one
		 * tier only: 缴费完成后，不再受理本年度缴费档次的调整. Run before money moves for a
		 * declaration, so two windows with two declarations cannot both take it.
		 */
		requireYearNotPaid(operation: UpstreamOperation, payerId: number, line: { item: { code: string; name: string }; periodFrom: string; tier: number | null }) {
			const paid = q.yearlyLine(payerId, line.item.code, line.periodFrom, 'paid');
			if (!paid) return;
			const year = Number(line.periodFrom.slice(0, 4));
			const details = { year, item: line.item.code, paidTier: paid.tier, paidAmountFen: paid.amountFen, paidDeclarationNo: paid.declarationNo };
			if (paidYearCode(line.tier, paid.tier) === 'TIER_LOCKED') refuse(operation, 'TIER_LOCKED', TEXT.tierLocked(year, paid.amountFen), details);
			refuse(operation, 'ALREADY_PAID', TEXT.alreadyPaid(line.item.name, year), details);
		},

		requireYearlyLinesUnpaid(operation: UpstreamOperation, d: Declaration) {
			for (const line of d.lines) if (line.dueId === null) self.requireYearNotPaid(operation, d.payerId, line);
		},

		/** Marks the declaration paid and records the payment with a voucher number (given, or the next one). */
		pay(
			d: Declaration,
			p: { channel: PaymentChannel; paidOn: string; key: string; details: PaymentDetails | Record<string, unknown>; voucherNo?: string }
		): PaymentRecord {
			if (markPaid.run(d.id).changes !== 1) throw new Error(`declaration ${d.declarationNo} is not payable`);
			claims.clear(d);
			const office = q.payerById(d.payerId)!.taxOffice.code;
			const voucherNo = p.voucherNo ?? nextVoucherNo(db, office, Number(p.paidOn.slice(0, 4)));
			const r = insertPayment.run(d.id, p.channel, d.totalFen, p.paidOn, voucherNo, p.key, JSON.stringify(p.details));
			return q.paymentById(Number(r.lastInsertRowid))!;
		}
	};
	return self;
}

export type Ledger = ReturnType<typeof ledger>;
