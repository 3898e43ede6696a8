import { createActor, type AnyActorRef, type AnyStateMachine } from 'xstate';
import type { WindowSessionsRepo, WindowSessionStatus } from '../db/window-sessions-repo';
import type { Clock } from '../clock';

export type SessionListener = () => void;

interface Hosted {
	actor: AnyActorRef;
	listeners: Set<SessionListener>;
}

/**
 * One actor per window session. The whole actor tree's persisted snapshot is written to SQLite
 * after every transition of any actor in it (children included), and every active session is
 * restored from its last snapshot when the server starts.
 */
export class SessionHost<M extends AnyStateMachine> {
	private readonly sessions = new Map<string, Hosted>();

	constructor(
		private readonly machineName: string,
		private readonly machine: M,
		private readonly repo: WindowSessionsRepo,
		private readonly clock: Clock,
		/** Called once a session has ended and its last snapshot is saved. */
		private readonly onEnded: (id: string) => void = () => {}
	) {}

	start(id: string, windowNo: number, clerkId: number, input: unknown): AnyActorRef {
		const hosted = this.host(id, { input });
		this.repo.insert({
			id,
			windowNo,
			clerkId,
			machine: this.machineName,
			snapshot: JSON.stringify(hosted.actor.getPersistedSnapshot()),
			startedAt: this.clock.now().toISOString()
		});
		hosted.actor.start();
		return hosted.actor;
	}

	/** Whether any session of this machine was left active by the last run. */
	hasSaved(): boolean {
		return this.repo.active().some((r) => r.machine === this.machineName);
	}

	/** The saved rows of this machine's sessions still active, oldest first. */
	active() {
		return this.repo.active().filter((r) => r.machine === this.machineName);
	}

	/** Restores every session that was active when the server stopped. */
	restoreAll(): string[] {
		const restored: string[] = [];
		for (const row of this.repo.active()) {
			if (row.machine !== this.machineName || this.sessions.has(row.id)) continue;
			this.host(row.id, { snapshot: JSON.parse(row.snapshot) }).actor.start();
			restored.push(row.id);
		}
		return restored;
	}

	/** The saved row, live or finished. */
	row(id: string) {
		return this.repo.get(id);
	}

	windowOf(id: string): number | null {
		return this.repo.windowOf(id);
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

	private host(id: string, options: { input: unknown } | { snapshot: unknown }): Hosted {
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
		actor = createActor(this.machine, {
			...options,
			id,
			// Children's transitions do not change the root's snapshot object, so persist on any.
			inspect: (e: { type: string }) => {
				if (e.type === '@xstate.snapshot' && actor) persist();
			}
		} as never);
		const hosted = { actor, listeners };
		this.sessions.set(id, hosted);
		return hosted;
	}
}
