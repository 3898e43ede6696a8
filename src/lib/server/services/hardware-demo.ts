import { DEMO_ID_CARDS } from '../demo/demo-id-cards';
import { renderReceiptText, type IdCard, type KioskDevices, type PosBehaviour, type SimulatedHardware, type SimulatedKioskHardware } from '../../../../drivers';
import type { FaultMode, SimulatorFaults } from '../upstream/faults';
import type { CoreTaxBooking } from '../upstream/feed';
import type { RunMode } from '../config';

// What the demo screen (and e2e tests) may do to the simulated hardware, by name.

export const DEMO_SWITCH_TEXT = {
	noHardwareSwitches: '只有演示模式才有模拟设备开关',
	noUpstreamSwitches: '只有演示模式才能模拟上游故障'
};

/**
 * The demo's fault switches. They exist only in demo and test mode: a production terminal has
 * none, not even a training terminal running on the simulators.
 */
export interface DemoSwitches {
	hardware: SimulatedHardware | null;
	upstreamFaults: SimulatorFaults | null;
	/** The simulator's booking run (模拟入库销号). */
	booking: CoreTaxBooking | null;
	/** Each kiosk's simulated reader and receipt printer, by kiosk id (empty outside demo and test mode). */
	kiosks: ReadonlyMap<string, SimulatedKioskHardware>;
}

export function demoSwitches(
	mode: RunMode,
	devices: { simulated: SimulatedHardware | null },
	upstream: { faults?: SimulatorFaults },
	booking?: CoreTaxBooking,
	kiosks: ReadonlyMap<string, Pick<KioskDevices, 'simulated'>> = new Map()
): DemoSwitches {
	if (mode === 'production') return { hardware: null, upstreamFaults: null, booking: null, kiosks: new Map() };
	const simulatedKiosks = new Map([...kiosks].flatMap(([id, k]) => (k.simulated ? [[id, k.simulated] as const] : [])));
	return { hardware: devices.simulated, upstreamFaults: upstream.faults ?? null, booking: booking ?? null, kiosks: simulatedKiosks };
}

export const SIMULATOR_ACTIONS = {
	'paper-out': '打印机缺纸',
	'paper-near-end': '纸将尽',
	'paper-ok': '装好纸',
	'cover-open': '打开上盖',
	'cover-closed': '合上上盖',
	'printer-unplug': '拔出打印机线缆',
	'printer-plug': '插回打印机线缆',
	'pos-unplug': '拔出POS线缆',
	'pos-plug': '插回POS线缆',
	'drawer-close': '合上钱箱',
	'card-place': '放上身份证',
	'card-remove': '取走身份证'
} as const;

export const POS_BEHAVIOUR_LABEL: Record<PosBehaviour, string> = {
	approve: '批准',
	'decline-insufficient-funds': '拒绝：余额不足',
	'decline-expired-card': '拒绝：卡片过期',
	silent: '无应答（超时）',
	'lose-answer': '批准后应答丢失',
	busy: '终端忙'
};

/** The roll ends part-way through the next receipt: `paper-out-after:8` leaves 8 lines on paper. */
export const PAPER_OUT_AFTER = {
	prefix: 'paper-out-after:',
	maxLines: 200,
	label: (lines: number) => `打印${lines}行后缺纸`
} as const;

export type SimulatorAction = keyof typeof SIMULATOR_ACTIONS | `pos-next:${PosBehaviour}` | `paper-out-after:${number}` | `card-place:${number}`;

/** One of the demo's ID cards (issue 9's cases), by its place in DEMO_ID_CARDS. */
const DEMO_CARD = { prefix: 'card-place:', label: (n: number) => `放上身份证：${DEMO_ID_CARDS[n].label}` } as const;

function demoCardIndex(action: string): number | null {
	if (!action.startsWith(DEMO_CARD.prefix)) return null;
	const text = action.slice(DEMO_CARD.prefix.length);
	const n = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
	return n < DEMO_ID_CARDS.length ? n : null;
}

/** The demo cards a clerk can place on the simulated reader, as the devices page offers them. */
export const DEMO_CARD_ACTIONS: { action: SimulatorAction; label: string }[] = DEMO_ID_CARDS.map((c, i) => ({ action: `card-place:${i}`, label: c.label }));

function paperOutLines(action: string): number | null {
	if (!action.startsWith(PAPER_OUT_AFTER.prefix)) return null;
	const text = action.slice(PAPER_OUT_AFTER.prefix.length);
	const lines = /^[1-9]\d{0,2}$/.test(text) ? Number(text) : NaN;
	return lines <= PAPER_OUT_AFTER.maxLines ? lines : null;
}

/** The demo ID card belongs to a fictional resident of the demo data. */
export function demoIdCard(holder: { name: string; identifier: string }): IdCard {
	return {
		name: holder.name,
		idNumber: holder.identifier,
		validFrom: '2016-03-12',
		validTo: '2036-03-12',
		issuingAuthority: '示例市公安局（演示）'
	};
}

