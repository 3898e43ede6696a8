// Figures every bench prints the same way.
export interface Percentiles {
	n: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

export function percentiles(samples: number[]): Percentiles {
	const s = [...samples].sort((a, b) => a - b);
	const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
	return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] };
}

/** Prints one line of figures in ms; with a target, PASS/FAIL on p95. Returns whether it passed. */
export function report(label: string, p: Percentiles, targetP95Ms?: number): boolean {
	const f = (x: number) => x.toFixed(3);
	const verdict = targetP95Ms === undefined ? '' : `  target p95 ≤ ${targetP95Ms} ms: ${p.p95 <= targetP95Ms ? 'PASS' : 'FAIL'}`;
	console.log(`${label}: n=${p.n} p50=${f(p.p50)} ms p95=${f(p.p95)} ms p99=${f(p.p99)} ms max=${f(p.max)} ms${verdict}`);
	return targetP95Ms === undefined || p.p95 <= targetP95Ms;
}
