// binding-mock helpers (test only): a binding that hands out the opened mock ports, can refuse
// to open (cable out), and can make the open port fail like a pulled USB adapter.
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import type { SerialBinding } from '../../../drivers/transport/serial-link';

export interface PluggableBinding {
	readonly binding: SerialBinding;
	/** Ports opened so far, newest last. */
	readonly ports: MockPortBinding[];
	/** Fails the open port's pending read (as a vanished USB device does) and refuses to reopen. */
	unplug(): void;
	plug(): void;
	/** Called with every write, after it is recorded (to answer like a device would). */
	onWrite(listener: (port: MockPortBinding, data: Buffer) => void): void;
}

export function pluggableBinding(): PluggableBinding {
	const ports: MockPortBinding[] = [];
	const writeListeners: ((port: MockPortBinding, data: Buffer) => void)[] = [];
	let plugged = true;
	let failRead: ((err: Error) => void) | null = null;
	const binding: SerialBinding = {
		list: () => MockBinding.list(),
		async open(options) {
			if (!plugged) throw new Error(`ENOENT: no such file or directory, open '${options.path}'`);
			const port = await MockBinding.open(options);
			const read = port.read.bind(port);
			const gone = new Promise<never>((_, reject) => (failRead = reject));
			gone.catch(() => undefined);
			port.read = (buffer, offset, length) => Promise.race([read(buffer, offset, length), gone]);
			const write = port.write.bind(port);
			port.write = async (data) => {
				await write(data);
				for (const listener of writeListeners) listener(port, data);
			};
			ports.push(port);
			return port;
		}
	};
	return {
		binding,
		ports,
		unplug() {
			plugged = false;
			failRead?.(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
		},
		plug() {
			plugged = true;
		},
		onWrite(listener) {
			writeListeners.push(listener);
		}
	};
}
