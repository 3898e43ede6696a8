import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRuntime } from '../temp-runtime';
import { COUNTER_SESSION } from '../../../src/lib/server/sessions/counter-session-kind';
import { at, until } from './flow-helpers';
import { receiptLines } from '../../../drivers';
import { testOperator } from '../test-operator';

describe('window session: an enterprise declares its regular dues and pays by card', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	beforeAll(async () => {
		rt = await tempRuntime();
	});
	afterAll(() => rt.dispose());

	it('walks link → declare → card → receipt, and the journal holds every step', async () => {
		const [payer] = await rt.upstream.coreTax.findPayers({ by: 'name', value: '太原示例机械制造有限公司' }, 1);
		const id = 's-card-1';
		rt.sessions.start(COUNTER_SESSION, id, testOperator(3, 1), { sessionId: id, today: rt.clock.today(), windowNo: '3', clerkId: '1' });
		rt.sessions.send(id, { type: 'PAYER_PICKED', payer } as never);
		let v = await until(rt, id, at('declaring', 'selecting'));
		const dues = v.child!.context.dues as { id: number; kind: string; periodFrom: string; state: string }[];
		const november = dues.filter((d) => d.kind === 'regular' && d.periodFrom === '2026-11-01' && d.state === 'open');
		expect(november.length).toBe(4);
		for (const d of november) rt.sessions.send(id, { type: 'TOGGLE_DUE', dueId: d.id } as never);
		rt.sessions.send(id, { type: 'SUBMIT' });
		v = await until(rt, id, at('paying', 'choosing.ready'));
		rt.sessions.send(id, { type: 'CHOOSE', channel: 'pos' } as never);
		v = await until(rt, id, at('receipt'));
		v = await until(rt, id, (x) => x.child?.step === 'printed');

		const payments = await rt.upstream.coreTax.paymentsOf(payer.id);
		const paid = payments.find((p) => p.paidOn === '2026-11-20')!;
		expect(paid.channel).toBe('pos');
		const printout = rt.devices.simulated!.printer.printed().at(-1)!;
		const text = receiptLines(printout.receipt).join('\n');
		expect(text).toContain('太原示例机械制造有限公司');
		expect(text).toContain(paid.voucherNo);
		expect(rt.devices.simulated!.pos.transactions().filter((t) => t.state === 'approved')).toHaveLength(1);

		const row = rt.journal.prepare('SELECT status, snapshot FROM window_sessions WHERE id = ?').get(id) as { status: string; snapshot: string };
		expect(JSON.parse(row.snapshot).children.receiptPrint).toBeTruthy();
		rt.sessions.send(id, { type: 'FINISH' });
		expect((rt.journal.prepare('SELECT status FROM window_sessions WHERE id = ?').get(id) as { status: string }).status).toBe('done');
	});
});
