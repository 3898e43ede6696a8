import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/db/open-database';
import { upstreamMigrations } from '../../../src/lib/server/upstream/migrations';
import { UpstreamKeyReusedError } from '../../../src/lib/server/upstream/errors';
import { DEMO_ID_CARDS } from '../../../src/lib/server/demo/demo-id-cards';
import { DUE_KIND_LABEL, type IndividualSelection, type Payer } from '../../../src/lib/domain/payer';
import { refused, sum, tempUpstream, TODAY, type Sim } from './sim';

const NONE: IndividualSelection = { pensionTier: null, supplementary: false, medical: false, dueIds: [] };
/** The demo table's tiers: tier 1 is 每年200元, tier 2 每年300元, tier 5 每年600元. */
const TIER_300 = 2;

describe('residents and flexible employees: what they can pay and their declarations', () => {
	let sim: Sim;
	beforeEach(() => {
		sim = tempUpstream();
	});
	afterEach(() => sim.dispose());

	const options = async (p: Payer, today = TODAY) => sim.upstream.coreTax.individualOptions({ payerId: p.id, today });
	const declare = (p: Payer, selection: Partial<IndividualSelection>, key = sim.key('declare')) =>
		sim.upstream.coreTax.declareIndividual({ key, payerId: p.id, today: TODAY, selection: { ...NONE, ...selection } });
	const payCash = (declarationNo: string, amountFen: number) =>
		sim.upstream.coreTax.recordPayment({ key: sim.key('pay'), declarationNo, channel: 'cash', amountFen, paidOn: TODAY, details: {} });

	describe('options: from the linked agency records and the year’s tables', () => {
		it('a resident registered for all three items: this year’s pension tiers and supplementary, next year’s medical, nothing paid', async () => {
			const o = await options(await sim.payer('王建华（演示）'));
			expect(o).toMatchObject({ kind: 'resident', year: 2026, dues: [] });
			expect(o.pension).toMatchObject({ item: { code: 'R_PENSION' }, year: 2026, paidTier: null, declaredTier: null });
			expect(o.pension!.tiers).toHaveLength(14);
			expect(o.pension!.tiers.slice(0, 3)).toEqual([
				{ tier: 1, amountFen: 20_000 },
				{ tier: 2, amountFen: 30_000 },
				{ tier: 3, amountFen: 40_000 }
			]);
			expect(o.supplementary).toEqual({ item: { code: 'R_SUPP_PENSION', name: '城乡居民补充养老保险' }, year: 2026, amountFen: 10_000, paid: false });
			expect(o.medical).toEqual({ item: { code: 'R_MEDICAL', name: '城乡居民基本医疗保险' }, year: 2027, amountFen: 41_000, paid: false });
		});

		it('supplementary pension only where the person registered for it', async () => {
			const o = await options(await sim.payer('刘秀英（演示）'));
			expect(o.supplementary).toBeNull();
			expect(o.pension).not.toBeNull();
			expect(o.medical).not.toBeNull();
		});

		it('regular medical already paid for next year shows as paid', async () => {
			const o = await options(await sim.payer('张伟（演示）'));
			expect(o.medical).toMatchObject({ year: 2027, paid: true });
			expect(o.pension).toMatchObject({ paidTier: 1 });
		});

		it('units are not individuals; an unknown payer is not found', async () => {
			const unit = await sim.payer('太原示例机械制造有限公司');
			await refused(sim.upstream.coreTax.individualOptions({ payerId: unit.id, today: TODAY }), 'NOT_AN_INDIVIDUAL');
			await refused(declare(unit, { dueIds: (await sim.thisMonthsDues(unit)).map((d) => d.id) }), 'NOT_AN_INDIVIDUAL');
			await refused(sim.upstream.coreTax.individualOptions({ payerId: 999_999, today: TODAY }), 'PAYER_NOT_FOUND');
		});
	});

	describe('declaring the regular items', () => {
		it('pension at a tier and supplementary for this year, medical for next year, by the year’s tables', async () => {
			const p = await sim.payer('王建华（演示）');
			const d = await declare(p, { pensionTier: TIER_300, supplementary: true, medical: true });
			expect(d).toMatchObject({ payerId: p.id, declaredOn: TODAY, status: 'declared', totalFen: 30_000 + 10_000 + 41_000 });
			expect(
				d.lines.map(({ dueId, item, periodFrom, periodTo, tier, amountFen }) => ({ dueId, code: item.code, periodFrom, periodTo, tier, amountFen }))
			).toEqual([
				{ dueId: null, code: 'R_PENSION', periodFrom: '2026-01-01', periodTo: '2026-12-31', tier: TIER_300, amountFen: 30_000 },
				{ dueId: null, code: 'R_SUPP_PENSION', periodFrom: '2026-01-01', periodTo: '2026-12-31', tier: null, amountFen: 10_000 },
				{ dueId: null, code: 'R_MEDICAL', periodFrom: '2027-01-01', periodTo: '2027-12-31', tier: null, amountFen: 41_000 }
			]);
			// Declared, unpaid: the screen says one is waiting, nothing is locked.
			expect((await options(p)).pension).toMatchObject({ declaredTier: TIER_300, paidTier: null });
		});

		it('a tier must be in the year’s table', async () => {
			const p = await sim.payer('王建华（演示）');
			await refused(declare(p, { pensionTier: 99 }), 'UNKNOWN_TIER');
			await refused(declare(p, { pensionTier: 0 }), 'UNKNOWN_TIER');
		});

		it('an empty selection is refused', async () => {
			await refused(declare(await sim.payer('王建华（演示）'), {}), 'NOTHING_SELECTED');
		});

		it('supplementary or medical only where the linked, active agency record has that item', async () => {
			await refused(declare(await sim.payer('刘秀英（演示）'), { supplementary: true }), 'NOT_REGISTERED_FOR_ITEM');
			const flexible = await sim.payer('宋建国（演示）');
			await refused(declare(flexible, { pensionTier: 1 }), 'NOT_REGISTERED_FOR_ITEM');
			await refused(declare(flexible, { medical: true }), 'NOT_REGISTERED_FOR_ITEM');
			// The agencies' records of 李晓梅 carry another name and are not linked yet.
			await refused(declare(await sim.payer('李晓梅（演示）'), { pensionTier: 1 }), 'NOT_REGISTERED_FOR_ITEM');
		});

		it('next year’s medical already paid is not declared again', async () => {
			const e = await refused(declare(await sim.payer('张伟（演示）'), { medical: true }), 'ALREADY_PAID');
			expect(e.message).toContain('2027年度');
		});

		it('only from the 1st to the 25th (节假日不顺延), as every declaration', async () => {
			const p = await sim.payer('王建华（演示）');
			sim.clock.set('2026-11-26');
			const e = await refused(
				sim.upstream.coreTax.declareIndividual({ key: sim.key(), payerId: p.id, today: '2026-11-26', selection: { ...NONE, pensionTier: 1 } }),
				'OUTSIDE_PERIOD'
			);
			expect(e.message).toContain('节假日不顺延');
		});

		it('a repeat with the same key returns the first declaration and writes nothing; another request under it is refused', async () => {
			const p = await sim.payer('王建华（演示）');
			const first = await declare(p, { pensionTier: 1 }, 'same-key');
			const before = sim.count('SELECT count(*) AS n FROM declarations');
			expect(await declare(p, { pensionTier: 1 }, 'same-key')).toEqual(first);
			expect(sim.count('SELECT count(*) AS n FROM declarations')).toBe(before);
			await expect(declare(p, { pensionTier: 3 }, 'same-key')).rejects.toBeInstanceOf(UpstreamKeyReusedError);
		});
	});

	describe('the tier lock: 缴费完成后，不再受理本年度缴费档次的调整', () => {
		it('paid at 每年300元: another tier is refused naming the paid one; the same tier is already paid', async () => {
			const p = await sim.payer('赵淑芬（演示）');
			expect((await options(p)).pension).toMatchObject({ paidTier: TIER_300 });
			const locked = await refused(declare(p, { pensionTier: 3 }), 'TIER_LOCKED');
			expect(locked.message).toContain('缴费完成后，不再受理本年度缴费档次的调整');
			expect(locked.message).toContain('每年300元档');
			expect(locked.details).toMatchObject({ year: 2026, paidTier: TIER_300, paidAmountFen: 30_000 });
			await refused(declare(p, { pensionTier: TIER_300 }), 'ALREADY_PAID');
		});

		it('two windows, two unpaid declarations at different tiers: the second one to be paid is refused', async () => {
			const p = await sim.payer('王建华（演示）');
			const a = await declare(p, { pensionTier: 1 });
			const b = await declare(p, { pensionTier: 5, medical: true });
			await payCash(a.declarationNo, a.totalFen);
			expect((await options(p)).pension).toMatchObject({ paidTier: 1 });

			const e = await refused(payCash(b.declarationNo, b.totalFen), 'TIER_LOCKED');
			expect(e.message).toContain('每年200元档');
			// Nor may the other window start a card payment or hand out a bank form for it.
			await refused(
				sim.upstream.coreTax.claimDeclaration({
					claimKey: sim.key('claim'),
					declarationNo: b.declarationNo,
					windowNo: 4,
					clerk: '王建军（演示）',
					moneyInFlight: true,
					today: TODAY
				}),
				'TIER_LOCKED'
			);
			await refused(sim.upstream.coreTax.issueBankForm({ key: sim.key(), declarationNo: b.declarationNo, today: TODAY }), 'TIER_LOCKED');
			expect((await sim.upstream.coreTax.declaration(b.declarationNo))!.status).toBe('declared');
			// Voiding it stays possible: that is the way out.
			expect((await sim.upstream.coreTax.voidDeclaration({ key: sim.key(), declarationNo: b.declarationNo })).status).toBe('voided');
		});

		it('two unpaid declarations of next year’s medical: the second one to be paid is already paid', async () => {
			const p = await sim.payer('刘秀英（演示）');
			const a = await declare(p, { medical: true });
			const b = await declare(p, { medical: true });
			await payCash(a.declarationNo, a.totalFen);
			await refused(payCash(b.declarationNo, b.totalFen), 'ALREADY_PAID');
		});
	});

	describe('back-payment (补缴) and special groups (特殊人群): only from assessed dues', () => {
		it('a resident’s back-payment of an earlier year’s pension is declared from the assessed due', async () => {
			const p = await sim.payer('李娜（演示）');
			const dues = (await options(p)).dues;
			expect(dues.map((d) => ({ kind: d.kind, code: d.item.code, from: d.periodFrom }))).toEqual([
				{ kind: 'historical', code: 'R_PENSION', from: '2024-01-01' }
			]);
			const d = await declare(p, { dueIds: [dues[0].id] });
			expect(d.lines).toEqual([expect.objectContaining({ dueId: dues[0].id, periodFrom: '2024-01-01', periodTo: '2024-12-31', amountFen: dues[0].amountFen })]);
			expect((await options(p)).dues).toEqual([]);
		});

		it('a special group’s medical of the current year is declared from the assessed due', async () => {
			const p = await sim.payer('黄丽（演示）');
			const [due] = (await options(p)).dues;
			expect(due).toMatchObject({ kind: 'special', item: { code: 'R_MEDICAL' }, periodFrom: '2026-01-01', periodTo: '2026-12-31' });
			expect(DUE_KIND_LABEL[due.kind]).toBe('特殊人群');
			const d = await declare(p, { dueIds: [due.id], medical: true });
			expect(d.lines.map((l) => l.periodFrom).sort()).toEqual(['2026-01-01', '2027-01-01']);
		});

		it('a request that names a year, period or amount of its own is refused: there is no typed back-payment', async () => {
			const p = await sim.payer('李娜（演示）');
			for (const extra of [{ year: 2024 }, { periodFrom: '2024-01-01' }, { amountFen: 30_000 }, { medicalYear: 2026 }]) {
				const e = await refused(
					sim.upstream.coreTax.declareIndividual({
						key: sim.key(),
						payerId: p.id,
						today: TODAY,
						selection: { ...NONE, pensionTier: 2, ...extra } as IndividualSelection
					}),
					'INVALID_REQUEST'
				);
				expect(e.message).toContain('须按经办机构核定的应缴信息申报');
			}
			// Another person's due is not this person's.
			const other = (await options(await sim.payer('徐刚（演示）'))).dues[0];
			await refused(declare(p, { dueIds: [other.id] }), 'DUE_NOT_LINKED');
		});
	});

	describe('flexible employees: their months are assessed dues', () => {
		it('two unpaid months, pension and medical each; declared by period', async () => {
			const p = await sim.payer('曹文斌（演示）');
			const o = await options(p);
			expect(o).toMatchObject({ kind: 'flexible', pension: null, supplementary: null, medical: null });
			expect(o.dues.map((d) => `${d.periodFrom.slice(0, 7)} ${d.item.code}`)).toEqual([
				'2026-10 E_PENSION',
				'2026-10 MEDICAL',
				'2026-11 E_PENSION',
				'2026-11 MEDICAL'
			]);
			const october = o.dues.filter((d) => d.periodFrom === '2026-10-01');
			const d = await declare(p, { dueIds: october.map((x) => x.id) });
			expect(d.totalFen).toBe(sum(october));
			expect(d.lines.every((l) => l.periodFrom === '2026-10-01' && l.periodTo === '2026-10-31')).toBe(true);
			// `declare` keeps working for them.
			const november = o.dues.filter((x) => x.periodFrom === '2026-11-01');
			expect((await sim.upstream.coreTax.declare({ key: sim.key(), payerId: p.id, dueIds: november.map((x) => x.id), today: TODAY })).totalFen).toBe(
				sum(november)
			);
		});

		it('cancellation or transfer refused while a flexible employee’s assessed dues are unpaid', async () => {
			const p = await sim.payer('曹文斌（演示）');
			const social = (await sim.upstream.agencyFeed.registrationsFor(p)).find((r) => r.agency === 'social')!;
			const unpaid = (await options(p)).dues.filter((d) => d.registrationId === social.id);
			expect(unpaid).toHaveLength(2);
			const e = await refused(
				sim.upstream.agencyFeed.requestCancellation({ key: sim.key(), payerId: p.id, registrationId: social.id, today: TODAY }),
				'UNPAID_DUES'
			);
			expect(e.message).toContain('需先结清经办机构已核定未缴纳的社会保险费');
			expect(e.details).toMatchObject({ totalFen: sum(unpaid) });

			const d = await declare(p, { dueIds: unpaid.map((x) => x.id) });
			await payCash(d.declarationNo, d.totalFen);
			const request = await sim.upstream.agencyFeed.requestCancellation({ key: sim.key(), payerId: p.id, registrationId: social.id, today: TODAY });
			expect(request).toMatchObject({ registrationId: social.id, status: 'requested' });
		});
	});

	describe('a registration in the middle of a change or transfer', () => {
		it('is shown as such, and its regular items are not declared until the agency has sent it', async () => {
			const p = await sim.payer('孙志刚（演示）');
			const regs = await sim.upstream.agencyFeed.registrationsFor(p);
			expect(regs.map((r) => r.pendingChange)).toEqual(['transfer', 'transfer']);
			const e = await refused(declare(p, { pensionTier: 1 }), 'REGISTRATION_CHANGE_PENDING');
			expect(e.message).toContain('转移');
		});

		it('the agency’s push starts it; its change or its transfer ends it', async () => {
			const p = await sim.payer('王德福（演示）');
			const regs = await sim.upstream.agencyFeed.registrationsFor(p);
			const social = regs.find((r) => r.agency === 'social')!;
			const medical = regs.find((r) => r.agency === 'medical')!;
			expect(social.pendingChange).toBeNull();
			const push = (r: typeof social, kind: 'change' | 'transfer') =>
				sim.upstream.agencyFeed.receivePendingChange({ key: sim.key(), agency: r.agency, agencyNo: r.agencyNo, kind, receivedOn: TODAY });
			expect((await push(social, 'change')).pendingChange).toBe('change');
			await refused(declare(p, { pensionTier: 1 }), 'REGISTRATION_CHANGE_PENDING');
			const changed = await sim.upstream.agencyFeed.receiveChange({ key: sim.key(), agency: 'social', agencyNo: social.agencyNo, receivedOn: TODAY });
			expect(changed).toMatchObject({ status: 'active', pendingChange: null });
			expect((await declare(p, { pensionTier: 1 })).totalFen).toBe(20_000);

			expect((await push(medical, 'transfer')).pendingChange).toBe('transfer');
			const transferred = await sim.upstream.agencyFeed.receiveCancellation({
				key: sim.key(),
				agency: 'medical',
				agencyNo: medical.agencyNo,
				status: 'transferred',
				receivedOn: TODAY
			});
			expect(transferred).toMatchObject({ status: 'transferred', pendingChange: null });
			await refused(push(medical, 'change'), 'REGISTRATION_CLOSED');
		});
	});
});

