import type { CollectorBatchKinds } from './collector-batch-kind';
import type { CounterSessionKinds } from './counter-session-kind';
import type { IndividualSessionKinds } from './individual-session-kind';
import type { KioskSessionKinds } from './kiosk-session-kind';

/** The kinds of session every terminal hosts: the visit with a unit, the visit with individuals, a collector's batch, a kiosk's visits. */
export type WindowKinds = CounterSessionKinds & IndividualSessionKinds & CollectorBatchKinds & KioskSessionKinds;
