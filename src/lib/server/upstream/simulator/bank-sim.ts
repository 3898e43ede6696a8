import type { Db } from '../../db/open-database';
import type { FundSource, TransferProofKind } from '../types';

// The bank side of the simulator: what a bank holds and no terminal may change through the
// gateway. Demo seeding and tests set the scene with these.

export interface AgreementSetup {
	payerId: number;
	agreementNo: string;
	bankName: string;
	accountName: string;
	accountNo: string;
	balanceFen: number;
	/** Set: the agreement exists but fails verification, for this reason (Chinese). */
	invalidReason?: string;
}

export function openAgreement(db: Db, a: AgreementSetup): number {
	const r = db
		.prepare(
			`INSERT INTO bank_agreements (payer_id, agreement_no, bank_name, account_name, account_no, status, invalid_reason, balance_fen)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
		)
		.run(a.payerId, a.agreementNo, a.bankName, a.accountName, a.accountNo, a.invalidReason ? 'invalid' : 'valid', a.invalidReason ?? null, a.balanceFen);
	return Number(r.lastInsertRowid);
}

export function balanceOf(db: Db, payerId: number): number | null {
	const r = db.prepare<[number], { balance_fen: number }>('SELECT balance_fen FROM bank_agreements WHERE payer_id = ?').get(payerId);
	return r ? r.balance_fen : null;
}

export interface TransferSetup {
	payerId: number;
	arrivedOn: string;
	amountFen: number;
	fundSource: FundSource;
	/** Number of the 国库集中支付凭证 (fiscal) or 银行付款回单 (own funds). */
	proofNo: string;
	remitterName: string;
	remitterAccountNo: string;
}

const PROOF_KIND_OF: Record<FundSource, TransferProofKind> = { fiscal: 'treasury_payment', own: 'bank_receipt' };

/** Money arriving in the 待报解社会保险费专户. */
export function receivePendingTransfer(db: Db, t: TransferSetup): number {
	const r = db
		.prepare(
			`INSERT INTO pending_transfers (payer_id, arrived_on, amount_fen, fund_source, proof_kind, proof_no, remitter_name, remitter_account_no)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
		)
		.run(t.payerId, t.arrivedOn, t.amountFen, t.fundSource, PROOF_KIND_OF[t.fundSource], t.proofNo, t.remitterName, t.remitterAccountNo);
	return Number(r.lastInsertRowid);
}
