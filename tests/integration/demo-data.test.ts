import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { checkCreditCode, checkResidentId } from '../../src/lib/domain';
import { seedUpstream } from '../../src/lib/server/demo/seed-upstream';

describe('demo data: a small hall of fictional payers, consistent with the guide', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	const count = (sql: string) => (rt.upstreamDb.prepare(sql).get() as { n: number }).n;
	beforeAll(async () => {
		rt = await tempRuntime();
	});
	afterAll(() => rt.dispose());

	it('has at least 3 enterprises, 2 public institutions, 20 residents and 5 flexible employees', () => {
		const kinds = Object.fromEntries(
			rt.upstreamDb
				.prepare<[], { kind: string; n: number }>('SELECT kind, count(*) AS n FROM payers GROUP BY kind')
				.all()
				.map((r) => [r.kind, r.n])
		);
		expect(kinds.enterprise).toBeGreaterThanOrEqual(3);
		expect(kinds.institution).toBeGreaterThanOrEqual(2);
		expect(kinds.resident).toBeGreaterThanOrEqual(20);
		expect(kinds.flexible).toBeGreaterThanOrEqual(5);
	});

	it('gives every payer an identifier that passes its checksum, and a plainly fictional name', () => {
		const payers = rt.upstreamDb
			.prepare<[], { name: string; credit_code: string | null; id_number: string | null }>('SELECT name, credit_code, id_number FROM payers')
			.all();
		for (const p of payers) {
			if (p.credit_code) expect(checkCreditCode(p.credit_code), p.name).toMatchObject({ ok: true });
			if (p.id_number) expect(checkResidentId(p.id_number), p.name).toMatchObject({ ok: true });
			expect(p.name).toMatch(/示例|（演示）/);
		}
	});

	it('has one enterprise with a project-based work-injury registration and due, linked at the counter', () => {
		expect(
			count(`SELECT count(*) AS n FROM agency_registrations r JOIN registration_links l ON l.registration_id = r.id
			       JOIN assessed_dues d ON d.registration_id = r.id
			       WHERE r.scope = 'project' AND l.method = 'project' AND d.due_kind = 'project_injury'`)
		).toBe(1);
	});

	it('has a public institution with occupational annuity', () => {
		expect(
			count(`SELECT count(DISTINCT p.id) AS n FROM payers p JOIN registration_links l ON l.payer_id = p.id
			       JOIN agency_registration_items i ON i.registration_id = l.registration_id
			       WHERE p.kind = 'institution' AND i.item_code = 'ANNUITY'`)
		).toBe(1);
	});

	it('has agency records that did not link automatically (a unit’s, and a resident’s whose names differ) and two payers the agencies never registered', () => {
		const names = (sql: string) =>
			rt.upstreamDb
				.prepare<[], { name: string }>(sql)
				.all()
				.map((r) => r.name);
		// The unit's social record; the resident's social and medical records carry the agencies' name.
		expect(names('SELECT payer_name AS name FROM agency_registrations WHERE id NOT IN (SELECT registration_id FROM registration_links) ORDER BY id')).toEqual([
			'太原示例商贸有限公司',
			'李小梅（演示）',
			'李小梅（演示）'
		]);
		expect(
			names(`SELECT p.name FROM payers p WHERE NOT EXISTS
			       (SELECT 1 FROM agency_registrations r WHERE r.payer_identifier = coalesce(p.credit_code, p.id_number)) ORDER BY p.id`)
		).toEqual(['太原示例科技咨询有限公司', '周桂兰（演示）']);
	});

	it('has regular and every kind of back-payment due', () => {
		const kinds = rt.upstreamDb
			.prepare<[], { k: string }>('SELECT DISTINCT due_kind AS k FROM assessed_dues')
			.all()
			.map((r) => r.k);
		expect(kinds.sort()).toEqual(['historical', 'policy', 'project_injury', 'regular', 'retirement', 'special']);
	});

	it('has residents paid for this year at a pension tier and others not, and medical paid for next year', () => {
		const paidPension = count(
			`SELECT count(DISTINCT d.payer_id) AS n FROM declarations d JOIN declaration_lines l ON l.declaration_id = d.id
			 WHERE l.item_code = 'R_PENSION' AND l.tier IS NOT NULL AND l.period_from = '2026-01-01' AND d.status = 'paid'`
		);
		expect(paidPension).toBeGreaterThan(0);
		expect(paidPension).toBeLessThan(count(`SELECT count(*) AS n FROM payers WHERE kind = 'resident'`));
		expect(count(`SELECT count(*) AS n FROM declaration_lines WHERE item_code = 'R_MEDICAL' AND period_from = '2027-01-01'`)).toBeGreaterThan(0);
	});

	it('keeps fee items, rates, tiers and yearly amounts in tables', () => {
		expect(count('SELECT count(*) AS n FROM fee_items')).toBeGreaterThanOrEqual(10);
		expect(count('SELECT count(*) AS n FROM contribution_rates WHERE year = 2026')).toBeGreaterThan(0);
		expect(count(`SELECT count(*) AS n FROM yearly_amounts WHERE item_code = 'R_PENSION' AND year = 2026`)).toBeGreaterThanOrEqual(10);
	});

	it('pays exactly the sum of each declaration, each with a unique 18-digit voucher number', () => {
		expect(
			count(`SELECT count(*) AS n FROM payments p WHERE p.amount_fen <>
			       (SELECT sum(amount_fen) FROM declaration_lines l WHERE l.declaration_id = p.declaration_id)`)
		).toBe(0);
		expect(count(`SELECT count(*) AS n FROM payments WHERE voucher_no NOT GLOB '[0-9]*' OR length(voucher_no) <> 18`)).toBe(0);
	});

	it('has two collectors with their virtual accounts, each with a village of at least 300 registered residents, some paid this year', async () => {
		const collectors = rt.collectors.collectors.list();
		expect(collectors.map((c) => [c.code, c.name, c.village, c.county])).toEqual([
			['C001', '王村代办员（演示）', '示例村', '太原市小店区'],
			['C002', '李庄社区代办员（演示）', '示例李庄社区', '太原市小店区']
		]);
		for (const c of collectors) {
			expect(checkResidentId(c.idNumber)).toMatchObject({ ok: true });
			expect(await rt.upstream.coreTax.virtualAccount(c.virtualAccountNo)).toMatchObject({
				collectorIdNumber: c.idNumber,
				collectorName: c.name,
				balanceFen: 0
			});
			const village = `%${c.village}%`;
			const registered = rt.upstreamDb
				.prepare<[string], { n: number }>(
					`SELECT count(DISTINCT p.id) AS n FROM payers p JOIN registration_links l ON l.payer_id = p.id
					 JOIN agency_registration_items i ON i.registration_id = l.registration_id
					 WHERE p.kind = 'resident' AND p.address LIKE ? AND i.item_code IN ('R_PENSION', 'R_MEDICAL')`
				)
				.get(village)!.n;
			expect(registered).toBeGreaterThanOrEqual(300);
			const paid = (item: string, from: string) =>
				rt.upstreamDb
					.prepare<[string, string, string], { n: number }>(
						`SELECT count(DISTINCT d.payer_id) AS n FROM declarations d JOIN declaration_lines l ON l.declaration_id = d.id JOIN payers p ON p.id = d.payer_id
						 WHERE p.address LIKE ? AND l.item_code = ? AND l.period_from = ? AND d.status = 'paid'`
					)
					.get(village, item, from)!.n;
			expect(paid('R_PENSION', '2026-01-01')).toBeGreaterThan(0);
			expect(paid('R_PENSION', '2026-01-01')).toBeLessThan(registered);
			expect(paid('R_MEDICAL', '2027-01-01')).toBeGreaterThan(0);
		}
	});

	it('sets the demo county’s double limits: 5,000 yuan and 3 days, from the start of the year', () => {
		expect(rt.collectors.countyLimits.forDay('太原市小店区', '2026-11-20')).toMatchObject({ maxAmountFen: 500_000, maxDays: 3, effectiveFrom: '2026-01-01' });
	});

	it('seeds once: a second start leaves the data as it is', () => {
		const before = count('SELECT count(*) AS n FROM assessed_dues');
		expect(seedUpstream(rt.upstreamDb, '2026-11-20')).toBe(false);
		expect(count('SELECT count(*) AS n FROM assessed_dues')).toBe(before);
	});
});
