import type { PaymentChannel } from '../../domain/payer';
import type { Db } from './open-database';
import type { IntentStatus, IntentsRepo } from './intents-repo';
import type { AuditRepo } from './audit-repo';

/**
 * What each kind of ledger row is: its channel, the sign of its amount (see migration 003) and
 * whether it is paper (a form handed out moves no money: totals of money leave it out).
 */
export const LEDGER_KINDS = {
	card_sale: { channel: 'pos', sign: 1, paper: false },
	card_reversal: { channel: 'pos', sign: -1, paper: false },
	cash_in: { channel: 'cash', sign: 1, paper: false },
	change_out: { channel: 'cash', sign: -1, paper: false },
	deduction: { channel: 'agreement', sign: 1, paper: false },
	bank_form_issued: { channel: 'bank_form', sign: 1, paper: true },
	bank_stub: { channel: 'bank_form', sign: 1, paper: false },
	pending_settlement: { channel: 'pending_account', sign: 1, paper: false }
} as const satisfies Record<string, { channel: PaymentChannel; sign: 1 | -1; paper: boolean }>;

export type LedgerKind = keyof typeof LEDGER_KINDS;

/** One movement as an actor or service knows it when the movement succeeds. */
export interface Movement {
	kind: LedgerKind;
	/** The key of the intent (or the drawer opening) that moved it. */
	key: string;
	/** The window session's window and clerk; given directly where no session made it (a bank stub). */
	by: { windowSessionId: string } | { windowNo: number; clerkId: number };
	payerId: number;
	declarationNo: string;
	voucherNo?: string | null;
	reference?: string | null;
	/** How much, in fen, > 0: the kind gives the sign. */
	amountFen: number;
	businessDate: string;
}

export interface LedgerRow {
	id: number;
	kind: LedgerKind;
	channel: PaymentChannel;
	key: string;
	windowSessionId: string | null;
	windowNo: number;
	clerkId: number;
	shiftId: number | null;
	payerId: number;
	declarationNo: string;
	voucherNo: string | null;
	reference: string | null;
	/** Signed: positive taken, negative given back. */
	amountFen: number;
	businessDate: string;
	at: string;
}

export interface ChannelTotal {
	channel: PaymentChannel;
	/** Money taken less money given back, in fen; forms handed out are not money. */
	netFen: number;
	entries: number;
}

/** A ledger row refused by its table: the movement is not written and neither is its intent's success. */
export class LedgerWriteError extends Error {
	readonly code = 'LEDGER_WRITE_FAILED';
}

/** What an insert answers: the row's id and whose it is (a session's row takes them from the session). */
const WRITTEN = 'id, window_no AS windowNo, clerk_id AS clerkId';
type Written = { id: number; windowNo: number; clerkId: number };

const SELECT = `SELECT id, kind, channel, idempotency_key AS key, window_session_id AS windowSessionId, window_no AS windowNo,
	clerk_id AS clerkId, shift_id AS shiftId, payer_id AS payerId, declaration_no AS declarationNo, voucher_no AS voucherNo,
	reference, amount_fen AS amountFen, business_date AS businessDate, at FROM ledger_entries`;

/** The audit trail's rows for the ledger: each movement of money, each paper of value, each voucher booked. */
export const LEDGER_AUDIT = { moved: 'money-moved', paper: 'paper-issued', voucherBooked: 'voucher-booked' } as const;

/**
 * A row belongs to the shift open at its window. Sessions start only in an open shift and a shift
 * closes only once its window's sessions have ended, so a session's row always finds its own.
 */
const OPEN_SHIFT = (windowNo: string) => `(SELECT s.id FROM shifts s WHERE s.window_no = ${windowNo} AND s.closed_at IS NULL)`;

const MONEY_KINDS = (Object.keys(LEDGER_KINDS) as LedgerKind[]).filter((k) => !LEDGER_KINDS[k].paper);

/**
 * The journal's ledger of money and paper of value; every write shares a transaction with its
 * cause and with its row in the audit trail.
 */
