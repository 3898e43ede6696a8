import { describe, it, expect } from 'vitest';
import { checkResidentId, maskResidentId, normaliseIdNumber } from '../../../src/lib/domain';

// Fictional numbers with correct check characters (computed with GB 11643's MOD 11-2).
const MALE_1990 = '140105199003071234';
const MALE_1980 = '110101198001010010';
const FEMALE_LEAP_2000 = '140102200002290028';
const FEMALE_LEAP_2024 = '140102202402290042';
const CHECK_X = '14010519850615108X';
const BORN_1900 = '140102190001010016';

function reasonOf(id: string, today?: string): string {
	const r = checkResidentId(id, today ? { today } : undefined);
	if (r.ok) throw new Error(`${id} was accepted`);
	return r.reason;
}

describe('resident ID (GB 11643): 18 characters, check character by ISO 7064 MOD 11-2', () => {
	it('reads birth date, sex and region from a valid number', () => {
		expect(checkResidentId(MALE_1990)).toEqual({ ok: true, birthDate: '1990-03-07', sex: 'male', regionCode: '140105' });
		expect(checkResidentId(MALE_1980)).toEqual({ ok: true, birthDate: '1980-01-01', sex: 'male', regionCode: '110101' });
		expect(checkResidentId(FEMALE_LEAP_2000)).toEqual({ ok: true, birthDate: '2000-02-29', sex: 'female', regionCode: '140102' });
	});

	it('the 17th digit gives the sex: odd male, even female', () => {
		expect(checkResidentId(FEMALE_LEAP_2024)).toMatchObject({ ok: true, sex: 'female' });
		expect(checkResidentId(MALE_1990)).toMatchObject({ ok: true, sex: 'male' });
	});

	it('accepts X as check character, lowercase x too', () => {
		expect(checkResidentId(CHECK_X)).toMatchObject({ ok: true, birthDate: '1985-06-15' });
		expect(checkResidentId(CHECK_X.toLowerCase())).toMatchObject({ ok: true, birthDate: '1985-06-15' });
	});

	it('a wrong check character is refused, naming the expected one', () => {
		expect(reasonOf('140105199003071235')).toContain('第18位应为“4”');
		expect(reasonOf('140105199003071235')).toContain('校验码');
		expect(reasonOf('140105198506151080')).toContain('应为“X”');
		expect(reasonOf('14010519900307123X')).toContain('应为“4”');
		// A single mistyped digit anywhere changes the expected check character.
		expect(checkResidentId('140105199003071334').ok).toBe(false);
		// Two swapped neighbours are caught too.
		expect(checkResidentId('140105199003071324').ok).toBe(false);
	});

	it('length must be 18; 15-digit old numbers are named as such', () => {
		expect(reasonOf('14010519900307123')).toContain('应为18位，当前为17位');
		expect(reasonOf('1401051990030712345')).toContain('当前为19位');
		expect(reasonOf('140105900307123')).toContain('15位旧身份证号码');
		expect(reasonOf('')).toContain('请输入');
	});

	it('only digits in the first 17 places, digit or X in the 18th', () => {
		expect(reasonOf('14010519900307A234')).toContain('第15位“A”不是数字');
		expect(reasonOf('14010519900307123Y')).toContain('只能是数字或X');
		expect(reasonOf(' 140105199003071234'.slice(0, 18))).toContain('第1位“ ”不是数字');
		expect(reasonOf('１４０１０５１９９００３０７１２３４')).toContain('全角');
	});

	describe('birth date must be a real calendar date from 1900 on', () => {
		it('leap days: 2000-02-29 and 2024-02-29 exist', () => {
			expect(checkResidentId(FEMALE_LEAP_2000).ok).toBe(true);
			expect(checkResidentId(FEMALE_LEAP_2024).ok).toBe(true);
		});

		it('1900-02-29 and 2023-02-29 do not exist (reported before the check character)', () => {
			expect(reasonOf('140102190002290013')).toContain('出生日期19000229不是有效日期');
			expect(reasonOf('140102202302290010')).toContain('出生日期20230229不是有效日期');
		});

		it('month 13 and 30 February are refused', () => {
			expect(reasonOf('140105199013011235')).toContain('19901301');
			expect(reasonOf('140105199002301237')).toContain('19900230');
		});

		it('1900-01-01 is accepted, years before 1900 are not', () => {
			expect(checkResidentId(BORN_1900)).toMatchObject({ ok: true, birthDate: '1900-01-01' });
			expect(reasonOf('140102189912310010')).toContain('早于1900年');
		});

		it('with today given, a birth date in the future is refused', () => {
			const future = '140105209912310016';
			expect(checkResidentId(future).ok).toBe(true);
			expect(reasonOf(future, '2026-03-01')).toContain('晚于今天');
			expect(checkResidentId(MALE_1990, { today: '2026-03-01' }).ok).toBe(true);
		});
	});
});

describe('masked resident ID on slips: first 6 and last 4 shown', () => {
	it('stars the eight characters in between', () => {
		expect(maskResidentId('140105199003071234')).toBe('140105********1234');
		expect(maskResidentId(CHECK_X)).toBe('140105********108X');
	});

	it('never shows a short or odd value unmasked', () => {
		expect(maskResidentId('1234567890')).toBe('**********');
		expect(maskResidentId('')).toBe('');
		expect(maskResidentId('140105900307123')).toBe('140105*****7123');
	});
});

describe('an ID number as typed or read is normalised before it is checked', () => {
	const full = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

	it('full-width digits and X become half-width', () => {
		expect(normaliseIdNumber(full(CHECK_X))).toBe(CHECK_X);
		expect(checkResidentId(normaliseIdNumber(full(MALE_1990)))).toMatchObject({ ok: true, birthDate: '1990-03-07' });
	});

	it('every space is removed: ASCII, ideographic (U+3000), tabs and line breaks', () => {
		expect(normaliseIdNumber(' 140105 19900307\u30001234\t')).toBe(MALE_1990);
		expect(normaliseIdNumber('140105\n198506151\u3000\u300008x')).toBe(CHECK_X);
	});

	it('a lower-case check character x becomes X, full-width ｘ too', () => {
		expect(normaliseIdNumber('14010519850615108x')).toBe(CHECK_X);
		expect(normaliseIdNumber('14010519850615108ｘ')).toBe(CHECK_X);
	});

	it('leaves a number that is still wrong wrong: the check reports it', () => {
		expect(checkResidentId(normaliseIdNumber('1401051990030712３５')).ok).toBe(false);
		expect(normaliseIdNumber('１４０１０５')).toBe('140105');
	});

	it('for many numbers: any mix of full-width, spaces and case reads back the same number', () => {
		const ids = [MALE_1990, MALE_1980, FEMALE_LEAP_2000, FEMALE_LEAP_2024, CHECK_X, BORN_1900];
		const spaces = [' ', '\u3000', '\t', ''];
		let seed = 7;
		const next = () => (seed = (seed * 48271) % 2147483647);
		for (let round = 0; round < 500; round++) {
			const id = ids[next() % ids.length];
			const typed = [...id]
				.map((c) => (next() % 2 ? full(c) : c))
				.map((c) => (c === 'X' && next() % 2 ? 'x' : c))
				.map((c) => c + spaces[next() % spaces.length])
				.join('');
			expect(normaliseIdNumber(typed), typed).toBe(id);
			expect(checkResidentId(normaliseIdNumber(typed)).ok).toBe(true);
		}
	});
});
