import type { PayerKind } from '../../domain/payer';
import { demoResidentId } from './identifiers';

// The demo hall's catalogue and payers. All names, addresses and identifiers are fictional
// (names carry 示例 or （演示）); rates and tiers are of the right shape, not official figures.

export const TAX_OFFICES = [
	{ code: '11401050000', name: '国家税务总局太原市小店区税务局', treasury: '国家金库太原市小店区支库' },
	{ code: '11401060000', name: '国家税务总局太原市迎泽区税务局', treasury: '国家金库太原市迎泽区支库' }
] as const;

export const FEE_ITEMS: { code: string; name: string; agency: 'social' | 'medical'; payerKinds: PayerKind[] }[] = [
	{ code: 'E_PENSION', name: '企业职工基本养老保险', agency: 'social', payerKinds: ['enterprise', 'flexible'] },
	{ code: 'I_PENSION', name: '机关事业单位基本养老保险', agency: 'social', payerKinds: ['institution'] },
	{ code: 'UNEMPLOYMENT', name: '失业保险', agency: 'social', payerKinds: ['enterprise', 'institution'] },
	{ code: 'INJURY', name: '工伤保险', agency: 'social', payerKinds: ['enterprise', 'institution'] },
	{ code: 'PROJECT_INJURY', name: '工程项目工伤保险', agency: 'social', payerKinds: ['enterprise'] },
	{ code: 'ANNUITY', name: '职业年金', agency: 'social', payerKinds: ['institution'] },
	{ code: 'MEDICAL', name: '职工基本医疗保险', agency: 'medical', payerKinds: ['enterprise', 'institution', 'flexible'] },
	{ code: 'R_PENSION', name: '城乡居民基本养老保险', agency: 'social', payerKinds: ['resident'] },
	{ code: 'R_SUPP_PENSION', name: '城乡居民补充养老保险', agency: 'social', payerKinds: ['resident'] },
	{ code: 'R_MEDICAL', name: '城乡居民基本医疗保险', agency: 'medical', payerKinds: ['resident'] }
];

/** Rates in basis points of the monthly contribution base. */
export const RATES: { item: string; kind: 'enterprise' | 'institution' | 'flexible'; unitBp: number; personalBp: number }[] = [
	{ item: 'E_PENSION', kind: 'enterprise', unitBp: 1600, personalBp: 800 },
	{ item: 'UNEMPLOYMENT', kind: 'enterprise', unitBp: 70, personalBp: 30 },
	{ item: 'INJURY', kind: 'enterprise', unitBp: 40, personalBp: 0 },
	{ item: 'MEDICAL', kind: 'enterprise', unitBp: 750, personalBp: 200 },
	{ item: 'I_PENSION', kind: 'institution', unitBp: 1600, personalBp: 800 },
	{ item: 'UNEMPLOYMENT', kind: 'institution', unitBp: 70, personalBp: 30 },
	{ item: 'INJURY', kind: 'institution', unitBp: 20, personalBp: 0 },
	{ item: 'MEDICAL', kind: 'institution', unitBp: 750, personalBp: 200 },
	{ item: 'ANNUITY', kind: 'institution', unitBp: 800, personalBp: 400 },
	{ item: 'E_PENSION', kind: 'flexible', unitBp: 0, personalBp: 2000 },
	{ item: 'MEDICAL', kind: 'flexible', unitBp: 0, personalBp: 800 }
];

export function BASES(year: number) {
	return [year - 1, year].map((y, i) => ({ year: y, floorFen: 406_200 + i * 12_000, ceilingFen: 2_031_000 + i * 60_000 }));
}

const PENSION_TIERS_YUAN = [200, 300, 400, 500, 600, 700, 800, 900, 1000, 1500, 2000, 3000, 4000, 5000];

