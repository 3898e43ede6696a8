import { checkCreditCode, checkResidentId } from '../../domain';

// Demo identifiers are made, not invented: the check character is found by the domain's own rules.

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 11714 organisation code (8 digits + check), as embedded in a credit code. */
function orgCode(eightDigits: string): string {
	const weights = [3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...eightDigits].reduce((s, c, i) => s + Number(c) * weights[i], 0);
	const c = 11 - (sum % 11);
	return eightDigits + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** `authority` 9 = market regulation (enterprises), 1 = staffing office (institutions). */
export function demoCreditCode(authority: '9' | '1', orgType: string, region: string, serial8: string): string {
	const body = authority + orgType + region + orgCode(serial8);
	for (const c of CREDIT_ALPHABET) if (checkCreditCode(body + c).ok) return body + c;
	throw new Error(`no check character for ${body}`);
}

export function demoResidentId(region: string, birth: string, sequence: number): string {
	const body = region + birth.replaceAll('-', '') + String(sequence).padStart(3, '0');
	for (const c of '0123456789X') if (checkResidentId(body + c).ok) return body + c;
	throw new Error(`no check character for ${body}`);
}
