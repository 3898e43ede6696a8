import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInClerk } from '../../src/lib/server/auth/auth-service';
import type { CheckedRow } from '../../src/lib/domain/collector-list';
import { collectorsPage, registerCollector, setCountyLimits, type CollectorInput } from '../../src/lib/server/services/collectors';
import { demoResidentId } from '../../src/lib/server/demo/identifiers';
import { tempRuntime } from './temp-runtime';

// Guide ch. 3 二.2 集中代收: the window's record of its collectors, the county's double limits (双限),
// the breaches a supervisor confirmed and the lists uploaded.

describe('the collectors’ journal', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	let supervisor: SignedInClerk;
	const input = (over: Partial<CollectorInput> = {}): CollectorInput => ({
		name: '赵庄代办员（演示）',
		idNumber: demoResidentId('140105', '1969-10-01', 955),
		village: '示例赵庄村',
		county: '太原市小店区',
		phone: '139 0000 1003',
		...over
	});
	beforeAll(async () => {
		rt = await tempRuntime();
		const id = (rt.journal.prepare(`SELECT id FROM clerks WHERE login = 'super01'`).get() as { id: number }).id;
		supervisor = { clerkId: id, login: 'super01', displayName: '赵敏（演示值班长）', role: 'supervisor', windowNo: 1, expiresAt: '2099-01-01T00:00:00.000Z' };
	});
	afterAll(() => rt.dispose());

	describe('registering a collector opens the virtual account upstream', () => {
		it('stores the collector under the next code with the account’s number, and audits who registered it', async () => {
			const r = await registerCollector(rt.services.collectors, supervisor, input());
			expect(r).toMatchObject({ ok: true, value: { code: 'C003', name: '赵庄代办员（演示）', phone: '13900001003', registeredBy: supervisor.clerkId } });
			if (!r.ok) return;
			expect(await rt.upstream.coreTax.virtualAccount(r.value.virtualAccountNo)).toMatchObject({
				collectorName: '赵庄代办员（演示）',
				county: '太原市小店区',
				balanceFen: 0
			});
			expect(rt.collectors.collectors.byCode('C003')).toEqual(r.value);
			expect(rt.collectors.collectors.list().map((c) => c.code)).toEqual(['C001', 'C002', 'C003']);
			expect(rt.repos.audit.byAction('collector-registered')[0]).toMatchObject({
				clerkName: '赵敏（演示值班长）',
				subject: 'C003',
				detail: { virtualAccountNo: r.value.virtualAccountNo }
			});
		});

		it('refuses a collector registered already, a wrong ID number, a missing field and a wrong phone, in Chinese', async () => {
			expect(await registerCollector(rt.services.collectors, supervisor, input())).toEqual({ ok: false, message: expect.stringMatching(/已登记为代办员C003/) });
			const bad = input({ idNumber: '140105196910019550' });
			expect(await registerCollector(rt.services.collectors, supervisor, bad)).toEqual({ ok: false, message: expect.stringMatching(/^代办员身份证号码有误/) });
			expect(await registerCollector(rt.services.collectors, supervisor, input({ village: ' ' }))).toEqual({ ok: false, message: '请填写村（社区）' });
			expect(
				await registerCollector(rt.services.collectors, supervisor, input({ idNumber: demoResidentId('140105', '1970-01-01', 957), phone: '12345' }))
			).toMatchObject({
				ok: false,
				message: expect.stringMatching(/联系电话/)
			});
		});

		it('an answer lost upstream: the same registration repeated opens one account', async () => {
			const again = input({ name: '钱庄代办员（演示）', idNumber: demoResidentId('140105', '1971-02-02', 959) });
			rt.upstream.faults!.set('coreTax.openVirtualAccount', { mode: 'answerLost', times: 1, delayMs: 5 });
			expect(await registerCollector(rt.services.collectors, supervisor, again)).toEqual({ ok: false, message: expect.stringMatching(/未在规定时间内应答/) });
			const r = await registerCollector(rt.services.collectors, supervisor, again);
			expect(r).toMatchObject({ ok: true, value: { code: 'C004' } });
			const accounts = rt.upstreamDb.prepare('SELECT count(*) AS n FROM virtual_accounts WHERE collector_id_number = ?').get(again.idNumber) as { n: number };
			expect(accounts.n).toBe(1);
		});
	});

	describe('the county’s double limits, with the day each value took effect', () => {
		it('the value for a day is the newest that took effect on or before it; the history keeps them all', () => {
			const limits = rt.collectors.countyLimits;
			limits.set({ county: '示例县', maxAmountFen: 300_000, maxDays: 2, effectiveFrom: '2026-01-01', setBy: supervisor.clerkId }, '2026-01-01T01:00:00Z');
			limits.set({ county: '示例县', maxAmountFen: 400_000, maxDays: 5, effectiveFrom: '2026-07-01', setBy: supervisor.clerkId }, '2026-06-20T01:00:00Z');
			expect(limits.forDay('示例县', '2025-12-31')).toBeNull();
			expect(limits.forDay('示例县', '2026-06-30')).toMatchObject({ maxAmountFen: 300_000, maxDays: 2 });
			expect(limits.forDay('示例县', '2026-07-01')).toMatchObject({ maxAmountFen: 400_000, maxDays: 5 });
			expect(limits.history('示例县').map((l) => l.effectiveFrom)).toEqual(['2026-07-01', '2026-01-01']);
		});

		it('a supervisor sets a new value from today or later, audited; not for a day gone by', () => {
			const deps = rt.services.collectors;
			expect(setCountyLimits(deps, supervisor, { county: '太原市小店区', maxAmountFen: 600_000, maxDays: 3, effectiveFrom: '2026-11-19' })).toEqual({
				ok: false,
				message: expect.stringMatching(/不能早于今天（2026-11-20）/)
			});
			expect(setCountyLimits(deps, supervisor, { county: '太原市小店区', maxAmountFen: 0, maxDays: 3, effectiveFrom: '2026-11-21' })).toMatchObject({
				ok: false
			});
			const r = setCountyLimits(deps, supervisor, { county: '太原市小店区', maxAmountFen: 600_000, maxDays: 4, effectiveFrom: '2026-11-21' });
			expect(r).toMatchObject({ ok: true, value: { maxAmountFen: 600_000, maxDays: 4 } });
			expect(rt.collectors.countyLimits.forDay('太原市小店区', '2026-11-20')).toMatchObject({ maxAmountFen: 500_000, maxDays: 3 });
			expect(rt.collectors.countyLimits.forDay('太原市小店区', '2026-11-21')).toMatchObject({ maxAmountFen: 600_000, maxDays: 4 });
			expect(rt.repos.audit.byAction('county-limits-set')[0]).toMatchObject({
				subject: '太原市小店区',
				detail: { maxAmountFen: 600_000, effectiveFrom: '2026-11-21' }
			});
		});
	});

	it('a breach confirmed by the supervisor is recorded for the follow-up list, newest first', () => {
		const breaches = rt.collectors.limitBreaches;
		const limits = { maxAmountFen: 500_000, maxDays: 3 };
		const first = breaches.record({
			windowSessionId: 's-1',
			collectorCode: 'C001',
			check: { totalFen: 612_000, oldestDays: 2, overAmount: true, overDays: false },
			limits,
			confirmedBy: supervisor.clerkId,
			confirmedAt: '2026-11-20T02:00:00Z',
			note: ''
		});
		breaches.record({
			windowSessionId: 's-2',
			collectorCode: 'C002',
			check: { totalFen: 80_000, oldestDays: 5, overAmount: false, overDays: true },
			limits,
			confirmedBy: supervisor.clerkId,
			confirmedAt: '2026-11-20T03:00:00Z',
			note: '收款后五日才上交'
		});
		expect(breaches.list()).toEqual([
			expect.objectContaining({ collectorCode: 'C002', oldestDays: 5, overAmount: false, overDays: true, note: '收款后五日才上交' }),
			{
				id: first,
				windowSessionId: 's-1',
				collectorCode: 'C001',
				totalFen: 612_000,
				oldestDays: 2,
				overAmount: true,
				overDays: false,
				limits,
				confirmedBy: supervisor.clerkId,
				confirmedAt: '2026-11-20T02:00:00Z',
				note: ''
			}
		]);
	});

	it('the supervisor’s page: collectors with today’s limits of their county, the limits’ history, the breaches', () => {
		const page = collectorsPage(rt.services.collectors);
		expect(page.collectors[0]).toMatchObject({ code: 'C001', limits: { maxAmountFen: 500_000, maxDays: 3 } });
		expect(page.limitsHistory.length).toBeGreaterThanOrEqual(4);
		expect(page.breaches.map((b) => b.collectorCode)).toEqual(['C002', 'C001']);
	});

	describe('an uploaded list with its checked rows', () => {
		const good = (row: number): CheckedRow => ({
			ok: true,
			row,
			idNumber: demoResidentId('140105', '1980-01-01', 100 + (row % 800)),
			name: '王春生（演示）',
			payerId: row,
			itemCode: 'R_PENSION',
			tier: 2,
			amountFen: 30_000,
			collectedOn: '2026-11-19',
			year: 2026
		});
		const bad = (row: number): CheckedRow => ({
			ok: false,
			row,
			code: 'ID_INVALID',
			reason: '身份证号码校验码错误',
			source: { row, idNumber: '1401051980', name: '李春生（演示）', item: '城乡居民基本养老保险', tier: '300', amount: '300', collectedOn: '2026-11-19' }
		});

		it('keeps every row as checked, good and bad, and sums the good ones', () => {
			const uploads = rt.collectors.batchUploads;
			const rows = [good(1), bad(2), good(3)];
			const id = uploads.save(
				{ windowSessionId: 's-1', collectorCode: 'C001', fileName: '示例村.csv', format: 'csv', createdAt: '2026-11-20T02:00:00Z' },
				rows
			);
			expect(uploads.rows(id)).toEqual(rows);
			expect(uploads.summary(id)).toEqual({
				id,
				windowSessionId: 's-1',
				collectorCode: 'C001',
				fileName: '示例村.csv',
				format: 'csv',
				createdAt: '2026-11-20T02:00:00Z',
				rows: 3,
				good: 2,
				bad: 1,
				goodFen: 60_000
			});
			expect(uploads.summary(id + 1)).toBeNull();
		});

		it('100,000 rows are saved in one transaction (the speed is in npm run bench -- collector)', () => {
			const rows = Array.from({ length: 100_000 }, (_, i) => (i % 50 === 0 ? bad(i + 1) : good(i + 1)));
			const id = rt.collectors.batchUploads.save(
				{ windowSessionId: null, collectorCode: 'C002', fileName: '示例李庄社区.xlsx', format: 'xlsx', createdAt: '2026-11-20T03:00:00Z' },
				rows
			);
			expect(rt.collectors.batchUploads.summary(id)).toMatchObject({ rows: 100_000, good: 98_000, bad: 2_000, goodFen: 98_000 * 30_000 });
		});
	});
});
