import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refused, sum, tempUpstream, TODAY, type Sim } from './sim';

describe('core tax: declaration (申报) from the agencies’ assessed dues', () => {
	let sim: Sim;
	beforeEach(() => {
		sim = tempUpstream();
	});
	afterEach(() => sim.dispose());

	it('declaration only from assessed dues; a declared due cannot be declared twice', async () => {
		const payer = await sim.payer('太原示例机械制造有限公司');
		const dues = await sim.thisMonthsDues(payer);
		expect(dues.map((d) => d.item.code).sort()).toEqual(['E_PENSION', 'INJURY', 'MEDICAL', 'UNEMPLOYMENT']);

		const d = await sim.upstream.coreTax.declare({ key: sim.key(), payerId: payer.id, dueIds: dues.map((x) => x.id), today: TODAY });
		expect(d).toMatchObject({ payerId: payer.id, declaredOn: TODAY, status: 'declared', totalFen: sum(dues) });
		expect(d.declarationNo).toMatch(/^SB20261120\d{6}$/);
		expect(d.lines.map((l) => l.dueId).sort()).toEqual(dues.map((x) => x.id).sort());
		for (const line of d.lines) expect(line.amountFen).toBe(dues.find((x) => x.id === line.dueId)!.amountFen);
		expect(await sim.upstream.coreTax.declaration(d.declarationNo)).toEqual(d);

		const after = await sim.upstream.agencyFeed.assessedDuesOf(payer);
		expect(after.filter((x) => dues.some((y) => y.id === x.id)).every((x) => x.state === 'declared')).toBe(true);

		const again = await refused(
			sim.upstream.coreTax.declare({ key: sim.key(), payerId: payer.id, dueIds: [dues[0].id], today: TODAY }),
			'DUE_ALREADY_DECLARED'
		);
		expect(again.message).toContain(dues[0].dueNo);
	});

	it('a paid due cannot be declared again', async () => {
		const payer = await sim.payer('太原示例机械制造有限公司');
		const paid = (await sim.upstream.agencyFeed.assessedDuesOf(payer)).find((d) => d.state === 'paid')!;
		await refused(sim.upstream.coreTax.declare({ key: sim.key(), payerId: payer.id, dueIds: [paid.id], today: TODAY }), 'DUE_ALREADY_PAID');
	});

	it('dues of a record not linked to the payer, or of another payer, or unknown, cannot be declared', async () => {
		const trade = await sim.payer('太原示例商贸有限公司');
		// The social record of this enterprise did not link: its dues exist upstream but are not the payer's yet.
		const unlinked = sim.db
			.prepare<[string], { id: number }>(
				`SELECT d.id FROM assessed_dues d JOIN agency_registrations r ON r.id = d.registration_id
				 WHERE r.payer_identifier = ? AND r.agency = 'social'`
			)
			.all(trade.identifier);
		expect(unlinked.length).toBeGreaterThan(0);
		await refused(sim.upstream.coreTax.declare({ key: sim.key(), payerId: trade.id, dueIds: [unlinked[0].id], today: TODAY }), 'DUE_NOT_LINKED');

		const other = (await sim.thisMonthsDues(await sim.payer('太原示例机械制造有限公司')))[0];
		await refused(sim.upstream.coreTax.declare({ key: sim.key(), payerId: trade.id, dueIds: [other.id], today: TODAY }), 'DUE_NOT_LINKED');
		await refused(sim.upstream.coreTax.declare({ key: sim.key(), payerId: trade.id, dueIds: [999_999], today: TODAY }), 'DUE_NOT_FOUND');
		await refused(sim.upstream.coreTax.declare({ key: sim.key(), payerId: trade.id, dueIds: [], today: TODAY }), 'INVALID_REQUEST');
		await refused(sim.upstream.coreTax.declare({ key: sim.key(), payerId: 999_999, dueIds: [other.id], today: TODAY }), 'PAYER_NOT_FOUND');
	});

	it('a refusal half way writes nothing: one bad due refuses the whole declaration', async () => {
		const payer = await sim.payer('太原示例机械制造有限公司');
		const dues = await sim.thisMonthsDues(payer);
		const before = sim.count('SELECT count(*) AS n FROM declarations');
		await refused(sim.upstream.coreTax.declare({ key: sim.key(), payerId: payer.id, dueIds: [dues[0].id, 999_999], today: TODAY }), 'DUE_NOT_FOUND');
		expect(sim.count('SELECT count(*) AS n FROM declarations')).toBe(before);
		expect((await sim.openDues(payer)).some((d) => d.id === dues[0].id)).toBe(true);
	});

	it('occupational annuity is not declared here: it has its own notice and transfer', async () => {
		const school = await sim.payer('太原市示例中学');
		const annuity = await sim.openDues(school, (d) => d.item.code === 'ANNUITY');
		expect(annuity).toHaveLength(1);
		await refused(sim.upstream.coreTax.declare({ key: sim.key(), payerId: school.id, dueIds: [annuity[0].id], today: TODAY }), 'ANNUITY_SEPARATE_FLOW');
	});

	it('declaration only from the 1st to the 25th, not extended for holidays (节假日不顺延)', async () => {
		const payer = await sim.payer('太原示例机械制造有限公司');
		const [due] = await sim.thisMonthsDues(payer);
		sim.clock.set('2026-11-26');
		const closed = await refused(sim.upstream.coreTax.declare({ key: sim.key(), payerId: payer.id, dueIds: [due.id], today: '2026-11-26' }), 'OUTSIDE_PERIOD');
		expect(closed.message).toContain('2026-11-25');
		// 2026-10-25 is a Sunday: the window still closes that day, the Monday after is closed.
		sim.clock.set('2026-10-26');
		await refused(sim.upstream.coreTax.declare({ key: sim.key(), payerId: payer.id, dueIds: [due.id], today: '2026-10-26' }), 'OUTSIDE_PERIOD');
		sim.clock.set('2026-10-25');
		const onSunday = await sim.upstream.coreTax.declare({ key: sim.key(), payerId: payer.id, dueIds: [due.id], today: '2026-10-25' });
		expect(onSunday.status).toBe('declared');
	});

	it('void only while unpaid; the dues are open again and can be declared anew', async () => {
		const payer = await sim.payer('太原示例机械制造有限公司');
		const dues = await sim.thisMonthsDues(payer);
		const ids = dues.map((d) => d.id);
		const first = await sim.upstream.coreTax.declare({ key: sim.key(), payerId: payer.id, dueIds: ids, today: TODAY });

		const voided = await sim.upstream.coreTax.voidDeclaration({ key: sim.key(), declarationNo: first.declarationNo });
		expect(voided.status).toBe('voided');
		expect((await sim.openDues(payer)).filter((d) => ids.includes(d.id))).toHaveLength(ids.length);
		await refused(sim.upstream.coreTax.voidDeclaration({ key: sim.key(), declarationNo: first.declarationNo }), 'DECLARATION_VOIDED');
		await refused(
			sim.upstream.coreTax.recordPayment({
				key: sim.key(),
				declarationNo: first.declarationNo,
				channel: 'cash',
				amountFen: first.totalFen,
				paidOn: TODAY,
				details: {}
			}),
			'DECLARATION_VOIDED'
		);

		const second = await sim.upstream.coreTax.declare({ key: sim.key(), payerId: payer.id, dueIds: ids, today: TODAY });
		expect(second.declarationNo).not.toBe(first.declarationNo);
		await sim.upstream.coreTax.recordPayment({
			key: sim.key(),
			declarationNo: second.declarationNo,
			channel: 'cash',
			amountFen: second.totalFen,
			paidOn: TODAY,
			details: { clerk: 'clerk01' }
		});
		await refused(sim.upstream.coreTax.voidDeclaration({ key: sim.key(), declarationNo: second.declarationNo }), 'DECLARATION_PAID');
		await refused(sim.upstream.coreTax.voidDeclaration({ key: sim.key(), declarationNo: 'SB20261120999999' }), 'DECLARATION_NOT_FOUND');
	});

	it('a repeated declaration with the same key returns the first answer and declares once', async () => {
		const payer = await sim.payer('山西示例建筑工程有限公司');
		const dues = await sim.thisMonthsDues(payer);
		const key = sim.key();
		const request = { key, payerId: payer.id, dueIds: dues.map((d) => d.id), today: TODAY };
		const first = await sim.upstream.coreTax.declare(request);
		const before = sim.count('SELECT count(*) AS n FROM declarations');
		expect(await sim.upstream.coreTax.declare(request)).toEqual(first);
		expect(sim.count('SELECT count(*) AS n FROM declarations')).toBe(before);
	});
});
