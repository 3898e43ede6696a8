import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyPayerQuery } from '../../../src/lib/domain/payer-query';
import { demoCreditCode, demoResidentId } from '../../../src/lib/server/demo/identifiers';

const RUNS = { numRuns: 300 };
const idNumber = fc
	.tuple(
		fc.integer({ min: 110000, max: 659999 }),
		fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-20T00:00:00Z'), noInvalidDate: true }),
		fc.integer({ min: 0, max: 999 })
	)
	.map(([r, b, s]) => demoResidentId(String(r), b.toISOString().slice(0, 10), s));
const creditCode = fc
	.tuple(fc.integer({ min: 110000, max: 659999 }), fc.integer({ min: 0, max: 99_999_999 }))
	.map(([region, serial]) => demoCreditCode('9', '1', String(region), String(serial).padStart(8, '0')))
	// A code of digits only may also be a valid ID number: the search reads those as ID numbers.
	.filter((c) => /[A-Z]/.test(c));
const HAN = '王李张赵刘陈杨太原示例机械制造有限公司村民委员会';
const name = fc.array(fc.constantFrom(...HAN), { minLength: 1, maxLength: 50 }).map((cs) => cs.join(''));
const FULL = (s: string) => s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('the payer search box, by property', () => {
	it('a valid resident ID number, however typed, is searched as an ID number', () => {
		fc.assert(
			fc.property(idNumber, fc.boolean(), (id, fullWidth) => {
				expect(classifyPayerQuery(` ${fullWidth ? FULL(id) : id} `)).toEqual({ ok: true, query: { by: 'idNumber', value: id } });
			}),
			RUNS
		);
	});

	it('a valid credit code, in either case, is searched as a credit code', () => {
		fc.assert(
			fc.property(creditCode, fc.boolean(), (code, lower) => {
				expect(classifyPayerQuery(lower ? code.toLowerCase() : code)).toEqual({ ok: true, query: { by: 'creditCode', value: code } });
			}),
			RUNS
		);
	});

	it('a name of up to 50 Chinese characters is searched as a name', () => {
		fc.assert(
			fc.property(name, (n) => {
				expect(classifyPayerQuery(n)).toEqual({ ok: true, query: { by: 'name', value: n } });
			}),
			RUNS
		);
	});

	it('any text is classified or refused with a field and a Chinese reason, never an exception', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.stringMatching(/^[0-9A-Za-z xX]{0,24}$/)), (s) => {
				const r = classifyPayerQuery(s);
				if (!r.ok) expect(r.reason).toMatch(/\p{Script=Han}/u);
				else expect(r.query.value.length).toBeGreaterThan(0);
			}),
			RUNS
		);
	});
});
