import type { Db } from '../../db/open-database';
import type { AgreementCheck, BankGateway, Deduction, PendingTransfer } from '../types';
import type { CallRunner } from './calls';
import type { Ledger, Queries } from './ledger';
import { refuse, requireDeclarationPeriod, requireFen } from './requests';
import { FUND_SOURCE_LABEL, PROOF_LABEL, TAX_CASH_FORM_TITLE, TEXT } from './texts';

interface AgreementRow {
	id: number;
	agreement_no: string;
	bank_name: string;
	account_name: string;
	account_no: string;
	status: 'valid' | 'invalid';
	invalid_reason: string | null;
	balance_fen: number;
}

interface TransferRow {
	id: number;
	payer_id: number;
	arrived_on: string;
	amount_fen: number;
	fund_source: PendingTransfer['fundSource'];
	proof_kind: PendingTransfer['proof']['kind'];
	proof_no: string;
	remitter_name: string;
	remitter_account_no: string;
	payment_id: number | null;
	declaration_no: string | null;
}

const mask = (accountNo: string) => (accountNo.length <= 8 ? accountNo : `${accountNo.slice(0, 4)}****${accountNo.slice(-4)}`);

function toTransfer(r: TransferRow): PendingTransfer {
	return {
		id: r.id,
		payerId: r.payer_id,
		arrivedOn: r.arrived_on,
		amountFen: r.amount_fen,
		fundSource: r.fund_source,
		fundSourceLabel: FUND_SOURCE_LABEL[r.fund_source],
		proof: { kind: r.proof_kind, label: PROOF_LABEL[r.proof_kind], no: r.proof_no },
		remitterName: r.remitter_name,
		remitterAccountMasked: mask(r.remitter_account_no),
		settledDeclarationNo: r.declaration_no
	};
}

