import type { RefusalCode } from './errors';
import type { UpstreamOperation } from './operations';

// The failures a real system has, switched on at will: simulators only (demo mode and tests).

export type FaultMode = 'timeout' | 'refuse' | 'duplicate' | 'answerLost';

export interface FaultSpec {
	/**
	 * `timeout`: waits, then UpstreamTimeoutError; nothing is done.
	 * `answerLost`: the work is done and committed, then UpstreamTimeoutError (writes only).
	 * `refuse`: UpstreamRefusedError with `code` (default SYSTEM_REFUSED) and `reason`.
	 * `duplicate`: answered as a repeated request, UpstreamDuplicateError carrying the result (writes only).
	 */
	mode: FaultMode;
	/** Chinese reason shown with a refusal. */
	reason?: string;
	code?: RefusalCode;
	/** How many calls it applies to (each call of the operation uses one); unset: until cleared. */
	times?: number;
	/** Wait of `timeout` and `answerLost`; the simulator's default otherwise. */
	delayMs?: number;
}

/** Switches the simulated failures on and off, per operation; for demo mode and tests. */
export interface SimulatorFaults {
	set(operation: UpstreamOperation, fault: FaultSpec): void;
	clear(operation?: UpstreamOperation): void;
	list(): { operation: UpstreamOperation; fault: FaultSpec }[];
}
