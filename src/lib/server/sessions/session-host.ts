import { createActor, type AnyActorRef, type AnyStateMachine, type InputFrom } from 'xstate';
import type { SessionOwner, WindowSessionsRepo, WindowSessionStatus } from '../db/window-sessions-repo';
import type { Operator } from '../auth/operator';
import type { Clock } from '../clock';

export type SessionListener = () => void;

/** A kind of window session: its machine, with its real actors provided, and what its screen shows. */
export interface SessionKind<M extends AnyStateMachine = AnyStateMachine, S = unknown> {
	machine: M;
	/** The screen of a live session of this kind, derived from its actor tree. */
	screen(id: string, actor: AnyActorRef): S;
	/**
	 * What a restart does with a session of this kind left active: carry on from its last saved
	 * step (the default), or end it as it was saved (status cancelled), never acting on it again.
	 */
	afterRestart?: 'resume' | 'end';
}

/** The kinds a host runs, by machine name: the name is saved with each session (`window_sessions.machine`). */
export type SessionKinds = Record<string, SessionKind>;

type ScreenOf<K> = K extends SessionKind<AnyStateMachine, infer S> ? S : never;

export const SESSION_HOST_TEXT = {
	unknownKind: (id: string, machine: string) => `窗口业务 ${id} 的业务类型“${machine}”未在本终端登记，未恢复，保存的记录原样保留`
} as const;

function ownerFor(operator: Operator): SessionOwner {
	return operator.kind === 'kiosk'
		? { windowNo: null, clerkId: null, kioskId: operator.kioskId }
		: { windowNo: operator.clerk.windowNo, clerkId: operator.clerk.clerkId, kioskId: null };
}

/** Whether the operator may see and work a session of that owner: its own window's clerk, or the very kiosk. */
export function operatorOwns(operator: Operator, owner: SessionOwner): boolean {
	return operator.kind === 'kiosk' ? owner.kioskId === operator.kioskId : owner.windowNo === operator.clerk.windowNo;
}

interface Hosted {
	kind: string;
	actor: AnyActorRef;
	listeners: Set<SessionListener>;
}

/**
 * One actor per window session, of any registered kind. The whole actor tree's persisted snapshot
 * is written to SQLite after every transition of any actor in it (children included), and every
 * active session of a registered kind is restored from its last snapshot when the server starts.
 */
export class SessionHost<K extends SessionKinds> {
	private readonly sessions = new Map<string, Hosted>();

	constructor(
		private readonly kinds: K,
		private readonly repo: WindowSessionsRepo,
		private readonly clock: Clock,
		/** Called once a session has ended and its last snapshot is saved. */
		private readonly onEnded: (id: string) => void = () => {},
		private readonly warn: (message: string) => void = console.warn
	) {}

	/** Starts a session of that kind for the operator, who owns it from then on. */
	start<N extends keyof K & string>(kind: N, id: string, operator: Operator, input: InputFrom<K[N]['machine']>): AnyActorRef {
		const hosted = this.host(kind, id, { input });
		this.repo.insert({
			id,
			...ownerFor(operator),
			machine: kind,
			snapshot: JSON.stringify(hosted.actor.getPersistedSnapshot()),
			startedAt: this.clock.now().toISOString()
		});
		hosted.actor.start();
		return hosted.actor;
	}

	/** Whether any session of a registered kind was left active by the last run. */
	hasSaved(): boolean {
		return this.active().length > 0;
	}

	/** The saved rows of active sessions (of one kind, or of every registered kind), oldest first. */
	active(kind?: keyof K & string) {
		return this.repo.active().filter((r) => (kind === undefined ? Object.hasOwn(this.kinds, r.machine) : r.machine === kind));
	}

	/**
	 * Restores every session of a registered kind that was active when the server stopped (a kind
	 * that ends after a restart is ended instead: its row is kept, its actor never runs again). A row
	 * of a kind this terminal does not run is left as it is, with a warning: it is not lost, and
	 * the terminal still starts.
	 */
	restoreAll(): string[] {
		const restored: string[] = [];
		for (const row of this.repo.active()) {
			if (this.sessions.has(row.id)) continue;
			if (!Object.hasOwn(this.kinds, row.machine)) {
				this.warn(SESSION_HOST_TEXT.unknownKind(row.id, row.machine));
				continue;
			}
			if (this.kinds[row.machine].afterRestart === 'end') {
				this.repo.save(row.id, row.snapshot, 'cancelled', this.clock.now().toISOString());
				this.onEnded(row.id);
				continue;
			}
			this.host(row.machine, row.id, { snapshot: JSON.parse(row.snapshot) }).actor.start();
			restored.push(row.id);
		}
		return restored;
	}

	/** The screen of a live session of that kind; null if it is not live or of another kind. */
	screen<N extends keyof K & string>(kind: N, id: string): ScreenOf<K[N]> | null {
		const hosted = this.sessions.get(id);
		if (!hosted || hosted.kind !== kind) return null;
		return this.kinds[kind].screen(id, hosted.actor) as ScreenOf<K[N]>;
	}

	/** The saved row, live or finished. */
	row(id: string) {
		return this.repo.get(id);
	}

	/** Who a session belongs to, live or finished; null if there is no such session. */
	ownerOf(id: string): SessionOwner | null {
		return this.repo.ownerOf(id);
	}

	get(id: string): AnyActorRef | null {
		return this.sessions.get(id)?.actor ?? null;
	}

	send(id: string, event: { type: string }): boolean {
		const hosted = this.sessions.get(id);
		if (!hosted) return false;
		hosted.actor.send(event);
		return true;
	}

	/** Called after every persisted transition of the session's tree. */
	subscribe(id: string, listener: SessionListener): () => void {
		const hosted = this.sessions.get(id);
		if (!hosted) return () => {};
		hosted.listeners.add(listener);
		return () => hosted.listeners.delete(listener);
	}

	stopAll() {
		for (const { actor } of this.sessions.values()) actor.stop();
		this.sessions.clear();
	}

	private host(kind: string, id: string, options: { input: unknown } | { snapshot: unknown }): Hosted {
		const listeners = new Set<SessionListener>();
		// Assigned once, but the inspect callback may run while createActor is still running.
		// eslint-disable-next-line prefer-const
		let actor: AnyActorRef;
		let saved = '';
		const persist = () => {
			const snap = actor.getSnapshot();
			// Stopping the server stops the actors, and a stopped snapshot has lost its children:
			// the last saved step is the one to restore from.
			if (snap.status === 'stopped') return;
			const status: WindowSessionStatus =
				snap.status === 'done' ? ((snap.output as { outcome?: string } | undefined)?.outcome === 'cancelled' ? 'cancelled' : 'done') : 'active';
			// Many inspection events change nothing that is persisted; each save is a synced commit.
			const json = JSON.stringify(actor.getPersistedSnapshot());
			if (json === saved && status === 'active') return;
			saved = json;
			this.repo.save(id, json, status, this.clock.now().toISOString());
			for (const l of listeners) l();
			if (status !== 'active') {
				this.sessions.delete(id);
				this.onEnded(id);
			}
		};
		actor = createActor(this.kinds[kind].machine, {
			...options,
			id,
			// Children's transitions do not change the root's snapshot object, so persist on any.
			inspect: (e: { type: string }) => {
				if (e.type === '@xstate.snapshot' && actor) persist();
			}
		} as never);
		const hosted = { kind, actor, listeners };
		this.sessions.set(id, hosted);
		return hosted;
	}
}
