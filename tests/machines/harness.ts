// Test harness for the counter machines: path models from xstate/graph driving a real actor whose
// named actors are controllable fakes.
//
// Why `new TestModel` and not `createTestModel`: `createTestModel` refuses machines that invoke
// actors ("Invocations on test machines are not supported"), and every counter machine does.
// `pathModel` builds the same TestModel with the same options createTestModel would use
// (snapshot + incoming transition as the state key, `state.matches(key)` as the matcher, the
// machine's own event descriptors as the events), minus that check. The traversal runs the real
// machine's `transition` with a mock actor scope, so invoked actors are created but never
// started; their answers are modelled as the events `xstate.done.actor.<id>` (with `output`) and
// `xstate.error.actor.<id>` (with `error`). Every machine uses the actor's name as the invoke
// id, so in the system under test such an event is played by settling the fake of that name.

import { expect } from 'vitest';
import {
	__unsafe_getAllOwnEventDescriptors as ownEventDescriptors,
	createActor,
	fromPromise,
	type AnyActorRef,
	type AnyMachineSnapshot,
	type AnyStateMachine,
	type EventObject,
	type InputFrom,
	type SnapshotFrom
} from 'xstate';
import { TestModel, serializeSnapshot, type TestPath } from 'xstate/graph';

export type AnyEvent = EventObject & Record<string, unknown>;

/** Lets promises and the actor system settle. */
export function flush(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}

export function done(id: string, output: unknown): AnyEvent {
	return { type: `xstate.done.actor.${id}`, output };
}

export function failed(id: string, error: { code: string; message: string }): AnyEvent {
	return { type: `xstate.error.actor.${id}`, error };
}

