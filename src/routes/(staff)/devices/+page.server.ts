import { error, fail } from '@sveltejs/kit';
import {
	POS_BEHAVIOUR_LABEL,
	SIMULATOR_ACTIONS,
	applySimulatorAction,
	applyKioskSimulatorAction,
	DEMO_CARD_ACTIONS,
	KIOSK_SIMULATOR_ACTIONS,
	lastWholePrintout,
	demoIdCard,
	DEMO_SWITCH_TEXT,
	simulatorActionLabel,
	UPSTREAM_FAULT_LABEL
} from '$lib/server/services/hardware-demo';
import { openDrawerNoSale, printTestPage } from '$lib/server/services/device-actions';
import { OverrideError } from '$lib/server/auth/override';
import { supervisorOnTheSpot } from '$lib/server/http/schemas/counter';
import { WRITE_OPERATIONS } from '$lib/server/upstream/operations';
import { readForm } from '$lib/server/http/read-input';
import { noFields } from '$lib/server/http/fields';
import { kioskSimulateForm, simulateForm, upstreamFaultForm } from '$lib/server/http/schemas/devices';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const { devices } = locals.services.devices;
	const switches = locals.services.demo;
	return {
		simulatorActions: switches.hardware ? SIMULATOR_ACTIONS : null,
		posBehaviours: switches.hardware ? POS_BEHAVIOUR_LABEL : null,
		demoCards: switches.hardware ? DEMO_CARD_ACTIONS : null,
		idCard: devices.idReader.current(),
		// Each kiosk's own devices; in demo and test mode, its switches and the demo cards for its reader.
		kiosks: [...locals.services.kiosk.kiosks].map(([kioskId, k]) => ({
			kioskId,
			devices: k.hub.snapshot(),
			cardHolder: k.idReader.current()?.name ?? null,
			actions: switches.kiosks.has(kioskId) ? KIOSK_SIMULATOR_ACTIONS.map((action) => ({ action, label: simulatorActionLabel(action) })) : null,
			// What its simulated receipt printer last put on paper whole, as the decoder reads the bytes.
			lastPrintout: lastWholePrintout(switches.kiosks.get(kioskId))
		})),
		upstreamFaults: switches.upstreamFaults ? { modes: UPSTREAM_FAULT_LABEL, operations: WRITE_OPERATIONS, active: switches.upstreamFaults.list() } : null
	};
};

export const actions: Actions = {
	testPrint: async ({ locals, request }) => {
		const input = await readForm(request, noFields);
		if (!input.ok) return input.failure;
		const r = await printTestPage(locals.services.devices, locals.clerk!);
		return r.ok ? { message: r.message } : fail(503, { message: r.message });
	},

	// The drawer without a sale: at any window, with a supervisor's login and password typed there.
	openDrawer: async ({ locals, request }) => {
		const input = await readForm(request, supervisorOnTheSpot);
		if (!input.ok) return input.failure;
		try {
			const r = await openDrawerNoSale(locals.services.devices, locals.clerk!, input.data);
			return r.ok ? { message: r.message } : fail(503, { message: r.message });
		} catch (e) {
			if (e instanceof OverrideError) return fail(e.status, { message: e.message });
			throw e;
		}
	},

	upstreamFault: async ({ request, locals }) => {
		const faults = locals.services.demo.upstreamFaults;
		if (!faults) error(404, DEMO_SWITCH_TEXT.noUpstreamSwitches);
		const input = await readForm(request, upstreamFaultForm);
		if (!input.ok) return input.failure;
		const fault = input.data;
		if ('clear' in fault) {
			faults.clear();
			return { message: '已清除全部上游模拟故障' };
		}
		faults.set(fault.operation, { mode: fault.mode, times: 1, delayMs: 1500 });
		return { message: `下一次 ${fault.operation} 将模拟：${UPSTREAM_FAULT_LABEL[fault.mode]}` };
	},

	kioskSimulate: async ({ request, locals }) => {
		const input = await readForm(request, kioskSimulateForm);
		if (!input.ok) return input.failure;
		const sim = locals.services.demo.kiosks.get(input.data.kiosk);
		if (!sim) error(404, DEMO_SWITCH_TEXT.noHardwareSwitches);
		applyKioskSimulatorAction(sim, input.data.action);
		return { message: `自助终端 ${input.data.kiosk}：${simulatorActionLabel(input.data.action)}` };
	},

	simulate: async ({ request, locals }) => {
		const { upstream } = locals.services.payers;
		const hardware = locals.services.demo.hardware;
		if (!hardware) error(404, DEMO_SWITCH_TEXT.noHardwareSwitches);
		const input = await readForm(request, simulateForm);
		if (!input.ok) return input.failure;
		const { action } = input.data;
		const [holder] = await upstream.coreTax.findPayers({ by: 'name', value: '张伟（演示）' }, 1);
		applySimulatorAction(hardware, action, demoIdCard(holder ?? { name: '演示居民', identifier: '' }));
		return { message: `模拟操作已执行：${simulatorActionLabel(action)}` };
	}
};
