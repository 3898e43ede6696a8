import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	matchAnnuityTransfers,
	ANNUITY_EXCEPTION_REASONS,
	bundledCalendar,
	CalendarDataMissingError,
	DomainError,
	type AnnuityNotice,
	type AnnuityTransfer
} from '../../../src/lib/domain';
import { addDays } from '../../../src/lib/domain/dates';

const NOTICE: AnnuityNotice = { noticeNo: '1877182', month: '2025-06', amountFen: 1_234_500 };

let seq = 0;
function transfer(date: string, amountFen: number, remark = NOTICE.noticeNo, id = `T${String(++seq).padStart(4, '0')}`): AnnuityTransfer {
	return { id, date, amountFen, remark };
}

function codes(result: ReturnType<typeof matchAnnuityTransfers>) {
	return result.exceptions.map((e) => [e.transferId, e.code]);
}

describe('annuity transfers matched to notices by remark and sum (回款销号)', () => {
	it("the guide's four remark examples: full-width digits, no number, extra text are exceptions; 1877182 is matched", () => {
		const ts = [
			transfer('2025-06-10', NOTICE.amountFen, '１８７７１８２', 'A'),
			transfer('2025-06-10', NOTICE.amountFen, '八月职业年金', 'B'),
			transfer('2025-06-10', NOTICE.amountFen, '通知单编号 1877182', 'C'),
			transfer('2025-06-10', NOTICE.amountFen, '1877182', 'D')
		];
		const r = matchAnnuityTransfers([NOTICE], ts);
		expect(r.matched).toEqual([{ noticeNo: '1877182', transferIds: ['D'] }]);
		expect(r.partial).toEqual([]);
		expect(codes(r)).toEqual([
			['A', 'REMARK_INVALID'],
			['B', 'REMARK_INVALID'],
			['C', 'REMARK_INVALID']
		]);
		expect(r.exceptions[0].reason).toContain('使用了全角字符');
		expect(r.exceptions[1].reason).toContain('没有输入7位编号');
		expect(r.exceptions[2].reason).toContain('只需要录入7位编号');
	});

	it('remark must be exactly 7 half-width digits: spaces, 8 digits, letters are REMARK_INVALID', () => {
		const ts = [transfer('2025-06-10', 1, '1877 182', 'A'), transfer('2025-06-10', 1, '18771820', 'B'), transfer('2025-06-10', 1, 'A877182', 'C')];
		const r = matchAnnuityTransfers([NOTICE], ts);
		expect(codes(r)).toEqual([
			['A', 'REMARK_INVALID'],
			['B', 'REMARK_INVALID'],
			['C', 'REMARK_INVALID']
		]);
		expect(r.exceptions[1].reason).toContain('8位');
	});

	it('several transfers that add up exactly to the notice amount are matched together, in order of date then id', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('2025-06-12', 234_500, undefined, 'B'), transfer('2025-06-03', 1_000_000, undefined, 'Z')]);
		expect(r).toEqual({ matched: [{ noticeNo: '1877182', transferIds: ['Z', 'B'] }], partial: [], exceptions: [] });
	});

	it('one transfer for two notices is SUM_MISMATCH (多张缴费通知单不可合并为一笔转账)', () => {
		const other: AnnuityNotice = { noticeNo: '1877183', month: '2025-06', amountFen: 500_000 };
		const r = matchAnnuityTransfers([NOTICE, other], [transfer('2025-06-10', NOTICE.amountFen + other.amountFen, '1877182', 'A')]);
		expect(r.matched).toEqual([]);
		expect(r.partial).toEqual([]);
		expect(r.exceptions).toEqual([{ transferId: 'A', code: 'SUM_MISMATCH', reason: ANNUITY_EXCEPTION_REASONS.SUM_MISMATCH('1877182', 1_234_500) }]);
		expect(r.exceptions[0].reason).toContain('12,345.00');
	});

	it('a running sum that passes the amount without equalling it makes every transfer of the notice SUM_MISMATCH', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('2025-06-01', 1_000_000, undefined, 'A'), transfer('2025-06-02', 300_000, undefined, 'B')]);
		expect(codes(r)).toEqual([
			['A', 'SUM_MISMATCH'],
			['B', 'SUM_MISMATCH']
		]);
	});

	it('a transfer dated before the 1st of the notice month is TOO_EARLY (不得提前转账)', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('2025-05-31', NOTICE.amountFen, undefined, 'A')]);
		expect(r.matched).toEqual([]);
		expect(r.exceptions).toEqual([{ transferId: 'A', code: 'TOO_EARLY', reason: ANNUITY_EXCEPTION_REASONS.TOO_EARLY('1877182', '2025-06') }]);
	});

	it('a transfer in the next month, 1st to 25th, is matched (当月或次月1-25日)', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('2025-07-25', NOTICE.amountFen, undefined, 'A')]);
		expect(r.matched).toEqual([{ noticeNo: '1877182', transferIds: ['A'] }]);
		expect(r.exceptions).toEqual([]);
	});

	it('after the 25th when it is a working day, or two months later, is OUTSIDE_WINDOW', () => {
		// 2025-06-25 and 2025-07-25 are a Wednesday and a Friday.
		const ts = [
			transfer('2025-06-26', NOTICE.amountFen, undefined, 'A'),
			transfer('2025-07-28', NOTICE.amountFen, undefined, 'B'),
			transfer('2025-08-05', NOTICE.amountFen, undefined, 'C')
		];
		const r = matchAnnuityTransfers([NOTICE], ts);
		expect(r.matched).toEqual([]);
		expect(codes(r)).toEqual([
			['A', 'OUTSIDE_WINDOW'],
			['B', 'OUTSIDE_WINDOW'],
			['C', 'OUTSIDE_WINDOW']
		]);
		expect(r.exceptions[0].reason).toBe(ANNUITY_EXCEPTION_REASONS.OUTSIDE_WINDOW('1877182', '2025-06'));
	});

	it('the 25th on a Sunday (2025-05-25): a transfer on Monday the 26th is matched, Tuesday the 27th is OUTSIDE_WINDOW (节假日顺延)', () => {
		const may: AnnuityNotice = { noticeNo: '2000001', month: '2025-05', amountFen: 80_000 };
		const late: AnnuityNotice = { noticeNo: '2000002', month: '2025-05', amountFen: 80_000 };
		const r = matchAnnuityTransfers([may, late], [transfer('2025-05-26', 80_000, '2000001', 'A'), transfer('2025-05-27', 80_000, '2000002', 'B')]);
		expect(r.matched).toEqual([{ noticeNo: '2000001', transferIds: ['A'] }]);
		expect(codes(r)).toEqual([['B', 'OUTSIDE_WINDOW']]);
	});

	it('the 25th on a Sunday (2027-04-25) with a calendar that knows 2027: Monday the 26th is matched', () => {
		const april: AnnuityNotice = { noticeNo: '2700001', month: '2027-04', amountFen: 80_000 };
		const ts = [transfer('2027-04-26', 80_000, '2700001', 'A')];
		// The bundled data stops at 2026, so 2027 throws until its arrangement is added.
		expect(() => matchAnnuityTransfers([april], ts)).toThrow(CalendarDataMissingError);
		// Stand-in arrangement for 2027; only the week matters for April 25th–26th.
		const with2027 = bundledCalendar().withArrangement({ year: 2027, holidays: ['2027-01-01', '2027-10-01'], workdays: [] });
		const r = matchAnnuityTransfers([april], [...ts, transfer('2027-04-27', 80_000, '2700001', 'B')], with2027);
		expect(r.matched).toEqual([{ noticeNo: '2700001', transferIds: ['A'] }]);
		expect(codes(r)).toEqual([['B', 'OUTSIDE_WINDOW']]);
	});

	it('transfers after the running sum has equalled the amount are OVERPAID; the first ones are matched', () => {
		const ts = [
			transfer('2025-06-21', NOTICE.amountFen, undefined, 'D'),
			transfer('2025-06-20', 34_500, undefined, 'C'),
			transfer('2025-06-02', 1_000_000, undefined, 'A'),
			transfer('2025-06-10', 200_000, undefined, 'B')
		];
		const r = matchAnnuityTransfers([NOTICE], ts);
		expect(r.matched).toEqual([{ noticeNo: '1877182', transferIds: ['A', 'B', 'C'] }]);
		expect(r.exceptions).toEqual([{ transferId: 'D', code: 'OVERPAID', reason: ANNUITY_EXCEPTION_REASONS.OVERPAID('1877182', 1_234_500) }]);
	});

	it('transfers whose total stays below the amount are partial, with the missing fen', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('2025-06-02', 1_000_000, undefined, 'A'), transfer('2025-06-03', 200_000, undefined, 'B')]);
		expect(r).toEqual({ matched: [], partial: [{ noticeNo: '1877182', transferIds: ['A', 'B'], missingFen: 34_500 }], exceptions: [] });
	});

	it('a transfer for a notice already settled is NOTICE_SETTLED, before the date rules', () => {
		const r = matchAnnuityTransfers([{ ...NOTICE, settled: true }], [transfer('2025-01-10', NOTICE.amountFen, undefined, 'A')]);
		expect(r.exceptions).toEqual([{ transferId: 'A', code: 'NOTICE_SETTLED', reason: ANNUITY_EXCEPTION_REASONS.NOTICE_SETTLED('1877182') }]);
	});

	it('a 7-digit remark that is no notice number is UNKNOWN_NOTICE', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('2025-06-10', NOTICE.amountFen, '1877183', 'A')]);
		expect(r.exceptions).toEqual([{ transferId: 'A', code: 'UNKNOWN_NOTICE', reason: ANNUITY_EXCEPTION_REASONS.UNKNOWN_NOTICE('1877183') }]);
	});

	it('exceptions are listed in statement order, whichever rule found them', () => {
		const ts = [transfer('2025-06-02', 1_300_000, undefined, 'A'), transfer('2025-06-02', 1, 'x', 'B')];
		expect(codes(matchAnnuityTransfers([NOTICE], ts))).toEqual([
			['A', 'SUM_MISMATCH'],
			['B', 'REMARK_INVALID']
		]);
	});

	it('malformed input throws: a repeated transfer id or notice number, a non-positive amount, a bad date', () => {
		expect(() => matchAnnuityTransfers([NOTICE], [transfer('2025-06-02', 1, undefined, 'A'), transfer('2025-06-03', 1, undefined, 'A')])).toThrow(DomainError);
		expect(() => matchAnnuityTransfers([NOTICE, NOTICE], [])).toThrow(/重复/);
		expect(() => matchAnnuityTransfers([NOTICE], [transfer('2025-06-02', 0)])).toThrow(DomainError);
		expect(() => matchAnnuityTransfers([NOTICE], [transfer('2025-06-31', 1)])).toThrow(DomainError);
		expect(() => matchAnnuityTransfers([{ ...NOTICE, month: '2025-6' }], [])).toThrow(DomainError);
	});

	it('property: every transfer appears exactly once across matched, partial and exceptions', () => {
		const noticeNos = ['1000001', '1000002', '1000003', '1000004'];
		const notices = fc.uniqueArray(
			fc.record({
				noticeNo: fc.constantFrom(...noticeNos),
				month: fc.constantFrom('2025-04', '2025-05', '2025-06'),
				amountFen: fc.integer({ min: 1, max: 3000 }),
				settled: fc.boolean()
			}),
			{ selector: (n) => n.noticeNo }
		);
		const transfers = fc.uniqueArray(
			fc.record({
				id: fc.string({ minLength: 1, maxLength: 4 }),
				date: fc.integer({ min: 0, max: 150 }).map((d) => addDays('2025-03-20', d)),
				amountFen: fc.integer({ min: 1, max: 3000 }),
				remark: fc.oneof(fc.constantFrom(...noticeNos, '1000009'), fc.string({ maxLength: 8 }))
			}),
			{ selector: (t) => t.id, maxLength: 40 }
		);
		fc.assert(
			fc.property(notices, transfers, (ns, ts) => {
				const r = matchAnnuityTransfers(ns, ts);
				const seen = [...r.matched.flatMap((m) => m.transferIds), ...r.partial.flatMap((p) => p.transferIds), ...r.exceptions.map((e) => e.transferId)];
				expect(seen.sort()).toEqual(ts.map((t) => t.id).sort());
				for (const m of r.matched) {
					const amount = ns.find((n) => n.noticeNo === m.noticeNo)!.amountFen;
					expect(m.transferIds.reduce((sum, id) => sum + ts.find((t) => t.id === id)!.amountFen, 0)).toBe(amount);
				}
				for (const e of r.exceptions) expect(e.reason).toMatch(/[\u4e00-\u9fff]/);
			})
		);
	});
});
