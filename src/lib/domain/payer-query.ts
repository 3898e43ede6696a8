import { halfWidthAlphanumerics } from './chars';
import { checkCreditCode, checkResidentId, normaliseIdNumber } from './index';

// What the clerk typed into the search box: a credit code, a resident ID number or a name.

export type PayerQuery = { by: 'creditCode'; value: string } | { by: 'idNumber'; value: string } | { by: 'name'; value: string };

export type QueryField = '统一社会信用代码' | '身份证号码' | '姓名或单位名称' | '查询内容';

export type ClassifiedQuery = { ok: true; query: PayerQuery } | { ok: false; field: QueryField; reason: string };

export const QUERY_TEXT = {
	empty: '请输入统一社会信用代码、身份证号码或姓名/单位名称',
	wrongLength: (n: number) => `应为18位，当前为${n}位`,
	badCharacters: '只能包含数字和大写字母，或输入汉字姓名/名称',
	nameTooLong: '不能超过50个字',
	nameNeedsHan: '请输入汉字姓名或单位名称'
};

export function classifyPayerQuery(input: string): ClassifiedQuery {
	// Full-width letters and digits typed through a Chinese input method count as half-width; names keep their brackets.
	const text = halfWidthAlphanumerics(input)
		.replace(/\u3000/g, ' ')
		.trim();
	if (!text) return { ok: false, field: '查询内容', reason: QUERY_TEXT.empty };
	// ID-like input as an ID number is read (normaliseIdNumber); credit codes are upper case too.
	const compact = normaliseIdNumber(text).toUpperCase();

	if (/^[0-9A-Z]+$/.test(compact)) {
		if (compact.length !== 18) {
			const field = /^\d+X?$/.test(compact) ? '身份证号码' : '统一社会信用代码';
			return { ok: false, field, reason: QUERY_TEXT.wrongLength(compact.length) };
		}
		const asId = /^\d{17}[\dX]$/.test(compact) ? checkResidentId(compact) : null;
		if (asId?.ok) return { ok: true, query: { by: 'idNumber', value: compact } };
		const asCode = checkCreditCode(compact);
		if (asCode.ok) return { ok: true, query: { by: 'creditCode', value: compact } };
		// Digits whose 7th to 10th places read as a birth year were meant as an ID number.
		if (asId && /^(18|19|20)\d\d$/.test(compact.slice(6, 10))) {
			return { ok: false, field: '身份证号码', reason: asId.reason };
		}
		return { ok: false, field: '统一社会信用代码', reason: asCode.reason };
	}
	if (!/\p{Script=Han}/u.test(text)) {
		return { ok: false, field: '查询内容', reason: /[0-9A-Za-z]/.test(text) ? QUERY_TEXT.badCharacters : QUERY_TEXT.nameNeedsHan };
	}
	if (text.length > 50) return { ok: false, field: '姓名或单位名称', reason: QUERY_TEXT.nameTooLong };
	return { ok: true, query: { by: 'name', value: text } };
}
