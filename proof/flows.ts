// The visits a window makes in the proof, each driven by what the clerk's screen shows: the
// driver reads the session's view, sends the one event that view asks for, and waits on the
// event stream while the server works. Reading the view again is always safe, so a visit goes on
// after the server was killed and started again, after the printer ran out of paper and after
// the POS lost an answer, exactly as a clerk would go on from the screen.
import type { SessionScreen, PaymentScreen, ReceiptScreen, DeclarationScreen } from '../src/lib/views/session-view';
import type { IndividualSessionScreen } from '../src/lib/views/individual-view';
import type { CollectorBatchScreen } from '../src/lib/views/collector-batch-view';
import { formatYuan } from '../src/lib/domain';
import { Api, ConnectionLost, HttpError } from './client';

export type Channel = 'pos' | 'cash';

/** One visit: a unit's month, a resident or a household of residents, a collector's small list. */
export type Plan =
	| { kind: 'unit'; channel: Channel; payerId: number; dueIds: number[]; totalFen: number }
	| { kind: 'individual'; channel: Channel; persons: { idNumber: string; name: string }[]; totalFen: number }
	| { kind: 'collector'; channel: Channel; collector: string; list: Uint8Array; rows: number; totalFen: number };

export const planLabel = (p: Plan) => (p.kind === 'individual' ? (p.persons.length > 1 ? 'household' : 'resident') : p.kind);

/** What the window saw paid: the money, how, and the vouchers (or the batch's voucher) it was booked under. */
export interface Completed {
	sessionId: string;
	windowNo: number;
	plan: Plan;
	channel: Channel;
	amountFen: number;
	vouchers: string[];
	/** Card attempts that did not go through (declined, or reversed after a lost answer). */
	retries: number;
}

type View = SessionScreen | IndividualSessionScreen | CollectorBatchScreen;
type Decision = { send: Record<string, unknown> } | { act: () => Promise<void> } | 'wait' | { done: true };

/** The longest a visit may stand still (no step it can take) before it counts as stuck. */
const STUCK_MS = 60_000;
const WAIT_MS = 1_000;
const MAX_CARD_ATTEMPTS = 6;
/** A visit that takes more steps than this goes round in circles (a step that keeps failing). */
const MAX_STEPS = 300;

class VisitFailed extends Error {}

/** Cash handed over: the amount rounded up to the next 100 yuan (so there is change, often). */
const tenderFor = (fen: number) => Math.ceil((fen + 1) / 10_000) * 10_000;

export interface Devices {
	/** Paper put back in the (simulated) printer: the clerk's hands. */
	loadPaper(): Promise<void>;
}

export function devicesOf(api: Api): Devices {
	return {
		async loadPaper() {
			const r = await api.form('/devices?/simulate', new URLSearchParams({ action: 'paper-ok' }));
			if (r.status >= 400) throw new HttpError(r.status, `paper-ok refused: ${r.status} ${r.text.slice(0, 200)}`);
		}
	};
}

/** Runs one visit to its end; answers what was paid. */
export async function visit(api: Api, windowNo: number, plan: Plan, devices: Devices): Promise<Completed> {
	for (;;) {
		try {
			return await drive(api, windowNo, await start(api, plan), plan, devices);
		} catch (e) {
			// The start's answer died with the server: the visit starts again once it is back (a session the
			// start did open stays open at the window, with nothing moved, and is ended by the clerk later).
			if (!(e instanceof StartLost)) throw e;
			await api.serverUp();
		}
	}
}

class StartLost extends Error {}

/** An event whose answer does not matter here: the screen is read again after it. */
async function send(api: Api, id: string, event: Record<string, unknown>): Promise<void> {
	await api.json('POST', `/api/sessions/${id}`, event);
}

async function start(api: Api, plan: Plan): Promise<string> {
	try {
		return await startOnce(api, plan);
	} catch (e) {
		if (e instanceof ConnectionLost) throw new StartLost(e.message);
		throw e;
	}
}

async function startOnce(api: Api, plan: Plan): Promise<string> {
	if (plan.kind === 'unit') return (await api.json<{ id: string }>('POST', '/api/sessions', { payerId: plan.payerId })).id;
	const r =
		plan.kind === 'individual'
			? await api.form('/counter/individuals?/start', new URLSearchParams({ source: 'typed' }))
			: await api.form('/counter/collectors?/start', new URLSearchParams({ collector: plan.collector }));
	const id = /\/(W\d+-\d{8}-[0-9a-f]{8})$/.exec(r.location ?? '')?.[1];
	if (r.status !== 303 || !id) throw new HttpError(r.status, `start of a ${planLabel(plan)} visit answered ${r.status} ${r.text.slice(0, 200)}`);
	return id;
}

