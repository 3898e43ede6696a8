import { createHash } from 'node:crypto';
import type { Db } from '../../db/open-database';
import type { AssessedDue } from '../../../domain/payer';
import type { AnnuityCollection, AnnuityNoticeRecord, CustodianAccount, CustodianTransfer, EReceipt, EReceipts } from '../types';
import type { CallRunner } from './calls';
import type { Ledger, Queries } from './ledger';
import { refuse, requireDate, requireFen, requireText } from './requests';
import { TEXT } from './texts';

/** Notice numbers are given in order from here (the guide's example 1877182 is among them). */
const FIRST_NOTICE_NO = 1_877_101;
/** 财政电子票据 of the province: the code of the receipt kind and the issuer printed on it. */
const RECEIPT_CODE = '14060125';
const RECEIPT_ISSUER = '国家税务总局山西省税务局';

interface NoticeRow {
	notice_no: string;
	payer_id: number;
	due_id: number;
	month: string;
	amount_fen: number;
	issued_on: string;
	settled_on: string | null;
}

interface TransferRow {
	transfer_id: string;
	payer_account: string;
	payer_name: string;
	amount_fen: number;
	transfer_date: string;
	remark: string;
}

export const ANNUITY_REFUSAL_TEXT = {
	notLinked:
		'该单位的职业年金参保登记信息尚未关联：未进行参保登记信息关联的，职业年金征缴系统无法进行征缴通知登记及后续资金到账确认、开票。请先办理机关事业单位基本养老保险的参保信息关联。',
	notAnnuity: (dueNo: string) => `应缴信息${dueNo}不是职业年金，请按社会保险费申报缴费办理。`,
	noticeNotFound: (noticeNo: string) => `未找到编号为${noticeNo}的职业年金缴费通知单。`,
	noticeSettled: (noticeNo: string) => `缴费通知单${noticeNo}已完成到账确认（回款销号），不能重复确认。`,
	noticeNotSettled: (noticeNo: string) => `缴费通知单${noticeNo}尚未完成到账确认，暂不能开具财政电子票据。`,
	sumMismatch: (noticeNo: string, sumFen: number, amountFen: number) =>
		`转账合计${(sumFen / 100).toFixed(2)}元不等于缴费通知单${noticeNo}的应缴金额${(amountFen / 100).toFixed(2)}元，不能确认到账。`,
	noTransfers: '到账确认至少要有一笔转账。'
} as const;

/** The custodian bank's account of the simulated province, seeded once. */
export function setCustodianAccount(db: Db, account: CustodianAccount): void {
	db.prepare(
		`INSERT INTO custodian_account (id, bank_name, account_name, account_no) VALUES (1, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET bank_name = excluded.bank_name, account_name = excluded.account_name, account_no = excluded.account_no`
	).run(account.bankName, account.accountName, account.accountNo);
}

/** A credit arriving on the collection account (the bank's side; the demo seed and tests). */
export function receiveCustodianTransfer(db: Db, t: CustodianTransfer): void {
	db.prepare(`INSERT INTO custodian_transfers (transfer_id, payer_account, payer_name, amount_fen, transfer_date, remark) VALUES (?, ?, ?, ?, ?, ?)`).run(
		t.transferId,
		t.payerAccount,
		t.payerName,
		t.amountFen,
		t.date,
		t.remark
	);
}

/**
 * The annuity collection system and the fiscal receipt platform over the simulator's file. A due
 * has one notice and a notice one receipt, so a repeated request under another key answers the
 * first; the keys make a repeat after a lost answer safe as everywhere else.
 */
