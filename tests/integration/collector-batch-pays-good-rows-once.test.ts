// Issue 10, items 3–5, through the services and the real runtime (SQLite files, simulated upstream
// and devices): a collector's list is checked row by row, the good rows are paid as one batch
// into the virtual account and settled at once, the same list imported again pays nobody twice,
// and a list held longer than the county allows is paid only once a supervisor confirmed it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { at, clerkAt, until } from './sessions/flow-helpers';
import { clerkOperator, type Operator } from '../../src/lib/server/auth/operator';
import { OVERRIDE_AUDIT, OVERRIDE_TEXT } from '../../src/lib/server/auth/override';
import { collectorCommand } from '../../src/lib/server/admin/collector-command';
import { confirmBreach, reportFile, startCollectorBatch, uploadList } from '../../src/lib/server/services/collector-batches';
import { collectorBatchViewOf, sendEvent, sendWithOverride, WindowSessionError } from '../../src/lib/server/services/window-sessions';
import { addDays } from '../../src/lib/domain/dates';
import { readX } from '../../src/lib/server/services/shifts';
import type { Runtime } from '../../src/lib/server/runtime';

const TODAY = '2026-11-20';

type Rt = Runtime & { dir: string; dispose(): Promise<void> };
let rt: Rt;
let clerk: Operator;

beforeEach(async () => {
	rt = await tempRuntime();
	clerk = clerkOperator(clerkAt(rt, 'clerk01', 3));
});
afterEach(() => rt.dispose());

/** `rows` valid rows of C001's village (the demo command's sample), as CSV lines, 收款日期 replaced when given. */
async function sample(rows: number, collectedOn?: string): Promise<string[]> {
	const file = join(rt.dir, `sample-${rows}.csv`);
	await collectorCommand(['sample', 'C001', '--rows', String(rows), file], { config: rt.config, clock: rt.clock });
	const lines = iconv.decode(readFileSync(file), 'gb18030').trim().split(/\r?\n/);
	return collectedOn ? lines.map((l, i) => (i === 0 ? l : l.replace(/,[^,]*$/, `,${collectedOn}`))) : lines;
}

const csv = (lines: string[]) => ({ name: '王村.csv', bytes: new Uint8Array(iconv.encode(lines.join('\r\n') + '\r\n', 'gb18030')) });

/** The sample's last six rows made bad, one reason each (each its own person and item), the last a repeat of the first row. */
function withSixBad(lines: string[]): string[] {
	const good = lines.slice(0, -6);
	const cells = lines.slice(-6).map((l) => l.split(','));
	const line = (c: string[], i: number, value: string) => c.map((v, j) => (j === i ? value : v)).join(',');
	const [a, b, c, d, e] = cells;
	const wrongCheck = a[0].slice(0, 17) + (a[0].endsWith('0') ? '1' : '0');
	return [...good, line(a, 0, wrongCheck), line(b, 1, '某某某'), line(c, 2, '城乡居民大病保险'), line(d, 4, '1.00'), line(e, 5, addDays(TODAY, 1)), good[1]];
}

async function batchAtReport(lines: string[]) {
	const id = startCollectorBatch(rt.services.collectorBatches, clerk, 'C001');
	const uploaded = await uploadList(rt.services.collectorBatches, clerk, id, csv(lines));
	await until(rt, id, at('report'));
	return { id, uploaded };
}

async function payCash(id: string, extraFen: number) {
	const view = collectorBatchViewOf(rt.services.windowSessions, clerk, id);
	sendEvent(rt.services.windowSessions, clerk, id, { type: 'PAY' });
	await until(rt, id, at('paying', 'choosing.ready'));
	sendEvent(rt.services.windowSessions, clerk, id, { type: 'CHOOSE', channel: 'cash' });
	sendEvent(rt.services.windowSessions, clerk, id, { type: 'TENDER', amountFen: view.upload!.goodFen + extraFen });
	await until(rt, id, at('printing.ready'), 15_000);
}

