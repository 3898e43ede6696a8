import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAnnuityRemark, InvalidNoticeNumberError } from '../../../src/lib/domain';

const RUNS = { numRuns: 300 };
const noticeNo = fc.stringMatching(/^\d{7}$/);

describe('the annuity transfer remark (附言), by property', () => {
	it('a remark that is exactly the notice number is accepted', () => {
		fc.assert(
			fc.property(noticeNo, (n) => {
				expect(checkAnnuityRemark(n, n)).toEqual({ ok: true });
			}),
			RUNS
		);
	});

	it('every other remark is refused with a reason in Chinese, never an exception', () => {
		const remark = fc.oneof(
			fc.string(),
			fc.stringMatching(/^[ 0-9０-９\u3000]{0,10}$/),
			noticeNo.map((n) => ` ${n}`)
		);
		fc.assert(
			fc.property(noticeNo, remark, (n, r) => {
				fc.pre(r !== n);
				const check = checkAnnuityRemark(r, n);
				expect(check.ok).toBe(false);
				if (!check.ok) expect(check.reason).toMatch(/\p{Script=Han}/u);
			}),
			RUNS
		);
	});

	it('a notice number that is not 7 digits is a programming error, not a verdict on the remark', () => {
		fc.assert(
			fc.property(
				fc.string().filter((s) => !/^\d{7}$/.test(s)),
				(n) => {
					expect(() => checkAnnuityRemark('1234567', n)).toThrow(InvalidNoticeNumberError);
				}
			),
			RUNS
		);
	});
});
