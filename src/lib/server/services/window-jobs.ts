import type { Printout } from '../../../../drivers';

// Every printer job a window starts carries the window in its id: the session's own jobs through
// the session id (`W<window>-<date>-…`, every intent key begins with it), a test page through its
// own id. The virtual printer shows a window only what was printed for it.

/** The start of every job id a window's work prints under. The dash keeps window 1 apart from 12. */
export const windowJobPrefix = (windowNo: number) => `W${windowNo}-`;

export const printedForWindow = (printout: Printout, windowNo: number) => printout.jobId?.startsWith(windowJobPrefix(windowNo)) ?? false;

/** This window's last `count` printouts, oldest first. */
export function printoutsOfWindow(printouts: readonly Printout[], windowNo: number, count: number): Printout[] {
	return printouts.filter((p) => printedForWindow(p, windowNo)).slice(-count);
}
