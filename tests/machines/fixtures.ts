// Plain data for the machine tests: unit and individual payers, agency records, assessed dues,
// residents' yearly tables.
import { Fakes } from './harness';
import type { AgencyRegistration, AssessedDue, DeclarationLine, DeclarationRecord, IndividualOptions, Payer } from '../../src/lib/domain/payer';

const OFFICE = { code: '11401050000', name: '国家税务总局太原市小店区税务局', treasury: '国家金库太原市小店区支库' };

export const ENTERPRISE: Payer = {
	id: 7,
	kind: 'enterprise',
	name: '山西晋阳机械制造有限公司',
	identifier: '91140105MA0K123457',
	taxOffice: OFFICE,
	address: '太原市小店区长治路1号',
	registeredOn: '2018-03-01'
};

export const INSTITUTION: Payer = {
	id: 8,
	kind: 'institution',
	name: '太原市小店区第一中学',
	identifier: '12140105405123456X',
	taxOffice: OFFICE,
	address: '太原市小店区学府街2号',
	registeredOn: '2019-01-01'
};

export const RESIDENT: Payer = {
	id: 9,
	kind: 'resident',
	name: '张三',
	identifier: '140105199001011234',
	taxOffice: OFFICE,
	address: '太原市小店区',
	registeredOn: '2020-01-01'
};

/** A resident of the same household as RESIDENT. */
export const SPOUSE: Payer = { ...RESIDENT, id: 11, name: '王芳', identifier: '140105199203034569' };

/** A flexible employee (灵活就业人员) paying at the window for themself. */
export const FLEXIBLE: Payer = { ...RESIDENT, id: 10, kind: 'flexible', name: '李四', identifier: '140105198505051239', registeredOn: '2021-03-01' };

export function registration(id: number, over: Partial<AgencyRegistration> = {}, payer: Payer = ENTERPRISE): AgencyRegistration {
	return {
		id,
		agency: 'social',
		agencyNo: `SB${id}`,
		payerIdentifier: payer.identifier,
		payerName: payer.name,
		scope: 'regular',
		projectName: null,
		status: 'active',
		receivedOn: '2025-01-02',
		items: [{ code: 'E_PENSION', name: '企业职工基本养老保险' }],
		link: null,
		pendingChange: null,
		...over
	};
}

export const LINKED = registration(1, { link: { method: 'automatic', linkedOn: '2025-01-03', linkedBy: null } });
export const UNLINKED = registration(2, { agency: 'medical', items: [{ code: 'MEDICAL', name: '职工基本医疗保险' }] });
export const PROJECT = registration(3, {
	scope: 'project',
	projectName: '小店区学府街棚户区改造工程',
	items: [{ code: 'PROJECT_INJURY', name: '工程项目工伤保险' }]
});
export const CANCELLED_REG = registration(4, { status: 'cancelled' });

export function due(id: number, over: Partial<AssessedDue> = {}): AssessedDue {
	return {
		id,
		dueNo: `HD${id}`,
		registrationId: 1,
		kind: 'regular',
		item: { code: 'E_PENSION', name: '企业职工基本养老保险' },
		periodFrom: '2025-05-01',
		periodTo: '2025-05-31',
		amountFen: 100000,
		assessedOn: '2025-05-02',
		state: 'open',
		...over
	};
}

export const REGULAR = due(1, { amountFen: 100000 });
export const HISTORICAL = due(2, { kind: 'historical', amountFen: 23456, periodFrom: '2019-01-01', periodTo: '2019-12-31' });
export const RETIREMENT_DECLARED = due(3, { kind: 'retirement', amountFen: 50000, state: 'declared' });
export const POLICY_PAID = due(4, { kind: 'policy', amountFen: 8000, state: 'paid' });
export const PROJECT_DUE = due(5, {
	kind: 'project_injury',
	registrationId: 3,
	item: { code: 'PROJECT_INJURY', name: '工程项目工伤保险' },
	amountFen: 300000
});

export function lineOf(d: AssessedDue): DeclarationLine {
	return { dueId: d.id, item: d.item, periodFrom: d.periodFrom, periodTo: d.periodTo, tier: null, amountFen: d.amountFen };
}

