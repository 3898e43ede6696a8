import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	COLLECTOR_ITEMS,
	checkListRows,
	checkResidentId,
	normalizeResidentId,
	type CheckedRow,
	type CollectorItemCode,
	type ListRow,
	type PersonFacts,
	type YearTables
} from '../../../src/lib/domain';

const TODAY = '2026-11-20';
const PENSION = '城乡居民基本养老保险';
const SUPP = '城乡居民补充养老保险';
const MEDICAL = '城乡居民基本医疗保险';

// GB 11643 check character, to make fictional valid numbers.
function withCheckChar(first17: string): string {
	const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
	return first17 + '10X98765432'[sum % 11];
}

const ZHANG = withCheckChar('14010519600307123'); // 张三
const LI = withCheckChar('14010519700815102'); // 李四
const WANG = withCheckChar('14010519850615108'); // 王五, check character X
const ZHAO = withCheckChar('14010519900101002'); // 赵六, registered for medical only
expect(WANG.endsWith('X')).toBe(true);

// The demo tables: pension tiers 200…5000 yuan, supplementary 100 yuan, medical 380 yuan (2026) / 400 yuan (2027).
const PENSION_TIERS_YUAN = [200, 300, 400, 500, 600, 700, 800, 900, 1000, 1500, 2000, 3000, 4000, 5000];
const TABLES: YearTables = {
	tiers(itemCode: CollectorItemCode, year: number) {
		if (year < 2024 || year > 2027) return [];
		if (itemCode === 'R_PENSION') return year > 2026 ? [] : PENSION_TIERS_YUAN.map((yuan, i) => ({ tier: i + 1, amountFen: yuan * 100 }));
		if (itemCode === 'R_SUPP_PENSION') return year > 2026 ? [] : [{ tier: 0, amountFen: 10_000 }];
		return [{ tier: 0, amountFen: year === 2027 ? 40_000 : 38_000 }];
	}
};

function person(payerId: number, idNumber: string, name: string, registeredItems: CollectorItemCode[], paid: PersonFacts['paid'] = []): PersonFacts {
	return { payerId, idNumber, names: [name, name], registeredItems, paid };
}

const ALL: CollectorItemCode[] = ['R_PENSION', 'R_SUPP_PENSION', 'R_MEDICAL'];
const FACTS = new Map<string, PersonFacts>([
	[ZHANG, person(1, ZHANG, '张三', ALL)],
	[LI, person(2, LI, '李四', ALL, [{ itemCode: 'R_PENSION', year: 2026, tier: 2 }])],
	[WANG, person(3, WANG, '王五', ALL, [{ itemCode: 'R_MEDICAL', year: 2027, tier: 0 }])],
	[ZHAO, person(4, ZHAO, '赵六', ['R_MEDICAL'])]
]);

let nextRow = 1;
function row(fields: Partial<Omit<ListRow, 'row'>> = {}): ListRow {
	return { row: nextRow++, idNumber: ZHANG, name: '张三', item: PENSION, tier: '300', amount: '300', collectedOn: '2026-11-18', ...fields };
}

function check(...rows: ListRow[]): CheckedRow[] {
	return checkListRows(rows, FACTS, TABLES, TODAY);
}

function only(r: ListRow): CheckedRow {
	const [result] = check(r);
	return result;
}

function bad(r: ListRow): { code: string; reason: string } {
	const result = only(r);
	if (result.ok) throw new Error(`row ${r.row} was accepted`);
	return { code: result.code, reason: result.reason };
}

