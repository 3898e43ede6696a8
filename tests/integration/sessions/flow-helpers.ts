import type { Runtime } from '../../../src/lib/server/runtime';
import type { SessionView } from '../../../src/lib/server/sessions/session-view';
import { atStep, waitForView } from '../../../src/lib/server/sessions/wait-for-view';
import { startCounterSession } from '../../../src/lib/server/services/window-sessions';
import type { SignedInClerk } from '../../../src/lib/server/auth/auth-service';
import { clerkOperator } from '../../../src/lib/server/auth/operator';

/** Waits until the window session shows the wanted step (of the session or its active child). */
export const until = (rt: Runtime, id: string, want: (v: SessionView) => boolean, timeout = 5000) => waitForView(rt.sessions, id, want, timeout);

export const at = atStep;

export type Rt = Runtime;
/** The demo enterprise whose November dues the counter tests declare. */
export const PAYER = '太原示例机械制造有限公司';

/** A demo clerk (or supervisor) signed in at a window, as the session table would have it, in a shift opened with an empty float. */
export function clerkAt(rt: Pick<Rt, 'journal' | 'shifts' | 'clock'>, login: string, windowNo: number): SignedInClerk {
	const c = rt.journal.prepare('SELECT id, display_name AS displayName, role FROM clerks WHERE login = ?').get(login) as {
		id: number;
		displayName: string;
		role: 'clerk' | 'supervisor';
	};
	// A test that moves clerks between windows closes what stands in the way, counted as nothing (the shift tests close for real).
	const at = rt.clock.now().toISOString();
	for (const s of [rt.shifts.openAt(windowNo), rt.shifts.openOf(c.id)]) {
		if (s && !(s.clerkId === c.id && s.windowNo === windowNo)) {
			rt.shifts.close(s.id, { closedAt: at, count: {}, countedFen: 0, expectedFen: 0, varianceFen: 0, reason: null, signedOffBy: s.clerkId, z: null as never });
		}
	}
	if (rt.shifts.openAt(windowNo)?.clerkId !== c.id) {
		rt.shifts.open({ clerkId: c.id, windowNo, businessDate: rt.clock.today(), openedAt: rt.clock.now().toISOString(), count: {}, openingFen: 0 });
	}
	return { clerkId: c.id, login, displayName: c.displayName, role: c.role, windowNo, expiresAt: '2099-01-01T00:00:00.000Z' };
}

export async function payerId(rt: Rt, name = PAYER): Promise<number> {
	const [p] = await rt.upstream.coreTax.findPayers({ by: 'name', value: name }, 1);
	return p.id;
}

/** Window A's visit: declares this month's regular dues (of `payer`, by name) and stands at the channel choice. */
export async function declareAt(rt: Rt, clerk: SignedInClerk, payer = PAYER): Promise<{ id: string; declarationNo: string; totalFen: number }> {
	const id = await startCounterSession(rt, clerkOperator(clerk), await payerId(rt, payer));
	const v = await until(rt, id, at('declaring', 'selecting'));
	const dues = v.child!.context.dues as { id: number; kind: string; periodFrom: string; state: string }[];
	for (const d of dues.filter((d) => d.kind === 'regular' && d.periodFrom === '2026-11-01' && d.state === 'open')) {
		rt.sessions.send(id, { type: 'TOGGLE_DUE', dueId: d.id } as never);
	}
	rt.sessions.send(id, { type: 'SUBMIT' });
	const paying = await until(rt, id, at('paying', 'choosing.ready'));
	const declaration = paying.child!.context.declaration as { declarationNo: string; totalFen: number };
	return { id, ...declaration };
}

/** A visit declared at the clerk's window and paid by card on the simulated POS, standing at its receipt. */
export async function paidByCard(rt: Rt, clerk: SignedInClerk, payer = PAYER) {
	const d = await declareAt(rt, clerk, payer);
	rt.sessions.send(d.id, { type: 'CHOOSE', channel: 'pos' } as never);
	await until(rt, d.id, at('receipt'));
	return d;
}

/** Window B's visit to the same payer, at the list of unpaid declarations. */
export async function openAt(rt: Rt, clerk: SignedInClerk): Promise<string> {
	const id = await startCounterSession(rt, clerkOperator(clerk), await payerId(rt));
	await until(rt, id, at('declaring', 'selecting'));
	return id;
}