/** Drives a session (new, or found open after a restart) to its end. */
export async function drive(api: Api, windowNo: number, id: string, plan: Plan, devices: Devices): Promise<Completed>;
export async function drive(api: Api, windowNo: number, id: string, plan: null, devices: Devices): Promise<null>;
export async function drive(api: Api, windowNo: number, id: string, plan: Plan | null, devices: Devices): Promise<Completed | null> {
	const stream = api.follow<View>(id);
	const v: Visit = { api, devices, cardAttempts: 0 };
	const state = { lastProgress: performance.now(), lastStep: '', steps: 0 };
	try {
		let view = await api.read<View>(`/api/sessions/${id}`);
		for (;;) {
			const step = `${view.step}/${view.child?.step ?? ''}`;
			if (step !== state.lastStep) {
				state.lastStep = step;
				state.lastProgress = performance.now();
			} else if (performance.now() - state.lastProgress > STUCK_MS) {
				throw new VisitFailed(`session ${id} stuck at ${step}: ${view.error ?? ''}`);
			}
			if (++state.steps > MAX_STEPS) throw new VisitFailed(`session ${id} took ${MAX_STEPS} steps, now at ${step}: ${view.error ?? ''}`);
			const d = plan ? decide(view, plan, v) : orphan(view);
			if (d === 'wait') {
				view = (await stream.next(WAIT_MS)) ?? (await api.read<View>(`/api/sessions/${id}`));
				continue;
			}
			if ('done' in d) return plan ? completed(id, windowNo, plan, view, v.cardAttempts) : null;
			try {
				if ('act' in d) {
					await d.act();
					view = await api.read<View>(`/api/sessions/${id}`);
				} else {
					stream.forget();
					view = await api.json<View>('POST', `/api/sessions/${id}`, d.send);
				}
			} catch (e) {
				// Refused as out of date (409), or the answer was lost with the server: read the screen again.
				if (!(e instanceof ConnectionLost) && !(e instanceof HttpError && e.status === 409)) throw e;
				view = await api.read<View>(`/api/sessions/${id}`);
			}
		}
	} finally {
		await stream.close();
	}
}

function completed(id: string, windowNo: number, plan: Plan, view: View, attempts: number): Completed {
	const o = view.outcome as {
		outcome: string;
		channel: Channel | null;
		amountFen: number | null;
		voucherNo?: string | null;
		vouchers?: { voucherNo: string }[];
	} | null;
	if (o?.outcome !== 'done' || o.amountFen === null || !o.channel) throw new VisitFailed(`session ${id} ended ${JSON.stringify(o)}: ${view.error ?? ''}`);
	const vouchers = o.vouchers ? o.vouchers.map((v) => v.voucherNo) : o.voucherNo ? [o.voucherNo] : [];
	return { sessionId: id, windowNo, plan, channel: o.channel, amountFen: o.amountFen, vouchers, retries: Math.max(0, attempts - 1) };
}

function ended(view: View): boolean {
	if (view.status === 'active') return false;
	if (view.status === 'done') return true;
	throw new VisitFailed(`session ${view.id} is ${view.status} at ${view.step}: ${view.error ?? ''}`);
}

interface Visit {
	api: Api;
	devices: Devices;
	cardAttempts: number;
}

function decide(view: View, plan: Plan, v: Visit): Decision {
	if (ended(view)) return { done: true };
	if (['failed', 'escalated'].includes(view.step)) throw new VisitFailed(`session ${view.id} at ${view.step}: ${view.error ?? ''}`);
	if (plan.kind === 'unit') return unitStep(view as SessionScreen, plan, v);
	if (plan.kind === 'individual') return individualStep(view as IndividualSessionScreen, plan, v);
	return collectorStep(view as CollectorBatchScreen, plan, v);
}

function unitStep(view: SessionScreen, plan: Extract<Plan, { kind: 'unit' }>, v: Visit): Decision {
	if (view.step === 'declaring' && view.child?.step === 'selecting') {
		const d = view.child as DeclarationScreen;
		const off = d.selected.find((id) => !plan.dueIds.includes(id));
		if (off !== undefined) return { send: { type: 'TOGGLE_DUE', dueId: off } };
		const on = plan.dueIds.find((id) => !d.selected.includes(id));
		if (on !== undefined) return { send: { type: 'TOGGLE_DUE', dueId: on } };
		return { send: { type: 'SUBMIT' } };
	}
	if (view.step === 'paying' && view.child) return paymentStep(view.child as PaymentScreen, plan.channel, v);
	if (view.step === 'receipt' && view.child) return receiptStep(view.id, view.child as ReceiptScreen, { type: 'FINISH' }, v);
	return 'wait';
}