/** Resident pension tiers (档次) for recent years, and resident medical amounts up to next year. */
export function YEARLY_AMOUNTS(year: number) {
	const rows: { item: string; year: number; tier: number; amountFen: number }[] = [];
	for (const y of [year - 3, year - 2, year - 1, year]) {
		PENSION_TIERS_YUAN.forEach((yuan, i) => rows.push({ item: 'R_PENSION', year: y, tier: i + 1, amountFen: yuan * 100 }));
		rows.push({ item: 'R_SUPP_PENSION', year: y, tier: 0, amountFen: 10_000 });
	}
	for (const y of [year - 2, year - 1, year, year + 1]) {
		rows.push({ item: 'R_MEDICAL', year: y, tier: 0, amountFen: 38_000 + (y - (year - 2)) * 1_000 });
	}
	return rows;
}

export interface DemoUnit {
	name: string;
	region: string;
	serial8: string;
	office: string;
	address: string;
	/** Monthly contribution base of all staff together, in fen. */
	payrollBaseFen: number;
	story: 'plain' | 'back-payment' | 'project' | 'unlinked' | 'unregistered' | 'annuity';
	/** Tripartite agreement (三方协议) at the bank: the account's balance, or why it fails verification. */
	agreement?: { bankName: string; accountNo: string; balanceFen: number; invalidReason?: string };
	/**
	 * Public institutions paying through the 待报解社会保险费专户: on the business day, two transfers
	 * (财政拨款 and 单位自有资金) that sum exactly to this month's open regular dues (occupational
	 * annuity apart), the fiscal share being this part of it rounded down to the yuan; and, if set,
	 * one more transfer of that day that belongs to no due.
	 */
	pendingAccount?: { fiscalShareBp: number; unrelatedFen?: number };
}

const XIAODIAN = TAX_OFFICES[0].code;
const YINGZE = TAX_OFFICES[1].code;

export const DEMO_ENTERPRISES: DemoUnit[] = [
	{
		name: '太原示例机械制造有限公司',
		region: '140105',
		serial8: '90000101',
		office: XIAODIAN,
		address: '太原市小店区示例路1号',
		payrollBaseFen: 18_650_000,
		story: 'back-payment',
		// Less than any single due of theirs: every deduction is refused for 余额不足.
		agreement: { bankName: '中国工商银行太原示例支行', accountNo: '0502120109000010101', balanceFen: 30_000 }
	},
	{
		name: '山西示例建筑工程有限公司',
		region: '140105',
		serial8: '90000202',
		office: XIAODIAN,
		address: '太原市小店区示例街88号',
		payrollBaseFen: 42_318_050,
		story: 'project',
		agreement: { bankName: '中国建设银行太原示例支行', accountNo: '14050162080000020202', balanceFen: 50_000_000 }
	},
	{
		name: '太原示例商贸有限公司',
		region: '140106',
		serial8: '90000303',
		office: YINGZE,
		address: '太原市迎泽区示例大街6号',
		payrollBaseFen: 3_640_000,
		story: 'unlinked',
		agreement: {
			bankName: '中国农业银行太原示例支行',
			accountNo: '04130101040030303',
			balanceFen: 10_000_000,
			invalidReason: '扣款账户已销户，三方协议验证未通过'
		}
	},
	{
		name: '太原示例科技咨询有限公司',
		region: '140106',
		serial8: '90000404',
		office: YINGZE,
		address: '太原市迎泽区示例巷12号',
		payrollBaseFen: 1_200_000,
		story: 'unregistered'
	}
];

/** The custodian bank's collection account (托管银行归集户) occupational annuity goes to. */
export const DEMO_CUSTODIAN = {
	bankName: '中国工商银行股份有限公司太原迎泽支行（示例）',
	accountName: '山西省职业年金归集户（示例）',
	accountNo: '0502123409000077777'
} as const;

