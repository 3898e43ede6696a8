// Windows at once, each making its visits in turn, against one running server.
import { Api } from './client';
import { devicesOf, planLabel, visit, type Completed, type Plan } from './flows';

export interface WindowRun {
	windowNo: number;
	api: Api;
	plans: Plan[];
}

export interface Failure {
	windowNo: number;
	kind: string;
	error: string;
}

/** A window stops after this many failures in a row: the server is broken, not busy. */
const MAX_FAILURES_IN_A_ROW = 5;

/** `enough`: asked before each visit; a window stops once it answers true (default: when its plans are done). */
export async function runWindows(
	windows: WindowRun[],
	deadline: number,
	enough = () => false
): Promise<{ completed: Completed[]; failures: Failure[]; latencies: number[]; timedOut: boolean }> {
	const completed: Completed[] = [];
	const failures: Failure[] = [];
	const latencies: number[] = [];
	let timedOut = false;
	await Promise.all(
		windows.map(async ({ windowNo, api, plans }) => {
			const devices = devicesOf(api);
			let inARow = 0;
			for (const plan of plans) {
				if (enough()) return;
				if (performance.now() > deadline) {
					timedOut = true;
					return;
				}
				const t0 = performance.now();
				try {
					completed.push(await visit(api, windowNo, plan, devices));
					latencies.push(performance.now() - t0);
					inARow = 0;
				} catch (e) {
					failures.push({ windowNo, kind: planLabel(plan), error: e instanceof Error ? e.message : String(e) });
					if (++inARow >= MAX_FAILURES_IN_A_ROW) return;
				}
			}
		})
	);
	return { completed, failures, latencies, timedOut };
}
