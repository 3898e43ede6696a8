import type { AnyActorRef, AnyStateMachine } from 'xstate';
import { activeChild } from './session-children';

/**
 * A window session's raw snapshot view (its step, the active child's step and context), for the
 * server's own tools, benches and tests that drive a session directly. The browser never gets it:
 * the clerk's screen is the typed `SessionScreen` of session-screen.ts.
 */
export interface SessionView {
	id: string;
	status: 'active' | 'done' | 'error' | 'stopped';
	/** The session's state, e.g. `paying` or `guidance.showing`. */
	step: string;
	context: Record<string, unknown>;
	child: { id: string; step: string; tags: string[]; context: Record<string, unknown> } | null;
	output: unknown;
}

export function stateName(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value && typeof value === 'object') {
		const [k, v] = Object.entries(value)[0] ?? [];
		return k === undefined ? '' : `${k}.${stateName(v)}`.replace(/\.$/, '');
	}
	return '';
}

interface MachineSnapshotLike {
	machine: AnyStateMachine;
	status: SessionView['status'];
	value: unknown;
	context: Record<string, unknown>;
	output?: unknown;
	tags?: Set<string>;
	children: Record<string, AnyActorRef | undefined>;
}

export function sessionView(id: string, actor: AnyActorRef): SessionView {
	const snap = actor.getSnapshot() as MachineSnapshotLike;
	const child = activeChild(snap);
	const childSnap = child ? (child.ref.getSnapshot() as MachineSnapshotLike) : null;
	return {
		id,
		status: snap.status,
		step: stateName(snap.value),
		context: snap.context,
		child: child && childSnap ? { id: child.id, step: stateName(childSnap.value), tags: [...(childSnap.tags ?? [])], context: childSnap.context } : null,
		output: snap.output ?? null
	};
}
