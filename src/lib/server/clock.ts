/** The server's one clock: business dates are `YYYY-MM-DD` in China Standard Time. */
export interface Clock {
	now(): Date;
	today(): string;
}

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

export function systemClock(fixedToday: string | null = null): Clock {
	return {
		now: () => new Date(),
		// A hall in Shanxi works in UTC+8 whatever the server's zone is.
		today: () => fixedToday ?? new Date(Date.now() + CST_OFFSET_MS).toISOString().slice(0, 10)
	};
}
