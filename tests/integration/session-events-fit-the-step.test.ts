// What the clerk's screen sends a window session is checked twice before it arrives: its shape by
// the event schema (an unknown type is refused, 400), and whether the session's current step takes
// it (an event of the right shape at the wrong moment is refused in Chinese, 409, and changes nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { at, until } from './sessions/flow-helpers';
import { checkInput } from '../../src/lib/server/http/read-input';
import { sessionEventSchema } from '../../src/lib/server/sessions/session-events';
import { sendEvent, startCounterSession, WindowSessionError } from '../../src/lib/server/services/window-sessions';
import type { SignedInClerk } from '../../src/lib/server/auth/auth-service';
import { clerkOperator } from '../../src/lib/server/auth/operator';
import { openShift } from '../../src/lib/server/services/shifts';

describe('a session event is refused unless the current step takes it', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	let clerk: SignedInClerk;
	let id: string;

	beforeAll(async () => {
		rt = await tempRuntime();
		const signedIn = await rt.auth.signIn('clerk01', 'demo1234', 3);
		if (!signedIn.ok) throw new Error(signedIn.message);
		clerk = signedIn.clerk;
		openShift(rt.services.shifts, clerk, {});
		const [payer] = await rt.upstream.coreTax.findPayers({ by: 'name', value: '太原示例机械制造有限公司' }, 1);
		id = await startCounterSession(rt, clerkOperator(clerk), payer.id);
		await until(rt, id, at('declaring', 'selecting'));
	});
	afterAll(() => rt.dispose());

	const event = (fields: Record<string, unknown>) => {
		const r = checkInput(sessionEventSchema, fields);
		if (!r.ok) throw new Error(r.message);
		return r.data;
	};
	const snapshot = () => (rt.journal.prepare('SELECT snapshot FROM window_sessions WHERE id = ?').get(id) as { snapshot: string }).snapshot;

	it('refuses an unknown event type by its name, before any session sees it', () => {
		const r = checkInput(sessionEventSchema, { type: 'SUPERVISOR_OVERRIDE' });
		expect(r).toEqual({ ok: false, status: 400, message: '操作：不支持的操作“SUPERVISOR_OVERRIDE”' });
	});

	it('refuses events of the right shape that the step does not take, in Chinese, and keeps the session as it was', () => {
		const before = snapshot();
		for (const fields of [
			{ type: 'TENDER', amount: '100' },
			{ type: 'CHOOSE', channel: 'cash' },
			{ type: 'FINISH' },
			{ type: 'PAPER_LOADED' },
			{ type: 'ISSUE' }
		]) {
			let refusal: unknown;
			try {
				sendEvent(rt, clerkOperator(clerk), id, event(fields));
			} catch (e) {
				refusal = e;
			}
			expect(refusal, fields.type).toBeInstanceOf(WindowSessionError);
			expect((refusal as WindowSessionError).status).toBe(409);
			expect((refusal as WindowSessionError).message).toMatch(/当前步骤不能进行此操作/);
		}
		expect(snapshot()).toBe(before);
		expect(rt.sessions.get(id)!.getSnapshot().children.declaration.getSnapshot().value).toBe('selecting');
	});

	it('passes the events the step takes, forwarded to the step that takes them', async () => {
		const v = await until(rt, id, at('declaring', 'selecting'));
		const due = (v.child!.context.dues as { id: number; state: string }[]).find((d) => d.state === 'open')!;
		sendEvent(rt, clerkOperator(clerk), id, event({ type: 'TOGGLE_DUE', dueId: String(due.id) }));
		expect((rt.sessions.get(id)!.getSnapshot().children.declaration.getSnapshot().context as { selected: number[] }).selected).toContain(due.id);
	});
});