export function ledgerRepo(db: Db, intents: IntentsRepo, audit: Pick<AuditRepo, 'record'>) {
	const insertForSession = db.prepare(
		`INSERT INTO ledger_entries (kind, channel, idempotency_key, window_session_id, window_no, clerk_id, shift_id, payer_id,
			declaration_no, voucher_no, reference, amount_fen, business_date, at)
		 SELECT @kind, @channel, @key, ws.id, ws.window_no, ws.clerk_id, ${OPEN_SHIFT('ws.window_no')}, @payerId, @declarationNo, @voucherNo,
			@reference, @amountFen, @businessDate, @at
		 FROM window_sessions ws WHERE ws.id = @windowSessionId
		 ON CONFLICT (kind, idempotency_key) DO NOTHING RETURNING ${WRITTEN}`
	);
	const insertForClerk = db.prepare(
		`INSERT INTO ledger_entries (kind, channel, idempotency_key, window_no, clerk_id, shift_id, payer_id, declaration_no, voucher_no,
			reference, amount_fen, business_date, at)
		 VALUES (@kind, @channel, @key, @windowNo, @clerkId, ${OPEN_SHIFT('@windowNo')}, @payerId, @declarationNo, @voucherNo, @reference,
			@amountFen, @businessDate, @at)
		 ON CONFLICT (kind, idempotency_key) DO NOTHING RETURNING ${WRITTEN}`
	);
	const exists = db.prepare<[string, string], { n: number }>(`SELECT count(*) AS n FROM ledger_entries WHERE kind = ? AND idempotency_key = ?`);
	const ownerOfKeys = db.prepare<[string], { windowNo: number; clerkId: number }>(
		`SELECT window_no AS windowNo, clerk_id AS clerkId FROM ledger_entries WHERE idempotency_key IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT 1`
	);
	const bookVoucher = db.prepare(`UPDATE ledger_entries SET voucher_no = ? WHERE voucher_no IS NULL AND idempotency_key IN (SELECT value FROM json_each(?))`);
	const drawerConfirmed = db.prepare(
		`UPDATE intents SET status = 'succeeded', outcome = json_object('confirmedBy', 'clerk'), updated_at = ?
		 WHERE idempotency_key = ? AND action = 'drawer.open' AND status IN ('pending', 'unknown')`
	);
	const byKey = db.prepare<[string], LedgerRow>(`${SELECT} WHERE idempotency_key = ? ORDER BY id`);
	const bySession = db.prepare<[string], LedgerRow>(`${SELECT} WHERE window_session_id = ? ORDER BY id`);
	const byDeclaration = db.prepare<[string], LedgerRow>(`${SELECT} WHERE declaration_no = ? ORDER BY id`);
	const byShift = db.prepare<[number], LedgerRow & { sessionKind: string | null }>(
		`SELECT l.id, l.kind, l.channel, l.idempotency_key AS key, l.window_session_id AS windowSessionId, l.window_no AS windowNo,
			l.clerk_id AS clerkId, l.shift_id AS shiftId, l.payer_id AS payerId, l.declaration_no AS declarationNo, l.voucher_no AS voucherNo,
			l.reference, l.amount_fen AS amountFen, l.business_date AS businessDate, l.at, ws.machine AS sessionKind
		 FROM ledger_entries l LEFT JOIN window_sessions ws ON ws.id = l.window_session_id WHERE l.shift_id = ? ORDER BY l.id`
	);
	const byDate = db.prepare<[string], LedgerRow>(`${SELECT} WHERE business_date = ? ORDER BY id`);
	const byWindowOn = db.prepare<[number, string], LedgerRow>(`${SELECT} WHERE window_no = ? AND business_date = ? ORDER BY id`);
	const totals = db.prepare<[string, string, number | null, number | null], ChannelTotal>(
		`SELECT channel, sum(amount_fen) AS netFen, count(*) AS entries FROM ledger_entries
		 WHERE business_date = ? AND kind IN (SELECT value FROM json_each(?)) AND (? IS NULL OR window_no = ?)
		 GROUP BY channel ORDER BY channel`
	);

	function insert(m: Movement, at: string) {
		if (!Number.isInteger(m.amountFen) || m.amountFen <= 0) throw new LedgerWriteError(`ledger amount must be whole fen > 0, got ${m.amountFen}`);
		const { channel, sign } = LEDGER_KINDS[m.kind];
		const row = {
			kind: m.kind,
			channel,
			key: m.key,
			payerId: m.payerId,
			declarationNo: m.declarationNo,
			voucherNo: m.voucherNo ?? null,
			reference: m.reference ?? null,
			amountFen: sign * m.amountFen,
			businessDate: m.businessDate,
			at
		};
		const written = (
			'windowSessionId' in m.by ? insertForSession.get({ ...row, windowSessionId: m.by.windowSessionId }) : insertForClerk.get({ ...row, ...m.by })
		) as Written | undefined;
		if (!written) {
			if (exists.get(m.kind, m.key)!.n === 0) throw new LedgerWriteError(`no window session for ledger row ${m.kind} ${m.key}`);
			return;
		}
		// The cash is in the drawer: an opening whose answer a crash cut off, that the clerk then
		// checked by hand (钱箱已关闭), happened, and stays in doubt no longer.
		if (m.kind === 'cash_in') drawerConfirmed.run(at, m.key);
		audit.record(at, {
			clerkId: written.clerkId,
			windowNo: written.windowNo,
			action: LEDGER_KINDS[m.kind].paper ? LEDGER_AUDIT.paper : LEDGER_AUDIT.moved,
			subject: m.declarationNo,
			detail: { ledgerId: written.id, kind: m.kind, key: m.key, amountFen: row.amountFen },
			after: { ...row, id: written.id, windowNo: written.windowNo, clerkId: written.clerkId }
		});
	}

	/** `alongside` and the rows, in one transaction: both are written or neither. */
	const writeWith = <T>(at: string, movements: readonly Movement[], alongside: () => T): T =>
		db.transaction(() => {
			const result = alongside();
			for (const m of movements) insert(m, at);
			return result;
		})();

	return {
		writeWith,
		/**
		 * Finishes the intent and writes the movements it made in one transaction; a repeat writes
		 * nothing twice. `booked`: the payment those earlier movements made was booked upstream, so
		 * they carry its voucher number from now on (amounts and kinds never change).
		 */
		finishIntent(
			key: string,
			status: Exclude<IntentStatus, 'pending'>,
			outcome: unknown,
			at: string,
			movements: readonly Movement[],
			booked?: { keys: readonly string[]; voucherNo: string }
		) {
			writeWith(at, movements, () => {
				intents.finish(key, status, outcome, at);
				const keys = booked && JSON.stringify(booked.keys);
				if (booked && bookVoucher.run(booked.voucherNo, keys).changes > 0) {
					// The window and clerk that took the money the voucher now stands for.
					const owner = ownerOfKeys.get(keys!)!;
					audit.record(at, {
						clerkId: owner.clerkId,
						windowNo: owner.windowNo,
						action: LEDGER_AUDIT.voucherBooked,
						subject: booked.voucherNo,
						detail: { keys: booked.keys },
						before: { voucherNo: null },
						after: { voucherNo: booked.voucherNo }
					});
				}
			});
		},
		ofKey: (key: string) => byKey.all(key),
		ofSession: (windowSessionId: string) => bySession.all(windowSessionId),
		ofDeclaration: (declarationNo: string) => byDeclaration.all(declarationNo),
		/** Whether a bank form (银行缴款书) for the declaration was printed and handed out. */
		formIssuedFor: (declarationNo: string) => byDeclaration.all(declarationNo).some((r) => r.kind === 'bank_form_issued'),
		/** A shift's rows in the order they were written, each with the kind of session that made it (null: none, a bank stub). */
		ofShift: (shiftId: number) => byShift.all(shiftId),
		/** Every window's rows of one business day, in the order they were written. */
		ofDate: (businessDate: string) => byDate.all(businessDate),
		/** One window's rows of one business day, in the order they were written: the shift's list. */
		ofWindowOn: (windowNo: number, businessDate: string) => byWindowOn.all(windowNo, businessDate),
		/** Net money per channel of one business day, of one window or (null) of the whole terminal. */
		totalsByChannel: (businessDate: string, windowNo: number | null = null) => totals.all(businessDate, JSON.stringify(MONEY_KINDS), windowNo, windowNo)
	};
}

export type LedgerRepo = ReturnType<typeof ledgerRepo>;
