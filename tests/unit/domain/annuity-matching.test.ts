import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ANNUITY_EXCEPTION_CODES, matchAnnuityTransfers, type AnnuityNotice, type AnnuityTransfer } from '../../../src/lib/domain';

// 职业年金 回款销号 (guide ch. 2, 职业年金申报缴费, 注意事项3–4): transfers matched to notices by the
// 7-digit remark and the sum.

const NOTICE: AnnuityNotice = { noticeNo: '1877182', month: '2026-09', amountFen: 1_234_500 };
const transfer = (id: string, date: string, amountFen: number, remark = NOTICE.noticeNo): AnnuityTransfer => ({ id, date, amountFen, remark });
const codes = (r: ReturnType<typeof matchAnnuityTransfers>) => Object.fromEntries(r.exceptions.map((e) => [e.transferId, e.code]));

describe('annuity transfers are matched to notices by remark and sum (回款销号)', () => {
	it("the guide's four remark examples: three are exceptions, 1877182 is matched", () => {
		const r = matchAnnuityTransfers(
			[NOTICE],
			[
				transfer('T1', '2026-09-10', NOTICE.amountFen, '１８７７１８２'),
				transfer('T2', '2026-09-10', NOTICE.amountFen, '八月职业年金'),
				transfer('T3', '2026-09-10', NOTICE.amountFen, '通知单编号 1877182'),
				transfer('T4', '2026-09-10', NOTICE.amountFen, '1877182')
			]
		);
		expect(codes(r)).toEqual({ T1: 'REMARK_INVALID', T2: 'REMARK_INVALID', T3: 'REMARK_INVALID' });
		expect(r.exceptions.map((e) => e.reason)).toEqual([
			expect.stringContaining('使用了全角字符'),
			expect.stringContaining('没有输入7位编号'),
			expect.stringContaining('只需要录入7位编号')
		]);
		expect(r.matched).toEqual([{ noticeNo: '1877182', transferIds: ['T4'] }]);
		expect(r.partial).toEqual([]);
	});

	it('a remark naming no notice is UNKNOWN_NOTICE, and a settled notice takes no more transfers (NOTICE_SETTLED)', () => {
		const r = matchAnnuityTransfers(
			[NOTICE, { noticeNo: '2000001', month: '2026-09', amountFen: 100, settled: true }],
			[transfer('T1', '2026-09-10', 100, '9999999'), transfer('T2', '2026-09-10', 100, '2000001')]
		);
		expect(codes(r)).toEqual({ T1: 'UNKNOWN_NOTICE', T2: 'NOTICE_SETTLED' });
		expect(r.exceptions[0].reason).toContain('9999999');
	});

	it('several transfers that add up exactly pay one notice', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('T2', '2026-09-12', 234_500), transfer('T1', '2026-09-11', 1_000_000)]);
		expect(r.matched).toEqual([{ noticeNo: '1877182', transferIds: ['T1', 'T2'] }]);
		expect(r.exceptions).toEqual([]);
	});

	it('one transfer for two notices never matches: its sum passes the notice named, SUM_MISMATCH', () => {
		const other: AnnuityNotice = { noticeNo: '1877183', month: '2026-09', amountFen: 500_000 };
		const r = matchAnnuityTransfers([NOTICE, other], [transfer('T1', '2026-09-10', NOTICE.amountFen + other.amountFen)]);
		expect(codes(r)).toEqual({ T1: 'SUM_MISMATCH' });
		expect(r.exceptions[0].reason).toContain('多张通知单不可合并为一笔转账');
		expect(r.matched).toEqual([]);
		expect(r.partial).toEqual([]);
	});

	it('when the running sum passes the amount without ever equalling it, every transfer of the notice is SUM_MISMATCH', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('T1', '2026-09-10', 1_000_000), transfer('T2', '2026-09-11', 300_000)]);
		expect(codes(r)).toEqual({ T1: 'SUM_MISMATCH', T2: 'SUM_MISMATCH' });
	});

	it('transfers after the notice is paid in full are OVERPAID, the first ones matched', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('T1', '2026-09-10', NOTICE.amountFen), transfer('T2', '2026-09-11', 100)]);
		expect(r.matched).toEqual([{ noticeNo: '1877182', transferIds: ['T1'] }]);
		expect(codes(r)).toEqual({ T2: 'OVERPAID' });
	});

	it('transfers below the amount leave the notice partial with the fen still missing', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('T1', '2026-09-10', 1_000_000)]);
		expect(r.partial).toEqual([{ noticeNo: '1877182', transferIds: ['T1'], missingFen: 234_500 }]);
		expect(r.matched).toEqual([]);
	});

	it('a transfer dated before the 1st of the notice’s month is TOO_EARLY', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('T1', '2026-08-31', NOTICE.amountFen)]);
		expect(codes(r)).toEqual({ T1: 'TOO_EARLY' });
	});

	it('a transfer in the month after the notice’s month is matched', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('T1', '2026-10-09', NOTICE.amountFen)]);
		expect(r.matched).toEqual([{ noticeNo: '1877182', transferIds: ['T1'] }]);
	});

	it('a 25th on a Sunday (2026-10-25) extends the window: the Monday is accepted, the Tuesday is OUTSIDE_WINDOW', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('MON', '2026-10-26', NOTICE.amountFen)]);
		expect(r.matched).toEqual([{ noticeNo: '1877182', transferIds: ['MON'] }]);
		const late = matchAnnuityTransfers([NOTICE], [transfer('TUE', '2026-10-27', NOTICE.amountFen)]);
		expect(codes(late)).toEqual({ TUE: 'OUTSIDE_WINDOW' });
	});

	it('a 26th after a working 25th, or a transfer two months on, is OUTSIDE_WINDOW', () => {
		const november: AnnuityNotice = { ...NOTICE, month: '2026-11' };
		const r = matchAnnuityTransfers([november], [transfer('T1', '2026-11-26', NOTICE.amountFen), transfer('T2', '2027-01-05', NOTICE.amountFen)]);
		expect(codes(r)).toEqual({ T1: 'OUTSIDE_WINDOW', T2: 'OUTSIDE_WINDOW' });
		expect(r.exceptions[0].reason).toContain('节假日顺延');
	});

	it('the rules are applied in order: a bad remark is REMARK_INVALID even when it is also early', () => {
		const r = matchAnnuityTransfers([NOTICE], [transfer('T1', '2026-01-01', 1, '1877182 ')]);
		expect(codes(r)).toEqual({ T1: 'REMARK_INVALID' });
	});

	it('transfers of a notice are taken by date, then by id', () => {
		const r = matchAnnuityTransfers(
			[{ ...NOTICE, amountFen: 300 }],
			[transfer('B', '2026-09-10', 200), transfer('C', '2026-09-09', 100), transfer('A', '2026-09-10', 200)]
		);
		expect(r.matched).toEqual([{ noticeNo: '1877182', transferIds: ['C', 'A'] }]);
		expect(codes(r)).toEqual({ B: 'OVERPAID' });
	});

	it('every transfer appears exactly once in the answer, and every exception has a known code and a Chinese reason (property)', () => {
		const notices = fc.uniqueArray(
			fc.record({
				noticeNo: fc.integer({ min: 1_000_000, max: 1_000_020 }).map(String),
				month: fc.constantFrom('2026-08', '2026-09', '2026-10'),
				amountFen: fc.integer({ min: 1, max: 1000 }),
				settled: fc.boolean()
			}),
			{ selector: (n) => n.noticeNo, maxLength: 10 }
		);
		const transfers = fc.uniqueArray(
			fc.record({
				id: fc.string({ minLength: 1, maxLength: 4 }),
				date: fc.date({ min: new Date('2026-07-01'), max: new Date('2026-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
				amountFen: fc.integer({ min: 1, max: 1000 }),
				remark: fc.oneof(fc.integer({ min: 1_000_000, max: 1_000_020 }).map(String), fc.string({ maxLength: 9 }))
			}),
			{ selector: (t) => t.id, maxLength: 40 }
		);
		fc.assert(
			fc.property(notices, transfers, (ns, ts) => {
				const r = matchAnnuityTransfers(ns, ts);
				const seen = [...r.matched.flatMap((m) => m.transferIds), ...r.partial.flatMap((p) => p.transferIds), ...r.exceptions.map((e) => e.transferId)];
				expect(seen.sort()).toEqual(ts.map((t) => t.id).sort());
				for (const e of r.exceptions) {
					expect(ANNUITY_EXCEPTION_CODES).toContain(e.code);
					expect(e.reason).toMatch(/[\u4e00-\u9fff]/);
				}
				for (const m of r.matched) {
					const notice = ns.find((n) => n.noticeNo === m.noticeNo)!;
					expect(m.transferIds.reduce((s, id) => s + ts.find((t) => t.id === id)!.amountFen, 0)).toBe(notice.amountFen);
				}
			})
		);
	});
});
