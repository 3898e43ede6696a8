// Second-generation resident ID card reader (二代身份证阅读器). Vendors ship an SDK; an adapter
// implementing this interface wraps it (see docs/hardware.md). The simulator serves demo mode,
// tests, and any hall whose reader has no adapter yet.
import { deviceStatus, Emitter, StatusTracker, TrackedDevice, type Device, type DeviceStatus, type Unsubscribe } from '../status';

export interface IdCard {
	readonly name: string;
	readonly idNumber: string;
	/** 'YYYY-MM-DD'. */
	readonly validFrom: string;
	/** 'YYYY-MM-DD', or '长期' for cards valid without end. */
	readonly validTo: string;
	readonly sex?: '男' | '女';
	readonly ethnicity?: string;
	readonly birthDate?: string;
	readonly address?: string;
	readonly issuingAuthority?: string;
}

export type IdCardEvent = { type: 'placed'; card: IdCard } | { type: 'removed' };

export interface IdCardReader extends Device {
	readonly kind: 'id-reader';
	/** The card on the reader now, if any. */
	current(): IdCard | null;
	onCard(listener: (event: IdCardEvent) => void): Unsubscribe;
}

export class SimulatedIdCardReader extends TrackedDevice implements IdCardReader {
	readonly kind = 'id-reader' as const;
	private card: IdCard | null = null;
	protected readonly tracker: StatusTracker;
	private readonly events = new Emitter<IdCardEvent>();

	/** `status` is a warning when this simulator stands in for a real reader without an adapter. */
	constructor(status: DeviceStatus = deviceStatus('OK')) {
		super();
		this.tracker = new StatusTracker(status);
	}

	place(card: IdCard): void {
		if (this.card) this.remove();
		this.card = { ...card };
		this.events.emit({ type: 'placed', card: this.card });
	}

	remove(): void {
		if (!this.card) return;
		this.card = null;
		this.events.emit({ type: 'removed' });
	}

	current(): IdCard | null {
		return this.card;
	}

	onCard(listener: (event: IdCardEvent) => void): Unsubscribe {
		return this.events.on(listener);
	}

	async close(): Promise<void> {
		this.remove();
	}
}