describe('a good row is ready to pay', () => {
	it('pension at a tier of the year: payer, tier number, amount in fen, this year', () => {
		const r = row({ collectedOn: '2026-11-18' });
		expect(only(r)).toEqual({
			ok: true,
			row: r.row,
			idNumber: ZHANG,
			name: '张三',
			payerId: 1,
			itemCode: 'R_PENSION',
			tier: 2,
			amountFen: 30_000,
			collectedOn: '2026-11-18',
			year: 2026
		});
	});

	it('supplementary pension covers this year, medical covers next year (residentCoverageYear), both without a tier', () => {
		expect(only(row({ item: SUPP, tier: '', amount: '100' }))).toMatchObject({
			ok: true,
			itemCode: 'R_SUPP_PENSION',
			tier: null,
			amountFen: 10_000,
			year: 2026
		});
		expect(only(row({ item: MEDICAL, tier: '', amount: '400.00' }))).toMatchObject({
			ok: true,
			itemCode: 'R_MEDICAL',
			tier: null,
			amountFen: 40_000,
			year: 2027
		});
	});

	it('the tier may be written as the window names it (每年300元); 收款日期 as Excel saves it (2026/11/8)', () => {
		expect(only(row({ tier: '每年300元', collectedOn: '2026/11/8' }))).toMatchObject({ ok: true, tier: 2, collectedOn: '2026-11-08' });
		expect(only(row({ collectedOn: '2026年11月20日' }))).toMatchObject({ ok: true, collectedOn: '2026-11-20' });
	});

	it('收款日期 today is fine', () => {
		expect(only(row({ collectedOn: TODAY }))).toMatchObject({ ok: true });
	});
});

describe('IDs are normalised before they are checked', () => {
	const full = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

	it('full-width digits, surrounding spaces and a lower-case x: the row is good and the ID comes back normalised', () => {
		expect(only(row({ idNumber: full(ZHANG) }))).toMatchObject({ ok: true, idNumber: ZHANG, payerId: 1 });
		expect(only(row({ idNumber: `\u3000 ${ZHANG}\t` }))).toMatchObject({ ok: true, idNumber: ZHANG });
		expect(only(row({ idNumber: WANG.toLowerCase(), name: '王五' }))).toMatchObject({ ok: true, idNumber: WANG, payerId: 3 });
		expect(only(row({ idNumber: full(WANG.toLowerCase()), name: '王五' }))).toMatchObject({ ok: true, idNumber: WANG });
	});

	it('the same person written two ways is still a duplicate', () => {
		const [first, second] = check(row(), row({ idNumber: ` ${full(ZHANG)}` }));
		expect(first.ok).toBe(true);
		expect(second).toMatchObject({ ok: false, code: 'DUPLICATE_IN_FILE' });
	});
});

