import type { FaultSpec, SimulatorFaults } from '../faults';
import { WRITE_OPERATIONS, type UpstreamOperation } from '../operations';

const WRITES: ReadonlySet<string> = new Set(WRITE_OPERATIONS);

function isWriteOperation(operation: UpstreamOperation): boolean {
	return WRITES.has(operation);
}

/** In-memory switchboard of simulated failures; each call of an operation uses up one `times`. */
export class FaultSwitchboard implements SimulatorFaults {
	private faults = new Map<UpstreamOperation, FaultSpec & { remaining: number | null }>();

	set(operation: UpstreamOperation, fault: FaultSpec): void {
		if (!/^(coreTax|agencyFeed|bankGateway|annuityCollection|eReceipts)\.\w+$/.test(operation)) throw new TypeError(`unknown upstream operation: ${operation}`);
		if ((fault.mode === 'answerLost' || fault.mode === 'duplicate') && !isWriteOperation(operation)) {
			throw new TypeError(`${fault.mode} applies to writes only, not to ${operation}`);
		}
		if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) {
			throw new TypeError(`times must be a positive integer, is ${fault.times}`);
		}
		this.faults.set(operation, { ...fault, remaining: fault.times ?? null });
	}

	clear(operation?: UpstreamOperation): void {
		if (operation) this.faults.delete(operation);
		else this.faults.clear();
	}

	list(): { operation: UpstreamOperation; fault: FaultSpec }[] {
		return [...this.faults].map(([operation, { remaining, ...fault }]) => ({
			operation,
			fault: remaining === null ? fault : { ...fault, times: remaining }
		}));
	}

	/** The fault this call meets, if any; uses it up. */
	take(operation: UpstreamOperation): FaultSpec | null {
		const f = this.faults.get(operation);
		if (!f) return null;
		if (f.remaining !== null && --f.remaining <= 0) this.faults.delete(operation);
		const { remaining: _, ...fault } = f;
		return fault;
	}
}
