import { demoResidentId } from './identifiers';
import { DEMO_FLEXIBLE, DEMO_RESIDENTS, type DemoResident, type ResidentItem } from './demo-catalogue';

// Two collectors (代办员) of the demo county, each with a village or community of registered
// residents, for 集中代收 (guide ch. 3 二.2). Fictional people: names carry （演示）, IDs are made
// by the GB 11643 rules; some residents paid this year's pension (at a tier) or next year's medical.

export const DEMO_COUNTY = '太原市小店区';
/** 双限 of the demo county: at most 5,000 yuan held, for at most 3 days. */
export const DEMO_COUNTY_LIMITS = { maxAmountFen: 500_000, maxDays: 3 } as const;

export interface DemoCollector {
	name: string;
	idNumber: string;
	village: string;
	county: string;
	phone: string;
}

export interface DemoVillage {
	collector: DemoCollector;
	residents: DemoResident[];
}

const RESIDENTS_PER_VILLAGE = 320;
const SURNAMES = ['王', '李', '张', '赵', '刘', '陈', '杨', '郭', '贾', '武', '程', '牛', '薛', '段', '侯', '史'];
// Two-character given names none of the other demo people has.
const GIVEN = [
	'春生',
	'秋菊',
	'保国',
	'玉珍',
	'福来',
	'翠花',
	'满仓',
	'金凤',
	'长顺',
	'巧云',
	'二虎',
	'彩霞',
	'守义',
	'月娥',
	'根宝',
	'秀珍',
	'有才',
	'爱莲',
	'铁柱',
	'腊梅',
	'仁义',
	'素琴',
	'来喜',
	'凤兰',
	'全福',
	'玉梅',
	'天宝',
	'桂香',
	'锁柱',
	'银花',
	'存孝',
	'冬梅',
	'拴柱',
	'改英',
	'富贵',
	'兰英',
	'喜旺',
	'润娥',
	'德胜',
	'引弟'
];

const VILLAGES = [
	{
		collector: { name: '王村代办员（演示）', birth: '1972-05-16', sequence: 951, village: '示例村', phone: '13900001001' },
		address: (k: number) => `${DEMO_COUNTY}示例村${1 + (k % 6)}组${1 + Math.floor(k / 6)}号`
	},
	{
		collector: { name: '李庄社区代办员（演示）', birth: '1978-09-02', sequence: 953, village: '示例李庄社区', phone: '13900001002' },
		address: (k: number) => `${DEMO_COUNTY}示例李庄社区${1 + (k % 12)}号楼${1 + (Math.floor(k / 12) % 3)}单元${101 + Math.floor(k / 36)}室`
	}
];

const pad = (n: number) => String(n).padStart(2, '0');

function villages(): DemoVillage[] {
	const ids = new Set([...DEMO_RESIDENTS, ...DEMO_FLEXIBLE].map((p) => p.idNumber));
	const names = new Set([...DEMO_RESIDENTS, ...DEMO_FLEXIBLE].map((p) => p.name));
	return VILLAGES.map((v, n) => {
		const residents = Array.from({ length: RESIDENTS_PER_VILLAGE }, (_, k): DemoResident => {
			const i = n * RESIDENTS_PER_VILLAGE + k;
			const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length)]}（演示）`;
			if (names.has(name)) throw new Error(`demo name ${name} given twice`);
			names.add(name);
			const sex = i % 2 ? 'male' : 'female';
			const birth = `${1950 + ((i * 7) % 56)}-${pad(1 + (i % 12))}-${pad(1 + ((i * 3) % 28))}`;
			// The sequence code's parity is the sex (odd for men); the next free one where two share a birthday.
			let sequence = 600 + 2 * (i % 150) + (sex === 'male' ? 1 : 0);
			let idNumber = demoResidentId('140105', birth, sequence);
			while (ids.has(idNumber)) idNumber = demoResidentId('140105', birth, (sequence += 2));
			ids.add(idNumber);
			const items: ResidentItem[] = k % 4 === 0 ? ['R_PENSION', 'R_SUPP_PENSION', 'R_MEDICAL'] : ['R_PENSION', 'R_MEDICAL'];
			return {
				name,
				sex,
				birth,
				region: '140105',
				address: v.address(k),
				idNumber,
				items,
				pensionTier: k % 5 === 0 ? 1 + (Math.floor(k / 5) % 6) : null,
				medicalNextYearPaid: k % 7 === 3
			};
		});
		const c = v.collector;
		return {
			collector: { name: c.name, idNumber: demoResidentId('140105', c.birth, c.sequence), village: c.village, county: DEMO_COUNTY, phone: c.phone },
			residents
		};
	});
}

export const DEMO_VILLAGES: readonly DemoVillage[] = villages();
export const DEMO_COLLECTORS: readonly DemoCollector[] = DEMO_VILLAGES.map((v) => v.collector);
