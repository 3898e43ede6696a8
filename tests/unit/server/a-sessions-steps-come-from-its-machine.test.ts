// Issue 8, item 1: the child machines a session's screen shows as its steps are read from the
// session's machine definition, not from a list kept for the counter session: a machine with other
// invoke ids gives its own list, and the raw view and the event check find its active child.
import { describe, expect, it } from 'vitest';
import { createActor, createMachine, fromPromise, sendTo, setup } from 'xstate';
import { counterSessionMachine, PAPER_MOVING } from '../../../state-machines';
import { activeChild, sessionChildren } from '../../../src/lib/server/sessions/session-children';
import { sessionView } from '../../../src/lib/server/sessions/session-view';
import { fitsCurrentStep, stepRefusal } from '../../../src/lib/server/sessions/session-events';

const reviewMachine = setup({ types: { events: {} as { type: 'SUBMIT' } | { type: 'OPEN' } } }).createMachine({
	id: 'review',
	initial: 'waiting',
	states: { waiting: { on: { OPEN: 'open' } }, open: { on: { SUBMIT: 'submitted' } }, submitted: { type: 'final' } }
});

// Steps in nested and parallel states, one inline, and a promise that is a call, not a step.
const kioskMachine = createMachine({
	id: 'kiosk',
	initial: 'identifying',
	states: {
		identifying: {
			invoke: { id: 'identify', src: 'identify' },
			on: { NEXT: 'serving' }
		},
		serving: {
			type: 'parallel',
			states: {
				paper: { initial: 'printing', states: { printing: { invoke: { id: 'printTicket', src: 'printTicket' } } } },
				desk: {
					initial: 'reviewing',
					states: {
						reviewing: {
							invoke: [
								{ id: 'review', src: 'review' },
								{ id: 'confirm', src: reviewMachine }
							],
							on: { SUBMIT: { actions: sendTo('review', ({ event }) => event) } }
						}
					}
				}
			}
		}
	}
}).provide({ actors: { identify: reviewMachine, review: reviewMachine, printTicket: fromPromise(async () => 'ticket') } });

describe("a session's steps come from its machine", () => {
	it('lists the counter session its own child machines, in the order of its states', () => {
		expect(sessionChildren(counterSessionMachine)).toEqual(['registrationLink', 'declaration', 'payment', 'receiptPrint', 'certificate', 'refundGuidance']);
	});

	it('gives another machine its own list: nested, parallel and inline children, and no promise', () => {
		expect(sessionChildren(kioskMachine)).toEqual(['identify', 'review', 'confirm']);
		// A child provided by the server (or replaced by a test) is still a step.
		expect(sessionChildren(kioskMachine.provide({ actors: { review: reviewMachine.provide({}) } }))).toEqual(['identify', 'review', 'confirm']);
	});

	it("the raw view and the event check find that machine's active child", () => {
		const actor = createActor(kioskMachine).start();
		expect(activeChild(actor.getSnapshot())?.id).toBe('identify');
		actor.send({ type: 'NEXT' });
		const view = sessionView('K1', actor);
		expect(view.step.startsWith('serving')).toBe(true);
		expect(view.child).toMatchObject({ id: 'review', step: 'waiting' });
		// The session forwards SUBMIT; its active child does not take it while waiting.
		expect(actor.getSnapshot().can({ type: 'SUBMIT' })).toBe(true);
		expect(fitsCurrentStep(actor, { type: 'SUBMIT' })).toBe(false);
		actor.stop();
	});

	it('a session does not leave a step while its paper is coming out: FINISH waits until the print has ended', async () => {
		let printed = () => {};
		const printing = new Promise<void>((r) => (printed = r));
		const receipt = setup({ actors: { print: fromPromise(() => printing) } }).createMachine({
			id: 'receipt',
			initial: 'printing',
			states: { printing: { tags: [PAPER_MOVING], invoke: { src: 'print', onDone: 'printed' } }, printed: {} }
		});
		const visit = createActor(
			createMachine({
				id: 'visit',
				initial: 'receipt',
				states: { receipt: { invoke: { id: 'receiptPrint', src: receipt }, on: { FINISH: 'done' } }, done: { type: 'final' } }
			})
		).start();
		expect(stepRefusal(visit, { type: 'FINISH' })).toBe('正在打印，请等打印完成后再操作');
		printed();
		await new Promise((r) => setTimeout(r, 0));
		expect(fitsCurrentStep(visit, { type: 'FINISH' })).toBe(true);
		visit.stop();
	});
});