function individualStep(view: IndividualSessionScreen, plan: Extract<Plan, { kind: 'individual' }>, v: Visit): Decision {
	if (view.step === 'gathering') {
		const missing = plan.persons.find((p) => !view.persons.some((m) => m.payer.identifier === p.idNumber));
		if (missing) return { send: { type: 'FIND_PERSON', idNumber: missing.idNumber, name: missing.name, source: 'typed' } };
		const unchosen = view.persons.find((m) => !m.selection.medical);
		if (unchosen) return { send: { type: 'TOGGLE_ITEM', payerId: unchosen.payer.id, item: 'medical' } };
		return { send: { type: 'SUBMIT' } };
	}
	if (view.step === 'declareFailed' || view.step === 'voidFailed') return { send: { type: 'RETRY' } };
	if (view.step === 'paying' && view.child) return paymentStep(view.child as PaymentScreen, plan.channel, v);
	if (view.step === 'receipts' && view.child) {
		const last = !view.receipt || view.receipt.index >= view.receipt.of - 1;
		return receiptStep(view.id, view.child as ReceiptScreen, { type: last ? 'FINISH' : 'NEXT' }, v);
	}
	return 'wait';
}

function collectorStep(view: CollectorBatchScreen, plan: Extract<Plan, { kind: 'collector' }>, v: Visit): Decision {
	const { api } = v;
	switch (view.step) {
		case 'waitingList':
			return {
				act: async () => {
					const body = new FormData();
					body.set('file', new File([plan.list as BlobPart], `${plan.collector}.csv`, { type: 'text/csv' }));
					const r = await api.form(`/counter/collectors/${view.id}?/upload`, body);
					if (r.status >= 400) throw new HttpError(r.status, `upload refused: ${r.status} ${r.text.slice(0, 200)}`);
				}
			};
		case 'checkFailed':
			return { send: { type: 'RETRY' } };
		case 'report':
			if (view.upload?.good !== plan.rows || view.upload.bad !== 0) throw new VisitFailed(`batch ${view.id}: ${JSON.stringify(view.upload)}`);
			return { send: { type: 'PAY' } };
		case 'breach':
			throw new VisitFailed(`batch ${view.id} breaches the county's limits`);
		case 'paying':
			return view.child ? paymentStep(view.child, plan.channel, v) : 'wait';
		case 'printing.summaryFailed':
		case 'printing.registerFailed':
			return { act: () => v.devices.loadPaper().then(() => send(api, view.id, { type: 'RETRY' })) };
		case 'printing.ready':
			return { send: { type: 'FINISH' } };
		default:
			return 'wait';
	}
}

function paymentStep(p: PaymentScreen, channel: Channel, v: Visit): Decision {
	switch (p.step) {
		case 'choosing.ready':
			if (++v.cardAttempts > MAX_CARD_ATTEMPTS) throw new VisitFailed(`gave up after ${MAX_CARD_ATTEMPTS} attempts to pay ${p.declaration.declarationNo}`);
			return { send: { type: 'CHOOSE', channel } };
		case 'cash.tendering':
			return { send: { type: 'TENDER', amount: formatYuan(tenderFor(p.declaration.totalFen)).replaceAll(',', '') } };
		// After a restart the drawer is not opened twice: the clerk checks the cash is in it and confirms it closed.
		case 'cash.drawerProblem':
			return { send: { type: 'DRAWER_CLOSED' } };
		case 'recordFailed':
		case 'moneyHeld.holdFailed':
			return { send: { type: 'RETRY' } };
		default:
			if (p.waitsOnSupervisor) throw new VisitFailed(`payment of ${p.declaration.declarationNo} waits on a supervisor at ${p.step}`);
			return 'wait';
	}
}

function receiptStep(id: string, r: ReceiptScreen, next: { type: string }, v: Visit): Decision {
	if (r.step === 'printed') return { send: next };
	if (r.step === 'paperOut') return { act: () => v.devices.loadPaper().then(() => send(v.api, id, { type: 'PAPER_LOADED' })) };
	if (r.step === 'failed') return { send: { type: 'RETRY' } };
	return 'wait';
}

/** An open session no client knew of (its start's answer was lost with the server): cancelled if nothing moved, else driven on. */
function orphan(view: View): Decision {
	if (ended(view)) return { done: true };
	if (view.moneyMoving) throw new VisitFailed(`an unknown session ${view.id} has money moving at ${view.step}`);
	return { send: { type: 'CANCEL' } };
}
