import type { AnnuityExceptionCode, AnnuityMatchResult } from '../../domain';
import type { Db } from './open-database';

/** What the window printed on a notice; kept whole so a reprint is the same paper. */
export interface AnnuityNoticeCopy {
	noticeNo: string;
	payerId: number;
	payerName: string;
	payerCode: string;
	dueNo: string;
	month: string;
	amountFen: number;
	issuedOn: string;
	custodian: { bankName: string; accountName: string; accountNo: string };
}

export type TransferState = 'matched' | 'partial' | 'exception' | 'returned' | 'hand_matched' | 'confirmed';

export interface ImportedTransfer {
	transferId: string;
	source: 'file' | 'feed';
	payerAccount: string;
	payerName: string;
	amountFen: number;
	date: string;
	remark: string;
	state: TransferState;
	noticeNo: string | null;
	/** UNMATCHED: imported, not matched yet (the import matches in the same transaction, so only a crash leaves it). */
	exceptionCode: AnnuityExceptionCode | 'UNMATCHED' | null;
	reason: string | null;
	importedAt: string;
}

export interface AnnuityReceiptCopy {
	noticeNo: string;
	receiptNo: string;
	checkCode: string;
	issuedOn: string;
	receiptCode: string;
	issuer: string;
	payerName: string;
	payerCode: string;
	month: string;
	amountFen: number;
}

/** The states the next matching may change. */
const OPEN_STATES = `('matched', 'partial', 'exception')`;

const TRANSFER_SELECT = `SELECT transfer_id AS transferId, source, payer_account AS payerAccount, payer_name AS payerName,
	amount_fen AS amountFen, transfer_date AS date, remark, state, notice_no AS noticeNo, exception_code AS exceptionCode,
	reason, imported_at AS importedAt FROM annuity_transfers`;

