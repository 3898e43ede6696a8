import { daysBetween, parseIsoDate, type IsoDate } from './dates';
import { assertFen, type Fen } from './money';

// The county's double limits (双限) on a collector's cash: the most cash held at once and the most
// days between taking a resident's cash and handing it in at the window.

export interface CashLimits {
	maxAmountFen: Fen;
	maxDays: number;
}

export interface CashLimitCheck {
	ok: boolean;
	overAmount: boolean;
	overDays: boolean;
	totalFen: Fen;
	/** Calendar days from the oldest collection to today; 0 when there is none. */
	oldestDays: number;
}

/**
 * Checks what a collector hands in against the limits: over means strictly more than the limit, days are
 * calendar days from the oldest `collectedOn` to `today`. Throws InvalidDateError or InvalidAmountError for bad input.
 */
export function checkCashLimits(collections: { collectedOn: IsoDate; amountFen: Fen }[], limits: CashLimits, today: IsoDate): CashLimitCheck {
	parseIsoDate(today);
	let totalFen = 0;
	// The oldest collection is the one held longest; a date after today counts as held for 0 days.
	let oldestDays = 0;
	for (const c of collections) {
		assertFen(c.amountFen, false);
		totalFen += c.amountFen;
		oldestDays = Math.max(oldestDays, daysBetween(c.collectedOn, today));
	}
	assertFen(totalFen);
	const overAmount = totalFen > limits.maxAmountFen;
	const overDays = oldestDays > limits.maxDays;
	return { ok: !overAmount && !overDays, overAmount, overDays, totalFen, oldestDays };
}
