import type { Clock } from '../../src/lib/server/clock';

/** A clock a test moves on: to another business date, as midnight would, or minutes later. */
export function movableClock(today: string): Clock & { set(date: string): void; advance(ms: number): void } {
	let date = today;
	let offsetMs = 0;
	const now = () => new Date(Date.now() + offsetMs);
	return {
		now,
		today: () => date,
		localTime: () => `${date} ${new Date(now().getTime() + 8 * 3600_000).toISOString().slice(11, 19)}`,
		set(next: string) {
			date = next;
		},
		advance(ms: number) {
			offsetMs += ms;
		}
	};
}
