// Issue 8, item 1: one session host for several kinds of session, each registered by machine name
// with its machine, its real actors and its screen. A restart restores the sessions of every kind
// at their steps, children included, and they carry on; a saved session of a kind this terminal
// does not run is left as it is, and the terminal still starts.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assign, fromPromise, sendTo, setup, type AnyActorRef } from 'xstate';
import { tempRuntime } from '../temp-runtime';
import { restartOver } from '../crash-image';
import { at, clerkAt, declareAt, until } from './flow-helpers';
import { stateName } from '../../../src/lib/server/sessions/session-view';
import type { SessionKind } from '../../../src/lib/server/sessions/session-host';
import { COUNTER_SESSION } from '../../../src/lib/server/sessions/counter-session-kind';
import { testOperator } from '../test-operator';

// A second kind, as the next flows will bring one: a collector's batch whose slips are counted in
// a child machine, then sealed by an actor of the server's, persisted like the counter session.
type TallyEvent = { type: 'SLIP' } | { type: 'CLOSE' };
const tallyMachine = setup({ types: { context: {} as { slips: number }, events: {} as TallyEvent, output: {} as { slips: number } } }).createMachine({
	id: 'tally',
	context: { slips: 0 },
	initial: 'counting',
	states: {
		counting: { on: { SLIP: { actions: assign({ slips: ({ context }) => context.slips + 1 }) }, CLOSE: 'closed' } },
		closed: { type: 'final' }
	},
	output: ({ context }) => ({ slips: context.slips })
});

const batchMachine = setup({
	types: {
		input: {} as { batchNo: string },
		context: {} as { batchNo: string; slips: number; seal: string | null },
		events: {} as TallyEvent,
		output: {} as { outcome: 'done'; seal: string }
	},
	actors: {
		tally: tallyMachine,
		sealBatch: fromPromise<string, { batchNo: string; slips: number }>(async () => {
			throw new Error('sealBatch is provided by the server');
		})
	}
}).createMachine({
	id: 'collectorBatch',
	context: ({ input }) => ({ batchNo: input.batchNo, slips: 0, seal: null }),
	initial: 'tallying',
	states: {
		tallying: {
			invoke: {
				id: 'tally',
				src: 'tally',
				onDone: { target: 'sealing', actions: assign({ slips: ({ event }) => event.output.slips }) }
			},
			on: { SLIP: { actions: sendTo('tally', ({ event }) => event) }, CLOSE: { actions: sendTo('tally', ({ event }) => event) } }
		},
		sealing: {
			invoke: {
				id: 'sealBatch',
				src: 'sealBatch',
				input: ({ context }) => ({ batchNo: context.batchNo, slips: context.slips }),
				onDone: { target: 'sealed', actions: assign({ seal: ({ event }) => event.output }) }
			}
		},
		sealed: { type: 'final' }
	},
	output: ({ context }) => ({ outcome: 'done', seal: context.seal! })
});

// Not the terminal's own collector batch (COLLECTOR_BATCH): a kind only this test registers.
const BATCH = 'tally-batch';
/** The batches this "server" sealed, in order. */
const sealed: string[] = [];

interface BatchScreen {
	step: string;
	slips: number;
	tally: { step: string; slips: number } | null;
}

const batchKind = {
	machine: batchMachine.provide({
		actors: {
			sealBatch: fromPromise<string, { batchNo: string; slips: number }>(async ({ input }) => {
				sealed.push(`${input.batchNo}/${input.slips}`);
				return `SEAL-${input.batchNo}`;
			})
		}
	}),
	screen(_id: string, actor: AnyActorRef): BatchScreen {
		const snap = actor.getSnapshot();
		const tally = snap.children.tally?.getSnapshot();
		return {
			step: stateName(snap.value),
			slips: snap.context.slips,
			tally: tally ? { step: stateName(tally.value), slips: tally.context.slips } : null
		};
	}
} satisfies SessionKind;

const withBatches = { extraKinds: { [BATCH]: batchKind } };

type Started = { dispose(): Promise<void> };

