import { describe, it, expect } from 'vitest';
import { checkAnnuityRemark, InvalidNoticeNumberError, DomainError } from '../../../src/lib/domain';

const NOTICE = '1877182';

function reasonOf(remark: string, noticeNo = NOTICE): string {
	const r = checkAnnuityRemark(remark, noticeNo);
	if (r.ok) throw new Error(`${JSON.stringify(remark)} was accepted`);
	return r.reason;
}

describe('annuity transfer remark: exactly the 7-digit notice number in half-width digits', () => {
	describe("the guide's four examples (职业年金申报缴费, 注意事项4)", () => {
		it('１８７７１８２ → wrong, full-width characters used (使用了全角字符)', () => {
			expect(reasonOf('１８７７１８２')).toContain('使用了全角字符');
		});

		it('1 8 7 7 1 8 2 (the same example as the guide file renders it) → wrong as well', () => {
			expect(reasonOf('1 8 7 7 1 8 2')).toContain('全角');
			expect(reasonOf('1877 182')).toContain('空格');
		});

		it('八月职业年金 → wrong, no 7-digit number (没有输入7位编号)', () => {
			expect(reasonOf('八月职业年金')).toContain('没有输入7位编号');
		});

		it('通知单编号 1877182 → wrong, only the 7-digit number may be entered (只需要录入7位编号)', () => {
			expect(reasonOf('通知单编号 1877182')).toContain('只需要录入7位编号');
		});

		it('1877182 → right', () => {
			expect(checkAnnuityRemark('1877182', NOTICE)).toEqual({ ok: true });
		});
	});

	it('a 7-digit number of another notice is wrong and the expected number is named', () => {
		const reason = reasonOf('1877183');
		expect(reason).toContain('1877182');
		expect(reason).toContain('1877183');
	});

	it('leading or trailing spaces are wrong, and said so', () => {
		expect(reasonOf(' 1877182')).toContain('前后有空格');
		expect(reasonOf('1877182 ')).toContain('前后有空格');
		expect(reasonOf('1877182\n')).toContain('前后有空格');
	});

	it('an ideographic (full-width) space is a full-width character', () => {
		expect(reasonOf('1877182\u3000')).toContain('使用了全角字符');
	});

	it('too few or too many digits: no 7-digit number', () => {
		expect(reasonOf('187718')).toContain('没有输入7位编号');
		expect(reasonOf('18771820')).toContain('没有输入7位编号');
		expect(reasonOf('8月职业年金')).toContain('没有输入7位编号');
	});

	it('a number with other text around it, in any position', () => {
		expect(reasonOf('1877182职业年金')).toContain('只需要录入7位编号');
		expect(reasonOf('编号:1877182')).toContain('只需要录入7位编号');
		expect(reasonOf('No.1877182')).toContain('只需要录入7位编号');
	});

	it('an empty remark has no number', () => {
		expect(reasonOf('')).toContain('没有输入7位编号');
		expect(reasonOf('   ')).toContain('没有输入7位编号');
	});

	it('the notice number itself must be 7 digits, else it is a programming error', () => {
		for (const bad of ['187718', '18771820', '１８７７１８２', '', 'ABCDEFG']) {
			expect(() => checkAnnuityRemark('1877182', bad), bad).toThrow(InvalidNoticeNumberError);
		}
		expect(() => checkAnnuityRemark('1877182', '187718')).toThrow(DomainError);
	});
});