describe('every bad row gets one code and a Chinese reason naming its value', () => {
	it('MISSING_FIELD: an empty required cell, named by its column', () => {
		expect(bad(row({ name: '' }))).toEqual({ code: 'MISSING_FIELD', reason: '缺少“姓名”，请填写' });
		expect(bad(row({ idNumber: '', amount: '' }))).toEqual({ code: 'MISSING_FIELD', reason: '缺少“身份证号码”、“金额”，请填写' });
		expect(bad(row({ collectedOn: '' }))).toEqual({ code: 'MISSING_FIELD', reason: '缺少“收款日期”，请填写' });
	});

	it('MISSING_FIELD: the basic pension needs its tier; the items without tiers do not', () => {
		expect(bad(row({ tier: '' }))).toEqual({ code: 'MISSING_FIELD', reason: '缺少“缴费档次”，请填写' });
		expect(only(row({ item: SUPP, tier: '', amount: '100' })).ok).toBe(true);
	});

	it('ID_INVALID: the number fails GB 11643, with the check’s reason', () => {
		const wrongCheck = ZHANG.slice(0, 17) + (ZHANG[17] === '0' ? '1' : '0');
		const r = bad(row({ idNumber: wrongCheck }));
		expect(r.code).toBe('ID_INVALID');
		expect(r.reason).toMatch(new RegExp(`^身份证号码“${wrongCheck}”有误：身份证号码校验码错误`));
		expect(bad(row({ idNumber: '14010519600307' }))).toEqual({
			code: 'ID_INVALID',
			reason: '身份证号码“14010519600307”有误：居民身份证号码应为18位，当前为14位'
		});
	});

	it('ID_INVALID: an ID that Excel turned into a number', () => {
		expect(bad(row({ idNumber: '1.40105196003071E+17' })).code).toBe('ID_INVALID');
		expect(bad(row({ idNumber: '140105196003071000' })).code).toBe('ID_INVALID');
	});

	it('ID_INVALID: spaces inside the number are not removed (nothing but the surrounding spaces is)', () => {
		expect(bad(row({ idNumber: `${ZHANG.slice(0, 6)} ${ZHANG.slice(6)}` })).code).toBe('ID_INVALID');
	});

	it('ITEM_UNKNOWN: not one of the three items a collector collects', () => {
		expect(bad(row({ item: '企业职工基本养老保险' }))).toEqual({
			code: 'ITEM_UNKNOWN',
			reason: '险种“企业职工基本养老保险”不是代收的险种，应为城乡居民基本养老保险、城乡居民补充养老保险、城乡居民基本医疗保险之一'
		});
	});

	it('DATE_INVALID: 收款日期 not a real date', () => {
		expect(bad(row({ collectedOn: '2026-02-30' }))).toEqual({ code: 'DATE_INVALID', reason: '收款日期“2026-02-30”不是有效日期，应写作如2026-11-20' });
		expect(bad(row({ collectedOn: '上周' })).code).toBe('DATE_INVALID');
	});

	it('DATE_INVALID: 收款日期 after today', () => {
		expect(bad(row({ collectedOn: '2026-11-21' }))).toEqual({ code: 'DATE_INVALID', reason: '收款日期2026-11-21晚于今天（2026-11-20），请核对' });
	});

	it('NOT_REGISTERED: nobody with that ID is registered', () => {
		const stranger = withCheckChar('14010519950505201');
		expect(bad(row({ idNumber: stranger }))).toEqual({
			code: 'NOT_REGISTERED',
			reason: `身份证号码${stranger}没有城乡居民参保登记信息，请先到社保、医保经办机构登记`
		});
	});

	it('NOT_REGISTERED: the person is registered, but not for this item', () => {
		expect(bad(row({ idNumber: ZHAO, name: '赵六' }))).toEqual({
			code: 'NOT_REGISTERED',
			reason: '赵六没有城乡居民基本养老保险的有效参保登记（未登记、未关联或正在变更），请先到经办机构办理'
		});
		expect(only(row({ idNumber: ZHAO, name: '赵六', item: MEDICAL, tier: '', amount: '400' })).ok).toBe(true);
	});

	it('NAME_MISMATCH: the name is not the registered one (spaces inside do not count)', () => {
		expect(bad(row({ name: '张山' }))).toEqual({ code: 'NAME_MISMATCH', reason: '姓名“张山”与该身份证号码登记的姓名不一致，请核对' });
		expect(only(row({ name: '张 三' })).ok).toBe(true);
	});

	it('NAME_MISMATCH: the name must equal the tax registration and the agencies’ names alike', () => {
		const facts = new Map([[ZHANG, { ...person(1, ZHANG, '张三', ALL), names: ['张三', '张叁'] }]]);
		expect(checkListRows([row()], facts, TABLES, TODAY)[0]).toMatchObject({ ok: false, code: 'NAME_MISMATCH' });
	});

	it('TIER_INVALID: not a tier of the year’s pension table', () => {
		expect(bad(row({ tier: '350', amount: '350' }))).toEqual({
			code: 'TIER_INVALID',
			reason:
				'缴费档次“350”不是2026年度城乡居民基本养老保险的档次，可选：每年200元、每年300元、每年400元、每年500元、每年600元、每年700元、每年800元、每年900元、每年1000元、每年1500元、每年2000元、每年3000元、每年4000元、每年5000元'
		});
		expect(bad(row({ tier: '三档' })).code).toBe('TIER_INVALID');
	});

	it('TIER_INVALID: a tier given for an item without tiers', () => {
		expect(bad(row({ item: MEDICAL, tier: '400', amount: '400' }))).toEqual({
			code: 'TIER_INVALID',
			reason: '城乡居民基本医疗保险没有缴费档次，“缴费档次”应留空，当前为“400”'
		});
	});

	it('TIER_INVALID: the coverage year has no table yet', () => {
		const facts = new Map([[ZHANG, person(1, ZHANG, '张三', ALL)]]);
		expect(checkListRows([row()], facts, TABLES, '2027-01-05')[0]).toMatchObject({
			ok: false,
			code: 'TIER_INVALID',
			reason: '2027年度城乡居民基本养老保险的缴费标准尚未公布，暂不能缴费'
		});
	});

	it('AMOUNT_MISMATCH: 金额 differs from the table’s amount for the tier', () => {
		expect(bad(row({ amount: '200' }))).toEqual({ code: 'AMOUNT_MISMATCH', reason: '金额200.00元与2026年度城乡居民基本养老保险的标准300.00元不一致' });
		expect(bad(row({ item: MEDICAL, tier: '', amount: '380' }))).toEqual({
			code: 'AMOUNT_MISMATCH',
			reason: '金额380.00元与2027年度城乡居民基本医疗保险的标准400.00元不一致'
		});
	});

	it('AMOUNT_MISMATCH: 金额 is not an amount at all', () => {
		expect(bad(row({ amount: '三百' }))).toEqual({ code: 'AMOUNT_MISMATCH', reason: '金额“三百”无法识别：“三百”不是有效金额，请输入如1234.56的数字' });
	});

	it('ALREADY_PAID: that person, item and coverage year are already paid at that tier', () => {
		expect(bad(row({ idNumber: LI, name: '李四' }))).toEqual({
			code: 'ALREADY_PAID',
			reason: '李四2026年度的城乡居民基本养老保险已缴费（或已申报正在缴费），不能重复缴费'
		});
	});

	it('ALREADY_PAID: medical paid for next year; this year’s medical being paid does not count', () => {
		expect(bad(row({ idNumber: WANG, name: '王五', item: MEDICAL, tier: '', amount: '400' }))).toMatchObject({ code: 'ALREADY_PAID' });
		const facts = new Map([[ZHANG, person(1, ZHANG, '张三', ALL, [{ itemCode: 'R_MEDICAL', year: 2026, tier: 0 }])]]);
		expect(checkListRows([row({ item: MEDICAL, tier: '', amount: '400' })], facts, TABLES, TODAY)[0]).toMatchObject({ ok: true, year: 2027 });
	});

	it('TIER_LOCKED: the pension was paid at another tier this year (缴费完成后，不再受理本年度缴费档次的调整)', () => {
		expect(bad(row({ idNumber: LI, name: '李四', tier: '500', amount: '500' }))).toEqual({
			code: 'TIER_LOCKED',
			reason: '李四2026年度的城乡居民基本养老保险已按每年300元档次缴费，缴费后本年度不再调整档次，不能按每年500元缴费'
		});
	});

	it('DUPLICATE_IN_FILE: the second and later rows of the same ID and item, naming the first', () => {
		const rows = [row(), row({ item: MEDICAL, tier: '', amount: '400' }), row(), row({ tier: '500', amount: '500' })];
		const result = check(...rows);
		expect(result.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'ok', 'DUPLICATE_IN_FILE', 'DUPLICATE_IN_FILE']);
		expect(result[2]).toMatchObject({ reason: `与第${rows[0].row}行重复：同一人的城乡居民基本养老保险在名单中只能出现一次` });
	});

	it('DUPLICATE_IN_FILE: the first occurrence counts even when it is bad itself', () => {
		const result = check(row({ amount: '1' }), row());
		expect(result.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['AMOUNT_MISMATCH', 'DUPLICATE_IN_FILE']);
	});

	it('order is kept and each row keeps its number; a bad row carries the row as read', () => {
		const rows = [row({ name: '' }), row(), row({ idNumber: LI, name: '李四' })];
		const result = check(...rows);
		expect(result.map((r) => r.row)).toEqual(rows.map((r) => r.row));
		expect(result[0]).toMatchObject({ ok: false, source: rows[0] });
	});

	it('an empty list checks to nothing', () => {
		expect(check()).toEqual([]);
	});
});

