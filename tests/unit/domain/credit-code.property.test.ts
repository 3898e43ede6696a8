import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCreditCode } from '../../../src/lib/domain';
import { demoCreditCode } from '../../../src/lib/server/demo/identifiers';

const RUNS = { numRuns: 300 };
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const validCode = fc
	.tuple(
		fc.constantFrom('9' as const, '1' as const),
		fc.constantFrom('1', '2', '3'),
		fc.integer({ min: 110000, max: 659999 }),
		fc.integer({ min: 0, max: 99_999_999 })
	)
	.map(([authority, type, region, serial]) => demoCreditCode(authority, type, String(region), String(serial).padStart(8, '0')));

describe('unified social credit codes (GB 32100), by property', () => {
	it('a valid code reads its authority, type and region', () => {
		fc.assert(
			fc.property(validCode, (code) => {
				expect(checkCreditCode(code)).toEqual({ ok: true, registrationAuthority: code[0], orgType: code[1], regionCode: code.slice(2, 8) });
			}),
			RUNS
		);
	});

	it('one character changed among the first 17 is always caught by the check character', () => {
		fc.assert(
			fc.property(validCode, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 30 }), (code, at, shift) => {
				const c = ALPHABET[(ALPHABET.indexOf(code[at]) + shift) % 31];
				expect(checkCreditCode(code.slice(0, at) + c + code.slice(at + 1)).ok).toBe(false);
			}),
			RUNS
		);
	});

	it('a valid code typed in lower case is the same code', () => {
		fc.assert(
			fc.property(validCode, (code) => {
				expect(checkCreditCode(code.toLowerCase()).ok).toBe(true);
			}),
			RUNS
		);
	});

	it('any text is answered with a verdict, never an exception, and a refusal says why in Chinese', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9A-Za-z]{16,19}$/)), (s) => {
				const r = checkCreditCode(s);
				if (!r.ok) expect(r.reason).toMatch(/\p{Script=Han}/u);
			}),
			RUNS
		);
	});
});
