// 回款销号 at a county's scale: 50,000 custodian-bank transfers matched against 50,000 annuity
// notices by `matchAnnuityTransfers`. Target ≤ 1 s. Printed beside it, in the same run: a plain
// Map grouping of the same transfers by remark (the floor any matcher pays) and the ratio.
import { matchAnnuityTransfers, type AnnuityNotice, type AnnuityTransfer } from '../src/lib/domain';

const N = 50_000;
const TARGET_MS = 1000;
const ROUNDS = 5;

// Deterministic mix: most notices paid by one transfer, one in ten by two, and one transfer in
// twenty an exception of some kind (bad remark, unknown notice, settled), one in fifty short, one
// in fifty on a 26th.
function county(): { notices: AnnuityNotice[]; transfers: AnnuityTransfer[] } {
	const notices: AnnuityNotice[] = [];
	const transfers: AnnuityTransfer[] = [];
	let t = 0;
	const push = (date: string, amountFen: number, remark: string) =>
		transfers.length < N && transfers.push({ id: `T${String(t++).padStart(7, '0')}`, date, amountFen, remark });
	for (let i = 0; i < N; i++) {
		const noticeNo = String(1_000_000 + i);
		const month = `2026-${String((i % 10) + 1).padStart(2, '0')}`;
		const amountFen = 10_000 + ((i * 7919) % 900_000);
		notices.push({ noticeNo, month, amountFen, settled: i % 97 === 0 });
		const day = `${month}-${String((i % 20) + 1).padStart(2, '0')}`;
		if (i % 20 === 7) push(day, amountFen, ['１８７７１８２', '八月职业年金', '9999999', noticeNo][i % 4]);
		else if (i % 50 === 11) push(day, amountFen - 100, noticeNo);
		else if (i % 50 === 13) push(`${month}-26`.replace('-01-', '-02-'), amountFen, noticeNo);
		else if (i % 10 === 3) {
			push(day, amountFen - 5000, noticeNo);
			push(day, 5000, noticeNo);
		} else push(day, amountFen, noticeNo);
	}
	while (transfers.length < N) push('2026-05-10', 100, '1000001');
	return { notices, transfers };
}

const { notices, transfers } = county();
const time = (f: () => void) => {
	const times: number[] = [];
	for (let r = 0; r < ROUNDS; r++) {
		const t = performance.now();
		f();
		times.push(performance.now() - t);
	}
	return { best: Math.min(...times), worst: Math.max(...times) };
};

let result = matchAnnuityTransfers(notices, transfers);
const matchMs = time(() => (result = matchAnnuityTransfers(notices, transfers)));
const floorMs = time(() => {
	const groups = new Map<string, AnnuityTransfer[]>();
	for (const tr of transfers) {
		const g = groups.get(tr.remark);
		if (g) g.push(tr);
		else groups.set(tr.remark, [tr]);
	}
});
const accounted =
	result.matched.reduce((s, m) => s + m.transferIds.length, 0) + result.partial.reduce((s, p) => s + p.transferIds.length, 0) + result.exceptions.length;
console.log(
	`matched ${result.matched.length} notices, ${result.partial.length} partial, ${result.exceptions.length} exceptions; ${accounted}/${transfers.length} transfers accounted for`
);
const ok = matchMs.worst <= TARGET_MS && accounted === transfers.length;
console.log(
	`matchAnnuityTransfers, ${N} transfers × ${N} notices: best ${matchMs.best.toFixed(1)} ms, worst ${matchMs.worst.toFixed(1)} ms of ${ROUNDS} runs;  target ≤ ${TARGET_MS} ms: ${ok ? 'PASS' : 'FAIL'}`
);
console.log(`floor, a plain Map grouping by remark: best ${floorMs.best.toFixed(1)} ms; ratio of the bests ${(matchMs.best / floorMs.best).toFixed(1)}×`);
process.exitCode = ok ? 0 : 1;
