import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkListRows, type ListRow, type PersonFacts, type YearTables } from '../../../src/lib/domain';
import { demoResidentId } from '../../../src/lib/server/demo/identifiers';

const RUNS = { numRuns: 200 };
const TODAY = '2026-11-20';
const MEDICAL = '城乡居民基本医疗保险';
const MEDICAL_2027_FEN = 40_000;
const TABLES: YearTables = { tiers: (code, year) => (code === 'R_MEDICAL' && year === 2027 ? [{ tier: 0, amountFen: MEDICAL_2027_FEN }] : []) };
const ZHANG = demoResidentId('140105', '1960-03-07', 123);
const FACTS = new Map<string, PersonFacts>([[ZHANG, { payerId: 1, idNumber: ZHANG, names: ['张三'], registeredItems: ['R_MEDICAL'], paid: [] }]]);
const row = (fields: Partial<ListRow>): ListRow => ({
	row: 1,
	idNumber: ZHANG,
	name: '张三',
	item: MEDICAL,
	tier: '',
	amount: '400',
	collectedOn: '2026-11-18',
	...fields
});

const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true });

describe('a collector list’s rows, by property', () => {
	it('收款日期 written as 2026-11-05, 2026/11/5, 2026.11.5 or 2026年11月5日 reads as the same day', () => {
		fc.assert(
			fc.property(day, fc.constantFrom('-', '/', '.', '年'), (d, sep) => {
				const iso = d.toISOString().slice(0, 10);
				const [y, m, dd] = iso.split('-').map(Number);
				const text = sep === '年' ? `${y}年${m}月${dd}日` : `${y}${sep}${m}${sep}${dd}`;
				const [checked] = checkListRows([row({ collectedOn: text })], FACTS, TABLES, TODAY);
				expect(checked).toMatchObject({ ok: true, collectedOn: iso, amountFen: MEDICAL_2027_FEN, year: 2027 });
			}),
			RUNS
		);
	});

	it('any cells give one verdict per row, in order, each row keeping its number, and a bad row says why in Chinese', () => {
		const cell = fc.oneof(fc.string({ maxLength: 24 }), fc.constantFrom(ZHANG, '张三', MEDICAL, '400', '400.00', '2026-11-18', ''));
		const rows = fc.array(fc.record({ idNumber: cell, name: cell, item: cell, tier: cell, amount: cell, collectedOn: cell }), { maxLength: 20 });
		fc.assert(
			fc.property(rows, (cells) => {
				const list = cells.map((c, i) => ({ row: i + 1, ...c }));
				const checked = checkListRows(list, FACTS, TABLES, TODAY);
				expect(checked.map((c) => c.row)).toEqual(list.map((r) => r.row));
				for (const c of checked) if (!c.ok) expect(c.reason).toMatch(/\p{Script=Han}/u);
			}),
			RUNS
		);
	});

	it('a good row’s amount is the table’s to the fen, whatever way 金额 was written', () => {
		fc.assert(
			fc.property(fc.constantFrom('400', '400.0', '400.00', ' 400 '), fc.integer({ min: 1, max: 39_999 }), (same, otherFen) => {
				expect(checkListRows([row({ amount: same })], FACTS, TABLES, TODAY)[0]).toMatchObject({ ok: true, amountFen: MEDICAL_2027_FEN });
				const other = `${Math.floor(otherFen / 100)}.${String(otherFen % 100).padStart(2, '0')}`;
				expect(checkListRows([row({ amount: other })], FACTS, TABLES, TODAY)[0]).toMatchObject({ ok: false, code: 'AMOUNT_MISMATCH' });
			}),
			RUNS
		);
	});
});
