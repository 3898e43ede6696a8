import { createActor, waitFor } from 'xstate';
import type { Runtime } from '../../src/lib/server/runtime';
import type { Payer } from '../../src/lib/domain/payer';
import { individualCertificateActors } from '../../src/lib/server/sessions/individual-certificate-actors';

/** A demo flexible employee whose this month's dues the tests declare and pay. */
export const FLEXIBLE = '宋建国（演示）';

export async function payerNamed(rt: Runtime, name = FLEXIBLE): Promise<Payer> {
	const [p] = await rt.upstream.coreTax.findPayers({ by: 'name', value: name }, 1);
	if (p?.name !== name) throw new Error(`no demo payer ${name}`);
	return p;
}

/** Declares the person's open dues of this month and pays them in cash, as the simulator takes it; answers the payment. */
export async function payThisMonth(rt: Runtime, payer: Payer) {
	const today = rt.clock.today();
	const dues = (await rt.upstream.agencyFeed.assessedDuesOf(payer)).filter((d) => d.state === 'open' && d.periodFrom.startsWith(today.slice(0, 7)));
	if (dues.length === 0) throw new Error(`${payer.name} has no open dues this month`);
	const d = await rt.upstream.coreTax.declare({ key: `t:${payer.id}:declare:${today}`, payerId: payer.id, dueIds: dues.map((x) => x.id), today });
	return rt.upstream.coreTax.recordPayment({
		key: `t:${payer.id}:pay:${today}`,
		declarationNo: d.declarationNo,
		channel: 'cash',
		amountFen: d.totalFen,
		paidOn: today,
		details: {}
	});
}

/** The demo's 模拟入库销号 as of a day. */
export function bookAsOf(rt: Runtime, day: string) {
	return rt.services.demo.booking!.bookPayments(day);
}

let sessions = 0;

/** A window session row for the journal's intents to belong to; answers its id. */
export function windowSession(rt: Runtime): string {
	const id = `W3-${rt.clock.today().replaceAll('-', '')}-ic${String(++sessions).padStart(6, '0')}`;
	const clerk = rt.journal.prepare(`SELECT id FROM clerks WHERE login = 'clerk01'`).get() as { id: number };
	const at = rt.clock.now().toISOString();
	rt.journal
		.prepare(
			`INSERT INTO window_sessions (id, window_no, clerk_id, machine, snapshot, status, started_at, updated_at) VALUES (?, 3, ?, 'test', '{}', 'done', ?, ?)`
		)
		.run(id, clerk.id, at, at);
	return id;
}

/** The certificate step with the runtime's real actors, for the person, in a session of its own. */
export async function certificateStep(rt: Runtime, payer: Payer) {
	const machine = individualCertificateActors({ ...rt, certificateKey: rt.config.certificateKey });
	const actor = createActor(machine, { input: { sessionId: windowSession(rt), payer, today: rt.clock.today() } }).start();
	await waitFor(actor, (s) => s.matches('selecting'), { timeout: 5000 });
	return actor;
}
