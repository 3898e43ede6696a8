import { sessionView, type SessionView } from '../../../src/lib/server/sessions/session-view';
import type { Runtime } from '../../../src/lib/server/runtime';

/** Waits until the window session shows the wanted step (of the session or its active child). */
export function until(rt: Runtime, id: string, want: (v: SessionView) => boolean, timeout = 5000): Promise<SessionView> {
	const actor = rt.sessions.get(id);
	if (!actor) return Promise.reject(new Error(`no session ${id}`));
	return new Promise((resolve, reject) => {
		let last = sessionView(id, actor);
		const check = () => {
			last = sessionView(id, actor);
			if (!want(last)) return false;
			clearTimeout(timer);
			off();
			resolve(last);
			return true;
		};
		const timer = setTimeout(() => {
			off();
			const err = last.child?.context.error ?? last.context.error;
			reject(new Error(`timed out at ${last.step} / ${last.child?.step}: ${JSON.stringify(err)}`));
		}, timeout);
		// The host calls back after every persisted transition, children's included.
		const off = rt.sessions.subscribe(id, check);
		check();
	});
}

export const at = (step: string, childStep?: string) => (v: SessionView) =>
	v.step.startsWith(step) && (childStep === undefined || (v.child?.step ?? '').startsWith(childStep));