export function simulatedBankGateway(db: Db, q: Queries, book: Ledger, run: CallRunner): BankGateway {
	const agreementOf = db.prepare<[number], AgreementRow>('SELECT * FROM bank_agreements WHERE payer_id = ?');
	const TRANSFER_SELECT = `
		SELECT t.*, dc.declaration_no FROM pending_transfers t
		LEFT JOIN payments pm ON pm.id = t.payment_id LEFT JOIN declarations dc ON dc.id = pm.declaration_id`;
	const transfersOn = db.prepare<[number, string], TransferRow>(`${TRANSFER_SELECT} WHERE t.payer_id = ? AND t.arrived_on = ? ORDER BY t.id`);
	const transferById = db.prepare<[number], TransferRow>(`${TRANSFER_SELECT} WHERE t.id = ?`);
	const deductionByKey = db.prepare<[string], { bank_serial: string; payment_id: number; payer_id: number; amount_fen: number; deducted_on: string }>(`
		SELECT bd.bank_serial, bd.payment_id, dc.payer_id, bd.amount_fen, bd.deducted_on
		FROM bank_deductions bd JOIN payments pm ON pm.id = bd.payment_id JOIN declarations dc ON dc.id = pm.declaration_id
		WHERE pm.idempotency_key = ?`);

	function nextBankSerial(on: string): string {
		const n = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM bank_deductions').get()!.n + 1;
		return on.replaceAll('-', '') + String(n).padStart(8, '0');
	}

	return {
		checkAgreement({ payerId }) {
			return run.read('bankGateway.checkAgreement', (): AgreementCheck => {
				const a = agreementOf.get(payerId);
				if (!a) return { status: 'none', message: TEXT.noAgreement };
				if (a.status === 'invalid') return { status: 'invalid', agreementNo: a.agreement_no, bankName: a.bank_name, reason: a.invalid_reason! };
				return {
					status: 'valid',
					agreementNo: a.agreement_no,
					bankName: a.bank_name,
					accountName: a.account_name,
					accountNoMasked: mask(a.account_no)
				};
			});
		},

		deduct({ key, ...request }) {
			const op = 'bankGateway.deduct';
			return run.write(op, key, request, (): Deduction => {
				const today = book.requireToday(op, '扣款日期', request.today);
				const amountFen = requireFen(op, '扣款金额', request.amountFen);
				requireDeclarationPeriod(op, today);
				const d = book.declarationToPay(op, request.declarationNo, request.payerId);
				book.claims.requireNotHeldByOther(op, d, request.claimKey);
				book.requireNoFormOut(op, d);
				// One single sum per declaration into the treasury (一笔缴入国库).
				book.requireExactAmount(op, d, amountFen);
				book.requireYearlyLinesUnpaid(op, d);
				const a = agreementOf.get(d.payerId);
				if (!a) return refuse(op, 'NO_AGREEMENT', TEXT.noAgreement);
				if (a.status === 'invalid') refuse(op, 'AGREEMENT_INVALID', TEXT.agreementInvalid(a.invalid_reason!), { reason: a.invalid_reason });
				if (a.balance_fen < amountFen) refuse(op, 'INSUFFICIENT_FUNDS', TEXT.insufficientFunds(amountFen), { amountFen });
				db.prepare('UPDATE bank_agreements SET balance_fen = balance_fen - ? WHERE id = ?').run(amountFen, a.id);
				const bankSerial = nextBankSerial(today);
				const payment = book.pay(d, { channel: 'agreement', paidOn: today, key, details: { bankSerial, agreementNo: a.agreement_no } });
				db.prepare('INSERT INTO bank_deductions (bank_serial, agreement_id, payment_id, amount_fen, deducted_on) VALUES (?, ?, ?, ?, ?)').run(
					bankSerial,
					a.id,
					payment.id,
					amountFen,
					today
				);
				return { bankSerial, payerId: d.payerId, declarationNo: d.declarationNo, amountFen, deductedOn: today, payment };
			});
		},

		deductionByKey(key) {
			return run.read('bankGateway.deductionByKey', (): Deduction | null => {
				const r = deductionByKey.get(key);
				if (!r) return null;
				const payment = q.paymentById(r.payment_id)!;
				return {
					bankSerial: r.bank_serial,
					payerId: r.payer_id,
					declarationNo: payment.declarationNo,
					amountFen: r.amount_fen,
					deductedOn: r.deducted_on,
					payment
				};
			});
		},

		pendingTransfers({ payerId, date }) {
			return run.read('bankGateway.pendingTransfers', () => transfersOn.all(payerId, date).map(toTransfer));
		},

		settlePendingTransfers({ key, ...request }) {
			const op = 'bankGateway.settlePendingTransfers';
			return run.write(op, key, request, () => {
				const today = book.requireToday(op, '缴费日期', request.today);
				requireDeclarationPeriod(op, today);
				const d = book.declarationToPay(op, request.declarationNo, request.payerId);
				book.claims.requireNotHeldByOther(op, d, request.claimKey);
				book.requireNoFormOut(op, d);
				book.requireYearlyLinesUnpaid(op, d);
				const ids = request.transferIds;
				if (!Array.isArray(ids) || ids.length === 0) refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('请至少选择一笔到账记录'));
				if (new Set(ids).size !== ids.length) refuse(op, 'INVALID_REQUEST', TEXT.transferTwice);
				const transfers = ids.map((id) => {
					const t = transferById.get(id);
					if (!t || t.payer_id !== d.payerId) return refuse(op, 'TRANSFER_NOT_FOUND', TEXT.transferNotFound(id), { transferId: id });
					if (t.payment_id !== null) refuse(op, 'TRANSFER_USED', TEXT.transferUsed(t.proof_no), { transferId: id });
					return t;
				});
				// 多笔资金于同一日内按照应缴金额缴入, then settled within that month's period.
				const days = new Set(transfers.map((t) => t.arrived_on));
				if (days.size !== 1) refuse(op, 'TRANSFERS_NOT_SAME_DAY', TEXT.notSameDay, { days: [...days].sort() });
				const [day] = days;
				if (day > today || day.slice(0, 7) !== today.slice(0, 7)) refuse(op, 'TRANSFER_NOT_THIS_PERIOD', TEXT.notThisPeriod(day));
				const sumFen = transfers.reduce((s, t) => s + t.amount_fen, 0);
				if (sumFen !== d.totalFen) {
					refuse(op, 'TRANSFER_SUM_MISMATCH', TEXT.transferSumMismatch(sumFen, d.totalFen), { sumFen, totalFen: d.totalFen });
				}
				const proofs = Array.isArray(request.proofs) ? request.proofs : [];
				for (const t of transfers) {
					const label = PROOF_LABEL[t.proof_kind];
					const shown = proofs.find((p) => p.transferId === t.id);
					if (!shown || typeof shown.proofNo !== 'string' || shown.proofNo.trim() === '') {
						refuse(op, 'INVALID_REQUEST', TEXT.proofMissing(label), { transferId: t.id });
					}
					if (shown.proofNo.trim() !== t.proof_no) refuse(op, 'PROOF_MISMATCH', TEXT.proofMismatch(label), { transferId: t.id });
				}
				const payment = book.pay(d, {
					channel: 'pending_account',
					paidOn: today,
					key,
					details: { transfers: transfers.map((t) => ({ id: t.id, proofNo: t.proof_no, amountFen: t.amount_fen, fundSource: t.fund_source })) }
				});
				const use = db.prepare<[number, number]>('UPDATE pending_transfers SET payment_id = ? WHERE id = ? AND payment_id IS NULL');
				for (const t of transfers) if (use.run(payment.id, t.id).changes !== 1) throw new Error(`transfer ${t.id} used twice`);
				return {
					payment,
					transfers: transfers.map((t) => toTransfer(transferById.get(t.id)!)),
					certificate: { title: TAX_CASH_FORM_TITLE, voucherNo: payment.voucherNo }
				};
			});
		}
	};
}
