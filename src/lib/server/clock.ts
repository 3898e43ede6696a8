import { CST_OFFSET_MS } from '../views/local-time';

/** The server's one clock: business dates are `YYYY-MM-DD` in China Standard Time. */
export interface Clock {
	now(): Date;
	today(): string;
	/** `YYYY-MM-DD HH:mm:ss` in the hall's time, for receipts and slips. */
	localTime(): string;
}

export function systemClock(fixedToday: string | null = null): Clock {
	// A hall in Shanxi works in UTC+8 whatever the server's zone is.
	const local = () => new Date(Date.now() + CST_OFFSET_MS).toISOString();
	return {
		now: () => new Date(),
		today: () => fixedToday ?? local().slice(0, 10),
		localTime: () => `${fixedToday ?? local().slice(0, 10)} ${local().slice(11, 19)}`
	};
}