describe('every kind of session is restored after one restart', () => {
	const started: Started[] = [];
	afterEach(async () => {
		vi.restoreAllMocks();
		sealed.length = 0;
		for (const rt of started.splice(0)) await rt.dispose();
	});

	it('restores a counter session and a collector batch at their steps, children included, and both carry on', async () => {
		const before = await tempRuntime({}, undefined, withBatches);
		const visit = await declareAt(before, clerkAt(before, 'clerk01', 3));
		before.sessions.start(BATCH, 'B1-20261120-0001', testOperator(5, 1), { batchNo: 'B0001' });
		before.sessions.send('B1-20261120-0001', { type: 'SLIP' });
		before.sessions.send('B1-20261120-0001', { type: 'SLIP' });
		expect(before.sessions.screen(BATCH, 'B1-20261120-0001')).toEqual({ step: 'tallying', slips: 0, tally: { step: 'counting', slips: 2 } });
		expect(before.sessions.active().map((r) => r.machine)).toEqual([COUNTER_SESSION, BATCH]);
		await before.close();

		const after = await restartOver(before.dir, withBatches);
		started.push(after);
		// Both are live again, each at its own step, and each kind's screen reads its own session.
		expect(after.sessions.screen(BATCH, 'B1-20261120-0001')).toEqual({ step: 'tallying', slips: 0, tally: { step: 'counting', slips: 2 } });
		expect(after.sessions.screen(BATCH, visit.id)).toBeNull();
		const counter = after.sessions.screen(COUNTER_SESSION, visit.id);
		expect(counter).toMatchObject({ step: 'paying', child: { id: 'payment', step: 'choosing.ready', declaration: { declarationNo: visit.declarationNo } } });
		expect(after.sessions.screen(COUNTER_SESSION, 'B1-20261120-0001')).toBeNull();

		// The batch carries on from where it was and its server actor seals it once.
		after.sessions.send('B1-20261120-0001', { type: 'SLIP' });
		after.sessions.send('B1-20261120-0001', { type: 'CLOSE' });
		await expect.poll(() => after.sessions.row('B1-20261120-0001')?.status).toBe('done');
		expect(sealed).toEqual(['B0001/3']);
		expect(JSON.parse(after.sessions.row('B1-20261120-0001')!.snapshot).output).toEqual({ outcome: 'done', seal: 'SEAL-B0001' });

		// The counter session takes its card payment and prints its receipt.
		after.sessions.send(visit.id, { type: 'CHOOSE', channel: 'pos' } as never);
		await until(after, visit.id, (v) => v.step === 'receipt' && v.child?.step === 'printed');
		after.sessions.send(visit.id, { type: 'FINISH' });
		await expect.poll(() => after.sessions.row(visit.id)?.status).toBe('done');
		expect(after.ledger.ofSession(visit.id)).toMatchObject([{ kind: 'card_sale', amountFen: visit.totalFen }]);
	});

	it('leaves a saved session of a kind this terminal does not run as it is, with a warning, and still starts', async () => {
		const before = await tempRuntime({}, undefined, withBatches);
		before.sessions.start(BATCH, 'B1-20261120-0002', testOperator(5, 1), { batchNo: 'B0002' });
		before.sessions.send('B1-20261120-0002', { type: 'SLIP' });
		const visit = await declareAt(before, clerkAt(before, 'clerk01', 3));
		await before.close();
		const saved = () => {
			const db = new Database(join(before.dir, 'terminal.db'), { readonly: true });
			try {
				return db.prepare('SELECT machine, snapshot, status, updated_at AS updatedAt FROM window_sessions WHERE id = ?').get('B1-20261120-0002');
			} finally {
				db.close();
			}
		};
		const left = saved();

		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const without = await restartOver(before.dir);
		// The counter session is restored; the batch is not hosted, and its row is untouched.
		await until(without, visit.id, at('paying', 'choosing.ready'));
		expect(without.sessions.get('B1-20261120-0002')).toBeNull();
		expect(without.sessions.active().map((r) => r.id)).toEqual([visit.id]);
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('B1-20261120-0002'));
		expect(warn.mock.calls.flat().join('\n')).toContain(BATCH);
		await without.close();
		expect(saved()).toEqual(left);

		// A terminal that runs the kind again takes the batch up where it was.
		const again = await restartOver(before.dir, withBatches);
		started.push(again);
		expect(again.sessions.screen(BATCH, 'B1-20261120-0002')).toEqual({ step: 'tallying', slips: 0, tally: { step: 'counting', slips: 1 } });
	});
});