export const DEMO_INSTITUTIONS: DemoUnit[] = [
	{
		name: '太原市示例中学',
		region: '140105',
		serial8: '90000505',
		office: XIAODIAN,
		address: '太原市小店区示例路20号',
		payrollBaseFen: 56_480_000,
		story: 'annuity',
		pendingAccount: { fiscalShareBp: 8_000 }
	},
	{
		name: '太原市小店区示例街道办事处',
		region: '140105',
		serial8: '90000606',
		office: XIAODIAN,
		address: '太原市小店区示例东街3号',
		payrollBaseFen: 21_950_000,
		story: 'plain',
		pendingAccount: { fiscalShareBp: 7_000, unrelatedFen: 1_286_450 }
	}
];

interface DemoPerson {
	name: string;
	sex: 'male' | 'female';
	birth: string;
	region: string;
	address: string;
	/** Made by the GB 11643 rules from region, birth date and a sequence of its own. */
	idNumber: string;
}

export type ResidentItem = 'R_PENSION' | 'R_SUPP_PENSION' | 'R_MEDICAL';

/** The cases of issue 9 a demo clerk can show at the window, each person in one of them. */
export type ResidentStory = 'household' | 'tier-300' | 'name-mismatch' | 'transfer' | 'unregistered';

export interface DemoResident extends DemoPerson {
	/** What the agencies registered (social: pension, supplementary; medical: medical); null: no agency record at all. */
	items: ResidentItem[] | null;
	/** This year's pension paid earlier at this tier (1 = the lowest amount of the table). */
	pensionTier: number | null;
	medicalNextYearPaid: boolean;
	backPayment?: boolean;
	specialGroup?: boolean;
	story?: ResidentStory;
	/** The name on the agencies' records where it differs from the tax registration: they do not link by themselves. */
	agencyName?: string;
	/** The agencies have started this on both records and not sent it yet. */
	pendingChange?: 'change' | 'transfer';
}

const ALL_RESIDENT_ITEMS: ResidentItem[] = ['R_PENSION', 'R_SUPP_PENSION', 'R_MEDICAL'];
/** The household of three (a couple and the husband's father) share this address. */
const HOUSEHOLD_ADDRESS = '太原市小店区示例村二组16号';

const GENERAL_RESIDENTS: Omit<DemoResident, 'idNumber'>[] = [
	['张伟', 'male', '1968-03-12', 1, true],
	['王芳', 'female', '1972-07-08', 3, false],
	['李娜', 'female', '1985-11-30', null, false],
	['刘洋', 'male', '1990-02-28', 5, true],
	['陈静', 'female', '1966-09-01', 2, true],
	['杨帆', 'male', '1979-12-24', null, true],
	['赵磊', 'male', '1988-06-15', 10, false],
	['黄丽', 'female', '1975-04-05', null, false],
	['周强', 'male', '1963-01-19', 1, true],
	['吴敏', 'female', '1992-08-08', 4, false],
	['徐刚', 'male', '1970-10-10', null, false],
	['孙燕', 'female', '1983-05-20', 6, true],
	['马超', 'male', '1996-02-29', null, true],
	['朱红', 'female', '1961-12-01', 3, false],
	['胡军', 'male', '1974-03-03', null, false],
	['郭霞', 'female', '1987-07-17', 8, true],
	['何平', 'male', '1965-11-11', null, false],
	['高丹', 'female', '1998-09-09', 1, false],
	['林涛', 'male', '1977-04-30', null, true],
	['罗梅', 'female', '1969-06-06', 2, true]
].map(([name, sex, birth, pensionTier, medicalNextYearPaid], i) => ({
	name: `${name}（演示）`,
	sex: sex as 'male' | 'female',
	birth: birth as string,
	region: ['140105', '140106', '140121'][i % 3],
	address: `太原市示例社区${i + 1}号楼`,
	items: ALL_RESIDENT_ITEMS,
	pensionTier: pensionTier as number | null,
	medicalNextYearPaid: medicalNextYearPaid as boolean,
	backPayment: i === 2 || i === 10,
	specialGroup: i === 7
}));

