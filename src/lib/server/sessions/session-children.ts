import { StateMachine, type AnyActorRef, type AnyStateMachine, type AnyStateNode } from 'xstate';

// A session's steps are the child machines it invokes. Which ones, is read from the machine
// definition itself, so a new kind of session (or a new step) brings its own list.

const childIds = new WeakMap<AnyStateMachine, readonly string[]>();

/** The logic a state node invokes: named in the machine's actors (maybe as `{ src, input }`), or inline. */
function logicOf(machine: AnyStateMachine, src: unknown): unknown {
	const named = typeof src === 'string' ? machine.implementations.actors[src] : src;
	return named && typeof named === 'object' && 'src' in named ? named.src : named;
}

/**
 * The invoke ids of every child machine (a step with states of its own) in the machine's states,
 * in the order of the definition. Invoked promises and callbacks are calls, not steps, and are
 * left out.
 */
export function sessionChildren(machine: AnyStateMachine): readonly string[] {
	const known = childIds.get(machine);
	if (known) return known;
	const ids: string[] = [];
	const walk = (node: AnyStateNode) => {
		const configs = ([] as { src: unknown }[]).concat((node.config.invoke as { src: unknown } | { src: unknown }[] | undefined) ?? []);
		node.invoke.forEach((invoke, i) => {
			if (logicOf(machine, configs[i]?.src) instanceof StateMachine && !ids.includes(invoke.id)) ids.push(invoke.id);
		});
		for (const child of Object.values(node.states)) walk(child);
	};
	walk(machine.root);
	childIds.set(machine, ids);
	return ids;
}

interface SnapshotWithChildren {
	machine: AnyStateMachine;
	children: Record<string, AnyActorRef | undefined>;
}

/** The child machine the session is in now (its current step), if any. */
export function activeChild(snapshot: SnapshotWithChildren): { id: string; ref: AnyActorRef } | null {
	const id = sessionChildren(snapshot.machine).find((c) => snapshot.children[c]);
	return id === undefined ? null : { id, ref: snapshot.children[id]! };
}