describe('demo data: every case of residents and flexible employees, through the public calls', () => {
	let sim: Sim;
	beforeEach(() => {
		sim = tempUpstream();
	});
	afterEach(() => sim.dispose());
	const options = (p: Payer) => sim.upstream.coreTax.individualOptions({ payerId: p.id, today: TODAY });

	it('a household of three at one address, each registered for pension and medical, one for supplementary too, nothing paid this year', async () => {
		const members = await Promise.all(['王建华（演示）', '刘秀英（演示）', '王德福（演示）'].map((n) => sim.payer(n)));
		expect(new Set(members.map((m) => m.address)).size).toBe(1);
		const all = await Promise.all(members.map(options));
		for (const o of all) {
			expect(o.pension).toMatchObject({ paidTier: null, declaredTier: null });
			expect(o.medical).toMatchObject({ paid: false });
		}
		expect(all.filter((o) => o.supplementary !== null)).toHaveLength(1);
	});

	it('a resident whose pension of this year was paid at 每年300元 some working days ago, booked since', async () => {
		const p = await sim.payer('赵淑芬（演示）');
		const o = await options(p);
		expect(o.pension!.tiers.find((t) => t.tier === o.pension!.paidTier)).toEqual({ tier: TIER_300, amountFen: 30_000 });
		const [payment] = await sim.upstream.coreTax.paymentsOf(p.id);
		expect(payment.paidOn < TODAY).toBe(true);
		expect(payment.paidOn.startsWith('2026-')).toBe(true);
		expect(payment.bookedOn).not.toBeNull();
		expect(payment.bookedOn! <= TODAY && payment.bookedOn! > payment.paidOn).toBe(true);
	});

	for (const today of ['2026-03-02', '2027-01-04']) {
		it(`seeded on ${today} too: the 每年300元 payment is of that year and not after that day (a year without holiday data included)`, async () => {
			const other = tempUpstream(today);
			try {
				const p = await other.payer('赵淑芬（演示）');
				const o = await other.upstream.coreTax.individualOptions({ payerId: p.id, today });
				expect(o.pension).toMatchObject({ year: Number(today.slice(0, 4)), paidTier: TIER_300 });
				const [payment] = await other.upstream.coreTax.paymentsOf(p.id);
				expect(payment.paidOn.slice(0, 4)).toBe(today.slice(0, 4));
				expect(payment.paidOn <= today && (payment.bookedOn ?? today) <= today).toBe(true);
			} finally {
				other.dispose();
			}
		});
	}

	it('a resident whose tax registration name differs from the agencies’; the ID card carries the agencies’ name', async () => {
		const p = await sim.payer('李晓梅（演示）');
		const regs = await sim.upstream.agencyFeed.registrationsFor(p);
		expect(regs.map((r) => [r.payerName, r.link])).toEqual([
			['李小梅（演示）', null],
			['李小梅（演示）', null]
		]);
		const card = DEMO_ID_CARDS.find((c) => c.card.idNumber === p.identifier)!;
		expect(card.card.name).toBe('李小梅（演示）');
	});

	it('a resident whose registration is in the middle of a transfer', async () => {
		const regs = await sim.upstream.agencyFeed.registrationsFor(await sim.payer('孙志刚（演示）'));
		expect(regs.every((r) => r.status === 'active' && r.pendingChange === 'transfer')).toBe(true);
	});

	it('a resident with a special-group (特殊人群) medical due for the current year', async () => {
		const { dues } = await options(await sim.payer('黄丽（演示）'));
		expect(dues).toEqual([
			expect.objectContaining({ kind: 'special', item: expect.objectContaining({ code: 'R_MEDICAL' }), periodFrom: '2026-01-01', state: 'open' })
		]);
	});

	it('a resident with a back-payment (补缴) pension due for an earlier year', async () => {
		const { dues } = await options(await sim.payer('徐刚（演示）'));
		expect(dues).toEqual([expect.objectContaining({ kind: 'historical', item: expect.objectContaining({ code: 'R_PENSION' }), periodFrom: '2024-01-01' })]);
	});

	it('an individual business insured as an individual (个体工商户以个人身份参保) pays as a flexible employee', async () => {
		const p = await sim.payer('郑国栋（演示）');
		expect(p.kind).toBe('flexible');
		expect(p.address).toContain('个体工商户');
		const o = await options(p);
		expect(o.kind).toBe('flexible');
		expect(o.dues.map((d) => d.item.code).sort()).toEqual(['E_PENSION', 'MEDICAL']);
	});

	it('a flexible employee with two unpaid months, pension and medical each', async () => {
		const { dues } = await options(await sim.payer('曹文斌（演示）'));
		const months = new Set(dues.map((d) => d.periodFrom.slice(0, 7)));
		expect(months.size).toBe(2);
		for (const m of months) expect(dues.filter((d) => d.periodFrom.startsWith(m)).map((d) => d.item.code)).toEqual(['E_PENSION', 'MEDICAL']);
	});

	it('a resident the agencies never registered: tax knows the person, the agencies have nothing', async () => {
		const p = await sim.payer('周桂兰（演示）');
		expect(await sim.upstream.agencyFeed.registrationsFor(p)).toEqual([]);
		expect(await options(p)).toMatchObject({ kind: 'resident', pension: null, supplementary: null, medical: null, dues: [] });
	});

	it('ID cards for the reader: the household, the 300-yuan tier, the differing name, the transfer, the flexible ones; each finds its payer', async () => {
		expect(DEMO_ID_CARDS).toHaveLength(8);
		for (const { label, card } of DEMO_ID_CARDS) {
			const [payer] = await sim.upstream.coreTax.findPayers({ by: 'idNumber', value: card.idNumber }, 1);
			expect(payer, label).toBeDefined();
			expect(label).toContain(card.name);
			if (card.name !== '李小梅（演示）') expect(card.name).toBe(payer.name);
		}
	});
});

