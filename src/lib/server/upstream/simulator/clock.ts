/** The upstream systems' own clock: "today" in a request must be its today. */
export interface UpstreamClock {
	now(): Date;
	today(): string;
}
