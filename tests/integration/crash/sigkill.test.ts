// Crash safety, proven by killing the server process (SIGKILL) in the middle of a card payment
// and starting it again on the same files. The POS terminal and the receipt printer run in a
// process of their own (hardware-process.ts) on the device ends of socat pty pairs, so — like
// real devices — they keep their transaction log and their paper across the crash; the server
// (server-process.ts) runs the real runtime with real serial drivers on the host ends.
//
// The test reads what each side holds: the journal and the upstream simulator's SQLite files
// (read-only) and the devices' state file; it follows the server's progress on its stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../drivers/socat';
import type { HardwareState } from './hardware-process';
import { VOID_SLIP_TEXT } from '../../../src/lib/server/receipts/void-slip';
import { DEMO_RESIDENTS } from '../../../src/lib/server/demo/demo-catalogue';
import type { FaultSpec } from '../../../src/lib/server/upstream/faults';
import { residentCoverageYear } from '../../../src/lib/domain';
import { COLLECTOR_ITEMS } from '../../../src/lib/domain/collector-list';
import iconv from 'iconv-lite';
import type { UpstreamOperation } from '../../../src/lib/server/upstream/operations';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');

// ---------------------------------------------------------------------------------------------
// Child processes

/** Everything started here, so afterAll can always end it. */
const live = new Set<Proc>();

class Proc {
	readonly lines: string[] = [];
	private readonly child: ChildProcess;
	private stderr = '';
	private nextId = 0;
	private readonly listeners = new Set<() => void>();
	readonly exited: Promise<number | null>;
	private done = false;

	constructor(
		readonly name: string,
		file: string,
		env: Record<string, string>
	) {
		this.child = spawn(process.execPath, ['--import', 'tsx', join(here, file)], {
			cwd: root,
			env: { ...process.env, ...env },
			stdio: ['pipe', 'pipe', 'pipe']
		});
		live.add(this);
		let rest = '';
		this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
			const parts = (rest + chunk).split('\n');
			rest = parts.pop()!;
			this.lines.push(...parts);
			for (const l of [...this.listeners]) l();
		});
		this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
			this.stderr = (this.stderr + chunk).slice(-4000);
		});
		// A process that is gone takes its stdin with it.
		this.child.stdin!.on('error', () => undefined);
		this.exited = new Promise((resolve) =>
			this.child.once('exit', (code) => {
				this.done = true;
				live.delete(this);
				for (const l of [...this.listeners]) l();
				resolve(code);
			})
		);
	}

	get pid(): number {
		return this.child.pid!;
	}

	/** Why a wait failed: the tail of what the process said. */
	diagnostics(): string {
		return `${this.name} stdout:\n${this.lines.slice(-15).join('\n')}\n${this.name} stderr:\n${this.stderr.slice(-1500)}`;
	}

	/** The first line (from the start of the process) that matches; waits for it. */
	waitLine(description: string, want: (line: string) => boolean, timeoutMs: number): Promise<string> {
		return new Promise((resolve, reject) => {
			const check = () => {
				const found = this.lines.find(want);
				if (found !== undefined) {
					finish();
					resolve(found);
				} else if (this.done) {
					finish();
					reject(new Error(`${this.name} exited before ${description}\n${this.diagnostics()}`));
				}
			};
			const timer = setTimeout(() => {
				finish();
				reject(new Error(`${this.name}: no ${description} within ${timeoutMs} ms\n${this.diagnostics()}`));
			}, timeoutMs);
			const finish = () => {
				clearTimeout(timer);
				this.listeners.delete(check);
			};
			this.listeners.add(check);
			check();
		});
	}

	/** Sends one JSON command on stdin and waits for its ACK. */
	async command(body: Record<string, unknown>, timeoutMs = 3000): Promise<void> {
		const id = ++this.nextId;
		this.child.stdin!.write(`${JSON.stringify({ id, ...body })}\n`);
		const answer = await this.waitLine(`answer to ${JSON.stringify(body)}`, (l) => l === `ACK ${id}` || l.startsWith(`ERR ${id} `), timeoutMs);
		if (answer !== `ACK ${id}`) throw new Error(`${this.name}: ${answer}`);
	}

	/** Sends the signal and waits until the process is gone. */
	async kill(signal: NodeJS.Signals): Promise<void> {
		if (this.done) return;
		this.child.kill(signal);
		const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
		await this.exited;
		clearTimeout(timer);
	}
}

// ---------------------------------------------------------------------------------------------
// Reading both sides

