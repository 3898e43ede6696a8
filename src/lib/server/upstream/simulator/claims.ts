import type { Db } from '../../db/open-database';
import type { Declaration, DeclarationClaim } from '../types';
import type { UpstreamOperation } from '../operations';
import type { UpstreamClock } from './clock';
import { refuse } from './requests';
import { TEXT } from './texts';

// Claims of windows on declarations (占用), as the core tax system keeps them for every window
// of the hall: one live claim per declaration; an idle one expires, one with money in flight never.

interface ClaimRow {
	declaration_id: number;
	claim_key: string;
	window_no: number | null;
	clerk: string;
	claimed_at: string;
	expires_at: string | null;
	money_in_flight: 0 | 1;
}

export function declarationClaims(db: Db, clock: UpstreamClock, ttlMs: number) {
	const get = db.prepare<[number], ClaimRow>('SELECT * FROM declaration_claims WHERE declaration_id = ?');
	const upsert = db.prepare<[number, string, number | null, string, string, string | null, number]>(
		`INSERT INTO declaration_claims (declaration_id, claim_key, window_no, clerk, claimed_at, expires_at, money_in_flight)
		 VALUES (?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (declaration_id) DO UPDATE SET claim_key = excluded.claim_key, window_no = excluded.window_no,
		   clerk = excluded.clerk, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at,
		   money_in_flight = excluded.money_in_flight`
	);
	const remove = db.prepare<[number]>('DELETE FROM declaration_claims WHERE declaration_id = ?');

	const now = () => clock.now().toISOString();
	const toClaim = (r: ClaimRow, declarationNo: string): DeclarationClaim => ({
		declarationNo,
		claimKey: r.claim_key,
		windowNo: r.window_no,
		clerk: r.clerk,
		claimedAt: r.claimed_at,
		expiresAt: r.expires_at,
		moneyInFlight: r.money_in_flight === 1
	});

	const self = {
		/** The claim that still holds the declaration; an expired one is as good as none. */
		live(d: Declaration): DeclarationClaim | null {
			const r = get.get(d.id);
			if (!r || (r.expires_at !== null && r.expires_at <= now())) return null;
			return toClaim(r, d.declarationNo);
		},

		/** Refuses when a live claim of another key holds the declaration. */
		requireNotHeldByOther(operation: UpstreamOperation, d: Declaration, claimKey: string | undefined) {
			const c = self.live(d);
			if (c && c.claimKey !== claimKey) {
				refuse(operation, 'DECLARATION_RESERVED', TEXT.declarationReserved(d.declarationNo, c.windowNo, c.clerk, c.expiresAt), {
					windowNo: c.windowNo,
					clerk: c.clerk,
					expiresAt: c.expiresAt,
					moneyInFlight: c.moneyInFlight
				});
			}
		},

		take(d: Declaration, c: { claimKey: string; windowNo: number | null; clerk: string; moneyInFlight: boolean }): DeclarationClaim {
			const at = now();
			const expiresAt = c.moneyInFlight ? null : new Date(clock.now().getTime() + ttlMs).toISOString();
			upsert.run(d.id, c.claimKey, c.windowNo, c.clerk, at, expiresAt, c.moneyInFlight ? 1 : 0);
			return toClaim(get.get(d.id)!, d.declarationNo);
		},

		/** Drops the claim of this key only. */
		release(d: Declaration, claimKey: string) {
			if (get.get(d.id)?.claim_key === claimKey) remove.run(d.id);
		},

		/** Paid or handed to the bank on a form: no claim is needed any more. */
		clear(d: Declaration) {
			remove.run(d.id);
		},

		row: (d: Declaration) => {
			const r = get.get(d.id);
			return r ? toClaim(r, d.declarationNo) : null;
		}
	};
	return self;
}

export type DeclarationClaims = ReturnType<typeof declarationClaims>;