const nothingPaid = { pensionTier: null, medicalNextYearPaid: false } as const;

/** One person per case of issue 9 (the household three). */
const CASES: Omit<DemoResident, 'idNumber' | 'region' | 'address'>[] = [
	{ name: '王建华（演示）', sex: 'male', birth: '1991-04-18', items: ALL_RESIDENT_ITEMS, story: 'household', ...nothingPaid },
	{ name: '刘秀英（演示）', sex: 'female', birth: '1993-09-23', items: ['R_PENSION', 'R_MEDICAL'], story: 'household', ...nothingPaid },
	{ name: '王德福（演示）', sex: 'male', birth: '1966-02-11', items: ['R_PENSION', 'R_MEDICAL'], story: 'household', ...nothingPaid },
	// This year's pension paid at 每年300元 (tier 2) a few working days ago, booked since.
	{
		name: '赵淑芬（演示）',
		sex: 'female',
		birth: '1970-06-30',
		items: ['R_PENSION', 'R_MEDICAL'],
		story: 'tier-300',
		pensionTier: 2,
		medicalNextYearPaid: false
	},
	// Tax registered 李晓梅; the agencies (and the ID card) say 李小梅.
	{
		name: '李晓梅（演示）',
		agencyName: '李小梅（演示）',
		sex: 'female',
		birth: '1984-12-05',
		items: ['R_PENSION', 'R_MEDICAL'],
		story: 'name-mismatch',
		...nothingPaid
	},
	{
		name: '孙志刚（演示）',
		sex: 'male',
		birth: '1980-08-08',
		items: ['R_PENSION', 'R_MEDICAL'],
		story: 'transfer',
		pendingChange: 'transfer',
		...nothingPaid
	},
	{ name: '周桂兰（演示）', sex: 'female', birth: '1972-03-15', items: null, story: 'unregistered', ...nothingPaid }
];
const CASE_RESIDENTS: Omit<DemoResident, 'idNumber'>[] = CASES.map((r) => ({
	...r,
	region: '140105',
	address: r.story === 'household' ? HOUSEHOLD_ADDRESS : '太原市小店区示例社区21号楼'
}));

export const DEMO_RESIDENTS: DemoResident[] = [...GENERAL_RESIDENTS, ...CASE_RESIDENTS].map((r, i) => ({
	...r,
	idNumber: demoResidentId(r.region, r.birth, 100 + i * 2 + (r.sex === 'male' ? 1 : 0))
}));

export interface DemoFlexible extends DemoPerson {
	baseFen: number;
	/** Last month's dues paid (this month's are open for everyone). */
	previousMonthPaid: boolean;
	story?: 'individual-business' | 'two-months-unpaid';
}

export const DEMO_FLEXIBLE: DemoFlexible[] = [
	['宋建国', 'male', '1971-05-04', 418_200],
	['唐晓燕', 'female', '1980-08-21', 500_000],
	['冯志勇', 'male', '1975-12-12', 418_200],
	['韩雪', 'female', '1989-01-07', 600_000],
	['曹文斌', 'male', '1967-10-27', 418_200],
	['郑国栋', 'male', '1982-11-02', 450_000]
].map(([name, sex, birth, baseFen], i) => {
	const story = i === 4 ? 'two-months-unpaid' : i === 5 ? 'individual-business' : undefined;
	return {
		name: `${name}（演示）`,
		sex: sex as 'male' | 'female',
		birth: birth as string,
		region: '140105',
		// 个体工商户以个人身份参保: an individual business pays as a flexible employee.
		address: story === 'individual-business' ? '太原市小店区示例街18号（个体工商户：示例面馆，以个人身份参保）' : '太原市小店区示例灵活就业服务站',
		idNumber: demoResidentId('140105', birth as string, 500 + i * 2 + (sex === 'male' ? 1 : 0)),
		baseFen: baseFen as number,
		previousMonthPaid: story !== 'two-months-unpaid',
		story
	};
});
