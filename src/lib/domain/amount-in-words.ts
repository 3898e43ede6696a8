import { assertFen, type Fen } from './money';

// Capital numerals as required on bills and bank forms (中文大写金额数字).
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES = ['', '拾', '佰', '仟'];
const WORDS = { zero: '零', yuan: '元', jiao: '角', fen: '分', whole: '整', wan: '万', yi: '亿' } as const;

/** Up to four digits, no leading zeros; zeros inside collapse to one 零 ('1001' → 壹仟零壹). */
function section(digits: string): string {
	let out = '';
	let pendingZero = false;
	for (let i = 0; i < digits.length; i++) {
		const d = Number(digits[i]);
		const place = PLACES[digits.length - 1 - i];
		if (d === 0) {
			pendingZero = out !== '';
			continue;
		}
		if (pendingZero) out += WORDS.zero;
		pendingZero = false;
		out += DIGITS[d] + place;
	}
	return out;
}

/**
 * Words for a positive integer given as digits without leading zeros. Splits at 亿 then 万;
 * a lower part that does not fill its top place gets one 零 (1,0100 → 壹万零壹佰).
 */
function integerWords(digits: string): string {
	const split = (size: number, unit: string, lower: (d: string) => string, upper: (d: string) => string) => {
		const high = digits.slice(0, -size);
		const low = digits.slice(-size).replace(/^0+/, '');
		let out = upper(high) + unit;
		if (low !== '') out += (low.length < size ? WORDS.zero : '') + lower(low);
		return out;
	};
	if (digits.length > 8) return split(8, WORDS.yi, integerWords, integerWords);
	if (digits.length > 4) return split(4, WORDS.wan, section, section);
	return section(digits);
}

/**
 * Chinese capital amount (金额大写) following the PBoC rules for bills: 整 after 元 or 角,
 * none after 分; 零 between 元 and 分 when 角 is zero; 零元 omitted below one yuan.
 * 壹仟陆佰捌拾元叁角贰分 style: no 零 written between 元 and a non-zero 角 (the rules allow both).
 */
export function amountInWords(fen: Fen): string {
	assertFen(fen, false);
	const digits = String(fen).padStart(3, '0');
	const yuan = digits.slice(0, -2).replace(/^0+/, '');
	const jiao = Number(digits[digits.length - 2]);
	const fenDigit = Number(digits[digits.length - 1]);

	if (yuan === '' && jiao === 0 && fenDigit === 0) return DIGITS[0] + WORDS.yuan + WORDS.whole;

	let out = yuan === '' ? '' : integerWords(yuan) + WORDS.yuan;
	if (jiao !== 0) out += DIGITS[jiao] + WORDS.jiao;
	if (fenDigit !== 0) {
		if (jiao === 0 && yuan !== '') out += WORDS.zero;
		out += DIGITS[fenDigit] + WORDS.fen;
	} else {
		out += WORDS.whole;
	}
	return out;
}
