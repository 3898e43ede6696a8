// Collects the status of every device in one place and reports each change, for the health
// panel (the server streams the changes over server-sent events).
import { DEVICE_LABEL } from './messages';
import { Emitter, type Device, type DeviceKind, type DeviceStatus, type Unsubscribe } from './status';

export interface DeviceHealth {
	readonly kind: DeviceKind;
	/** Chinese name of the device, for the panel. */
	readonly label: string;
	readonly status: DeviceStatus;
	readonly lastError: DeviceStatus | null;
}

export interface DeviceHealthChange extends DeviceHealth {
	/** ISO time of the change, from the injected clock. */
	readonly at: string;
}

export class DeviceHub {
	private readonly changes = new Emitter<DeviceHealthChange>();
	private readonly unsubscribe: Unsubscribe[];

	constructor(
		private readonly devices: readonly Device[],
		private readonly now: () => Date = () => new Date()
	) {
		this.unsubscribe = devices.map((device) => device.onStatus(() => this.changes.emit({ ...this.health(device), at: this.now().toISOString() })));
	}

	snapshot(): DeviceHealth[] {
		return this.devices.map((device) => this.health(device));
	}

	onChange(listener: (change: DeviceHealthChange) => void): Unsubscribe {
		return this.changes.on(listener);
	}

	/** Stops listening and closes every device. */
	async close(): Promise<void> {
		for (const off of this.unsubscribe) off();
		await Promise.all(this.devices.map((device) => device.close()));
	}

	private health(device: Device): DeviceHealth {
		return {
			kind: device.kind,
			label: DEVICE_LABEL[device.kind],
			status: device.status(),
			lastError: device.lastError()
		};
	}
}
