// A collector's list at the window, end to end on the real files: a list of N rows (GB18030 CSV,
// as Excel in China saves it) read, every row checked against the upstream, the upload saved in
// the journal, the money deposited into the virtual account and the batch settled in one upstream
// transaction. Targets (issue 10): 10,000 rows ≤ 2 s, 100,000 rows ≤ 20 s, peak memory ≤ 300 MB.
// The floor it is compared with, in the same run: plain inserts of the same rows into SQLite in
// one transaction.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';
import Database from 'better-sqlite3';
import { createRuntime } from '../src/lib/server/runtime';
import { readConfig } from '../src/lib/server/config';
import { readListFile, writeListFile } from '../src/lib/server/collectors/list-file';
import { yearTables } from '../src/lib/server/collectors/year-tables';
import { COLLECTOR_LIST_HEADER } from '../src/lib/domain';
import { checkList } from '../src/lib/server/collectors/check-list';
import { collectGarbage } from '../src/lib/server/memory';
import { addVillageResidents } from './fixtures/village-residents';
import { demoResidentId } from '../src/lib/server/demo/identifiers';

const TODAY = '2026-11-20';
const SIZES = [10_000, 100_000];
const TARGET_S: Record<number, number> = { 10_000: 2, 100_000: 20 };
const PEAK_MB = 300;
const MEDICAL_FEN = 41_000;

const envOf = (dir: string) => ({
	SIFEE_MODE: 'test',
	SIFEE_TODAY: TODAY,
	SIFEE_DB: join(dir, 'terminal.db'),
	SIFEE_UPSTREAM_DB: join(dir, 'upstream-sim.db'),
	SIFEE_FORM_OUTPUT_DIR: join(dir, 'forms')
});

/** The files a window would have: residents upstream, a collector's account, the village's list. */
async function prepare(dir: string, size: number): Promise<string> {
	const env = envOf(dir);
	const rt = await createRuntime(readConfig(env), env);
	try {
		const residents = addVillageResidents(rt.upstreamDb, size);
		const account = await rt.upstream.coreTax.openVirtualAccount({
			key: 'bench:account',
			collectorIdNumber: demoResidentId('140110', '1949-01-01', 1),
			collectorName: '压测代办员',
			village: '压测村',
			county: '太原市晋源区',
			today: TODAY
		});
		const medical = (await yearTables(rt.upstream.coreTax, TODAY)).tiers('R_MEDICAL', 2027)[0]?.amountFen ?? MEDICAL_FEN;
		const list = await writeListFile(
			[[...COLLECTOR_LIST_HEADER], ...residents.map((r) => [r.idNumber, r.name, '城乡居民基本医疗保险', '', (medical / 100).toFixed(2), '2026-11-19'])],
			'csv'
		);
		writeFileSync(join(dir, 'list.csv'), list);
		return account.virtualAccountNo;
	} finally {
		await rt.close();
	}
}

/** The window's work on the list, in a process of its own so its peak memory is the pipeline's. */
async function pipeline(dir: string, size: number, virtualAccountNo: string): Promise<void> {
	const env = envOf(dir);
	const rt = await createRuntime(readConfig(env), env);
	try {
		const list = readFileSync(join(dir, 'list.csv'));
		const rssStart = process.memoryUsage().rss / 1024 / 1024;
		// The peak so far after each stage says which stage raised it; heap and external say what holds it.
		const stages: string[] = [];
		const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
		const stage = (name: string) => {
			const m = process.memoryUsage();
			stages.push(
				`${name}: peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}, rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}, external ${mb(m.external)} MB`
			);
		};
		// As the server does it: the upload read, checked and saved in one request, whose rows are let
		// go when it ends; the payment later settles the good rows read back from the journal.
		const t0 = performance.now();
		const { uploadId, t1, t2 } = await (async () => {
			const rows = await readListFile(list, '压测村.csv');
			const t1 = performance.now();
			stage('read');
			const checked = await checkList(rt.upstream.coreTax, rows, TODAY);
			const t2 = performance.now();
			stage('checked');
			const uploadId = rt.collectors.batchUploads.save(
				{ windowSessionId: null, collectorCode: 'C001', fileName: '压测村.csv', format: 'csv', createdAt: new Date().toISOString() },
				checked
			);
			stage('saved');
			return { uploadId, t1, t2 };
		})();
		// As uploadList does when the upload's request ends.
		collectGarbage();
		const { good, goodFen } = rt.collectors.batchUploads.summary(uploadId)!;
		await rt.upstream.coreTax.depositToVirtualAccount({ key: 'bench:deposit', virtualAccountNo, amountFen: goodFen, channel: 'cash', today: TODAY });
		const t3 = performance.now();
		const settled = await rt.upstream.coreTax.settleCollectorBatch({
			key: 'bench:settle',
			virtualAccountNo,
			today: TODAY,
			rows: rt.collectors.batchUploads.settlementRows(uploadId)
		});
		const t4 = performance.now();
		stage('settled');
		console.log(stages.join('\n'));
		console.log(
			JSON.stringify({
				readS: (t1 - t0) / 1000,
				checkS: (t2 - t1) / 1000,
				saveS: (t3 - t2) / 1000,
				settleS: (t4 - t3) / 1000,
				good,
				recorded: rt.upstreamDb
					.prepare('SELECT count(*) FROM collector_batch_payments WHERE batch_voucher_no = ?')
					.pluck()
					.get(settled.batchVoucherNo) as number,
				batch: settled.batchVoucherNo,
				peakMb: process.resourceUsage().maxRSS / 1024,
				startMb: rssStart
			})
		);
	} finally {
		await rt.close();
	}
}

