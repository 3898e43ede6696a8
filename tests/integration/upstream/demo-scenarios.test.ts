import { afterEach, describe, expect, it } from 'vitest';
import { tempUpstream, sum, type Sim } from './sim';

describe('demo data for the counter flows: agreements and the pending-settlement account', () => {
	const sims: Sim[] = [];
	const open = (today?: string) => {
		const s = tempUpstream(today);
		sims.push(s);
		return s;
	};
	afterEach(() => sims.splice(0).forEach((s) => s.dispose()));

	it('has enterprises with a valid agreement and funds, one short of funds, one invalid, and one without', async () => {
		const sim = open();
		const status = async (name: string) => (await sim.upstream.bankGateway.checkAgreement({ payerId: (await sim.payer(name)).id })).status;
		expect(await status('山西示例建筑工程有限公司')).toBe('valid');
		expect(await status('太原示例机械制造有限公司')).toBe('valid');
		expect(await status('太原示例商贸有限公司')).toBe('invalid');
		expect(await status('太原示例科技咨询有限公司')).toBe('none');

		const balance = (name: string) => sim.count('SELECT a.balance_fen AS n FROM bank_agreements a JOIN payers p ON p.id = a.payer_id WHERE p.name = ?', name);
		const builder = await sim.payer('山西示例建筑工程有限公司');
		expect(balance(builder.name)).toBeGreaterThanOrEqual(sum(await sim.openDues(builder)));
		const machine = await sim.payer('太原示例机械制造有限公司');
		expect(balance(machine.name)).toBeLessThan(Math.min(...(await sim.openDues(machine)).map((d) => d.amountFen)));
	});

	for (const today of ['2026-11-20', '2026-03-02']) {
		it(`gives each public institution two transfers of ${today} (财政拨款 + 单位自有资金) summing exactly to this month's open regular dues`, async () => {
			const sim = open(today);
			for (const name of ['太原市示例中学', '太原市小店区示例街道办事处']) {
				const payer = await sim.payer(name);
				const transfers = await sim.upstream.bankGateway.pendingTransfers({ payerId: payer.id, date: today });
				const due = sum(await sim.thisMonthsDues(payer));
				const fiscal = transfers.filter((t) => t.fundSource === 'fiscal');
				expect(fiscal).toHaveLength(1);
				const matching = transfers.filter((t) => t.fundSource === 'own' && t.amountFen + fiscal[0].amountFen === due);
				expect(matching, name).toHaveLength(1);
				expect(transfers.every((t) => t.arrivedOn === today && t.settledDeclarationNo === null)).toBe(true);
				// One more transfer that belongs to no due, at the sub-district office only.
				expect(transfers.length).toBe(name === '太原市小店区示例街道办事处' ? 3 : 2);
			}
		});
	}

	it('is the same every time for the same business date', () => {
		const dump = (s: Sim) =>
			JSON.stringify([s.db.prepare('SELECT * FROM bank_agreements ORDER BY id').all(), s.db.prepare('SELECT * FROM pending_transfers ORDER BY id').all()]);
		expect(dump(open('2026-11-20'))).toBe(dump(open('2026-11-20')));
	});
});
