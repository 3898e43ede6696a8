// 自助终端: the holder's own card on the reader → their booked payments → 《社会保险费缴费证明》 or
// 《社会保险费缴费记录》 of a year → print → take the paper → the attract screen again. The visit
// clears itself when the card is removed, after the idle time-out, and after printing.
import { describe, expect, it } from 'vitest';
import { createActor, type AnyMachineSnapshot } from 'xstate';
import {
	KIOSK_TEXTS,
	kioskJobId,
	kioskPeriod,
	kioskSessionMachine,
	type IndividualCertificatePayment,
	type KioskSessionContext,
	type PrintKioskDocumentInput
} from '../../state-machines';
import { Fakes, actorNames, done, failed, flush, pathModel, pathName, runPath, withFakes, type AnyEvent } from './harness';

const SESSION = 'K01-20261120-0a1b2c3d';
const KIOSK = 'K01';
const IDLE_MS = 60_000;
const ACTORS = ['printKioskDocument', 'readHolder'];
const TODAY = '2026-11-20';
const HOLDER = { payerId: 9, name: '张三', maskedId: '140105********1234' };

function payment(voucherNo: string, paidOn: string, bookedOn: string | null): IndividualCertificatePayment {
	return {
		voucherNo,
		channel: 'pos',
		paidOn,
		bookedOn,
		bookingDueOn: bookedOn ?? '2026-11-25',
		amountFen: 30000,
		items: [{ name: '城乡居民基本养老保险', periodFrom: `${paidOn.slice(0, 4)}-01-01`, periodTo: `${paidOn.slice(0, 4)}-12-31`, amountFen: 30000 }]
	};
}

const BOOKED_2025 = payment('314010250300000001', '2025-03-10', '2025-03-13');
const BOOKED_2026 = payment('314010260300000002', '2026-03-10', '2026-03-13');
const WAITING_2026 = payment('314010261100000003', '2026-11-20', null);
const PAYMENTS = [BOOKED_2025, BOOKED_2026, WAITING_2026];
const FOUND = { outcome: 'found', holder: HOLDER, payments: PAYMENTS, today: TODAY };
const PRINTED = { certificateNo: 'JL2026-000001', verificationCode: 'AAAA-BBBB-CCCC-DDDD', reprint: false };

const EVENTS: AnyEvent[] = [
	{ type: 'CARD_PLACED' },
	{ type: 'CARD_REMOVED' },
	{ type: 'CHOOSE', kind: 'record', year: 2026 },
	{ type: 'CHOOSE', kind: 'proof', year: 2025 },
	// 2024 has no payment at all; 2026's one unbooked payment alone would not be choosable either.
	{ type: 'CHOOSE', kind: 'proof', year: 2024 },
	done('readHolder', FOUND),
	done('readHolder', { outcome: 'unknown', code: 'NOT_AN_INDIVIDUAL', message: KIOSK_TEXTS.notFound }),
	failed('readHolder', { code: 'UPSTREAM_TIMEOUT', message: '核心征管系统未应答' }),
	done('printKioskDocument', PRINTED),
	failed('printKioskDocument', { code: 'PAPER_OUT', message: '打印机缺纸' })
];

const ctx = (s: AnyMachineSnapshot) => s.context as KioskSessionContext;

const model = pathModel(kioskSessionMachine, {
	input: { sessionId: SESSION, kioskId: KIOSK, idleMs: IDLE_MS },
	events: EVENTS,
	// One visit, and one retry of a print, are enough to walk every step and every way out of it.
	filterEvents: (state, event) => {
		const c = ctx(state);
		if (event.type === 'CARD_PLACED') return c.visit === 0;
		if (event.type === 'PRINT') return c.job === 0;
		return true;
	}
});

function start(fakes: Fakes) {
	return createActor(withFakes(kioskSessionMachine, fakes, ACTORS), { input: { sessionId: SESSION, kioskId: KIOSK, idleMs: IDLE_MS } });
}

/** Nothing of a holder is kept on the attract screen, whatever path led there. */
const nobodyShown = (real: AnyMachineSnapshot) => {
	const c = ctx(real);
	expect(c.holder).toBeNull();
	expect(c.payments).toEqual([]);
	expect(c.choice).toBeNull();
	expect(c.printed).toBeNull();
	expect(JSON.stringify(c)).not.toContain(HOLDER.name);
};

const checks = {
	attract: nobodyShown,
	farewell: nobodyShown,
	printed: (real: AnyMachineSnapshot) => {
		// After printing only the document's number is left, for the "take your paper" screen.
		expect(ctx(real).printed).toMatchObject({ certificateNo: PRINTED.certificateNo });
		expect(ctx(real).holder).toBeNull();
		expect(JSON.stringify(ctx(real))).not.toContain(HOLDER.name);
	},
	reading: (real: AnyMachineSnapshot, _m: AnyMachineSnapshot, fakes: Fakes) => {
		// The holder is whoever's card the server reads: the call carries the kiosk, never a number.
		expect(fakes.last('readHolder')).toEqual({ kioskId: KIOSK, visit: ctx(real).visit });
	},
	printing: (real: AnyMachineSnapshot, _m: AnyMachineSnapshot, fakes: Fakes) => {
		const c = ctx(real);
		const call = fakes.last<PrintKioskDocumentInput>('printKioskDocument');
		const year = c.choice!.year;
		expect(call).toEqual({
			jobId: kioskJobId(SESSION, 1, c.job),
			kioskId: KIOSK,
			kind: c.choice!.kind,
			payerId: HOLDER.payerId,
			...kioskPeriod(year, TODAY),
			// Only the booked payments of that year: the one waiting for 入库销号 is never printed.
			voucherNos: [year === 2025 ? BOOKED_2025.voucherNo : BOOKED_2026.voucherNo]
		});
	}
};