export function isSimulatorAction(text: string): text is SimulatorAction {
	if (Object.hasOwn(SIMULATOR_ACTIONS, text)) return true;
	if (paperOutLines(text) !== null || demoCardIndex(text) !== null) return true;
	const [head, behaviour, extra] = text.split(':');
	return head === 'pos-next' && extra === undefined && Object.hasOwn(POS_BEHAVIOUR_LABEL, behaviour);
}

export function simulatorActionLabel(action: SimulatorAction): string {
	const lines = paperOutLines(action);
	if (lines !== null) return PAPER_OUT_AFTER.label(lines);
	const card = demoCardIndex(action);
	if (card !== null) return DEMO_CARD.label(card);
	return action.startsWith('pos-next:')
		? `下一笔POS交易${POS_BEHAVIOUR_LABEL[action.slice('pos-next:'.length) as PosBehaviour]}`
		: SIMULATOR_ACTIONS[action as keyof typeof SIMULATOR_ACTIONS];
}

export function applySimulatorAction(sim: SimulatedHardware, action: SimulatorAction, card: IdCard): void {
	if (action.startsWith('pos-next:')) {
		sim.pos.queue(action.slice('pos-next:'.length) as PosBehaviour);
		return;
	}
	const lines = paperOutLines(action);
	if (lines !== null) {
		sim.printer.runOutOfPaperAfter(lines);
		return;
	}
	const demoCard = demoCardIndex(action);
	if (demoCard !== null) {
		sim.idReader.place(DEMO_ID_CARDS[demoCard].card);
		return;
	}
	const actions: Record<keyof typeof SIMULATOR_ACTIONS, () => void> = {
		...paperAndCardActions(sim, card),
		'pos-unplug': () => sim.posCable.unplug(),
		'pos-plug': () => sim.posCable.plug(),
		'drawer-close': () => sim.printer.closeDrawer()
	};
	actions[action as keyof typeof SIMULATOR_ACTIONS]();
}

/** What a window and a kiosk both have: a receipt printer on its cable and an ID card reader. */
function paperAndCardActions(sim: SimulatedKioskHardware, card: IdCard): Record<KioskSimulatorAction, () => void> {
	return {
		'paper-out': () => sim.printer.setPaper('out'),
		'paper-near-end': () => sim.printer.setPaper('near-end'),
		'paper-ok': () => sim.printer.setPaper('ok'),
		'cover-open': () => sim.printer.setCoverOpen(true),
		'cover-closed': () => sim.printer.setCoverOpen(false),
		'printer-unplug': () => sim.printerCable.unplug(),
		'printer-plug': () => sim.printerCable.plug(),
		'card-place': () => sim.idReader.place(card),
		'card-remove': () => sim.idReader.remove()
	};
}

/** The demo's switches of a kiosk's own devices (设备状态 → 自助终端): paper and cable of its printer, a demo card on its reader. */
export const KIOSK_SIMULATOR_ACTIONS = [
	'paper-out',
	'paper-near-end',
	'paper-ok',
	'cover-open',
	'cover-closed',
	'printer-unplug',
	'printer-plug',
	'card-remove'
] as const;
type KioskSimulatorAction = (typeof KIOSK_SIMULATOR_ACTIONS)[number] | 'card-place';

export function isKioskSimulatorAction(text: string): text is (typeof KIOSK_SIMULATOR_ACTIONS)[number] | `card-place:${number}` {
	return (KIOSK_SIMULATOR_ACTIONS as readonly string[]).includes(text) || demoCardIndex(text) !== null;
}

/** Applies a kiosk's demo switch; `card-place:N` places demo card N on the kiosk's reader. */
export function applyKioskSimulatorAction(sim: SimulatedKioskHardware, action: (typeof KIOSK_SIMULATOR_ACTIONS)[number] | `card-place:${number}`): void {
	const demoCard = demoCardIndex(action);
	if (demoCard !== null) sim.idReader.place(DEMO_ID_CARDS[demoCard].card);
	else paperAndCardActions(sim, DEMO_ID_CARDS[0].card)[action as (typeof KIOSK_SIMULATOR_ACTIONS)[number]]();
}

/** Upstream failures the demo screen can switch on, once each: the clerk sees how the terminal copes. */
export const UPSTREAM_FAULT_LABEL: Record<FaultMode, string> = {
	timeout: '超时（未处理）',
	answerLost: '已处理但应答丢失',
	refuse: '拒绝',
	duplicate: '重复请求应答'
};

/** What a kiosk's simulated receipt printer last put on paper whole, as the decoder reads its bytes; null if nothing. */
export function lastWholePrintout(sim: SimulatedKioskHardware | undefined): string | null {
	const whole = (sim?.printer.printed() ?? []).filter((p) => p.complete);
	return whole.length ? renderReceiptText(whole[whole.length - 1].receipt) : null;
}