describe('normalizeResidentId: properties', () => {
	const fullWidthable = fc.constantFrom(...'0123456789abcdefxyzABCDXYZ'.split(''));
	const toFull = (c: string) => String.fromCharCode(c.charCodeAt(0) + 0xfee0);
	const spaces = fc.array(fc.constantFrom(' ', '\t', '\u3000', '\n'), { maxLength: 3 }).map((a) => a.join(''));
	const text = fc.array(fc.oneof(fullWidthable, fullWidthable.map(toFull), fc.string({ maxLength: 2 })), { maxLength: 22 }).map((a) => a.join(''));

	it('is idempotent', () => {
		fc.assert(
			fc.property(fc.tuple(spaces, text, spaces), ([a, t, b]) => normalizeResidentId(normalizeResidentId(a + t + b)) === normalizeResidentId(a + t + b))
		);
	});

	it('changes nothing but full-width to half-width, the surrounding spaces and a final x', () => {
		fc.assert(
			fc.property(
				fc.tuple(spaces, fc.array(fullWidthable, { maxLength: 20 }), fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), spaces),
				([a, chars, wide, b]) => {
					const half = chars.join('');
					const written = chars.map((c, i) => (wide[i] ? toFull(c) : c)).join('');
					expect(normalizeResidentId(a + written + b)).toBe(half.replace(/x$/, 'X'));
				}
			)
		);
	});

	it('a valid ID stays valid however it was written, and comes back as the ID', () => {
		const validId = fc
			.tuple(fc.integer({ min: 1930, max: 2020 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 999 }))
			.map(([y, m, d, seq]) => withCheckChar(`140105${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`));
		fc.assert(
			fc.property(validId, fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }), fc.boolean(), spaces, spaces, (id, wide, lower, a, b) => {
				const written = [...(lower ? id.toLowerCase() : id)].map((c, i) => (wide[i] ? toFull(c) : c)).join('');
				const normal = normalizeResidentId(a + written + b);
				expect(normal).toBe(id);
				expect(checkResidentId(normal, { today: TODAY }).ok).toBe(true);
			})
		);
	});
});

