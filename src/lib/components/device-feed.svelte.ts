import { getContext, setContext } from 'svelte';
import type { DeviceHealth, Printout } from '$drivers';

/** Live device health and virtual-printer output from the server's event stream. */
export class DeviceFeed {
	devices = $state<DeviceHealth[]>([]);
	printouts = $state<Printout[] | null>(null);
	connected = $state(false);
	/** The ID card on the window's reader (holder's name and number), or null. */
	idCard = $state<{ name: string; idNumber: string } | null>(null);
	private source: EventSource | null = null;

	constructor(
		initial: { devices: DeviceHealth[]; virtualPrinter: Printout[] | null },
		private readonly keep = 5
	) {
		this.devices = initial.devices;
		this.printouts = initial.virtualPrinter;
	}

	start(): () => void {
		const source = new EventSource('/api/devices/events');
		this.source = source;
		source.onopen = () => (this.connected = true);
		source.onerror = () => (this.connected = false);
		source.addEventListener('devices', (e) => (this.devices = JSON.parse(e.data)));
		source.addEventListener('idcard', (e) => (this.idCard = JSON.parse(e.data)));
		source.addEventListener('printout', (e) => {
			if (this.printouts) this.printouts = [...this.printouts, JSON.parse(e.data) as Printout].slice(-this.keep);
		});
		return () => source.close();
	}
}

const KEY = Symbol('device-feed');

/** The staff layout owns the one feed; pages below read it instead of opening another stream. */
export function provideDeviceFeed(feed: DeviceFeed): DeviceFeed {
	return setContext(KEY, feed);
}

export function deviceFeed(): DeviceFeed {
	return getContext<DeviceFeed>(KEY);
}
