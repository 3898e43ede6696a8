import type { Migration } from '../../db/migrator';

/**
 * Collectors' virtual accounts (虚拟户, guide ch. 3 二.2 集中代收): one per collector, money deposited
 * at the window, batches settled from it (one declaration and one payment per person, linked here).
 */
export default {
	version: 5,
	name: 'virtual_accounts',
	sql: /* sql */ `
CREATE TABLE virtual_accounts (
	virtual_account_no TEXT PRIMARY KEY,
	collector_id_number TEXT NOT NULL UNIQUE,
	collector_name TEXT NOT NULL,
	village TEXT NOT NULL,
	county TEXT NOT NULL,
	balance_fen INTEGER NOT NULL DEFAULT 0 CHECK (balance_fen >= 0),
	opened_on TEXT NOT NULL
);

CREATE TABLE virtual_account_deposits (
	deposit_no TEXT PRIMARY KEY,
	virtual_account_no TEXT NOT NULL REFERENCES virtual_accounts(virtual_account_no),
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	channel TEXT NOT NULL CHECK (channel IN ('cash', 'pos')),
	deposited_on TEXT NOT NULL
);
CREATE INDEX virtual_account_deposits_account ON virtual_account_deposits(virtual_account_no);

CREATE TABLE collector_batches (
	batch_voucher_no TEXT PRIMARY KEY,
	virtual_account_no TEXT NOT NULL REFERENCES virtual_accounts(virtual_account_no),
	settled_on TEXT NOT NULL,
	row_count INTEGER NOT NULL CHECK (row_count > 0),
	total_fen INTEGER NOT NULL CHECK (total_fen > 0)
);
CREATE INDEX collector_batches_account ON collector_batches(virtual_account_no);

-- The payments of a batch, each with its row of the collector's list.
CREATE TABLE collector_batch_payments (
	batch_voucher_no TEXT NOT NULL REFERENCES collector_batches(batch_voucher_no),
	row INTEGER NOT NULL,
	payment_id INTEGER NOT NULL UNIQUE REFERENCES payments(id),
	PRIMARY KEY (batch_voucher_no, row)
);
`
} satisfies Migration;