function stateValuesEqual(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

export interface PathModelOptions<M extends AnyStateMachine> {
	input: InputFrom<M>;
	/** Concrete events (with payloads) per event type; types not listed are sent bare. */
	events: AnyEvent[] | ((state: SnapshotFrom<M>) => AnyEvent[]);
	filterEvents?: (state: SnapshotFrom<M>, event: AnyEvent) => boolean;
}

/** createTestModel's model for a machine that invokes actors (see the top comment). */
export function pathModel<M extends AnyStateMachine>(machine: M, options: PathModelOptions<M>) {
	const serializeEvent = (e: AnyEvent) => JSON.stringify(e);
	return new TestModel<AnyMachineSnapshot, AnyEvent, unknown>(machine as never, {
		input: options.input,
		serializeState: (state, event, prev) => {
			const via =
				!event || (prev && stateValuesEqual(prev.value, state.value))
					? ''
					: ` via ${serializeEvent(event)}${prev ? ` from ${JSON.stringify(prev.value)}` : ''}`;
			return `${serializeSnapshot(state)}${via}`;
		},
		serializeEvent,
		stateMatcher: (state, key) => state.matches(key as never),
		events: (state) => {
			const given = typeof options.events === 'function' ? options.events(state as SnapshotFrom<M>) : options.events;
			return ownEventDescriptors(state).flatMap((type) => {
				const matching = given.filter((e) => e.type === type);
				return matching.length ? matching : [{ type }];
			});
		},
		filterEvents: options.filterEvents as never
	});
}

/** A short, readable name for a path: the events and the state reached. */
export function pathName(path: TestPath<AnyMachineSnapshot, AnyEvent>): string {
	const events = path.steps
		.map((s) => s.event)
		.filter((e) => e.type !== 'xstate.init')
		.map((e) => {
			const m = /^xstate\.(done|error)\.actor\.(.+)$/.exec(e.type);
			if (m) {
				const out = (e as { output?: { outcome?: unknown; valid?: unknown; printed?: unknown } }).output;
				const tag = m[1] === 'error' ? 'error' : (out?.outcome ?? out?.valid ?? out?.printed ?? 'done');
				return `${m[2]}:${String(tag)}`;
			}
			const { type, ...rest } = e;
			const arg = Object.values(rest)[0];
			return arg === undefined ? type : `${type}(${typeof arg === 'object' ? '…' : String(arg)})`;
		});
	return `${JSON.stringify(path.state.value)} ← ${events.join(' → ') || '(start)'}`;
}

/** One entry of `Fakes.journal`: a call with its input, or its answer. */
export type JournalEntry =
	{ name: string; kind: 'call'; input: unknown } | { name: string; kind: 'done'; output: unknown } | { name: string; kind: 'error'; error: unknown };

/**
 * Fake actors whose answers the test controls. Each call records its input; the promise stays
 * pending until `settle`/`fail` (or answers at once when a responder is set with `respond`).
 * `journal` keeps every call and answer in order, for rules about what came before what.
 */
export class Fakes {
	readonly calls: Record<string, unknown[]> = {};
	readonly journal: JournalEntry[] = [];
	readonly #pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
	readonly #responders = new Map<string, (input: never) => unknown>();

	logic(name: string) {
		return fromPromise<unknown, unknown>(({ input }) => {
			const copy = JSON.parse(JSON.stringify(input ?? null));
			(this.calls[name] ??= []).push(copy);
			this.journal.push({ name, kind: 'call', input: copy });
			const responder = this.#responders.get(name);
			if (responder) {
				return Promise.resolve()
					.then(() => responder(input as never))
					.then(
						(output) => {
							this.journal.push({ name, kind: 'done', output });
							return output;
						},
						(error: unknown) => {
							this.journal.push({ name, kind: 'error', error });
							throw error;
						}
					);
			}
			return new Promise((resolve, reject) => this.#pending.set(name, { resolve, reject }));
		});
	}

	/** Answer every call of `name` at once with `answer(input)` (throw to reject). */
	respond<I = never>(name: string, answer: (input: I) => unknown): this {
		this.#responders.set(name, answer as (input: never) => unknown);
		return this;
	}

	pending(name: string): boolean {
		return this.#pending.has(name);
	}

	async settle(name: string, output: unknown): Promise<void> {
		const p = this.#pending.get(name);
		if (!p) throw new Error(`no call of ${name} is pending`);
		this.#pending.delete(name);
		this.journal.push({ name, kind: 'done', output });
		p.resolve(output);
		await flush();
	}

	async fail(name: string, error: unknown): Promise<void> {
		const p = this.#pending.get(name);
		if (!p) throw new Error(`no call of ${name} is pending`);
		this.#pending.delete(name);
		this.journal.push({ name, kind: 'error', error });
		p.reject(error);
		await flush();
	}

	count(name: string): number {
		return this.calls[name]?.length ?? 0;
	}

	last<T = Record<string, unknown>>(name: string): T {
		const calls = this.calls[name] ?? [];
		if (calls.length === 0) throw new Error(`${name} was never called`);
		return calls[calls.length - 1] as T;
	}

	all<T = Record<string, unknown>>(name: string): T[] {
		return (this.calls[name] ?? []) as T[];
	}
}

/** The machine with every named actor replaced by a fake of `fakes`. */
export function withFakes<M extends AnyStateMachine>(machine: M, fakes: Fakes, names: readonly string[]): M {
	return machine.provide({ actors: Object.fromEntries(names.map((n) => [n, fakes.logic(n)])) } as never) as M;
}

/** The names of the actors a machine declares in `setup({ actors })`. */
export function actorNames(machine: AnyStateMachine): string[] {
	return Object.keys(machine.implementations.actors).sort();
}

export type StateCheck = (real: AnyMachineSnapshot, model: AnyMachineSnapshot) => void;

/**
 * Plays a path on a fresh actor of `machine` (actors replaced by fakes). After every step the
 * real snapshot must equal the model's (state value, context, status, output), then the checks
 * whose key the state matches run, and `always` runs for every state.
 */
export async function runPath(
	path: TestPath<AnyMachineSnapshot, AnyEvent>,
	setupActor: (fakes: Fakes) => AnyActorRef,
	checks: Record<string, (real: AnyMachineSnapshot, model: AnyMachineSnapshot, fakes: Fakes) => void> = {},
	always?: (real: AnyMachineSnapshot, model: AnyMachineSnapshot, fakes: Fakes) => void
): Promise<void> {
	const fakes = new Fakes();
	const actor = setupActor(fakes);
	actor.start();
	await flush();
	const generic = (model: AnyMachineSnapshot) => {
		const real = actor.getSnapshot() as AnyMachineSnapshot;
		expect(real.value).toEqual(model.value);
		expect(real.context).toEqual(model.context);
		expect(real.status).toBe(model.status);
		if (model.status === 'done') expect(real.output).toEqual(model.output);
		// Context is JSON: the persisted snapshot survives a round trip unchanged.
		const persisted = actor.getPersistedSnapshot();
		expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted);
		always?.(real, model, fakes);
	};
	const states: Record<string, (model: AnyMachineSnapshot) => void> = { '*': generic };
	for (const [key, check] of Object.entries(checks)) {
		states[key] = (model) => {
			generic(model);
			check(actor.getSnapshot() as AnyMachineSnapshot, model, fakes);
		};
	}
	const exec = async (step: { event: AnyEvent }) => {
		const event = step.event;
		if (event.type === 'xstate.init') return;
		const m = /^xstate\.(done|error)\.actor\.(.+)$/.exec(event.type);
		if (m && m[1] === 'done') await fakes.settle(m[2], event.output);
		else if (m) await fakes.fail(m[2], event.error);
		else {
			actor.send(event);
			await flush();
		}
	};
	const events = new Proxy({}, { get: () => exec });
	try {
		await path.test({ states, events });
	} finally {
		actor.stop();
	}
}

/** Restores an actor from a persisted snapshot as the server does (no input: it comes from the snapshot). */
export function restoreActor<M extends AnyStateMachine>(machine: M, snapshot: unknown) {
	return createActor(machine, { snapshot } as never);
}

/**
 * Waits until `condition` holds, letting promises settle in between. `waitFor` only wakes on the
 * actor's own snapshots; a child's transitions do not emit one from the parent.
 */
export async function until(condition: () => boolean, what = 'condition'): Promise<void> {
	for (let i = 0; i < 100; i++) {
		if (condition()) return;
		await flush();
	}
	throw new Error(`timed out waiting for ${what}`);
}