export const OLD_DECLARATION: DeclarationRecord = {
	id: 50,
	declarationNo: 'SB2025050100050',
	declaredOn: '2025-05-03',
	status: 'declared',
	lines: [lineOf(RETIREMENT_DECLARED)],
	totalFen: 50000
};

export const PAID_DECLARATION: DeclarationRecord = {
	id: 51,
	declarationNo: 'SB2025050100051',
	declaredOn: '2025-05-03',
	status: 'paid',
	lines: [lineOf(POLICY_PAID)],
	totalFen: 8000
};

/** The payment machine's named actors, faked by the payment and session tests alike. */
export const PAYMENT_ACTORS = [
	'chargeCard',
	'reverseSale',
	'openDrawer',
	'checkAgreement',
	'deductByAgreement',
	'printBankForm',
	'listPendingTransfers',
	'settlePendingTransfers',
	'recordPayment',
	'claimDeclaration',
	'releaseClaim',
	'holdMoney'
];

/**
 * Fakes for tests that drive a payment by hand: the declaration's claim is this window's and a
 * release is heard, so CHOOSE and BACK/CANCEL work at once. Path runs do not use it: there the
 * model plays every claim's answer.
 */
export function claimingFakes(): Fakes {
	return new Fakes().respond('claimDeclaration', () => ({ outcome: 'held' })).respond('releaseClaim', () => undefined);
}

// --- residents and flexible employees (guide chapters 3 and 4) ------------------------------

export const R_PENSION = { code: 'R_PENSION', name: '城乡居民基本养老保险' };
export const R_SUPP_PENSION = { code: 'R_SUPP_PENSION', name: '城乡居民补充养老保险' };
export const R_MEDICAL = { code: 'R_MEDICAL', name: '城乡居民基本医疗保险' };

/** This year's resident pension tiers (档次): tier 1 is 200 yuan a year, tier 2 300, and so on. */
export const PENSION_TIERS = [200, 300, 500, 1000].map((yuan, i) => ({ tier: i + 1, amountFen: yuan * 100 }));

/** A resident's back-payment (补缴) of an earlier year, assessed by the social security agency. */
export const BACK_PAYMENT = due(20, {
	kind: 'historical',
	registrationId: 20,
	item: R_PENSION,
	periodFrom: '2023-01-01',
	periodTo: '2023-12-31',
	amountFen: 20000,
	assessedOn: '2025-05-06'
});
/** A special group's (特殊人群) resident medical of this year, assessed by the medical agency. */
export const SPECIAL_GROUP_MEDICAL = due(21, {
	registrationId: 21,
	item: R_MEDICAL,
	periodFrom: '2025-01-01',
	periodTo: '2025-12-31',
	amountFen: 39000,
	assessedOn: '2025-05-07'
});
/** A flexible employee's pension month, assessed by the social security agency. */
export const FLEXIBLE_MONTH = due(22, { registrationId: 22, amountFen: 81234, periodFrom: '2025-04-01', periodTo: '2025-04-30' });

/** A resident registered for every item of 2025, nothing paid yet, no assessed dues. */
export function residentOptions(payer: Payer, over: Partial<IndividualOptions> = {}): IndividualOptions {
	return {
		payerId: payer.id,
		kind: 'resident',
		year: 2025,
		pension: { item: R_PENSION, year: 2025, tiers: PENSION_TIERS, paidTier: null, declaredTier: null },
		supplementary: { item: R_SUPP_PENSION, year: 2025, amountFen: 10000, paid: false },
		medical: { item: R_MEDICAL, year: 2026, amountFen: 40000, paid: false },
		dues: [],
		...over
	};
}

/** A flexible employee: no yearly tables, only the months the agency assessed. */
export function flexibleOptions(payer: Payer = FLEXIBLE, dues: AssessedDue[] = [FLEXIBLE_MONTH]): IndividualOptions {
	return { payerId: payer.id, kind: 'flexible', year: 2025, pension: null, supplementary: null, medical: null, dues };
}