describe('the row checker: properties', () => {
	const itemNames = Object.keys(COLLECTOR_ITEMS);
	// Rows that are good on their own, each field then possibly spoilt, so that good and bad rows both occur.
	const goodRows = [
		{ idNumber: ZHANG, name: '张三', item: PENSION, tier: '300', amount: '300' },
		{ idNumber: ZHANG, name: '张三', item: MEDICAL, tier: '', amount: '400' },
		{ idNumber: LI, name: '李四', item: SUPP, tier: '', amount: '100' },
		{ idNumber: WANG.toLowerCase(), name: '王五', item: PENSION, tier: '每年5000元', amount: '5,000' },
		{ idNumber: ZHAO, name: '赵六', item: MEDICAL, tier: '', amount: '400.00' }
	];
	const spoilt = <T>(good: T, other: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: other });
	const anyRow = fc.constantFrom(...goodRows).chain((g) =>
		fc.record({
			idNumber: spoilt(g.idNumber, fc.constantFrom(ZHANG, LI, WANG, ZHAO, ` ${WANG.toLowerCase()}`, '', '123', withCheckChar('14010519950505201'))),
			name: spoilt(g.name, fc.constantFrom('张三', '李四', '王五', '赵六', '', '某某')),
			item: spoilt(g.item, fc.constantFrom(...itemNames, '', '医疗')),
			tier: spoilt(g.tier, fc.constantFrom('', '200', '300', '500', '350', '每年300元')),
			amount: spoilt(g.amount, fc.constantFrom('', '100', '200', '300', '400', '500', 'abc', '380')),
			collectedOn: spoilt(TODAY, fc.constantFrom('', '2026-11-01', '2026/11/3', '2026-11-31', '2027-01-01'))
		})
	);
	const rowsArb = fc.array(anyRow, { maxLength: 40 }).map((rs) => rs.map((r, i) => ({ row: i + 1, ...r })));

	it('every row gets exactly one result, in order', () => {
		fc.assert(
			fc.property(rowsArb, (rows) => {
				const result = checkListRows(rows, FACTS, TABLES, TODAY);
				expect(result.map((r) => r.row)).toEqual(rows.map((r) => r.row));
				for (const r of result) if (!r.ok) expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
			})
		);
	});

	it('a good row’s amount equals the table’s amount for its item, year and tier', () => {
		fc.assert(
			fc.property(rowsArb, (rows) => {
				for (const r of checkListRows(rows, FACTS, TABLES, TODAY)) {
					if (!r.ok) continue;
					const entry = TABLES.tiers(r.itemCode, r.year).find((t) => t.tier === (r.tier ?? 0));
					expect(r.amountFen).toBe(entry?.amountFen);
				}
			})
		);
	});

	it('no good row is a duplicate: each ID and item is good at most once', () => {
		fc.assert(
			fc.property(rowsArb, (rows) => {
				const good = checkListRows(rows, FACTS, TABLES, TODAY).filter((r) => r.ok);
				const keys = good.map((r) => `${r.idNumber}:${r.itemCode}`);
				expect(new Set(keys).size).toBe(keys.length);
			})
		);
	});
});
