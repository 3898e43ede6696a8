import type { SessionHost, SessionKinds } from './session-host';
import { sessionView, type SessionView } from './session-view';

/**
 * Resolves with the session's view once `want` holds; the host calls back after every persisted
 * transition, children's included. For tests, benches and tools that drive a session directly.
 */
export function waitForView<K extends SessionKinds>(
	sessions: SessionHost<K>,
	id: string,
	want: (v: SessionView) => boolean,
	timeoutMs = 5000
): Promise<SessionView> {
	const actor = sessions.get(id);
	if (!actor) return Promise.reject(new Error(`no session ${id}`));
	return new Promise((resolve, reject) => {
		let last: SessionView;
		let off = () => {};
		const timer = setTimeout(() => {
			off();
			reject(new Error(`session ${id} stuck at ${last.step} / ${last.child?.step}: ${JSON.stringify(last.child?.context.error ?? last.context.error)}`));
		}, timeoutMs);
		const check = () => {
			last = sessionView(id, actor);
			if (!want(last)) return false;
			clearTimeout(timer);
			off();
			resolve(last);
			return true;
		};
		if (!check()) off = sessions.subscribe(id, check);
	});
}

/** A wanted step of the session and, optionally, of its active child. */
export const atStep = (step: string, childStep?: string) => (v: SessionView) =>
	v.step.startsWith(step) && (childStep === undefined || (v.child?.step ?? '').startsWith(childStep));