describe('upstream migration 004 on a file of an earlier version', () => {
	it('keeps the assessed dues and the declaration lines that point at them, and takes special-group dues after', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sifee-upstream-004-'));
		try {
			const path = join(dir, 'upstream.db');
			const v3 = openDatabase(path, upstreamMigrations.slice(0, 3));
			v3.exec(`
				INSERT INTO fee_items VALUES ('R_MEDICAL', '城乡居民基本医疗保险', 'medical', 'resident');
				INSERT INTO tax_offices VALUES ('11401050000', '示例税务局', '示例支库');
				INSERT INTO payers (id, kind, name, id_number, tax_office, registered_on) VALUES (1, 'resident', '甲（演示）', '140105199003071234', '11401050000', '2020-01-01');
				INSERT INTO agency_registrations (id, agency, agency_no, payer_identifier, payer_name, status, received_on)
				  VALUES (1, 'medical', 'M1', '140105199003071234', '甲（演示）', 'active', '2020-01-01');
				INSERT INTO assessed_dues VALUES (7, 'ZJ202600000001', 1, 'policy', 'R_MEDICAL', '2026-01-01', '2026-12-31', 40000, '2026-11-01');
				INSERT INTO declarations (id, declaration_no, payer_id, declared_on, status) VALUES (1, 'SB20261120000001', 1, '2026-11-20', 'declared');
				INSERT INTO declaration_lines VALUES (1, 1, 7, 'R_MEDICAL', '2026-01-01', '2026-12-31', NULL, 40000);
				INSERT INTO registration_events (registration_id, kind, on_date) VALUES (1, 'received', '2020-01-01');`);
			v3.close();

			const db = openDatabase(path, upstreamMigrations);
			expect(db.pragma('user_version', { simple: true })).toBe(upstreamMigrations.length);
			expect(db.prepare('SELECT id, due_kind, amount_fen FROM assessed_dues').all()).toEqual([{ id: 7, due_kind: 'policy', amount_fen: 40000 }]);
			expect(db.pragma('foreign_key_check')).toEqual([]);
			expect(db.prepare('SELECT count(*) AS n FROM registration_events').get()).toEqual({ n: 1 });
			db.prepare(`INSERT INTO assessed_dues VALUES (8, 'ZJ202600000002', 1, 'special', 'R_MEDICAL', '2026-01-01', '2026-12-31', 40000, '2026-11-01')`).run();
			expect(() => db.prepare(`INSERT INTO declaration_lines VALUES (1, 2, 99, 'R_MEDICAL', '2026-01-01', '2026-12-31', NULL, 1)`).run()).toThrow(
				/FOREIGN KEY/
			);
			expect(db.prepare('SELECT pending_change FROM agency_registrations').get()).toEqual({ pending_change: null });
			db.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
