// Typed device status and the tiny emitter every driver uses to report changes.
import { STATUS_TEXT } from './messages';
import type { DeviceKind, StatusCode, StatusLevel } from './status-codes';

export type { DeviceKind, StatusCode, StatusLevel };

export interface DeviceStatus {
	readonly level: StatusLevel;
	readonly code: StatusCode;
	/** Chinese, for the clerk: what happened and what to do. */
	readonly message: string;
}

export type Unsubscribe = () => void;

/** What every driver offers to the device hub and to the state machines. */
export interface Device {
	readonly kind: DeviceKind;
	status(): DeviceStatus;
	/** The last error-level status seen, kept after the device recovered (for the health page). */
	lastError(): DeviceStatus | null;
	onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
	close(): Promise<void>;
}

/** Outcome of a device action that has no payload. */
export type DeviceOutcome = { ok: true } | { ok: false; status: DeviceStatus };

export function deviceStatus(code: StatusCode, message?: string): DeviceStatus {
	const text = STATUS_TEXT[code];
	return { level: text.level, code, message: message ?? text.message };
}

/** An error that carries a typed status, for the few failures that cannot be a result value. */
export class DeviceError extends Error {
	constructor(readonly status: DeviceStatus) {
		super(status.message);
		this.name = 'DeviceError';
	}
}

export class Emitter<T> {
	private readonly listeners = new Set<(value: T) => void>();

	on(listener: (value: T) => void): Unsubscribe {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	emit(value: T): void {
		for (const listener of [...this.listeners]) listener(value);
	}
}

/** Holds a device's current status and last error; emits only on a real change. */
export class StatusTracker {
	private current: DeviceStatus;
	private lastErr: DeviceStatus | null = null;
	private readonly changes = new Emitter<DeviceStatus>();

	constructor(initial: DeviceStatus) {
		this.current = initial;
		if (initial.level === 'error') this.lastErr = initial;
	}

	get(): DeviceStatus {
		return this.current;
	}

	lastError(): DeviceStatus | null {
		return this.lastErr;
	}

	set(next: DeviceStatus): void {
		if (next.level === 'error') this.lastErr = next;
		if (next.code === this.current.code && next.message === this.current.message) return;
		this.current = next;
		this.changes.emit(next);
	}

	on(listener: (status: DeviceStatus) => void): Unsubscribe {
		return this.changes.on(listener);
	}
}

/** The status half of every device: current status, last error, change events, from a tracker. */
export abstract class TrackedDevice {
	protected abstract readonly tracker: StatusTracker;

	status(): DeviceStatus {
		return this.tracker.get();
	}

	lastError(): DeviceStatus | null {
		return this.tracker.lastError();
	}

	onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
		return this.tracker.on(listener);
	}
}