/** The floor: the same rows inserted plainly into SQLite in one transaction. */
async function floor(dir: string): Promise<number> {
	const rows = await readListFile(readFileSync(join(dir, 'list.csv')), 'list.csv');
	const db = new Database(join(dir, 'floor.db'));
	db.pragma('journal_mode = WAL');
	db.exec('CREATE TABLE r (row INTEGER, id TEXT, name TEXT, item TEXT, tier TEXT, amount TEXT, collected TEXT)');
	const ins = db.prepare('INSERT INTO r VALUES (?, ?, ?, ?, ?, ?, ?)');
	const t = performance.now();
	db.transaction(() => {
		for (const r of rows) ins.run(r.row, r.idNumber, r.name, r.item, r.tier, r.amount, r.collectedOn);
	})();
	const s = (performance.now() - t) / 1000;
	db.close();
	return s;
}

/**
 * The window's process runs this file bundled to plain JavaScript, as the built server runs: under
 * the TypeScript loader the same work weighs some 40 MB more (the loader's own thread and its
 * compiled copies). Bundled beside node_modules, so the packages resolve as the server's do.
 */
function bundledPipeline(): string {
	const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.cache', 'sifee-bench', 'collector-batch.mjs');
	buildSync({
		entryPoints: [fileURLToPath(import.meta.url)],
		bundle: true,
		platform: 'node',
		format: 'esm',
		packages: 'external',
		outfile: out,
		logLevel: 'warning'
	});
	return out;
}

async function run(size: number, pipelineFile: string): Promise<boolean> {
	const dir = mkdtempSync(join(tmpdir(), 'sifee-batch-'));
	try {
		const account = await prepare(dir, size);
		const child = spawnSync(process.execPath, [pipelineFile, '--pipeline', dir, String(size), account], { encoding: 'utf8' });
		if (child.status !== 0) throw new Error(`the pipeline failed:\n${child.stderr}`);
		const out = child.stdout.trim().split('\n');
		const r = JSON.parse(out.pop()!) as {
			readS: number;
			checkS: number;
			saveS: number;
			settleS: number;
			good: number;
			recorded: number;
			batch: string;
			peakMb: number;
			startMb: number;
		};
		const floorS = await floor(dir);
		const totalS = r.readS + r.checkS + r.saveS + r.settleS;
		const ok = r.good === size && r.recorded === size;
		const fast = totalS <= TARGET_S[size];
		const small = r.peakMb <= PEAK_MB;
		console.log(
			`${size} rows: read ${r.readS.toFixed(2)} s, checked ${r.checkS.toFixed(2)} s, saved and deposited ${r.saveS.toFixed(2)} s, settled ${r.settleS.toFixed(2)} s; ` +
				`total ${totalS.toFixed(2)} s = ${(size / totalS).toFixed(0)} rows/s (floor: plain inserts ${floorS.toFixed(3)} s = ${(size / floorS).toFixed(0)} rows/s, ` +
				`ratio ${(totalS / floorS).toFixed(1)}×); peak RSS of the window's process ${r.peakMb.toFixed(0)} MB (${r.startMb.toFixed(0)} MB before the list)`
		);
		console.log(out.map((line) => `  ${line}`).join('\n'));
		console.log(
			`  ${r.good} good rows, ${r.recorded} persons recorded in batch ${r.batch}: ` +
				`target ≤ ${TARGET_S[size]} s ${fast ? 'PASS' : 'FAIL'}, peak ≤ ${PEAK_MB} MB ${small ? 'PASS' : 'FAIL'}${ok ? '' : ', rows lost: FAIL'}`
		);
		return ok && fast && small;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const [mode, dirArg, sizeArg, accountArg] = process.argv.slice(2);
if (mode === '--pipeline') {
	await pipeline(dirArg, Number(sizeArg), accountArg);
} else {
	const pipelineFile = bundledPipeline();
	let passed = true;
	for (const size of SIZES) passed = (await run(size, pipelineFile)) && passed;
	process.exit(passed ? 0 : 1);
}
