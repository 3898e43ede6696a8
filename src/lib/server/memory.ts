import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// V8 lets a heap grow to several times what is alive before it collects. After work that held a
// whole village's list and let it go, the terminal collects at once: otherwise the payment that
// follows piles its own work on the list's garbage and the process outgrows its memory budget.

let collect: (() => void) | undefined;

/** A full garbage collection now (some tens of ms); for the end of large, rare work. */
export function collectGarbage(): void {
	if (!collect) {
		setFlagsFromString('--expose-gc');
		collect = runInNewContext('gc') as () => void;
	}
	collect();
}
