import type { Runtime } from '../../../src/lib/server/runtime';
import type { SessionView } from '../../../src/lib/server/sessions/session-view';
import { atStep, waitForView } from '../../../src/lib/server/sessions/wait-for-view';

/** Waits until the window session shows the wanted step (of the session or its active child). */
export const until = (rt: Runtime, id: string, want: (v: SessionView) => boolean, timeout = 5000) =>
	waitForView(rt.sessions, id, want, timeout);

export const at = atStep;
