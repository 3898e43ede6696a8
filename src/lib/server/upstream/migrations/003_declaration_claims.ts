import type { Migration } from '../../db/migrator';

/** Claims (占用) of windows on declarations: one live claim per declaration, by the holder's key. */
export default {
	version: 3,
	name: 'declaration_claims',
	sql: /* sql */ `
CREATE TABLE declaration_claims (
	declaration_id INTEGER PRIMARY KEY REFERENCES declarations(id),
	claim_key TEXT NOT NULL,
	window_no INTEGER,
	clerk TEXT NOT NULL,
	claimed_at TEXT NOT NULL,
	-- NULL while money is in flight: such a claim never expires.
	expires_at TEXT,
	money_in_flight INTEGER NOT NULL CHECK (money_in_flight IN (0, 1)),
	CHECK ((money_in_flight = 1) = (expires_at IS NULL))
);
`
} satisfies Migration;
