import { counterActors, type CounterActorDeps } from './counter-actors';
import { sessionScreen } from './session-screen';
import type { SessionKind } from './session-host';

/** The machine name a counter session is saved under (`window_sessions.machine`). */
export const COUNTER_SESSION = 'counter-session';

/** The clerk's visit with a unit payer: the counter session machine with its real actors, and its typed screen. */
export function counterSessionKind(deps: CounterActorDeps) {
	return { machine: counterActors(deps), screen: sessionScreen } satisfies SessionKind;
}

export type CounterSessionKinds = { [COUNTER_SESSION]: ReturnType<typeof counterSessionKind> };
