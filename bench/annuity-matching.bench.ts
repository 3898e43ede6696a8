// Occupational annuity 回款销号: 50,000 custodian-bank transfers matched against 50,000 notices
// by matchAnnuityTransfers. Target (issue 12): ≤ 1 s. The floor it is compared with, in the same
// run: a plain Map grouping of the same transfers by remark.
// Run: npm run bench -- annuity
import { matchAnnuityTransfers, type AnnuityNotice, type AnnuityTransfer } from '../src/lib/domain';
import { addDays } from '../src/lib/domain/dates';
import { percentiles, report } from './stats';

const NOTICES = 50_000;
const TRANSFERS = 50_000;
const TARGET_MS = 1000;
const WARMUP = 2;
const RUNS = 10;

// A small LCG, so every run sees the same statement.
let seed = 12;
const next = (n: number) => {
	seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
	return seed % n;
};

/** Notices of 2025 and a statement of transfers for them: most exact, some split in two, some of each exception. */
function statement(): { notices: AnnuityNotice[]; transfers: AnnuityTransfer[] } {
	const notices: AnnuityNotice[] = [];
	const transfers: AnnuityTransfer[] = [];
	const add = (date: string, amountFen: number, remark: string) =>
		transfers.push({ id: `TX${String(transfers.length).padStart(8, '0')}`, date, amountFen, remark });
	for (let i = 0; i < NOTICES; i++) {
		const noticeNo = String(1_000_000 + i);
		const month = `2025-${String(1 + (i % 12)).padStart(2, '0')}`;
		const amountFen = 100_000 + next(2_000_000);
		const kind = i % 100;
		notices.push({ noticeNo, month, amountFen, settled: kind === 99 });
		if (transfers.length >= TRANSFERS) continue;
		// A day of the notice month or the next, 1st to 25th.
		const inWindow = () => `${next(2) ? addDays(`${month}-01`, 31).slice(0, 7) : month}-${String(1 + next(25)).padStart(2, '0')}`;
		if (kind < 80) add(inWindow(), amountFen, noticeNo);
		else if (kind < 88) {
			const first = 1 + next(amountFen - 1);
			add(inWindow(), first, noticeNo);
			add(inWindow(), amountFen - first, noticeNo);
		} else if (kind < 90)
			add(inWindow(), amountFen, kind === 88 ? `通知单编号 ${noticeNo}` : noticeNo.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)));
		else if (kind < 91) add(inWindow(), amountFen, String(9_000_000 + i));
		else if (kind < 92) add(addDays(`${month}-01`, -3), amountFen, noticeNo);
		else if (kind < 93) add(addDays(`${month}-01`, 70), amountFen, noticeNo);
		else if (kind < 94) {
			add(inWindow(), amountFen, noticeNo);
			add(inWindow(), 50_000, noticeNo);
		} else if (kind < 95) add(inWindow(), amountFen + 100_000, noticeNo);
		else if (kind < 97) add(inWindow(), amountFen - 10_000, noticeNo);
		else if (kind === 99) add(inWindow(), amountFen, noticeNo);
		// 97 and 98: not paid yet.
	}
	// A statement is not sorted the way the matcher needs; shuffle it deterministically.
	for (let i = transfers.length - 1; i > 0; i--) {
		const j = next(i + 1);
		[transfers[i], transfers[j]] = [transfers[j], transfers[i]];
	}
	return { notices, transfers: transfers.slice(0, TRANSFERS) };
}

/** The floor: the same transfers grouped by remark in a Map, nothing checked. */
function groupByRemark(transfers: readonly AnnuityTransfer[]): Map<string, AnnuityTransfer[]> {
	const groups = new Map<string, AnnuityTransfer[]>();
	for (const t of transfers) {
		const group = groups.get(t.remark);
		if (group) group.push(t);
		else groups.set(t.remark, [t]);
	}
	return groups;
}

const { notices, transfers } = statement();
const matchTimes: number[] = [];
const floorTimes: number[] = [];
let result = matchAnnuityTransfers(notices, transfers);
for (let run = 0; run < WARMUP + RUNS; run++) {
	let t = performance.now();
	result = matchAnnuityTransfers(notices, transfers);
	const matchMs = performance.now() - t;
	t = performance.now();
	const groups = groupByRemark(transfers);
	const floorMs = performance.now() - t;
	if (groups.size === 0) throw new Error('no groups');
	if (run >= WARMUP) {
		matchTimes.push(matchMs);
		floorTimes.push(floorMs);
	}
}

const byCode = new Map<string, number>();
for (const e of result.exceptions) byCode.set(e.code, (byCode.get(e.code) ?? 0) + 1);
const placed =
	result.matched.reduce((n, m) => n + m.transferIds.length, 0) + result.partial.reduce((n, p) => n + p.transferIds.length, 0) + result.exceptions.length;
console.log(
	`${transfers.length} transfers, ${notices.length} notices: ${result.matched.length} notices matched, ${result.partial.length} partial, ` +
		`${result.exceptions.length} exceptions (${[...byCode].map(([code, n]) => `${code} ${n}`).join(', ')}); ${placed} transfers placed`
);
const match = percentiles(matchTimes);
const floor = percentiles(floorTimes);
const ok = report(`matchAnnuityTransfers, ${RUNS} runs after ${WARMUP} warm-up`, match, TARGET_MS);
report('floor: plain Map grouping of the same transfers by remark', floor);
console.log(`ratio matcher / floor (p50): ${(match.p50 / floor.p50).toFixed(1)}×`);
process.exitCode = ok && placed === transfers.length ? 0 : 1;
