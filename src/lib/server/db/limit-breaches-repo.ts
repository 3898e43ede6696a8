import type { Db } from './open-database';

/** A batch that showed the collector held more cash, or held it longer, than the county allows; a supervisor confirmed it on the spot. */
export interface LimitBreach {
	id: number;
	windowSessionId: string | null;
	collectorCode: string;
	totalFen: number;
	oldestDays: number;
	overAmount: boolean;
	overDays: boolean;
	limits: { maxAmountFen: number; maxDays: number };
	confirmedBy: number;
	confirmedAt: string;
	note: string;
}

export type NewLimitBreach = Omit<LimitBreach, 'id' | 'totalFen' | 'oldestDays' | 'overAmount' | 'overDays'> & {
	/** What checkCashLimits found for the batch. */
	check: { totalFen: number; oldestDays: number; overAmount: boolean; overDays: boolean };
};

interface BreachRow extends Omit<LimitBreach, 'overAmount' | 'overDays' | 'limits'> {
	overAmount: 0 | 1;
	overDays: 0 | 1;
	limitsJson: string;
}

export function limitBreachesRepo(db: Db) {
	const insert = db.prepare<[string | null, string, number, number, number, number, string, number, string, string]>(
		`INSERT INTO limit_breaches (window_session_id, collector_code, total_fen, oldest_days, over_amount, over_days, limits_json, confirmed_by, confirmed_at, note)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const all = db.prepare<[], BreachRow>(
		`SELECT id, window_session_id AS windowSessionId, collector_code AS collectorCode, total_fen AS totalFen, oldest_days AS oldestDays,
		        over_amount AS overAmount, over_days AS overDays, limits_json AS limitsJson, confirmed_by AS confirmedBy, confirmed_at AS confirmedAt, note
		 FROM limit_breaches ORDER BY confirmed_at DESC, id DESC`
	);
	return {
		/** Records a confirmed breach; returns its id. */
		record(b: NewLimitBreach): number {
			const { check } = b;
			const r = insert.run(
				b.windowSessionId,
				b.collectorCode,
				check.totalFen,
				check.oldestDays,
				check.overAmount ? 1 : 0,
				check.overDays ? 1 : 0,
				JSON.stringify({ maxAmountFen: b.limits.maxAmountFen, maxDays: b.limits.maxDays }),
				b.confirmedBy,
				b.confirmedAt,
				b.note
			);
			return Number(r.lastInsertRowid);
		},
		/** Newest first: the supervisor's list of collectors to follow up. */
		list: (): LimitBreach[] =>
			all.all().map(({ limitsJson, overAmount, overDays, ...r }) => ({
				...r,
				overAmount: overAmount === 1,
				overDays: overDays === 1,
				limits: JSON.parse(limitsJson) as LimitBreach['limits']
			}))
	};
}

export type LimitBreachesRepo = ReturnType<typeof limitBreachesRepo>;
