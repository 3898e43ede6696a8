import { describe, it, expect } from 'vitest';
import { checkCreditCode, describeCreditCodeKind } from '../../../src/lib/domain';

// 91350100M000100Y43 is the worked example of GB 32100-2015; the others are fictional with
// check characters computed by the standard's rule.
const STANDARD_EXAMPLE = '91350100M000100Y43';
const PUBLIC_INSTITUTION = '12140000MB0K12340H';
const ENTERPRISE_TAIYUAN = '91140105MA0GRX1X0B';
const FOUNDATION = '52140100MJY000000E';
const OTHER = 'Y1140100MA0AAAAA00';

function reasonOf(code: string): string {
	const r = checkCreditCode(code);
	if (r.ok) throw new Error(`${code} was accepted`);
	return r.reason;
}

describe('unified social credit code (GB 32100): 18 characters, check by weights 3^i mod 31', () => {
	it('accepts valid codes and reads authority, type and region', () => {
		expect(checkCreditCode(STANDARD_EXAMPLE)).toEqual({ ok: true, registrationAuthority: '9', orgType: '1', regionCode: '350100' });
		expect(checkCreditCode(PUBLIC_INSTITUTION)).toEqual({ ok: true, registrationAuthority: '1', orgType: '2', regionCode: '140000' });
		expect(checkCreditCode(ENTERPRISE_TAIYUAN)).toMatchObject({ ok: true, regionCode: '140105' });
		expect(checkCreditCode(FOUNDATION)).toMatchObject({ ok: true, registrationAuthority: '5', orgType: '2' });
		expect(checkCreditCode(OTHER)).toMatchObject({ ok: true, registrationAuthority: 'Y' });
	});

	it('uppercases input before checking', () => {
		expect(checkCreditCode(STANDARD_EXAMPLE.toLowerCase())).toMatchObject({ ok: true });
		expect(checkCreditCode(PUBLIC_INSTITUTION.toLowerCase())).toMatchObject({ ok: true });
	});

	it('a wrong check character is refused, naming the expected one', () => {
		expect(reasonOf('91350100M000100Y44')).toContain('第18位应为“3”');
		expect(reasonOf('12140000MB0K12340J')).toContain('应为“H”');
		// one mistyped character in the body
		expect(checkCreditCode('91350100M000100Y53').ok).toBe(false);
	});

	it('the letters I, O, Z, S, V are never used', () => {
		for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
			expect(reasonOf(`91350100M000100${letter}43`)).toContain(`第16位“${letter}”不是合法字符`);
		}
		expect(reasonOf('91350100M000100-43')).toContain('不是合法字符');
	});

	it('length must be 18', () => {
		expect(reasonOf('91350100M000100Y4')).toContain('应为18位，当前为17位');
		expect(reasonOf('91350100M000100Y433')).toContain('当前为19位');
		expect(reasonOf('')).toContain('请输入');
	});

	it('places 3 to 8 are the six-digit region code', () => {
		expect(reasonOf('913501A0M000100Y43')).toContain('行政区划码');
	});

	it('full-width characters are named', () => {
		expect(reasonOf('９１350100M000100Y43')).toContain('全角');
	});

	it('names the authority and type for display', () => {
		expect(describeCreditCodeKind('9', '1')).toEqual({ authority: '工商', type: '企业' });
		expect(describeCreditCodeKind('1', '2')).toEqual({ authority: '机构编制', type: '事业单位' });
		expect(describeCreditCodeKind('W', '1')).toEqual({ authority: undefined, type: undefined });
	});
});
