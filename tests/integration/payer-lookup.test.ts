import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { lookupPayers } from '../../src/lib/server/services/payer-lookup';
import { payerView } from '../../src/lib/server/services/payer-view';

describe('counter home: find a payer by credit code, ID number or name', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	const identifierOf = (name: string) =>
		(rt.upstreamDb.prepare('SELECT coalesce(credit_code, id_number) AS v FROM payers WHERE name = ?').get(name) as { v: string }).v;
	beforeAll(async () => {
		rt = await tempRuntime();
	});
	afterAll(() => rt.dispose());

	it('finds an enterprise by its credit code, typed in lower case with spaces', async () => {
		const code = identifierOf('太原示例机械制造有限公司');
		const spaced = `${code.slice(0, 6)} ${code.slice(6)}`.toLowerCase();
		const r = await lookupPayers(rt.upstream.coreTax, spaced);
		expect(r).toMatchObject({ kind: 'found', payers: [{ name: '太原示例机械制造有限公司', kind: 'enterprise' }] });
	});

	it('finds a resident by ID number, typed in full-width digits', async () => {
		const id = identifierOf('张伟（演示）');
		const fullWidth = id.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
		const r = await lookupPayers(rt.upstream.coreTax, fullWidth);
		expect(r).toMatchObject({ kind: 'found', payers: [{ identifier: id, kind: 'resident' }] });
	});

	it('finds payers by part of a name, the exact name first', async () => {
		const r = await lookupPayers(rt.upstream.coreTax, '示例');
		expect(r.kind).toBe('found');
		if (r.kind === 'found') expect(r.payers.length).toBeGreaterThanOrEqual(6);
		const exact = await lookupPayers(rt.upstream.coreTax, '太原市示例中学');
		expect(exact).toMatchObject({ kind: 'found', payers: [{ name: '太原市示例中学' }] });
	});

	it('treats % and _ in a name as letters, not wildcards', async () => {
		expect(await lookupPayers(rt.upstream.coreTax, '示例%')).toMatchObject({ kind: 'none' });
	});

	it('says so when no payer has that identifier', async () => {
		const r = await lookupPayers(rt.upstream.coreTax, '11010519491231002X');
		expect(r).toMatchObject({ kind: 'none', message: expect.stringContaining('未找到') });
	});

	describe('bad input names the field and the fault, and nothing is asked or written', () => {
		const cases: [string, string, RegExp][] = [
			['credit code with a wrong check character', '91140105900001010A', /统一社会信用代码/],
			['ID number with an impossible birth date', '140105199002300011', /身份证号码/],
			['ID number of the wrong length', '14010519900101001', /身份证号码/],
			['nothing typed', '   ', /查询内容/]
		];
		for (const [what, input, field] of cases) {
			it(what, async () => {
				const counts = () => rt.journal.prepare('SELECT (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM shown_copies) AS n').get();
				const before = counts();
				const coreTax = { ...rt.upstream.coreTax, findPayers: vi.fn(rt.upstream.coreTax.findPayers) };
				const r = await lookupPayers(coreTax, input);
				expect(r.kind).toBe('invalid');
				if (r.kind === 'invalid') {
					expect(r.field).toMatch(field);
					expect(r.reason).toMatch(/\p{Script=Han}/u);
				}
				expect(coreTax.findPayers).not.toHaveBeenCalled();
				expect(counts()).toEqual(before);
			});
		}

		it('a wrong check character says which character was expected', async () => {
			const code = identifierOf('太原示例机械制造有限公司');
			const wrong = code.slice(0, 17) + (code[17] === 'A' ? 'B' : 'A');
			const r = await lookupPayers(rt.upstream.coreTax, wrong);
			expect(r).toMatchObject({ kind: 'invalid', field: '统一社会信用代码' });
			if (r.kind === 'invalid') expect(r.reason).toContain(code[17]);
		});

		it('the impossible birth date is named as such', async () => {
			const r = await lookupPayers(rt.upstream.coreTax, '140105199002300011');
			if (r.kind === 'invalid') expect(r.reason).toMatch(/出生日期/);
		});
	});

	describe('the payer view: kind, link status, assessed dues, declarations and payments', () => {
		const viewOf = async (name: string) => {
			const r = await lookupPayers(rt.upstream.coreTax, name);
			if (r.kind !== 'found') throw new Error(name);
			return (await payerView(rt.upstream, r.payers[0].id, '2026-11-20'))!;
		};

		it('shows an enterprise linked with both agencies, its open dues for this month and last month paid', async () => {
			const v = await viewOf('太原示例机械制造有限公司');
			expect(v.links).toEqual({ social: 'linked', medical: 'linked' });
			const open = v.dues.filter((d) => d.state === 'open');
			expect(open.some((d) => d.kind === 'regular' && d.periodFrom === '2026-11-01' && d.periodTo === '2026-11-30')).toBe(true);
			expect(open.some((d) => d.kind === 'historical')).toBe(true);
			expect(v.dues.filter((d) => d.state === 'paid').every((d) => d.periodFrom === '2026-10-01')).toBe(true);
			expect(v.openTotalFen).toBe(open.reduce((s, d) => s + d.amountFen, 0));
			expect(v.payments).toHaveLength(1);
			expect(v.declarations[0].totalFen).toBe(v.payments[0].amountFen);
		});

		it('shows the record the system did not link as unlinked, and hides its dues until it is linked', async () => {
			const v = await viewOf('太原示例商贸有限公司');
			expect(v.links).toEqual({ social: 'unlinked', medical: 'linked' });
			expect(v.dues.every((d) => d.item.code === 'MEDICAL')).toBe(true);
		});

		it('shows a payer the agencies never registered, with no dues', async () => {
			const v = await viewOf('太原示例科技咨询有限公司');
			expect(v.links).toEqual({ social: 'unregistered', medical: 'unregistered' });
			expect(v.dues).toEqual([]);
		});

		it('shows a resident the pension tiers of this year and the medical amount of next year', async () => {
			const v = await viewOf('李娜（演示）');
			expect(v.payer.kind).toBe('resident');
			expect(v.residentChoices?.pensionYear).toBe(2026);
			expect(v.residentChoices?.medicalYear).toBe(2027);
			expect(v.residentChoices?.pension.length).toBeGreaterThanOrEqual(10);
			expect(v.residentChoices?.medical?.amountFen).toBeGreaterThan(0);
		});
	});
});
