import type { Migration } from '../../db/migrator';

/**
 * Occupational annuity (职业年金, guide ch. 2 六 to 八): the notices issued for assessed annuity
 * dues (7-digit numbers), the custodian bank's collection account (托管银行归集户) and the credits
 * on it, the arrival confirmations (回款销号) and the fiscal electronic receipts (财政电子票据).
 */
export default {
	version: 6,
	name: 'annuity',
	sql: /* sql */ `
CREATE TABLE custodian_account (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	bank_name TEXT NOT NULL,
	account_name TEXT NOT NULL,
	account_no TEXT NOT NULL
);

CREATE TABLE annuity_notices (
	notice_no TEXT PRIMARY KEY CHECK (length(notice_no) = 7 AND notice_no NOT GLOB '*[^0-9]*'),
	-- One notice per assessed due: a second request for it is answered with the first notice.
	due_id INTEGER NOT NULL UNIQUE REFERENCES assessed_dues(id),
	payer_id INTEGER NOT NULL REFERENCES payers(id),
	month TEXT NOT NULL,
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	issued_on TEXT NOT NULL,
	settled_on TEXT,
	-- The transfers the arrival was confirmed with, as JSON [{transferId, amountFen, date}].
	settled_transfers TEXT
);
CREATE INDEX annuity_notices_payer ON annuity_notices(payer_id);

-- Credits on the collection account as the custodian bank's statement feed gives them.
CREATE TABLE custodian_transfers (
	transfer_id TEXT PRIMARY KEY,
	payer_account TEXT NOT NULL,
	payer_name TEXT NOT NULL,
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	transfer_date TEXT NOT NULL,
	remark TEXT NOT NULL
);
CREATE INDEX custodian_transfers_date ON custodian_transfers(transfer_date);

CREATE TABLE e_receipts (
	receipt_no TEXT PRIMARY KEY,
	check_code TEXT NOT NULL,
	notice_no TEXT NOT NULL UNIQUE REFERENCES annuity_notices(notice_no),
	issued_on TEXT NOT NULL
);
`
} satisfies Migration;
