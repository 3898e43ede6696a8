import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamKeyReusedError, UpstreamTimeoutError } from '../../../src/lib/server/upstream/errors';
import type { CollectorBatchRow, VirtualAccount } from '../../../src/lib/server/upstream/types';
import type { IndividualSelection, Payer } from '../../../src/lib/domain/payer';
import { demoResidentId } from '../../../src/lib/server/demo/identifiers';
import { refused, tempUpstream, TODAY, type Sim } from './sim';

// Guide ch. 3 二.2 集中代收: a collector pays a village's residents through a virtual account (虚拟户) at the window.

/** The demo tables of 2026: tier 1 每年200元, tier 2 每年300元, tier 3 每年400元; supplementary 100 yuan; 2027 medical 410 yuan. */
const PENSION = { 1: 20_000, 2: 30_000, 3: 40_000 } as const;
const SUPP = 10_000;
const MEDICAL_2027 = 41_000;
const COLLECTOR_ID = demoResidentId('140105', '1975-03-08', 881);
const NONE: IndividualSelection = { pensionTier: null, supplementary: false, medical: false, dueIds: [] };

async function rejection(p: Promise<unknown>): Promise<unknown> {
	return p.then(
		(v) => {
			throw new Error(`expected a failure, got ${JSON.stringify(v)}`);
		},
		(e: unknown) => e
	);
}

