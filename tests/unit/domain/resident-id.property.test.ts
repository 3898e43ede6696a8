import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkResidentId, normaliseIdNumber } from '../../../src/lib/domain';
import { demoResidentId } from '../../../src/lib/server/demo/identifiers';

const RUNS = { numRuns: 300 };
const region = fc.integer({ min: 110000, max: 659999 }).map(String);
const birth = fc
	.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-20T00:00:00Z'), noInvalidDate: true })
	.map((d) => d.toISOString().slice(0, 10));
const validId = fc.tuple(region, birth, fc.integer({ min: 0, max: 999 })).map(([r, b, s]) => ({ id: demoResidentId(r, b, s), birth: b, sequence: s }));
const FULL = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('resident ID numbers (GB 11643), by property', () => {
	it('a valid ID number reads its birth date and its sex from the sequence code', () => {
		fc.assert(
			fc.property(validId, ({ id, birth, sequence }) => {
				expect(checkResidentId(id)).toEqual({ ok: true, birthDate: birth, sex: sequence % 2 === 1 ? 'male' : 'female', regionCode: id.slice(0, 6) });
			}),
			RUNS
		);
	});

	it('one digit mistyped among the first 17 is always caught by the check character', () => {
		fc.assert(
			fc.property(validId, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), ({ id }, at, shift) => {
				const wrong = id.slice(0, at) + String((Number(id[at]) + shift) % 10) + id.slice(at + 1);
				expect(checkResidentId(wrong).ok).toBe(false);
			}),
			RUNS
		);
	});

	it('an ID number typed with full-width digits, spaces or a small x normalises to the same number', () => {
		fc.assert(
			fc.property(validId, fc.integer({ min: 1, max: 17 }), ({ id }, cut) => {
				const typed = ` ${FULL(id.slice(0, cut))}\u3000${id.slice(cut).toLowerCase()} `;
				expect(normaliseIdNumber(typed)).toBe(id);
			}),
			RUNS
		);
	});

	it('any text is answered with a verdict, never an exception, and a refusal says why in Chinese', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9Xx]{14,19}$/)), (s) => {
				const r = checkResidentId(s);
				if (!r.ok) expect(r.reason).toMatch(/\p{Script=Han}/u);
			}),
			RUNS
		);
	});
});