/** The window's journal of occupational annuity: notices, transfers, decisions, confirmations, receipts. */
export function annuityRepo(db: Db) {
	const insertNotice = db.prepare<[string, number, string, string, number, string, string, number | null, string]>(
		`INSERT INTO annuity_notices (notice_no, payer_id, payer_name, month, amount_fen, issued_on, content, issued_by, issued_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (notice_no) DO NOTHING`
	);
	const noticeContent = db.prepare<[string], { content: string; prints: number }>('SELECT content, prints FROM annuity_notices WHERE notice_no = ?');
	const countNoticePrint = db.prepare<[string]>('UPDATE annuity_notices SET prints = prints + 1 WHERE notice_no = ?');
	const insertTransfer = db.prepare<[string, string, string, string, number, string, string, number | null, string]>(
		`INSERT INTO annuity_transfers (transfer_id, source, payer_account, payer_name, amount_fen, transfer_date, remark, imported_by, imported_at, state, exception_code, reason)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'exception', 'UNMATCHED', '尚未对账') ON CONFLICT (transfer_id) DO NOTHING`
	);
	const setAnswer = db.prepare<[TransferState, string | null, string | null, string | null, string]>(
		`UPDATE annuity_transfers SET state = ?, notice_no = ?, exception_code = ?, reason = ? WHERE transfer_id = ? AND state IN ${OPEN_STATES}`
	);
	const byId = db.prepare<[string], ImportedTransfer>(`${TRANSFER_SELECT} WHERE transfer_id = ?`);
	const open = db.prepare<[], ImportedTransfer>(`${TRANSFER_SELECT} WHERE state IN ${OPEN_STATES} ORDER BY transfer_date, transfer_id`);
	const all = db.prepare<[], ImportedTransfer>(`${TRANSFER_SELECT} ORDER BY transfer_date, transfer_id`);
	const ofNotice = db.prepare<[string], ImportedTransfer>(`${TRANSFER_SELECT} WHERE notice_no = ? ORDER BY transfer_date, transfer_id`);
	const closedNotices = db.prepare<[], { noticeNo: string }>(
		`SELECT DISTINCT notice_no AS noticeNo FROM annuity_transfers WHERE state IN ('hand_matched', 'confirmed') AND notice_no IS NOT NULL`
	);
	const decide = db.prepare<[TransferState, string | null, string]>(
		`UPDATE annuity_transfers SET state = ?, notice_no = ?, exception_code = NULL WHERE transfer_id = ? AND state IN ${OPEN_STATES}`
	);
	const insertDecision = db.prepare<[string, string, string | null, string, number, number | null, string]>(
		`INSERT INTO annuity_decisions (transfer_id, decision, notice_no, reason, clerk_id, supervisor_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)`
	);
	const decision = db.prepare<
		[string],
		{ decision: string; noticeNo: string | null; reason: string; clerkId: number; supervisorId: number | null; decidedAt: string }
	>(
		`SELECT decision, notice_no AS noticeNo, reason, clerk_id AS clerkId, supervisor_id AS supervisorId, decided_at AS decidedAt FROM annuity_decisions WHERE transfer_id = ?`
	);
	const insertConfirmation = db.prepare<[string, string, string, number, string]>(
		`INSERT INTO annuity_confirmations (notice_no, transfer_ids, confirmed_on, clerk_id, confirmed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (notice_no) DO NOTHING`
	);
	const confirmTransfer = db.prepare<[string, string]>(
		`UPDATE annuity_transfers SET state = 'confirmed', notice_no = ?, exception_code = NULL, reason = NULL WHERE transfer_id = ?`
	);
	const confirmation = db.prepare<[string], { transferIds: string; confirmedOn: string }>(
		'SELECT transfer_ids AS transferIds, confirmed_on AS confirmedOn FROM annuity_confirmations WHERE notice_no = ?'
	);
	const insertReceipt = db.prepare<[string, string, string, string, string]>(
		`INSERT INTO annuity_receipts (notice_no, receipt_no, check_code, issued_on, content) VALUES (?, ?, ?, ?, ?) ON CONFLICT (notice_no) DO NOTHING`
	);
	const receiptContent = db.prepare<[string], { content: string; prints: number }>('SELECT content, prints FROM annuity_receipts WHERE notice_no = ?');
	const countReceiptPrint = db.prepare<[string]>('UPDATE annuity_receipts SET prints = prints + 1 WHERE notice_no = ?');
	const noticesOfPayer = db.prepare<[number], { content: string; prints: number }>(
		'SELECT content, prints FROM annuity_notices WHERE payer_id = ? ORDER BY month DESC, notice_no DESC'
	);

	return {
		/** Keeps the copy of an issued notice (the first copy wins: a notice does not change). */
		keepNotice(copy: AnnuityNoticeCopy, clerkId: number | null, at: string) {
			insertNotice.run(copy.noticeNo, copy.payerId, copy.payerName, copy.month, copy.amountFen, copy.issuedOn, JSON.stringify(copy), clerkId, at);
		},
		notice(noticeNo: string): (AnnuityNoticeCopy & { prints: number }) | null {
			const r = noticeContent.get(noticeNo);
			return r ? { ...(JSON.parse(r.content) as AnnuityNoticeCopy), prints: r.prints } : null;
		},
		noticesOf: (payerId: number) => noticesOfPayer.all(payerId).map((r) => ({ ...(JSON.parse(r.content) as AnnuityNoticeCopy), prints: r.prints })),
		countNoticePrint: (noticeNo: string) => void countNoticePrint.run(noticeNo),

		/** Adds the transfers not imported before (by transfer id), unmatched; answers the ids that were new. */
		importTransfers(
			rows: Omit<ImportedTransfer, 'state' | 'noticeNo' | 'exceptionCode' | 'reason' | 'importedAt'>[],
			clerkId: number | null,
			at: string
		): string[] {
			const added: string[] = [];
			for (const t of rows) {
				const r = insertTransfer.run(t.transferId, t.source, t.payerAccount, t.payerName, t.amountFen, t.date, t.remark, clerkId, at);
				if (r.changes === 1) added.push(t.transferId);
			}
			return added;
		},
		/** The transfers the next matching looks at: none of them decided or confirmed. */
		openTransfers: () => open.all(),
		transfers: () => all.all(),
		transfer: (id: string) => byId.get(id) ?? null,
		transfersOf: (noticeNo: string) => ofNotice.all(noticeNo),
		/** Notices whose transfers were matched by hand or confirmed: a later transfer for them comes too late. */
		closedNotices: () => new Set(closedNotices.all().map((r) => r.noticeNo)),
		/** The matching's answer for each open transfer. */
		applyMatch(result: AnnuityMatchResult) {
			for (const m of result.matched) for (const id of m.transferIds) setAnswer.run('matched', m.noticeNo, null, null, id);
			for (const p of result.partial) for (const id of p.transferIds) setAnswer.run('partial', p.noticeNo, null, null, id);
			for (const e of result.exceptions) setAnswer.run('exception', null, e.code, e.reason, e.transferId);
		},
		/** Returned to the sender (退回): final, with the reason. */
		returnTransfer(transferId: string, reason: string, clerkId: number, at: string) {
			decide.run('returned', null, transferId);
			insertDecision.run(transferId, 'returned', null, reason, clerkId, null, at);
		},
		/** Matched by hand to a notice, with the notice's earlier partial transfers: final. */
		handMatch(transferId: string, noticeNo: string, partialIds: readonly string[], reason: string, clerkId: number, supervisorId: number, at: string) {
			decide.run('hand_matched', noticeNo, transferId);
			for (const id of partialIds) decide.run('hand_matched', noticeNo, id);
			insertDecision.run(transferId, 'hand_matched', noticeNo, reason, clerkId, supervisorId, at);
		},
		decision: (transferId: string) => decision.get(transferId) ?? null,
		recordConfirmation(noticeNo: string, transferIds: readonly string[], on: string, clerkId: number, at: string) {
			insertConfirmation.run(noticeNo, JSON.stringify(transferIds), on, clerkId, at);
			for (const id of transferIds) confirmTransfer.run(noticeNo, id);
		},
		confirmation(noticeNo: string): { transferIds: string[]; confirmedOn: string } | null {
			const r = confirmation.get(noticeNo);
			return r ? { transferIds: JSON.parse(r.transferIds) as string[], confirmedOn: r.confirmedOn } : null;
		},
		keepReceipt(copy: AnnuityReceiptCopy) {
			insertReceipt.run(copy.noticeNo, copy.receiptNo, copy.checkCode, copy.issuedOn, JSON.stringify(copy));
		},
		receipt(noticeNo: string): (AnnuityReceiptCopy & { prints: number }) | null {
			const r = receiptContent.get(noticeNo);
			return r ? { ...(JSON.parse(r.content) as AnnuityReceiptCopy), prints: r.prints } : null;
		},
		countReceiptPrint: (noticeNo: string) => void countReceiptPrint.run(noticeNo),
		atomically: <T>(work: () => T): T => db.transaction(work).immediate()
	};
}

export type AnnuityRepo = ReturnType<typeof annuityRepo>;
