import { fail } from '@sveltejs/kit';
import { collectorsPage, registerCollector, setCountyLimits } from '$lib/server/services/collectors';
import { readForm } from '$lib/server/http/read-input';
import { countyLimitsForm, registerCollectorForm } from '$lib/server/http/schemas/collectors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ page: collectorsPage(locals.services.collectors), today: locals.services.terminal.clock.today() });

export const actions: Actions = {
	register: async ({ request, locals }) => {
		const input = await readForm(request, registerCollectorForm);
		if (!input.ok) return input.failure;
		const r = await registerCollector(locals.services.collectors, locals.clerk!, input.data);
		return r.ok ? { message: `已登记代办员 ${r.value.code}（${r.value.name}），虚拟户 ${r.value.virtualAccountNo}` } : fail(409, { message: r.message });
	},
	limits: async ({ request, locals }) => {
		const input = await readForm(request, countyLimitsForm);
		if (!input.ok) return input.failure;
		const { county, maxAmount, maxDays, effectiveFrom } = input.data;
		const r = setCountyLimits(locals.services.collectors, locals.clerk!, { county, maxAmountFen: maxAmount, maxDays, effectiveFrom });
		return r.ok ? { message: `已设置${county}双限，自${effectiveFrom}起执行` } : fail(409, { message: r.message });
	}
};
