import type { IdCard } from '../../../../drivers';
import { DEMO_FLEXIBLE, DEMO_RESIDENTS, type DemoFlexible, type DemoResident } from './demo-catalogue';

// The ID cards a demo clerk can place on the simulated reader: one per case of issue 9. A card
// carries the person's real name. For the name-mismatch case that is the agencies' name (李小梅),
// while the tax registration says 李晓梅: the card and the agencies agree, tax is the odd one out.

const LABEL: Record<NonNullable<DemoResident['story'] | DemoFlexible['story']>, string> = {
	household: '一家三口（城乡居民，本年度未缴费）',
	'tier-300': '本年度养老保险已按每年300元档缴费',
	'name-mismatch': '税务登记姓名与参保登记不一致',
	transfer: '参保登记正在办理转移',
	unregistered: '未收到参保登记信息',
	'individual-business': '个体工商户以个人身份参保（灵活就业）',
	'two-months-unpaid': '灵活就业人员，两个月未缴费'
};

function card(person: DemoResident | DemoFlexible, name: string): IdCard {
	return {
		name,
		idNumber: person.idNumber,
		sex: person.sex === 'male' ? '男' : '女',
		ethnicity: '汉',
		birthDate: person.birth,
		address: person.address,
		validFrom: '2018-05-20',
		validTo: '2038-05-20',
		issuingAuthority: '示例市公安局（演示）'
	};
}

const CARD_STORIES = ['household', 'tier-300', 'name-mismatch', 'transfer', 'two-months-unpaid', 'individual-business'];

export const DEMO_ID_CARDS: { label: string; card: IdCard }[] = [...DEMO_RESIDENTS, ...DEMO_FLEXIBLE]
	.filter((p) => p.story && CARD_STORIES.includes(p.story))
	.map((p) => {
		const name = ('agencyName' in p && p.agencyName) || p.name;
		return { label: `${name}：${LABEL[p.story!]}`, card: card(p, name) };
	});
