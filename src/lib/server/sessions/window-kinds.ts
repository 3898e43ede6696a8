import type { CounterSessionKinds } from './counter-session-kind';
import type { IndividualSessionKinds } from './individual-session-kind';

/** The kinds of session every terminal hosts: the visit with a unit, the visit with individuals. */
export type WindowKinds = CounterSessionKinds & IndividualSessionKinds;