describe('virtual accounts and collector batches (集中代收)', () => {
	let sim: Sim;
	let account: VirtualAccount;
	const open = (over: Partial<Parameters<Sim['upstream']['coreTax']['openVirtualAccount']>[0]> = {}) =>
		sim.upstream.coreTax.openVirtualAccount({
			key: sim.key('open'),
			collectorIdNumber: COLLECTOR_ID,
			collectorName: '王村代办员（演示）',
			village: '示例村',
			county: '太原市小店区',
			today: TODAY,
			...over
		});
	const deposit = (amountFen: number, key = sim.key('deposit'), channel: 'cash' | 'pos' = 'cash') =>
		sim.upstream.coreTax.depositToVirtualAccount({ key, virtualAccountNo: account.virtualAccountNo, amountFen, channel, today: TODAY });
	const settle = (rows: CollectorBatchRow[], key = sim.key('batch')) =>
		sim.upstream.coreTax.settleCollectorBatch({ key, virtualAccountNo: account.virtualAccountNo, today: TODAY, rows });
	const balance = async () => (await sim.upstream.coreTax.virtualAccount(account.virtualAccountNo))!.balanceFen;
	const payments = () => sim.count('SELECT count(*) AS n FROM payments');
	const declarations = () => sim.count('SELECT count(*) AS n FROM declarations');
	const pension = (p: Payer, row: number, tier: 1 | 2 | 3): CollectorBatchRow => ({
		row,
		payerId: p.id,
		itemCode: 'R_PENSION',
		tier,
		year: 2026,
		amountFen: PENSION[tier]
	});
	const supp = (p: Payer, row: number): CollectorBatchRow => ({ row, payerId: p.id, itemCode: 'R_SUPP_PENSION', tier: null, year: 2026, amountFen: SUPP });
	const medical = (p: Payer, row: number): CollectorBatchRow => ({
		row,
		payerId: p.id,
		itemCode: 'R_MEDICAL',
		tier: null,
		year: 2027,
		amountFen: MEDICAL_2027
	});

	beforeEach(async () => {
		sim = tempUpstream();
		account = await open();
	});
	afterEach(() => sim.dispose());

	describe('opening the account and money in', () => {
		it('a collector’s account is opened with its number and a balance of 0, once per collector', async () => {
			expect(account).toEqual({
				virtualAccountNo: expect.stringMatching(/^XNH\d{10}$/),
				collectorIdNumber: COLLECTOR_ID,
				collectorName: '王村代办员（演示）',
				county: '太原市小店区',
				balanceFen: 0,
				openedOn: TODAY
			});
			expect(await sim.upstream.coreTax.virtualAccount(account.virtualAccountNo)).toEqual(account);
			expect(await sim.upstream.coreTax.virtualAccount('XNH9999999999')).toBeNull();
			const again = await refused(open(), 'VIRTUAL_ACCOUNT_EXISTS');
			expect(again.details).toEqual({ virtualAccountNo: account.virtualAccountNo });
			const other = await open({ collectorIdNumber: demoResidentId('140105', '1980-01-01', 883), collectorName: '李庄社区代办员（演示）' });
			expect(other.virtualAccountNo).not.toBe(account.virtualAccountNo);
		});

		it('a collector’s ID number must be a valid resident ID', async () => {
			const r = await refused(open({ collectorIdNumber: COLLECTOR_ID.slice(0, 17) + (COLLECTOR_ID[17] === '0' ? '1' : '0') }), 'INVALID_REQUEST');
			expect(r.message).toMatch(/代办员身份证号码有误/);
		});

		it('cash and POS money are credited to the balance; a repeat of the same deposit credits nothing', async () => {
			const key = sim.key('deposit');
			const first = await deposit(150_000, key);
			expect(first).toEqual({ depositNo: `CR${TODAY.replaceAll('-', '')}000001`, balanceFen: 150_000 });
			expect(await deposit(150_000, key)).toEqual(first);
			expect(await deposit(20_000, undefined, 'pos')).toEqual({ depositNo: `CR${TODAY.replaceAll('-', '')}000002`, balanceFen: 170_000 });
			expect(await balance()).toBe(170_000);
			await refused(
				sim.upstream.coreTax.depositToVirtualAccount({ key: sim.key(), virtualAccountNo: 'XNH0000000404', amountFen: 1, channel: 'cash', today: TODAY }),
				'VIRTUAL_ACCOUNT_NOT_FOUND'
			);
			await refused(deposit(0), 'INVALID_REQUEST');
		});
	});

	describe('settling a batch: every row or none', () => {
		it('one declaration and one payment per row through the virtual account, the balance debited by the total', async () => {
			const [wang, liu] = [await sim.payer('王建华（演示）'), await sim.payer('刘秀英（演示）')];
			await deposit(200_000);
			const rows = [pension(wang, 1, 2), supp(wang, 2), medical(wang, 3), pension(liu, 4, 1), medical(liu, 5)];
			const before = payments();
			const s = await settle(rows);
			const total = PENSION[2] + SUPP + MEDICAL_2027 + PENSION[1] + MEDICAL_2027;
			expect(s).toEqual({ batchVoucherNo: `DS${TODAY.replaceAll('-', '')}000001`, settledOn: TODAY, rowCount: 5, totalFen: total });
			const records = await sim.upstream.coreTax.collectorBatchRecords(s.batchVoucherNo);
			expect(records.map((r) => [r.row, r.payerId])).toEqual(rows.map((r) => [r.row, r.payerId]));
			expect(new Set(records.map((r) => r.voucherNo)).size).toBe(5);
			for (const r of records) expect(r.voucherNo).toMatch(/^\d{18}$/);
			expect(await balance()).toBe(200_000 - total);
			expect(payments()).toBe(before + 5);

			const d = await sim.upstream.coreTax.declaration(records[2].declarationNo);
			expect(d).toMatchObject({ payerId: wang.id, status: 'paid', totalFen: MEDICAL_2027 });
			expect(d!.lines).toEqual([
				{
					dueId: null,
					item: { code: 'R_MEDICAL', name: '城乡居民基本医疗保险' },
					periodFrom: '2027-01-01',
					periodTo: '2027-12-31',
					tier: null,
					amountFen: MEDICAL_2027
				}
			]);
			const [paid] = await sim.upstream.coreTax.paymentsOf(liu.id);
			expect(paid).toMatchObject({ channel: 'virtual_account', paidOn: TODAY, bookedOn: null });
			const o = await sim.upstream.coreTax.individualOptions({ payerId: wang.id, today: TODAY });
			expect(o.pension).toMatchObject({ paidTier: 2 });
			expect(o.supplementary).toMatchObject({ paid: true });
			expect(o.medical).toMatchObject({ paid: true });
		});

		it('one row that cannot be paid refuses the whole batch with every bad row and its code, and nothing is written', async () => {
			const [wang, zhang, liu, zhou, sun] = await Promise.all(
				['王建华（演示）', '张伟（演示）', '刘秀英（演示）', '周桂兰（演示）', '孙志刚（演示）'].map((n) => sim.payer(n))
			);
			await deposit(500_000);
			const [before, beforeDeclarations, beforeCalls] = [payments(), declarations(), sim.count('SELECT count(*) AS n FROM idempotent_calls')];
			// 张伟 paid this year's pension at tier 1 and next year's medical earlier.
			const e = await refused(
				settle([
					pension(wang, 1, 2),
					pension(zhang, 2, 1),
					pension(zhang, 3, 3),
					medical(zhang, 4),
					supp(liu, 5),
					pension(zhou, 6, 1),
					pension(sun, 7, 1),
					{ ...pension(liu, 8, 1), amountFen: 20_001 },
					{ ...pension(liu, 9, 1), tier: 99 },
					{ ...supp(wang, 10), year: 2025 }
				]),
				'BATCH_REFUSED'
			);
			expect(e.details).toEqual({
				rows: [
					{ row: 2, code: 'ALREADY_PAID' },
					{ row: 3, code: 'TIER_LOCKED' },
					{ row: 4, code: 'ALREADY_PAID' },
					{ row: 5, code: 'NOT_REGISTERED' },
					{ row: 6, code: 'NOT_REGISTERED' },
					// A record being transferred (转移) is not payable until the agency is done.
					{ row: 7, code: 'NOT_REGISTERED' },
					{ row: 8, code: 'AMOUNT_MISMATCH' },
					{ row: 9, code: 'UNKNOWN_TIER' },
					{ row: 10, code: 'WRONG_YEAR' }
				]
			});
			expect(e.message).toMatch(/共10人次，其中9人次不能缴费，整批未结算/);
			expect([payments(), declarations(), sim.count('SELECT count(*) AS n FROM idempotent_calls')]).toEqual([before, beforeDeclarations, beforeCalls]);
			expect(await balance()).toBe(500_000);
			expect((await sim.upstream.coreTax.individualOptions({ payerId: wang.id, today: TODAY })).pension).toMatchObject({ paidTier: null });
		});

		it('the same person’s item twice in one batch: the second is already paid, or locked at the other tier', async () => {
			const wang = await sim.payer('王建华（演示）');
			await deposit(500_000);
			const e = await refused(settle([pension(wang, 1, 2), medical(wang, 2), medical(wang, 3), pension(wang, 4, 3)]), 'BATCH_REFUSED');
			expect(e.details.rows).toEqual([
				{ row: 3, code: 'ALREADY_PAID' },
				{ row: 4, code: 'TIER_LOCKED' }
			]);
		});

		it('a balance short of the total refuses the batch, naming the rows it does not cover', async () => {
			const [wang, liu] = [await sim.payer('王建华（演示）'), await sim.payer('刘秀英（演示）')];
			await deposit(PENSION[2] + SUPP);
			const e = await refused(settle([pension(wang, 1, 2), supp(wang, 2), medical(wang, 3), pension(liu, 4, 1)]), 'BATCH_REFUSED');
			expect(e.details.rows).toEqual([
				{ row: 3, code: 'INSUFFICIENT_BALANCE' },
				{ row: 4, code: 'INSUFFICIENT_BALANCE' }
			]);
			expect(await balance()).toBe(PENSION[2] + SUPP);
		});

		it('an unknown account, an empty batch, a row number twice and a day outside 1st–25th are refused', async () => {
			const wang = await sim.payer('王建华（演示）');
			await refused(
				sim.upstream.coreTax.settleCollectorBatch({ key: sim.key(), virtualAccountNo: 'XNH0000000404', today: TODAY, rows: [supp(wang, 1)] }),
				'VIRTUAL_ACCOUNT_NOT_FOUND'
			);
			await refused(settle([]), 'INVALID_REQUEST');
			await refused(settle([supp(wang, 1), medical(wang, 1)]), 'INVALID_REQUEST');
			sim.clock.set('2026-11-26');
			await refused(
				sim.upstream.coreTax.settleCollectorBatch({ key: sim.key(), virtualAccountNo: account.virtualAccountNo, today: '2026-11-26', rows: [supp(wang, 1)] }),
				'OUTSIDE_PERIOD'
			);
		});
	});

	describe('idempotent by key', () => {
		it('the answer lost: the repeat with the same key returns the first settlement and pays nothing twice', async () => {
			const [wang, liu] = [await sim.payer('王建华（演示）'), await sim.payer('刘秀英（演示）')];
			await deposit(200_000);
			const rows = [pension(wang, 1, 2), medical(liu, 2)];
			const key = sim.key('batch');
			const before = payments();
			sim.upstream.faults.set('coreTax.settleCollectorBatch', { mode: 'answerLost', times: 1 });
			expect(await rejection(settle(rows, key))).toBeInstanceOf(UpstreamTimeoutError);
			expect(payments()).toBe(before + 2);
			const s = await settle(rows, key);
			expect(s.rowCount).toBe(2);
			expect(await sim.upstream.coreTax.collectorBatchRecords(s.batchVoucherNo)).toHaveLength(2);
			expect(await settle(rows, key)).toEqual(s);
			expect(payments()).toBe(before + 2);
			expect(await balance()).toBe(200_000 - PENSION[2] - MEDICAL_2027);
			expect(await rejection(settle([pension(wang, 1, 3)], key))).toBeInstanceOf(UpstreamKeyReusedError);
			// The same rows under a new key (the list imported again) are paid already.
			const again = await refused(settle(rows), 'BATCH_REFUSED');
			expect(again.details.rows).toEqual([
				{ row: 1, code: 'ALREADY_PAID' },
				{ row: 2, code: 'ALREADY_PAID' }
			]);
		});
	});

	describe('the tier lock holds across a batch and a window payment', () => {
		it('pension paid at the window at one tier: the batch at another tier is locked', async () => {
			const wang = await sim.payer('王建华（演示）');
			const d = await sim.upstream.coreTax.declareIndividual({ key: sim.key(), payerId: wang.id, today: TODAY, selection: { ...NONE, pensionTier: 2 } });
			await sim.upstream.coreTax.recordPayment({
				key: sim.key(),
				declarationNo: d.declarationNo,
				channel: 'cash',
				amountFen: d.totalFen,
				paidOn: TODAY,
				details: {}
			});
			await deposit(100_000);
			expect((await refused(settle([pension(wang, 1, 3)]), 'BATCH_REFUSED')).details.rows).toEqual([{ row: 1, code: 'TIER_LOCKED' }]);
		});

		it('pension paid in a batch: the window’s declaration at another tier cannot be paid', async () => {
			const wang = await sim.payer('王建华（演示）');
			const d = await sim.upstream.coreTax.declareIndividual({ key: sim.key(), payerId: wang.id, today: TODAY, selection: { ...NONE, pensionTier: 2 } });
			await deposit(100_000);
			await settle([pension(wang, 1, 3)]);
			await refused(
				sim.upstream.coreTax.recordPayment({
					key: sim.key(),
					declarationNo: d.declarationNo,
					channel: 'cash',
					amountFen: d.totalFen,
					paidOn: TODAY,
					details: {}
				}),
				'TIER_LOCKED'
			);
		});

		it('a window with the card being swiped for the same pension: the batch counts it as paid', async () => {
			const wang = await sim.payer('王建华（演示）');
			const d = await sim.upstream.coreTax.declareIndividual({ key: sim.key(), payerId: wang.id, today: TODAY, selection: { ...NONE, pensionTier: 2 } });
			await sim.upstream.coreTax.claimDeclaration({
				claimKey: 'w1',
				declarationNo: d.declarationNo,
				windowNo: 1,
				clerk: '李晓红（演示）',
				moneyInFlight: true,
				today: TODAY
			});
			await deposit(100_000);
			expect((await refused(settle([pension(wang, 1, 3)]), 'BATCH_REFUSED')).details.rows).toEqual([{ row: 1, code: 'TIER_LOCKED' }]);
		});
	});

	describe('personFacts: many people at once', () => {
		it('by ID number: names, the items registered and linked without a pending change, what is paid; unknown IDs absent', async () => {
			const [zhang, li, sun, liu] = await Promise.all(['张伟（演示）', '李晓梅（演示）', '孙志刚（演示）', '刘秀英（演示）'].map((n) => sim.payer(n)));
			const unknown = demoResidentId('140105', '1999-09-09', 997);
			const facts = await sim.upstream.coreTax.personFacts({
				idNumbers: [zhang.identifier, li.identifier, sun.identifier, liu.identifier, unknown, zhang.identifier],
				today: TODAY
			});
			expect([...facts.keys()].sort()).toEqual([zhang.identifier, li.identifier, sun.identifier, liu.identifier].sort());
			expect(facts.get(zhang.identifier)).toEqual({
				payerId: zhang.id,
				idNumber: zhang.identifier,
				names: ['张伟（演示）'],
				registeredItems: expect.arrayContaining(['R_PENSION', 'R_SUPP_PENSION', 'R_MEDICAL']),
				paid: expect.arrayContaining([
					{ itemCode: 'R_PENSION', year: 2026, tier: 1 },
					{ itemCode: 'R_MEDICAL', year: 2027, tier: null }
				])
			});
			expect(facts.get(zhang.identifier)!.registeredItems).toHaveLength(3);
			// The agencies' records of 李小梅 did not link by themselves: nothing is registered for the tax registration yet.
			expect(facts.get(li.identifier)).toMatchObject({ names: ['李晓梅（演示）'], registeredItems: [], paid: [] });
			expect(facts.get(sun.identifier)).toMatchObject({ registeredItems: [] });
			expect(facts.get(liu.identifier)!.registeredItems.sort()).toEqual(['R_MEDICAL', 'R_PENSION']);
		});
	});

	describe('speed', () => {
		/** `n` residents registered for pension and medical, straight into the simulator's tables. */
		function residents(n: number): Payer['id'][] {
			const db = sim.db;
			const payer = db.prepare(
				`INSERT INTO payers (kind, name, id_number, tax_office, address, registered_on) VALUES ('resident', ?, ?, ?, '示例村', '2020-01-01')`
			);
			const reg = db.prepare(
				`INSERT INTO agency_registrations (agency, agency_no, payer_identifier, payer_name, status, received_on) VALUES (?, ?, ?, ?, 'active', '2020-01-06')`
			);
			const item = db.prepare('INSERT INTO agency_registration_items (registration_id, item_code) VALUES (?, ?)');
			const link = db.prepare(`INSERT INTO registration_links (registration_id, payer_id, method, linked_on) VALUES (?, ?, 'automatic', '2020-01-06')`);
			return db.transaction(() =>
				Array.from({ length: n }, (_, i) => {
					const id = demoResidentId('140121', `19${50 + (i % 50)}-0${1 + (Math.floor(i / 50) % 9)}-1${Math.floor(i / 450) % 10}`, 100 + Math.floor(i / 4500));
					const payerId = Number(payer.run(`村民${i}（演示）`, id, i % 2 ? '11401050000' : '11401060000').lastInsertRowid);
					for (const [agency, code] of [
						['social', 'R_PENSION'],
						['medical', 'R_MEDICAL']
					]) {
						const r = Number(reg.run(agency, `V${agency[0]}${i}`, id, `村民${i}（演示）`).lastInsertRowid);
						item.run(r, code);
						link.run(r, payerId);
					}
					return payerId;
				})
			)();
		}

		it('a batch checked in parts still knows its own earlier rows and the years paid before, thousands of rows apart', async () => {
			const wang = await sim.payer('王建华（演示）');
			const ids = residents(6_000);
			await deposit(PENSION[2] + 6_002 * PENSION[2]);
			await settle([pension(wang, 1, 2)]);
			const rows: CollectorBatchRow[] = ids.map((payerId, i) => ({ row: i + 1, payerId, itemCode: 'R_PENSION', tier: 1, year: 2026, amountFen: PENSION[1] }));
			rows.push(
				{ row: 6_001, payerId: ids[0], itemCode: 'R_PENSION', tier: 1, year: 2026, amountFen: PENSION[1] },
				{ row: 6_002, payerId: ids[1], itemCode: 'R_PENSION', tier: 2, year: 2026, amountFen: PENSION[2] },
				pension(wang, 6_003, 2)
			);
			const e = await refused(settle(rows), 'BATCH_REFUSED');
			expect(e.details.rows).toEqual([
				{ row: 6_001, code: 'ALREADY_PAID' },
				{ row: 6_002, code: 'TIER_LOCKED' },
				{ row: 6_003, code: 'ALREADY_PAID' }
			]);
		});

		it('10,000 rows are settled in one transaction, their facts asked in one call (the speed is in npm run bench -- collector)', async () => {
			const ids = residents(5_000);
			const rows = ids.flatMap((payerId, i) => [
				{ row: 2 * i + 1, payerId, itemCode: 'R_PENSION' as const, tier: 1, year: 2026, amountFen: PENSION[1] },
				{ row: 2 * i + 2, payerId, itemCode: 'R_MEDICAL' as const, tier: null, year: 2027, amountFen: MEDICAL_2027 }
			]);
			await deposit(5_000 * (PENSION[1] + MEDICAL_2027));
			const known = await sim.upstream.coreTax.personFacts({
				idNumbers: sim.db.prepare('SELECT id_number FROM payers WHERE address = ?').pluck().all('示例村') as string[],
				today: TODAY
			});
			expect(known.size).toBe(5_000);
			const s = await settle(rows);
			expect(s.rowCount).toBe(10_000);
			expect(await balance()).toBe(0);
			expect(sim.count(`SELECT count(*) AS n FROM payments WHERE channel = 'virtual_account'`)).toBe(10_000);
		});
	});
});
