import { hasFullWidthChars } from './chars';
import { DomainError } from './errors';

export type AnnuityRemarkCheck = { ok: true } | { ok: false; reason: string };

// The first phrases are the guide's own words (职业年金申报缴费, 注意事项4), so clerks and
// payers recognise them; the rest says what to do.
const MESSAGES = {
	empty: '错误，没有输入7位编号：附言为空，请只录入缴费通知单上的7位编号',
	fullWidth: '错误，使用了全角字符：附言须用半角数字录入缴费通知单的7位编号，例如1877182',
	spaced: '错误，使用了全角字符或在数字之间加了空格：附言只能是连续的7位半角数字，例如1877182',
	outerSpace: '错误，附言前后有空格：只需要录入7位编号，不要加空格',
	wrongLength: (n: number) => `错误，没有输入7位编号：附言中的编号是${n}位，缴费通知单编号为7位`,
	noNumber: '错误，没有输入7位编号：附言中只能录入缴费通知单上的7位编号',
	extraText: '错误，只需要录入7位编号：附言中不要加“通知单编号”等文字或其他字符',
	mismatch: (expected: string, actual: string) => `错误，编号不符：本缴费通知单的编号是${expected}，附言中录入的是${actual}`,
	badNoticeNo: (noticeNo: string) => `缴费通知单编号“${noticeNo}”不是7位数字`
} as const;

export class InvalidNoticeNumberError extends DomainError {
	readonly noticeNo: string;

	constructor(noticeNo: string) {
		super('INVALID_NOTICE_NUMBER', MESSAGES.badNoticeNo(noticeNo));
		this.name = 'InvalidNoticeNumberError';
		this.noticeNo = noticeNo;
	}
}

const NOTICE_NO = /^\d{7}$/;

/**
 * The transfer remark (附言) of an occupational annuity payment must be exactly the 7-digit
 * number of the payment notice 《职业年金缴费通知单》 in half-width digits, nothing else.
 */
export function checkAnnuityRemark(remark: string, noticeNo: string): AnnuityRemarkCheck {
	if (typeof noticeNo !== 'string' || !NOTICE_NO.test(noticeNo)) {
		throw new InvalidNoticeNumberError(String(noticeNo));
	}
	const problem = annuityRemarkProblem(remark);
	if (problem !== undefined) return { ok: false, reason: problem };
	if (remark !== noticeNo) return { ok: false, reason: MESSAGES.mismatch(noticeNo, remark) };
	return { ok: true };
}

/**
 * Why `remark` is not a 7-digit notice number in half-width digits (Chinese), or undefined
 * when it is one: the check of the remark alone, before it is compared with any notice.
 */
export function annuityRemarkProblem(remark: string): string | undefined {
	if (typeof remark !== 'string' || remark.trim() === '') return MESSAGES.empty;
	// The common case first: a bank statement is mostly right remarks.
	if (NOTICE_NO.test(remark)) return undefined;
	if (hasFullWidthChars(remark)) return MESSAGES.fullWidth;
	const trimmed = remark.trim();
	// '1 8 7 7 1 8 2' is how the guide's full-width example reads once converted.
	if (/^\d+(?:\s+\d+)+$/.test(trimmed)) return MESSAGES.spaced;
	if (NOTICE_NO.test(trimmed)) return MESSAGES.outerSpace;
	if (/^\d+$/.test(remark)) return MESSAGES.wrongLength(remark.length);
	const hasSevenDigitRun = (remark.match(/\d+/g) ?? []).some((run) => run.length === 7);
	return hasSevenDigitRun ? MESSAGES.extraText : MESSAGES.noNumber;
}
