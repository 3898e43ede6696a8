import { describe, expect, it } from 'vitest';
import { classifyPayerQuery } from '../../../src/lib/domain/payer-query';

// A valid demo-style ID (check digit computed by GB 11643) and credit code (GB 32100).
const ID = '11010519491231002X';
const CODE = '91350100M000100Y43';

describe('payer search: units by credit code, individuals by ID number, anyone by name', () => {
	it('reads an 18-character ID number as an ID number', () => {
		expect(classifyPayerQuery(ID)).toEqual({ ok: true, query: { by: 'idNumber', value: ID } });
		expect(classifyPayerQuery(ID.toLowerCase())).toEqual({ ok: true, query: { by: 'idNumber', value: ID } });
	});

	it('reads a credit code as a credit code', () => {
		expect(classifyPayerQuery(` ${CODE} `)).toEqual({ ok: true, query: { by: 'creditCode', value: CODE } });
	});

	it('takes full-width digits and letters from a Chinese input method as half-width', () => {
		const full = ID.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
		expect(classifyPayerQuery(full)).toEqual({ ok: true, query: { by: 'idNumber', value: ID } });
	});

	it('reads Chinese text as a name and keeps its full-width brackets', () => {
		expect(classifyPayerQuery('李娜（演示）')).toEqual({ ok: true, query: { by: 'name', value: '李娜（演示）' } });
	});

	it('names the ID number field for an impossible birth date', () => {
		const r = classifyPayerQuery('140105199002300011');
		expect(r).toMatchObject({ ok: false, field: '身份证号码' });
	});

	it('names the credit code field for a wrong check character', () => {
		const r = classifyPayerQuery(CODE.slice(0, 17) + '0');
		expect(r).toMatchObject({ ok: false, field: '统一社会信用代码', reason: expect.stringContaining('应为“3”') });
	});

	it('names the field and the length for a short number', () => {
		expect(classifyPayerQuery('1401051990')).toEqual({ ok: false, field: '身份证号码', reason: '应为18位，当前为10位' });
		expect(classifyPayerQuery('91140105ABC')).toEqual({ ok: false, field: '统一社会信用代码', reason: '应为18位，当前为11位' });
	});

	it('refuses empty input and text that is neither identifier nor name', () => {
		expect(classifyPayerQuery('  ')).toMatchObject({ ok: false, field: '查询内容' });
		expect(classifyPayerQuery('abc-123')).toMatchObject({ ok: false, field: '查询内容' });
		expect(classifyPayerQuery('！？')).toMatchObject({ ok: false, field: '查询内容' });
	});
});
