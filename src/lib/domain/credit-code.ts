import { hasFullWidthChars } from './chars';

export type CreditCodeCheck = { ok: true; registrationAuthority: string; orgType: string; regionCode: string } | { ok: false; reason: string };

const MESSAGES = {
	notText: '统一社会信用代码必须是文本',
	empty: '请输入统一社会信用代码',
	fullWidth: '统一社会信用代码中使用了全角字符，请用半角数字和大写字母输入',
	length: (n: number) => `统一社会信用代码应为18位，当前为${n}位`,
	badChar: (pos: number, ch: string) => `统一社会信用代码第${pos}位“${ch}”不是合法字符（只用数字和除I、O、Z、S、V以外的大写字母）`,
	badRegion: (region: string) => `统一社会信用代码第3至8位应为6位数字的行政区划码，当前为“${region}”`,
	checkMismatch: (expected: string, actual: string) => `统一社会信用代码校验码错误：按前17位计算，第18位应为“${expected}”，实际为“${actual}”，请核对代码`
} as const;

// GB 32100-2015: 31 characters, the letters I O Z S V are never used.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// Weight of position i is 3^i mod 31.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Registration authority (登记管理部门, 1st char) and institution type (机构类别, 2nd char). */
const CREDIT_CODE_AUTHORITIES: Readonly<Record<string, { name: string; types: Readonly<Record<string, string>> }>> = {
	'1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
	'2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
	'3': {
		name: '司法行政',
		types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' }
	},
	'4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
	'5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
	'6': { name: '旅游', types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
	'7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
	'8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
	'9': { name: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
	A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
	N: { name: '农业', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
	Y: { name: '其他', types: {} }
};

/** The 18th character for the given first 17 characters (already uppercase, all in the alphabet). */
function creditCodeCheckChar(first17: string): string {
	if (first17.length !== 17) throw new RangeError('creditCodeCheckChar needs 17 characters');
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		const value = ALPHABET.indexOf(first17[i]);
		if (value < 0) throw new RangeError(`not a credit code character: ${first17[i]}`);
		sum += value * WEIGHTS[i];
	}
	return ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * Checks a unified social credit code (统一社会信用代码, GB 32100). The organisation-code part
 * (9th–17th) is not checked against GB 11714 on its own: the 18th character already covers it.
 */
export function checkCreditCode(code: string): CreditCodeCheck {
	if (typeof code !== 'string') return { ok: false, reason: MESSAGES.notText };
	if (code === '') return { ok: false, reason: MESSAGES.empty };
	if (hasFullWidthChars(code)) return { ok: false, reason: MESSAGES.fullWidth };
	const s = code.toUpperCase();
	if (s.length !== 18) return { ok: false, reason: MESSAGES.length([...s].length) };
	for (let i = 0; i < 18; i++) {
		if (!ALPHABET.includes(s[i])) return { ok: false, reason: MESSAGES.badChar(i + 1, s[i]) };
	}
	const regionCode = s.slice(2, 8);
	if (!/^\d{6}$/.test(regionCode)) return { ok: false, reason: MESSAGES.badRegion(regionCode) };
	const expected = creditCodeCheckChar(s.slice(0, 17));
	if (expected !== s[17]) return { ok: false, reason: MESSAGES.checkMismatch(expected, s[17]) };
	return { ok: true, registrationAuthority: s[0], orgType: s[1], regionCode };
}

/** '9','1' → { authority: '工商', type: '企业' }; undefined names for codes not in the table. */
export function describeCreditCodeKind(registrationAuthority: string, orgType: string): { authority?: string; type?: string } {
	const entry = CREDIT_CODE_AUTHORITIES[registrationAuthority];
	return { authority: entry?.name, type: entry?.types[orgType] };
}