describe('kiosk session: path model', () => {
	const paths = model.getShortestPaths();

	it('declares its actors by name', () => {
		expect(actorNames(kioskSessionMachine)).toEqual(ACTORS);
	});

	it('walks every step, and from every step a removed card leads back to attract', () => {
		const states = ['reading', 'notFound', 'readFailed', 'browsing', 'confirming', 'printing', 'printFailed', 'printed', 'farewell'];
		const steps = paths.flatMap((p) => p.steps.map((s, i) => ({ s, prev: i > 0 ? p.steps[i - 1].state : null })));
		for (const state of states) {
			expect(
				steps.some(({ s }) => s.state.matches(state as never)),
				state
			).toBe(true);
			if (state === 'printing') continue;
			const removedFrom = steps.some(({ s, prev }) => prev?.matches(state as never) && s.event.type === 'CARD_REMOVED' && s.state.matches('attract'));
			expect(removedFrom, `card removed at ${state}`).toBe(true);
		}
	});

	it('times out to attract from every step that waits on a person', () => {
		const waiting = ['notFound', 'readFailed', 'browsing', 'confirming', 'printFailed', 'printed', 'farewell'];
		const steps = paths.flatMap((p) => p.steps.map((s, i) => ({ s, prev: i > 0 ? p.steps[i - 1].state : null })));
		for (const state of waiting) {
			const timedOut = steps.some(({ s, prev }) => prev?.matches(state as never) && s.event.type.startsWith('xstate.after.') && s.state.matches('attract'));
			expect(timedOut, `idle at ${state}`).toBe(true);
		}
	});

	for (const path of paths) {
		it(pathName(path), async () => {
			await runPath(path, start, checks);
		});
	}
});

describe('kiosk session: rules beyond the paths', () => {
	async function browsing(fakes = new Fakes()) {
		fakes.respond('readHolder', () => FOUND);
		const actor = start(fakes).start();
		actor.send({ type: 'CARD_PLACED' });
		await flush();
		expect(actor.getSnapshot().value).toBe('browsing');
		return { actor, fakes };
	}

	it('a year with no booked payment cannot be chosen, and says so', async () => {
		const { actor } = await browsing(new Fakes());
		actor.send({ type: 'CHOOSE', kind: 'proof', year: 2024 });
		expect(actor.getSnapshot().value).toBe('browsing');
		expect(actor.getSnapshot().context.error).toEqual({ code: 'NOT_BOOKED', message: KIOSK_TEXTS.nothingBooked(2024) });
		actor.stop();
	});

	it('a card removed while printing lets the paper come out, then clears the visit', async () => {
		const { actor, fakes } = await browsing();
		actor.send({ type: 'CHOOSE', kind: 'record', year: 2026 });
		actor.send({ type: 'PRINT' });
		actor.send({ type: 'CARD_REMOVED' });
		expect(actor.getSnapshot().value).toBe('printing');
		await fakes.settle('printKioskDocument', PRINTED);
		expect(actor.getSnapshot().value).toBe('attract');
		expect(actor.getSnapshot().context.holder).toBeNull();
		actor.stop();
	});

	it('a failed print is retried under the same job (the copy is then marked 补打 by the printer side); a new document takes a new job', async () => {
		const { actor, fakes } = await browsing();
		actor.send({ type: 'CHOOSE', kind: 'proof', year: 2025 });
		actor.send({ type: 'PRINT' });
		await fakes.fail('printKioskDocument', { code: 'PAPER_OUT', message: '打印机缺纸' });
		expect(actor.getSnapshot().context.error).toEqual({ code: 'PAPER_OUT', message: '打印机缺纸' });
		actor.send({ type: 'RETRY' });
		await fakes.settle('printKioskDocument', { ...PRINTED, reprint: true });
		const jobs = fakes.all<PrintKioskDocumentInput>('printKioskDocument').map((c) => c.jobId);
		expect(jobs).toEqual([kioskJobId(SESSION, 1, 0), kioskJobId(SESSION, 1, 0)]);
		expect(actor.getSnapshot().context.printed).toEqual({ kind: 'proof', certificateNo: PRINTED.certificateNo, reprint: true });
		actor.stop();
	});

	it('the idle time-out is the configured one: a touch starts it again', async () => {
		const fakes = new Fakes().respond('readHolder', () => FOUND);
		const actor = createActor(withFakes(kioskSessionMachine, fakes, ACTORS), { input: { sessionId: SESSION, kioskId: KIOSK, idleMs: 40 } }).start();
		actor.send({ type: 'CARD_PLACED' });
		await flush();
		await new Promise((r) => setTimeout(r, 25));
		actor.send({ type: 'TOUCH' });
		await new Promise((r) => setTimeout(r, 25));
		expect(actor.getSnapshot().value).toBe('browsing');
		await new Promise((r) => setTimeout(r, 40));
		expect(actor.getSnapshot().value).toBe('attract');
		expect(actor.getSnapshot().context.holder).toBeNull();
		actor.stop();
	});

	it('the period of a year runs to today in the current year', () => {
		expect(kioskPeriod(2025, TODAY)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
		expect(kioskPeriod(2026, TODAY)).toEqual({ from: '2026-01-01', to: TODAY });
	});
});