async function waitUntil<T>(description: string, probe: () => T | null | undefined | false, timeoutMs: number, explain = () => ''): Promise<T> {
	const started = Date.now();
	for (;;) {
		const value = probe();
		if (value) return value;
		if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${description}\n${explain()}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

function readDb<T>(path: string, read: (db: Database.Database) => T): T {
	const db = new Database(path, { readonly: true, fileMustExist: true });
	try {
		return read(db);
	} finally {
		db.close();
	}
}

interface Intent {
	key: string;
	action: string;
	status: string;
	payload: {
		amountFen?: number;
		declarationNo?: string;
		reprint?: boolean;
		voucherNo?: string;
		parts?: { payerId: number; declarationNo: string; amountFen: number }[];
	};
	outcome: Record<string, unknown> | null;
}

interface Step {
	id: string;
	status: string;
	step: string;
	child: string | null;
	childStep: string | null;
	error: { code: string; message: string } | null;
	notice: string | null;
}

const stepOf = (line: string): Step | null => (line.startsWith('STEP ') ? (JSON.parse(line.slice(5)) as Step) : null);

// ---------------------------------------------------------------------------------------------
// One window: its own files, pty pairs, devices process; servers started and killed at will

/** What the first run drives: the enterprise's dues, the demo household of three, or a collector's batch. */
type Drive = 'pos' | 'household-pos' | 'collector-card';
type UpstreamFault = { operation: UpstreamOperation; fault: FaultSpec };

interface RigOptions {
	/** Time the payer takes at the POS (sale answered after it). */
	posProcessingMs: number;
	/** The server's sale time-out and query/reversal time-out. */
	posTimeoutMs: number;
	posQueryTimeoutMs: number;
}

const rigs = new Set<Rig>();

class Rig {
	readonly dir = mkdtempSync(join(tmpdir(), 'sifee-crash-'));
	readonly journalPath = join(this.dir, 'terminal.db');
	readonly upstreamPath = join(this.dir, 'upstream-sim.db');
	readonly stateFile = join(this.dir, 'hardware.json');
	readonly posPair: PtyPair = createPtyPair('crash-pos');
	readonly printerPair: PtyPair = createPtyPair('crash-printer');
	hardware!: Proc;
	private servers = 0;

	constructor(
		readonly sessionId: string,
		private readonly options: RigOptions
	) {
		rigs.add(this);
	}

	async start(): Promise<void> {
		await Promise.all([this.posPair.start(), this.printerPair.start()]);
		this.hardware = new Proc('hardware', 'hardware-process.ts', {
			HW_POS_PATH: this.posPair.b,
			HW_PRINTER_PATH: this.printerPair.b,
			HW_STATE_FILE: this.stateFile,
			HW_POS_PROCESSING_MS: String(this.options.posProcessingMs)
		});
		await this.hardware.waitLine('READY', (l) => l === 'READY', 10_000);
	}

	/** A server process on this window's files; `drive`: the first run's visit, paid by card (server-process.ts); `fault`: an upstream failure switched on for it. */
	async server(drive: Drive | null, fault?: UpstreamFault): Promise<Proc> {
		const proc = new Proc(`server#${++this.servers}`, 'server-process.ts', {
			SIFEE_DB: this.journalPath,
			SIFEE_UPSTREAM_DB: this.upstreamPath,
			SIFEE_FORM_OUTPUT_DIR: join(this.dir, 'forms'),
			SIFEE_POS_PORT: this.posPair.a,
			SIFEE_PRINTER_PORT: this.printerPair.a,
			SIFEE_POS_TIMEOUT_MS: String(this.options.posTimeoutMs),
			SIFEE_POS_QUERY_TIMEOUT_MS: String(this.options.posQueryTimeoutMs),
			SIFEE_PRINTER_POLL_MS: '200',
			SIFEE_PRINTER_REPLY_TIMEOUT_MS: '300',
			CRASH_SESSION_ID: this.sessionId,
			...(drive ? { CRASH_DRIVE: drive } : {}),
			...(fault ? { CRASH_UPSTREAM_FAULT: JSON.stringify(fault) } : {})
		});
		await proc.waitLine('READY', (l) => l.startsWith('READY '), 15_000);
		return proc;
	}

	restored(server: Proc): string[] {
		const line = server.lines.find((l) => l.startsWith('READY '))!;
		return (JSON.parse(line.slice(6)) as { restored: string[] }).restored;
	}

	/**
	 * Waits for a step of the followed session, as the server reports it; fails at once on a step
	 * the wanted one can no longer follow (a supervisor needed, the session ended).
	 */
	async waitStep(server: Proc, description: string, want: (s: Step) => boolean, timeoutMs = 10_000): Promise<Step> {
		const deadEnd = (s: Step) => s.childStep === 'needsSupervisor' || s.status !== 'active' || ['failed', 'escalated', 'cancelled', 'done'].includes(s.step);
		const line = await server.waitLine(
			description,
			(l) => {
				const s = stepOf(l);
				return !!s && (want(s) || deadEnd(s));
			},
			timeoutMs
		);
		const step = stepOf(line)!;
		if (!want(step)) throw new Error(`${server.name}: wanted ${description}, the session went to a dead end: ${line}\n${server.diagnostics()}`);
		return step;
	}

	steps(server: Proc): Step[] {
		return server.lines.map(stepOf).filter((s): s is Step => s !== null);
	}

	/** Waits until the server reports both the POS and the receipt printer ready. */
	async devicesReady(server: Proc): Promise<void> {
		const last = (kind: string) =>
			server.lines
				.filter((l) => l.startsWith('DEVICE '))
				.map((l) => JSON.parse(l.slice(7)) as { kind: string; code: string })
				.filter((d) => d.kind === kind)
				.at(-1)?.code;
		await waitUntil(
			'server devices ready',
			() => last('pos-terminal') === 'OK' && last('receipt-printer') === 'OK',
			10_000,
			() => server.diagnostics()
		);
	}

	hw(): HardwareState {
		return JSON.parse(readFileSync(this.stateFile, 'utf8')) as HardwareState;
	}

	hwCommand(body: Record<string, unknown>): Promise<void> {
		return this.hardware.command(body);
	}

	intents(action: string): Intent[] {
		return readDb(this.journalPath, (db) =>
			(
				db
					.prepare(`SELECT idempotency_key AS key, action, status, payload, outcome FROM intents WHERE action = ? ORDER BY created_at, idempotency_key`)
					.all(action) as { key: string; action: string; status: string; payload: string; outcome: string | null }[]
			).map((r) => ({ ...r, payload: JSON.parse(r.payload), outcome: r.outcome === null ? null : JSON.parse(r.outcome) }))
		);
	}

	/** The persisted snapshot of the window session (what a restart restores). */
	session(): { status: string; snapshot: { value: unknown; children: Record<string, { snapshot: { value: unknown } } | undefined> } } {
		return readDb(this.journalPath, (db) => {
			const row = db.prepare('SELECT status, snapshot FROM window_sessions WHERE id = ?').get(this.sessionId) as { status: string; snapshot: string };
			return { status: row.status, snapshot: JSON.parse(row.snapshot) };
		});
	}

	declaration(declarationNo: string): {
		status: string;
		payments: { channel: string; amountFen: number; voucherNo: string; details: Record<string, unknown> }[];
	} {
		return readDb(this.upstreamPath, (db) => {
			const d = db.prepare('SELECT id, status FROM declarations WHERE declaration_no = ?').get(declarationNo) as { id: number; status: string };
			const payments = (
				db
					.prepare('SELECT channel, amount_fen AS amountFen, voucher_no AS voucherNo, details FROM payments WHERE declaration_id = ? ORDER BY id')
					.all(d.id) as { channel: string; amountFen: number; voucherNo: string; details: string }[]
			).map((p) => ({ ...p, details: JSON.parse(p.details) }));
			return { status: d.status, payments };
		});
	}

	/** Each person's declarations upstream (by ID number), oldest first, with the payments of each. */
	declarationsOf(idNumbers: readonly string[]): {
		name: string;
		declarations: { declarationNo: string; status: string; payments: { voucherNo: string; amountFen: number }[] }[];
	}[] {
		return readDb(this.upstreamPath, (db) =>
			idNumbers.map((idNumber) => {
				const payer = db.prepare('SELECT id, name FROM payers WHERE id_number = ?').get(idNumber) as { id: number; name: string };
				const declarations = (
					db.prepare('SELECT id, declaration_no AS declarationNo, status FROM declarations WHERE payer_id = ? ORDER BY id').all(payer.id) as {
						id: number;
						declarationNo: string;
						status: string;
					}[]
				).map(({ id, ...d }) => ({
					...d,
					payments: db.prepare('SELECT voucher_no AS voucherNo, amount_fen AS amountFen FROM payments WHERE declaration_id = ? ORDER BY id').all(id) as {
						voucherNo: string;
						amountFen: number;
					}[]
				}));
				return { name: payer.name, declarations };
			})
		);
	}

	/** The collectors' side upstream: deposits into virtual accounts, settled batches and each batch payment with its person and item. */
	virtualAccountBooks(): {
		deposits: { virtualAccountNo: string; amountFen: number; channel: string }[];
		batches: { batchVoucherNo: string; virtualAccountNo: string; rowCount: number; totalFen: number }[];
		batchPayments: { batchVoucherNo: string; row: number; idNumber: string; itemCode: string; amountFen: number; voucherNo: string }[];
	} {
		return readDb(this.upstreamPath, (db) => ({
			deposits: db
				.prepare('SELECT virtual_account_no AS virtualAccountNo, amount_fen AS amountFen, channel FROM virtual_account_deposits ORDER BY deposit_no')
				.all() as { virtualAccountNo: string; amountFen: number; channel: string }[],
			batches: db
				.prepare(
					'SELECT batch_voucher_no AS batchVoucherNo, virtual_account_no AS virtualAccountNo, row_count AS rowCount, total_fen AS totalFen FROM collector_batches ORDER BY batch_voucher_no'
				)
				.all() as { batchVoucherNo: string; virtualAccountNo: string; rowCount: number; totalFen: number }[],
			batchPayments: db
				.prepare(
					`SELECT b.batch_voucher_no AS batchVoucherNo, b.row, pr.id_number AS idNumber, l.item_code AS itemCode, p.amount_fen AS amountFen, p.voucher_no AS voucherNo
					 FROM collector_batch_payments b JOIN payments p ON p.id = b.payment_id JOIN declarations d ON d.id = p.declaration_id
					 JOIN declaration_lines l ON l.declaration_id = d.id JOIN payers pr ON pr.id = d.payer_id ORDER BY b.batch_voucher_no, b.row`
				)
				.all() as { batchVoucherNo: string; row: number; idNumber: string; itemCode: string; amountFen: number; voucherNo: string }[]
		}));
	}

	/** Every payment upstream of these persons for these items and years, whatever the channel (a resident paid twice would show two). */
	paymentsOf(
		items: { idNumber: string; itemCode: string; year: number }[]
	): { idNumber: string; itemCode: string; channel: string; amountFen: number; voucherNo: string }[] {
		return readDb(this.upstreamPath, (db) => {
			const q = db.prepare(
				`SELECT pr.id_number AS idNumber, l.item_code AS itemCode, p.channel, p.amount_fen AS amountFen, p.voucher_no AS voucherNo
				 FROM payments p JOIN declarations d ON d.id = p.declaration_id JOIN declaration_lines l ON l.declaration_id = d.id JOIN payers pr ON pr.id = d.payer_id
				 WHERE pr.id_number = ? AND l.item_code = ? AND l.period_from = ? ORDER BY p.id`
			);
			return items.flatMap(
				(i) =>
					q.all(i.idNumber, i.itemCode, `${i.year}-01-01`) as { idNumber: string; itemCode: string; channel: string; amountFen: number; voucherNo: string }[]
			);
		});
	}

	async dispose(): Promise<void> {
		rigs.delete(this);
		for (const p of [...live]) await p.kill('SIGKILL');
		await Promise.all([this.posPair.dispose(), this.printerPair.dispose()]);
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/** Runs a scenario on a fresh window and always tears it down. */
async function withRig(sessionId: string, options: RigOptions, scenario: (rig: Rig) => Promise<void>): Promise<void> {
	const rig = new Rig(sessionId, options);
	try {
		await rig.start();
		await scenario(rig);
	} finally {
		await rig.dispose();
	}
}

afterAll(async () => {
	for (const p of [...live]) await p.kill('SIGKILL');
	for (const r of [...rigs]) await r.dispose();
});

const sales = (hw: HardwareState) => hw.pos.transactions.filter((t) => t.type === 'sale');
const requestsOf = (hw: HardwareState, type: string) => hw.pos.requests.filter((r) => r.type === type);
const paymentSnapshot = (rig: Rig) => rig.session().snapshot.children.payment?.snapshot.value;

/** The demo household of three (guide 3: one visit, one sale, a declaration and a receipt per person). */
const HOUSEHOLD = DEMO_RESIDENTS.filter((r) => r.story === 'household');
const HOUSEHOLD_IDS = HOUSEHOLD.map((r) => r.idNumber);

/** The household's card sale is approved and its recording upstream has begun: the moment to kill. */
async function householdSaleTaken(rig: Rig, server: Proc, recorded: (persons: ReturnType<Rig['declarationsOf']>) => boolean) {
	return waitUntil(
		'the household sale approved and recorded as far as wanted',
		() => {
			const [sale] = rig.intents('pos.sale');
			const [record] = rig.intents('coreTax.recordPayment');
			const approved = sale && sales(rig.hw()).some((t) => t.key === sale.key && t.state === 'approved');
			return approved && sale.status === 'succeeded' && record?.status === 'pending' && recorded(rig.declarationsOf(HOUSEHOLD_IDS)) && { sale, record };
		},
		20_000,
		() => server.diagnostics()
	);
}

/**
 * The server started again on the same files: the restored session records who is not booked yet
 * and prints each person's receipt; the clerk goes on to the next person and finishes at the last.
 */
async function householdAfterRestart(rig: Rig, sale: Intent, record: Intent): Promise<void> {
	const second = await rig.server(null);
	expect(rig.restored(second)).toEqual([rig.sessionId]);
	// Restored at the record step: the sale stands and is not taken again.
	const restoredAt = stepOf(await second.waitLine('the restored step', (l) => l.startsWith('STEP '), 5000));
	expect(restoredAt).toMatchObject({ step: 'paying', child: 'payment', childStep: 'recording' });
	await rig.waitStep(second, 'the first person’s receipt printed', (s) => s.step === 'receipts' && s.childStep === 'printed');
	await rig.devicesReady(second);
	for (const n of [2, 3]) {
		await second.command({ send: { type: 'NEXT' } });
		await waitUntil(
			`receipt ${n} printed`,
			() => rig.hw().printer.printouts.filter((p) => p.complete).length === n,
			10_000,
			() => second.diagnostics()
		);
	}
	await second.command({ send: { type: 'FINISH' } });
	await rig.waitStep(second, 'the visit done', (s) => s.step === 'done' && s.status === 'done');

	const hw = rig.hw();
	const parts = record.payload.parts!;
	const totalFen = parts.reduce((sum, p) => sum + p.amountFen, 0);
	// One sale for the household, never taken again: the restart went on from the record step.
	expect(requestsOf(hw, 'SA').map((r) => r.key)).toEqual([sale.key]);
	expect(requestsOf(hw, 'QK')).toEqual([]);
	expect(requestsOf(hw, 'RV')).toEqual([]);
	expect(sales(hw)).toHaveLength(1);
	expect(sales(hw)[0]).toMatchObject({ key: sale.key, state: 'approved', amountFen: totalFen });
	expect(sale.payload.amountFen).toBe(totalFen);
	expect(rig.intents('pos.sale')).toMatchObject([{ key: sale.key, status: 'succeeded' }]);
	expect(rig.intents('coreTax.recordPayment')).toMatchObject([{ key: record.key, status: 'succeeded' }]);

	// Each person declared once and paid once, for their own part.
	const persons = rig.declarationsOf(HOUSEHOLD_IDS);
	expect(persons.map((p) => p.name)).toEqual(HOUSEHOLD.map((r) => r.name));
	expect(persons.map((p) => p.declarations.map((d) => d.declarationNo))).toEqual(parts.map((p) => [p.declarationNo]));
	for (const [i, p] of persons.entries()) {
		expect(p.declarations[0].status).toBe('paid');
		expect(p.declarations[0].payments).toEqual([{ voucherNo: expect.stringMatching(/^\d{18}$/), amountFen: parts[i].amountFen }]);
	}
	const vouchers = persons.map((p) => p.declarations[0].payments[0].voucherNo);
	expect(new Set(vouchers).size).toBe(3);

	// A receipt per person, in order, each printed once as the first print.
	expect(hw.printer.printouts).toHaveLength(3);
	for (const [i, receipt] of hw.printer.printouts.entries()) {
		const text = receipt.lines.join('\n');
		expect(receipt.complete).toBe(true);
		expect(text).toContain(HOUSEHOLD[i].name);
		expect(text).toContain(vouchers[i]);
		expect(text).toContain(sales(hw)[0].approval!.voucherNo);
		expect(text).not.toContain('补打');
		expect(receipt.qr).toEqual([vouchers[i]]);
	}
	expect(rig.intents('receipt.print').map((p) => [p.payload.voucherNo, p.status])).toEqual(vouchers.map((v) => [v, 'succeeded']));
	await second.kill('SIGTERM');
}

/** The rows of the list the collector batch drive uploaded (server-process.ts writes it beside the journal): each person, item, coverage year and amount. */
function uploadedRows(rig: Rig): { idNumber: string; name: string; itemCode: string; year: number; amountFen: number }[] {
	const coverage = { R_PENSION: 'pension', R_SUPP_PENSION: 'supplementary_pension', R_MEDICAL: 'medical' } as const;
	const [, ...lines] = iconv
		.decode(readFileSync(join(rig.dir, 'C002-sample.csv')), 'gb18030')
		.trim()
		.split(/\r?\n/);
	return lines.map((l) => {
		const [idNumber, name, item, , yuan, collectedOn] = l.split(',');
		const itemCode = COLLECTOR_ITEMS[item as keyof typeof COLLECTOR_ITEMS];
		return { idNumber, name, itemCode, year: residentCoverageYear(coverage[itemCode], collectedOn), amountFen: Math.round(Number(yuan) * 100) };
	});
}

// ---------------------------------------------------------------------------------------------

describe('crash safety: the server is killed (SIGKILL) in the middle of a card payment and started again', () => {
	it('a sale in flight when the server is killed is found by its key and confirmed, never charged twice', async () => {
		await withRig('s-crash-inflight', { posProcessingMs: 2500, posTimeoutMs: 8000, posQueryTimeoutMs: 1500 }, async (rig) => {
			const first = await rig.server('pos');
			// The intent is on disk and the terminal has the request: the payer is at the POS.
			const [intent] = await waitUntil(
				'pos.sale intent pending and the sale at the POS',
				() => {
					const i = rig.intents('pos.sale');
					return i.length === 1 && i[0].status === 'pending' && requestsOf(rig.hw(), 'SA').some((r) => r.key === i[0].key) && i;
				},
				15_000,
				() => first.diagnostics()
			);
			expect(sales(rig.hw())).toEqual([]);
			await first.kill('SIGKILL');

			// The terminal carries on without the server and approves.
			const charged = await waitUntil('the POS approves the sale', () => sales(rig.hw()).find((t) => t.key === intent.key && t.state === 'approved'), 10_000);
			expect(rig.intents('pos.sale')).toMatchObject([{ key: intent.key, status: 'pending' }]);
			expect(paymentSnapshot(rig)).toEqual({ card: 'charging' });

			const second = await rig.server(null);
			expect(rig.restored(second)).toEqual([rig.sessionId]);
			await rig.waitStep(second, 'receipt printed', (s) => s.step === 'receipt' && s.childStep === 'printed');

			const hw = rig.hw();
			// Asked by key after the restart, never sold again.
			expect(requestsOf(hw, 'SA').map((r) => r.key)).toEqual([intent.key]);
			expect(requestsOf(hw, 'QK').map((r) => r.key)).toEqual([intent.key]);
			expect(requestsOf(hw, 'RV')).toEqual([]);
			expect(sales(hw)).toHaveLength(1);
			expect(sales(hw)[0]).toMatchObject({ key: intent.key, state: 'approved', amountFen: intent.payload.amountFen });

			const [done] = rig.intents('pos.sale');
			expect(done).toMatchObject({ key: intent.key, status: 'succeeded' });
			expect((done.outcome as { approval: { voucherNo: string } }).approval.voucherNo).toBe(charged.approval!.voucherNo);

			const declaration = rig.declaration(intent.payload.declarationNo!);
			expect(declaration.status).toBe('paid');
			expect(declaration.payments).toHaveLength(1);
			const [payment] = declaration.payments;
			expect(payment).toMatchObject({ channel: 'pos', amountFen: intent.payload.amountFen });
			expect(payment.voucherNo).toMatch(/^\d{18}$/);

			expect(hw.printer.printouts).toHaveLength(1);
			const [receipt] = hw.printer.printouts;
			expect(receipt.complete).toBe(true);
			const text = receipt.lines.join('\n');
			expect(text).toContain('太原示例机械制造有限公司');
			expect(text).toContain(payment.voucherNo);
			expect(text).toContain(charged.approval!.voucherNo);
			expect(text).not.toContain('补打');
			expect(receipt.qr).toEqual([payment.voucherNo]);
			expect(rig.intents('receipt.print')).toMatchObject([{ status: 'succeeded' }]);
			await second.kill('SIGTERM');
		});
	}, 40_000);

	it('a sale whose answer was lost is reversed by its key after the restart, and the payer is charged at most once', async () => {
		await withRig('s-crash-lost', { posProcessingMs: 300, posTimeoutMs: 1200, posQueryTimeoutMs: 3000 }, async (rig) => {
			// The bank approves, the answer never reaches the counter; the terminal then hangs.
			await rig.hwCommand({ cmd: 'queue', behaviours: ['lose-answer'] });
			await rig.hwCommand({ cmd: 'default', behaviour: 'silent' });
			const first = await rig.server('pos');
			// The sale timed out (outcome unknown) and its reversal is on the wire: kill.
			const [intent] = await waitUntil(
				'sale timed out and the reversal sent',
				() => {
					const i = rig.intents('pos.sale');
					return i.length === 1 && i[0].status === 'unknown' && requestsOf(rig.hw(), 'RV').some((r) => r.key === i[0].key) && i;
				},
				15_000,
				() => first.diagnostics()
			);
			await first.kill('SIGKILL');
			expect(sales(rig.hw())).toMatchObject([{ key: intent.key, state: 'approved' }]);
			expect(paymentSnapshot(rig)).toEqual({ card: 'reversing' });
			expect(rig.declaration(intent.payload.declarationNo!)).toEqual({ status: 'declared', payments: [] });

			await rig.hwCommand({ cmd: 'default', behaviour: 'approve' });
			const second = await rig.server(null);
			expect(rig.restored(second)).toEqual([rig.sessionId]);
			const back = await rig.waitStep(second, 'back at the choice after the reversal', (s) => s.step === 'paying' && s.childStep === 'choosing.ready');
			expect(back.notice).toContain('已自动冲正');

			// Consistent: the sale is reversed on the terminal, nothing booked, the declaration unpaid.
			let hw = rig.hw();
			expect(sales(hw)).toMatchObject([{ key: intent.key, state: 'reversed' }]);
			expect(requestsOf(hw, 'SA').map((r) => r.key)).toEqual([intent.key]);
			expect(rig.intents('pos.sale')).toMatchObject([{ key: intent.key, status: 'reversed' }]);
			expect(rig.declaration(intent.payload.declarationNo!)).toEqual({ status: 'declared', payments: [] });

			// The clerk takes the card again: a new attempt with a new key, charged once.
			await rig.devicesReady(second);
			await second.command({ send: { type: 'CHOOSE', channel: 'pos' } });
			await rig.waitStep(second, 'receipt printed', (s) => s.step === 'receipt' && s.childStep === 'printed');
			hw = rig.hw();
			const keys = requestsOf(hw, 'SA').map((r) => r.key);
			expect(keys).toHaveLength(2);
			expect(keys[1]).not.toBe(intent.key);
			expect(sales(hw).map((t) => [t.key, t.state])).toEqual([
				[intent.key, 'reversed'],
				[keys[1], 'approved']
			]);
			expect(rig.intents('pos.sale').map((i) => [i.key, i.status])).toEqual([
				[intent.key, 'reversed'],
				[keys[1], 'succeeded']
			]);
			const declaration = rig.declaration(intent.payload.declarationNo!);
			expect(declaration.status).toBe('paid');
			expect(declaration.payments).toHaveLength(1);
			expect(declaration.payments[0]).toMatchObject({ channel: 'pos', amountFen: intent.payload.amountFen });
			const approved = sales(hw)[1].approval!;
			expect(declaration.payments[0].details).toMatchObject({ pos: { traceNo: approved.voucherNo } });
			expect(hw.printer.printouts).toHaveLength(1);
			expect(hw.printer.printouts[0].complete).toBe(true);
			expect(hw.printer.printouts[0].lines.join('\n')).toContain(declaration.payments[0].voucherNo);
			await second.kill('SIGTERM');
		});
	}, 40_000);

	it('a sale the terminal never took is not found by its key after the restart and is sent again with the same key, charged once', async () => {
		await withRig('s-crash-unseen', { posProcessingMs: 300, posTimeoutMs: 8000, posQueryTimeoutMs: 1500 }, async (rig) => {
			// The request reaches the wire but the terminal does nothing with it (hung, or lost).
			await rig.hwCommand({ cmd: 'queue', behaviours: ['silent'] });
			const first = await rig.server('pos');
			const [intent] = await waitUntil(
				'pos.sale intent pending and the request on the wire',
				() => {
					const i = rig.intents('pos.sale');
					return i.length === 1 && i[0].status === 'pending' && requestsOf(rig.hw(), 'SA').some((r) => r.key === i[0].key) && i;
				},
				15_000,
				() => first.diagnostics()
			);
			await first.kill('SIGKILL');
			expect(sales(rig.hw())).toEqual([]);

			const second = await rig.server(null);
			expect(rig.restored(second)).toEqual([rig.sessionId]);
			await rig.waitStep(second, 'receipt printed', (s) => s.step === 'receipt' && s.childStep === 'printed');

			const hw = rig.hw();
			// Asked first; not found, so the same sale (same key) goes ahead, once.
			expect(hw.pos.requests.filter((r) => r.type !== 'SA' || r.key === intent.key).map((r) => r.type)).toEqual(['SA', 'QK', 'SA']);
			expect(requestsOf(hw, 'SA').map((r) => r.key)).toEqual([intent.key, intent.key]);
			expect(sales(hw)).toHaveLength(1);
			expect(sales(hw)[0]).toMatchObject({ key: intent.key, state: 'approved', amountFen: intent.payload.amountFen });
			expect(rig.intents('pos.sale')).toMatchObject([{ key: intent.key, status: 'succeeded' }]);
			const declaration = rig.declaration(intent.payload.declarationNo!);
			expect(declaration.status).toBe('paid');
			expect(declaration.payments).toHaveLength(1);
			expect(declaration.payments[0].details).toMatchObject({ pos: { traceNo: sales(hw)[0].approval!.voucherNo } });
			expect(hw.printer.printouts.map((p) => p.complete)).toEqual([true]);
			expect(hw.printer.printouts[0].lines.join('\n')).toContain(declaration.payments[0].voucherNo);
			await second.kill('SIGTERM');
		});
	}, 40_000);

	it('a receipt cut off is reprinted marked 补打', async () => {
		await withRig('s-crash-receipt', { posProcessingMs: 200, posTimeoutMs: 5000, posQueryTimeoutMs: 1500 }, async (rig) => {
			// The roll ends in the middle of the receipt.
			await rig.hwCommand({ cmd: 'outOfPaperAfter', lines: 6 });
			const first = await rig.server('pos');
			await rig.waitStep(first, 'paper out on the receipt', (s) => s.step === 'receipt' && s.childStep === 'paperOut');
			const [cut] = rig.hw().printer.printouts;
			expect(cut.complete).toBe(false);
			expect(rig.intents('receipt.print')).toMatchObject([{ status: 'unknown' }]);
			await first.kill('SIGKILL');

			await rig.hwCommand({ cmd: 'paper', state: 'ok' });
			const second = await rig.server(null);
			expect(rig.restored(second)).toEqual([rig.sessionId]);
			await rig.waitStep(second, 'restored at paper out', (s) => s.step === 'receipt' && s.childStep === 'paperOut');
			await rig.devicesReady(second);
			await second.command({ send: { type: 'PAPER_LOADED' } });
			await rig.waitStep(second, 'receipt printed', (s) => s.step === 'receipt' && s.childStep === 'printed');

			const [sale] = rig.intents('pos.sale');
			expect(sale.status).toBe('succeeded');
			const declaration = rig.declaration(sale.payload.declarationNo!);
			expect(declaration.status).toBe('paid');
			expect(declaration.payments).toHaveLength(1);
			const voucherNo = declaration.payments[0].voucherNo;

			const hw = rig.hw();
			expect(sales(hw)).toMatchObject([{ key: sale.key, state: 'approved' }]);
			expect(requestsOf(hw, 'SA')).toHaveLength(1);
			// The cut-off copy went with the empty roll: a slip voids it, then the whole receipt, 补打.
			expect(hw.printer.printouts.map((p) => p.complete)).toEqual([false, true, true]);
			const [, slip, again] = hw.printer.printouts;
			expect(slip.lines).toContain(VOID_SLIP_TEXT.void);
			expect(slip.lines.join('\n')).not.toContain(voucherNo);
			expect(again.lines).toContain('【补打】');
			expect(again.lines.join('\n')).toContain(voucherNo);
			expect(again.lines.join('\n')).toContain(sales(hw)[0].approval!.voucherNo);
			expect(again.qr).toEqual([voucherNo]);
			expect(cut.lines).not.toContain('【补打】');
			const [print] = rig.intents('receipt.print');
			expect(print).toMatchObject({ status: 'succeeded', payload: { voucherNo }, outcome: { reprint: true } });
			await second.kill('SIGTERM');
		});
	}, 40_000);

	it('a household card payment killed after the sale: after the restart each person is recorded once and the sale is not repeated', async () => {
		await withRig('s-crash-household-sale', { posProcessingMs: 200, posTimeoutMs: 5000, posQueryTimeoutMs: 1500 }, async (rig) => {
			// The record call is held (and then lost) before anything is booked: the kill lands between the approval and the booking.
			const first = await rig.server('household-pos', { operation: 'coreTax.recordPayment', fault: { mode: 'timeout', delayMs: 30_000, times: 1 } });
			const { sale, record } = await householdSaleTaken(rig, first, () => true);
			await first.kill('SIGKILL');
			expect(paymentSnapshot(rig)).toBe('recording');
			expect(record.payload.parts!.map((p) => p.payerId)).toHaveLength(3);
			expect(rig.declarationsOf(HOUSEHOLD_IDS).map((p) => p.declarations.map((d) => [d.status, d.payments.length]))).toEqual([
				[['declared', 0]],
				[['declared', 0]],
				[['declared', 0]]
			]);
			await householdAfterRestart(rig, sale, record);
		});
	}, 60_000);

	it('a household killed while recording, the first person booked: after the restart the others are booked once and the first not again', async () => {
		await withRig('s-crash-household-record', { posProcessingMs: 200, posTimeoutMs: 5000, posQueryTimeoutMs: 1500 }, async (rig) => {
			// The first person is booked upstream; the answer is held (and then lost): the kill lands before the second.
			const first = await rig.server('household-pos', { operation: 'coreTax.recordPayment', fault: { mode: 'answerLost', delayMs: 30_000, times: 1 } });
			const { sale, record } = await householdSaleTaken(rig, first, ([p1]) => p1.declarations[0]?.payments.length === 1);
			await first.kill('SIGKILL');
			const before = rig.declarationsOf(HOUSEHOLD_IDS);
			expect(before.map((p) => p.declarations.map((d) => [d.status, d.payments.length]))).toEqual([[['paid', 1]], [['declared', 0]], [['declared', 0]]]);
			const firstVoucher = before[0].declarations[0].payments[0].voucherNo;

			await householdAfterRestart(rig, sale, record);
			expect(rig.declarationsOf(HOUSEHOLD_IDS.slice(0, 1))[0].declarations[0].payments).toEqual([
				{ voucherNo: firstVoucher, amountFen: record.payload.parts![0].amountFen }
			]);
		});
	}, 60_000);

	it('a collector batch killed between the settlement from the virtual account and its record: after the restart the batch is recorded once and no resident is paid twice', async () => {
		// A window's session id: the batch number is read from it.
		await withRig('W3-20261120-0c0ffee0', { posProcessingMs: 200, posTimeoutMs: 5000, posQueryTimeoutMs: 1500 }, async (rig) => {
			// The settlement is done and committed upstream; its answer is held (and then lost): the kill lands before the record.
			const first = await rig.server('collector-card', { operation: 'coreTax.settleCollectorBatch', fault: { mode: 'answerLost', delayMs: 30_000, times: 1 } });
			const { sale, record } = await waitUntil(
				'the card sale approved and the batch settled upstream, its answer not back',
				() => {
					const [sale] = rig.intents('pos.sale');
					const [record] = rig.intents('coreTax.settleCollectorBatch');
					return sale?.status === 'succeeded' && record?.status === 'pending' && rig.virtualAccountBooks().batches.length === 1 && { sale, record };
				},
				20_000,
				() => first.diagnostics()
			);
			await first.kill('SIGKILL');
			expect(paymentSnapshot(rig)).toBe('recording');
			const rows = uploadedRows(rig);
			expect(rows).toHaveLength(10);
			const totalFen = rows.reduce((sum, r) => sum + r.amountFen, 0);
			expect(sale.payload.amountFen).toBe(totalFen);
			const settled = rig.virtualAccountBooks();
			expect(settled.deposits).toHaveLength(1);
			expect(settled.batchPayments).toHaveLength(10);

			const second = await rig.server(null);
			expect(rig.restored(second)).toEqual([rig.sessionId]);
			// Restored at the record step: the sale stands and is not taken again.
			const restoredAt = stepOf(await second.waitLine('the restored step', (l) => l.startsWith('STEP '), 5000));
			expect(restoredAt).toMatchObject({ step: 'paying', child: 'payment', childStep: 'recording' });
			await rig.waitStep(second, 'the summary and the register printed', (s) => s.step === 'printing.ready', 15_000);
			await second.command({ send: { type: 'FINISH' } });
			await rig.waitStep(second, 'the batch done', (s) => s.step === 'done' && s.status === 'done');

			// One card sale, never taken again: the restart went on from the record step.
			const hw = rig.hw();
			expect(requestsOf(hw, 'SA').map((r) => r.key)).toEqual([sale.key]);
			expect(requestsOf(hw, 'QK')).toEqual([]);
			expect(requestsOf(hw, 'RV')).toEqual([]);
			expect(sales(hw)).toHaveLength(1);
			expect(sales(hw)[0]).toMatchObject({ key: sale.key, state: 'approved', amountFen: totalFen });
			expect(rig.intents('pos.sale')).toMatchObject([{ key: sale.key, status: 'succeeded' }]);

			// The record's repeat got the first settlement's answer: one deposit, one batch, one payment per row.
			const [recorded] = rig.intents('coreTax.settleCollectorBatch');
			expect(recorded).toMatchObject({ key: record.key, status: 'succeeded' });
			const books = rig.virtualAccountBooks();
			expect(books).toEqual(settled);
			const [batch] = books.batches;
			expect(recorded.outcome).toMatchObject({ outcome: 'recorded', voucherNo: batch.batchVoucherNo });
			expect(batch).toMatchObject({ rowCount: 10, totalFen });
			expect(books.deposits).toEqual([{ virtualAccountNo: batch.virtualAccountNo, amountFen: totalFen, channel: 'pos' }]);
			expect(books.batchPayments.map((p) => [p.row, p.idNumber, p.itemCode, p.amountFen])).toEqual(
				rows.map((r, i) => [i + 1, r.idNumber, r.itemCode, r.amountFen])
			);

			// Each resident's item paid exactly once for its year, through the virtual account.
			const payments = rig.paymentsOf(rows);
			expect(payments.map((p) => [p.idNumber, p.itemCode, p.channel, p.amountFen])).toEqual(
				rows.map((r) => [r.idNumber, r.itemCode, 'virtual_account', r.amountFen])
			);
			expect(new Set(payments.map((p) => p.voucherNo)).size).toBe(10);

			// The batch summary printed once, the first print, with the batch voucher and the card's.
			expect(hw.printer.printouts).toHaveLength(1);
			const [summary] = hw.printer.printouts;
			expect(summary.complete).toBe(true);
			const text = summary.lines.join('\n');
			expect(text).toContain(batch.batchVoucherNo);
			expect(text).toContain(sales(hw)[0].approval!.voucherNo);
			expect(text).not.toContain('补打');
			expect(rig.intents('receipt.print')).toMatchObject([{ status: 'succeeded', payload: { voucherNo: batch.batchVoucherNo } }]);
			expect(rig.intents('form.print')).toMatchObject([{ status: 'succeeded', payload: { voucherNo: batch.batchVoucherNo } }]);
			await second.kill('SIGTERM');
		});
	}, 60_000);
});