describe('a collector batch at the window, through the services', () => {
	it('every row is checked: the six bad rows come first in the report with their reasons, and nothing is paid from a check', async () => {
		const lines = withSixBad(await sample(26));
		const { id, uploaded } = await batchAtReport(lines);
		expect(uploaded).toMatchObject({ good: 20, bad: 6 });
		const view = collectorBatchViewOf(rt.services.windowSessions, clerk, id);
		expect(view.upload).toMatchObject({ rows: 26, good: 20, bad: 6 });
		expect(view.upload!.badRows.map((r) => [r.row, r.code])).toEqual([
			[21, 'ID_INVALID'],
			[22, 'NAME_MISMATCH'],
			[23, 'ITEM_UNKNOWN'],
			[24, 'AMOUNT_MISMATCH'],
			[25, 'DATE_INVALID'],
			[26, 'DUPLICATE_IN_FILE']
		]);
		expect(view.upload!.badRows.every((r) => /\p{Script=Han}/u.test(r.reason))).toBe(true);
		// The report, downloaded for the collector, has the bad rows first, each with its reason.
		const report = iconv
			.decode(Buffer.from(await reportFile(rt.services.collectorBatches, clerk, id, 'csv')), 'gb18030')
			.trim()
			.split(/\r?\n/);
		expect(report).toHaveLength(27);
		view.upload!.badRows.forEach((r, i) => expect(report[i + 1]).toContain(r.reason));
		expect(view.step).toBe('report');
		expect(rt.ledger.ofSession(id)).toEqual([]);
	});

	it('the good rows are paid once, in cash with change, into the virtual account and settled as one batch; the same list again pays nobody (ALREADY_PAID)', async () => {
		const lines = await sample(4);
		const { id } = await batchAtReport(lines);
		const { upload, breached } = collectorBatchViewOf(rt.services.windowSessions, clerk, id);
		expect([upload!.good, breached]).toEqual([4, false]);
		const goodFen = upload!.goodFen;
		const account = rt.collectors.collectors.byCode('C001')!.virtualAccountNo;
		const balanceBefore = (await rt.upstream.coreTax.virtualAccount(account))!.balanceFen;

		await payCash(id, 3_000);
		const view = collectorBatchViewOf(rt.services.windowSessions, clerk, id);
		expect(view.printed).toEqual({ summary: true, register: true });
		// The money went into the virtual account and out again for the four: the balance is as it was.
		expect((await rt.upstream.coreTax.virtualAccount(account))!.balanceFen).toBe(balanceBefore);
		const ledger = rt.ledger.ofSession(id).map((r) => [r.kind, r.amountFen]);
		expect(ledger).toEqual([
			['cash_in', goodFen + 3_000],
			['change_out', -3_000]
		]);
		sendEvent(rt.services.windowSessions, clerk, id, { type: 'FINISH' });
		const done = collectorBatchViewOf(rt.services.windowSessions, clerk, id);
		expect(done.outcome).toMatchObject({ outcome: 'done', persons: 4, amountFen: goodFen, channel: 'cash' });
		expect(done.outcome!.voucherNo).toMatch(/^DS20261120\d{6}$/);

		// The same file again: every row is already paid.
		const again = await batchAtReport(lines);
		expect(again.uploaded).toMatchObject({ good: 0, bad: 4 });
		const codes = new Set(collectorBatchViewOf(rt.services.windowSessions, clerk, again.id).upload!.badRows.map((r) => r.code));
		expect([...codes]).toEqual(['ALREADY_PAID']);
		sendEvent(rt.services.windowSessions, clerk, again.id, { type: 'PAY' });
		expect(collectorBatchViewOf(rt.services.windowSessions, clerk, again.id).step).toBe('report');
	});

	it('a list collected five days ago breaks the 3-day limit: the window shows it, a supervisor confirms, the breach is recorded and the money is still taken', async () => {
		const { id } = await batchAtReport(await sample(3, addDays(TODAY, -5)));
		let view = collectorBatchViewOf(rt.services.windowSessions, clerk, id);
		expect(view.breached).toBe(true);
		expect(view.collections).toMatchObject({ ok: false, overDays: true, oldestDays: 5 });
		sendEvent(rt.services.windowSessions, clerk, id, { type: 'PAY' });
		expect(collectorBatchViewOf(rt.services.windowSessions, clerk, id).step).toBe('breach');

		// The clerk cannot confirm it, nor a supervisor with a wrong password.
		await expect(
			confirmBreach(rt.services.collectorBatches, clerk, id, { login: 'clerk01', password: 'demo1234', note: '代办员已说明' })
		).rejects.toBeInstanceOf(WindowSessionError);
		await expect(confirmBreach(rt.services.collectorBatches, clerk, id, { login: 'super01', password: 'wrong', note: '代办员已说明' })).rejects.toMatchObject({
			status: 403
		});
		expect(rt.collectors.limitBreaches.list()).toEqual([]);

		await confirmBreach(rt.services.collectorBatches, clerk, id, { login: 'super01', password: 'super1234', note: '代办员因农忙延迟交款' });
		await until(rt, id, at('paying', 'choosing.ready'));
		const [breach] = rt.collectors.limitBreaches.list();
		expect(breach).toMatchObject({
			windowSessionId: id,
			collectorCode: 'C001',
			oldestDays: 5,
			overDays: true,
			overAmount: false,
			note: '代办员因农忙延迟交款'
		});
		expect(breach.limits).toEqual({ maxAmountFen: 500_000, maxDays: 3 });
		view = collectorBatchViewOf(rt.services.windowSessions, clerk, id);
		expect(view.breachConfirmed).toBe(true);
	});

	it('a supervisor serving at the window cannot confirm the breach of their own batch: another supervisor must, and both answers are audited', async () => {
		const superAtWindow = clerkOperator(clerkAt(rt, 'super01', 4));
		const id = startCollectorBatch(rt.services.collectorBatches, superAtWindow, 'C001');
		await uploadList(rt.services.collectorBatches, superAtWindow, id, csv(await sample(2, addDays(TODAY, -5))));
		await until(rt, id, at('report'));
		sendEvent(rt.services.windowSessions, superAtWindow, id, { type: 'PAY' });
		expect(collectorBatchViewOf(rt.services.windowSessions, superAtWindow, id).step).toBe('breach');
		await expect(
			confirmBreach(rt.services.collectorBatches, superAtWindow, id, { login: 'super01', password: 'super1234', note: '自己确认自己' })
		).rejects.toMatchObject({ status: 403, message: OVERRIDE_TEXT.self });
		expect(rt.collectors.limitBreaches.list()).toEqual([]);
		expect(rt.repos.audit.byAction(OVERRIDE_AUDIT.refused)[0]).toMatchObject({ subject: id, detail: { act: 'limit-breach', refusal: 'SELF_OVERRIDE' } });
	});

	it('the first reprint of the summary or the register is the clerk’s own; a second of the same print needs a supervisor typed at the window', async () => {
		const { id } = await batchAtReport(await sample(2));
		await payCash(id, 0);
		const view = () => collectorBatchViewOf(rt.services.windowSessions, clerk, id);
		expect(view().reprintNeedsSupervisor).toEqual({ summary: false, register: false });
		sendEvent(rt.services.windowSessions, clerk, id, { type: 'REPRINT_SUMMARY' });
		await until(rt, id, at('printing.ready'), 15_000);
		expect(view().reprintNeedsSupervisor).toEqual({ summary: true, register: false });
		expect(() => sendEvent(rt.services.windowSessions, clerk, id, { type: 'REPRINT_SUMMARY' })).toThrow(WindowSessionError);
		await expect(
			sendWithOverride(rt.services.windowSessions, clerk, id, { type: 'REPRINT_SUMMARY' }, { login: 'super01', password: 'wrong', reason: '代办员遗失' })
		).rejects.toMatchObject({ status: 403 });
		await sendWithOverride(
			rt.services.windowSessions,
			clerk,
			id,
			{ type: 'REPRINT_SUMMARY' },
			{ login: 'super01', password: 'super1234', reason: '代办员遗失' }
		);
		await until(rt, id, at('printing.ready'), 15_000);
		expect(rt.repos.audit.byAction(OVERRIDE_AUDIT.granted)[0]).toMatchObject({ subject: id, detail: { act: 'second-reprint', document: 'summary' } });
	});

	it('a list cannot replace the one being paid', async () => {
		const lines = await sample(2);
		const { id } = await batchAtReport(lines);
		sendEvent(rt.services.windowSessions, clerk, id, { type: 'PAY' });
		await until(rt, id, at('paying'));
		await expect(uploadList(rt.services.collectorBatches, clerk, id, csv(lines))).rejects.toMatchObject({ status: 409 });
	});

	it('the shift counts a paid batch as 代办员集中代收, by its list’s fee items, with its cash in the drawer', async () => {
		const { id } = await batchAtReport(await sample(4));
		const goodFen = collectorBatchViewOf(rt.services.windowSessions, clerk, id).upload!.goodFen;
		await payCash(id, 500);
		const { report } = await readX(rt.services.shifts, clerkAt(rt, 'clerk01', 3));
		expect(report.channels).toEqual([{ channel: 'collector_batch', label: '代办员集中代收', entries: 2, netFen: goodFen }]);
		expect(report.feeItems.length).toBeGreaterThan(0);
		expect(report.feeItems.every((f) => f.code !== '' && f.name !== '')).toBe(true);
		expect(report.feeItems.reduce((s, f) => s + f.amountFen, 0)).toBe(goodFen);
		expect(report.feeItems.reduce((s, f) => s + f.count, 0)).toBe(4);
		expect(report.cash.expectedFen).toBe(goodFen);
	});
});