export function simulatedAnnuity(db: Db, q: Queries, book: Ledger, run: CallRunner): { annuityCollection: AnnuityCollection; eReceipts: EReceipts } {
	const account = db.prepare<[], { bankName: string; accountName: string; accountNo: string }>(
		'SELECT bank_name AS bankName, account_name AS accountName, account_no AS accountNo FROM custodian_account WHERE id = 1'
	);
	const NOTICE = 'SELECT notice_no, payer_id, due_id, month, amount_fen, issued_on, settled_on FROM annuity_notices';
	const noticeByNo = db.prepare<[string], NoticeRow>(`${NOTICE} WHERE notice_no = ?`);
	const noticeByDue = db.prepare<[number], NoticeRow>(`${NOTICE} WHERE due_id = ?`);
	const allNotices = db.prepare<[], NoticeRow>(`${NOTICE} ORDER BY notice_no`);
	const lastNotice = db.prepare<[], { n: number | null }>('SELECT max(CAST(notice_no AS INTEGER)) AS n FROM annuity_notices');
	const insertNotice = db.prepare<[string, number, number, string, number, string]>(
		'INSERT INTO annuity_notices (notice_no, payer_id, due_id, month, amount_fen, issued_on) VALUES (?, ?, ?, ?, ?, ?)'
	);
	const settle = db.prepare<[string, string, string]>(
		'UPDATE annuity_notices SET settled_on = ?, settled_transfers = ? WHERE notice_no = ? AND settled_on IS NULL'
	);
	const transfersBetween = db.prepare<[string, string], TransferRow>(
		'SELECT * FROM custodian_transfers WHERE transfer_date BETWEEN ? AND ? ORDER BY transfer_date, transfer_id'
	);
	const receiptByNotice = db.prepare<[string], { receipt_no: string; check_code: string; issued_on: string; notice_no: string }>(
		'SELECT receipt_no, check_code, issued_on, notice_no FROM e_receipts WHERE notice_no = ?'
	);
	const lastReceipt = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM e_receipts WHERE receipt_no LIKE ? || '%'");
	const insertReceipt = db.prepare<[string, string, string, string]>(
		'INSERT INTO e_receipts (receipt_no, check_code, notice_no, issued_on) VALUES (?, ?, ?, ?)'
	);

	const custodian = (): CustodianAccount => account.get() ?? { bankName: '', accountName: '', accountNo: '' };
	const toNotice = (r: NoticeRow): AnnuityNoticeRecord => ({
		noticeNo: r.notice_no,
		payerId: r.payer_id,
		dueId: r.due_id,
		dueNo: q.dueById(r.due_id)!.dueNo,
		month: r.month,
		amountFen: r.amount_fen,
		issuedOn: r.issued_on,
		settledOn: r.settled_on,
		custodian: custodian()
	});
	const toTransfer = (r: TransferRow): CustodianTransfer => ({
		transferId: r.transfer_id,
		payerAccount: r.payer_account,
		payerName: r.payer_name,
		amountFen: r.amount_fen,
		date: r.transfer_date,
		remark: r.remark
	});

	/** The payer's annuity dues, and whether an annuity record exists that is not linked. */
	function annuityDues(payerId: number): { dues: AssessedDue[]; unlinked: boolean } {
		const payer = q.payerById(payerId);
		if (!payer) return refuse('annuityCollection.annuityDuesOf', 'PAYER_NOT_FOUND', TEXT.payerNotFound(payerId));
		const records = q.registrationsFor(payer.identifier).filter((r) => r.items.some((i) => i.code === 'ANNUITY'));
		const unlinked = records.length > 0 && records.every((r) => !r.link);
		return { dues: q.duesOf(payerId).filter((d) => d.item.code === 'ANNUITY'), unlinked };
	}

	function receipt(noticeNo: string): EReceipt | null {
		const r = receiptByNotice.get(noticeNo);
		if (!r) return null;
		const n = noticeByNo.get(noticeNo)!;
		const payer = q.payerById(n.payer_id)!;
		return {
			receiptNo: r.receipt_no,
			checkCode: r.check_code,
			issuedOn: r.issued_on,
			receiptCode: RECEIPT_CODE,
			issuer: RECEIPT_ISSUER,
			noticeNo,
			payerName: payer.name,
			payerCode: payer.identifier,
			month: n.month,
			amountFen: n.amount_fen
		};
	}

	const annuityCollection: AnnuityCollection = {
		annuityDuesOf(payerId) {
			return run.read('annuityCollection.annuityDuesOf', () => {
				const { dues, unlinked } = annuityDues(payerId);
				if (unlinked) refuse('annuityCollection.annuityDuesOf', 'NOT_LINKED', ANNUITY_REFUSAL_TEXT.notLinked);
				return dues.map((due) => {
					const n = noticeByDue.get(due.id);
					return { due, notice: n ? toNotice(n) : null };
				});
			});
		},

		issueNotice({ key, ...request }) {
			const op = 'annuityCollection.issueNotice';
			return run.write(op, key, request, () => {
				const today = book.requireToday(op, '开具日期', request.today);
				const due = q.dueById(request.dueId);
				if (!due) return refuse(op, 'DUE_NOT_FOUND', TEXT.dueNotFound(request.dueId));
				if (due.item.code !== 'ANNUITY') refuse(op, 'NOT_ANNUITY', ANNUITY_REFUSAL_TEXT.notAnnuity(due.dueNo));
				const { dues, unlinked } = annuityDues(request.payerId);
				if (!dues.some((d) => d.id === due.id))
					refuse(op, unlinked ? 'NOT_LINKED' : 'DUE_NOT_LINKED', unlinked ? ANNUITY_REFUSAL_TEXT.notLinked : TEXT.dueNotLinked(due.dueNo));
				const existing = noticeByDue.get(due.id);
				if (existing) return toNotice(existing);
				if (due.state === 'paid') refuse(op, 'DUE_ALREADY_PAID', TEXT.dueAlreadyPaid(due.dueNo));
				const noticeNo = String(Math.max(FIRST_NOTICE_NO, (lastNotice.get()!.n ?? 0) + 1));
				insertNotice.run(noticeNo, request.payerId, due.id, due.periodFrom.slice(0, 7), due.amountFen, today);
				return toNotice(noticeByNo.get(noticeNo)!);
			});
		},

		notice: (noticeNo) =>
			run.read('annuityCollection.notice', () => {
				const r = noticeByNo.get(String(noticeNo));
				return r ? toNotice(r) : null;
			}),
		notices: () => run.read('annuityCollection.notices', () => allNotices.all().map(toNotice)),
		statement: (request) =>
			run.read('annuityCollection.statement', () => {
				const from = requireDate('annuityCollection.statement', '起始日期', request.from);
				const to = requireDate('annuityCollection.statement', '截止日期', request.to);
				return transfersBetween.all(from, to).map(toTransfer);
			}),

		confirmArrival({ key, ...request }) {
			const op = 'annuityCollection.confirmArrival';
			return run.write(op, key, request, () => {
				const today = book.requireToday(op, '确认日期', request.today);
				const n = noticeByNo.get(String(request.noticeNo));
				if (!n) return refuse(op, 'NOTICE_NOT_FOUND', ANNUITY_REFUSAL_TEXT.noticeNotFound(String(request.noticeNo)));
				if (n.settled_on) refuse(op, 'NOTICE_SETTLED', ANNUITY_REFUSAL_TEXT.noticeSettled(n.notice_no));
				if (!Array.isArray(request.transfers) || request.transfers.length === 0)
					refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest(ANNUITY_REFUSAL_TEXT.noTransfers));
				const transfers = request.transfers.map((t) => ({
					transferId: requireText(op, '转账流水号', t.transferId),
					amountFen: requireFen(op, '转账金额', t.amountFen),
					date: requireDate(op, '转账日期', t.date)
				}));
				const sum = transfers.reduce((s, t) => s + t.amountFen, 0);
				if (sum !== n.amount_fen)
					refuse(op, 'TRANSFER_SUM_MISMATCH', ANNUITY_REFUSAL_TEXT.sumMismatch(n.notice_no, sum, n.amount_fen), { sumFen: sum, amountFen: n.amount_fen });
				settle.run(today, JSON.stringify(transfers), n.notice_no);
				return toNotice(noticeByNo.get(n.notice_no)!);
			});
		}
	};

	const eReceipts: EReceipts = {
		issue({ key, ...request }) {
			const op = 'eReceipts.issue';
			return run.write(op, key, request, () => {
				const today = book.requireToday(op, '开票日期', request.today);
				const n = noticeByNo.get(String(request.noticeNo));
				if (!n) return refuse(op, 'NOTICE_NOT_FOUND', ANNUITY_REFUSAL_TEXT.noticeNotFound(String(request.noticeNo)));
				if (!n.settled_on) refuse(op, 'NOTICE_NOT_SETTLED', ANNUITY_REFUSAL_TEXT.noticeNotSettled(n.notice_no));
				const existing = receipt(n.notice_no);
				if (existing) return existing;
				// 票据号码: the year and a yearly serial; 校验码: six characters derived from the receipt, as a checker recomputes it.
				const prefix = today.slice(0, 4);
				const receiptNo = prefix + String(lastReceipt.get(prefix)!.n + 1).padStart(6, '0');
				const checkCode = createHash('sha256')
					.update(`${RECEIPT_CODE}|${receiptNo}|${n.notice_no}|${n.amount_fen}|${today}`)
					.digest('hex')
					.slice(0, 6)
					.toUpperCase();
				insertReceipt.run(receiptNo, checkCode, n.notice_no, today);
				return receipt(n.notice_no)!;
			});
		},
		receiptOf: (noticeNo) => run.read('eReceipts.receiptOf', () => receipt(String(noticeNo)))
	};

	return { annuityCollection, eReceipts };
}
