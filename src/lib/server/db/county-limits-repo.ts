import type { Db } from './open-database';

/** One value of a county's double limits (双限), from the day it took effect. */
export interface CountyLimit {
	county: string;
	/** The most cash a collector may hold, in fen (a CashLimits of the domain, with maxDays). */
	maxAmountFen: number;
	/** The most calendar days between taking a resident's cash and handing it in. */
	maxDays: number;
	effectiveFrom: string;
	/** The supervisor's clerk id; null for the demo seed. */
	setBy: number | null;
	setAt: string;
}

const SELECT = `SELECT county, max_amount_fen AS maxAmountFen, max_days AS maxDays, effective_from AS effectiveFrom, set_by AS setBy, set_at AS setAt
	FROM county_limits`;

export function countyLimitsRepo(db: Db) {
	const insert = db.prepare<[string, number, number, string, number | null, string]>(
		'INSERT INTO county_limits (county, max_amount_fen, max_days, effective_from, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)'
	);
	// Two values set for the same day: the later one stands.
	const forDay = db.prepare<[string, string], CountyLimit>(`${SELECT} WHERE county = ? AND effective_from <= ? ORDER BY effective_from DESC, id DESC LIMIT 1`);
	const all = db.prepare<[], CountyLimit>(`${SELECT} ORDER BY county, effective_from DESC, id DESC`);
	const ofCounty = db.prepare<[string], CountyLimit>(`${SELECT} WHERE county = ? ORDER BY effective_from DESC, id DESC`);
	return {
		set(l: Omit<CountyLimit, 'setAt'>, at: string): void {
			insert.run(l.county, l.maxAmountFen, l.maxDays, l.effectiveFrom, l.setBy, at);
		},
		/** The limits in force on `day`: the newest value that took effect on or before it. */
		forDay: (county: string, day: string): CountyLimit | null => forDay.get(county, day) ?? null,
		/** Every value set, newest first (of one county, or of all by county). */
		history: (county?: string): CountyLimit[] => (county === undefined ? all.all() : ofCounty.all(county))
	};
}

export type CountyLimitsRepo = ReturnType<typeof countyLimitsRepo>;
