// The reconnecting serial link on @serialport/binding-mock: the real stream code, a fake port.
import { MockBinding } from '@serialport/binding-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkDownError, type LinkState } from '../../../drivers/transport/byte-link';
import { SerialLink } from '../../../drivers/transport/serial-link';
import { waitFor } from './wait-for';
import { pluggableBinding } from './mock-serial';

const retry = { initialMs: 5, maxMs: 20 };

describe('SerialLink on binding-mock', () => {
	let link: SerialLink | null = null;

	beforeEach(() => MockBinding.reset());
	afterEach(async () => {
		await link?.close();
		link = null;
	});

	it('opens the port, writes bytes, and passes on what the device sends', async () => {
		MockBinding.createPort('/dev/ttyMOCK0', { record: true });
		const mock = pluggableBinding();
		link = new SerialLink({ path: '/dev/ttyMOCK0', baudRate: 9600, binding: mock.binding, retry });
		await waitFor('link up', () => link!.state === 'up');

		await link.write(Uint8Array.of(0x1b, 0x40));
		expect(mock.ports[0].recording).toEqual(Buffer.from([0x1b, 0x40]));
		expect(mock.ports[0].openOptions.baudRate).toBe(9600);

		const received: number[] = [];
		link.onData((chunk) => received.push(...chunk));
		mock.ports[0].emitData(Buffer.from([0x12, 0x16]));
		await waitFor('data', () => received.length === 2);
		expect(received).toEqual([0x12, 0x16]);
	});

	it('keeps retrying with back-off until the port exists', async () => {
		const mock = pluggableBinding();
		const states: LinkState[] = [];
		link = new SerialLink({ path: '/dev/ttyLATE', baudRate: 9600, binding: mock.binding, retry });
		link.onState((s) => states.push(s));
		await waitFor('down', () => link!.state === 'down');
		await new Promise((r) => setTimeout(r, 50));
		expect(link.lastError?.message).toMatch(/does not exist/);
		MockBinding.createPort('/dev/ttyLATE');
		await waitFor('up', () => link!.state === 'up');
		expect(states).toEqual(['down', 'up']);
	});

	it('goes down when the device vanishes and comes back by itself when it returns', async () => {
		MockBinding.createPort('/dev/ttyMOCK1', { record: true });
		const mock = pluggableBinding();
		const states: LinkState[] = [];
		link = new SerialLink({ path: '/dev/ttyMOCK1', baudRate: 115200, binding: mock.binding, retry });
		link.onState((s) => states.push(s));
		await waitFor('up', () => link!.state === 'up');

		mock.unplug();
		await waitFor('down', () => link!.state === 'down');
		await expect(link.write(Uint8Array.of(1))).rejects.toBeInstanceOf(LinkDownError);

		mock.plug();
		await waitFor('up again', () => link!.state === 'up');
		expect(states).toEqual(['up', 'down', 'up']);
		await link.write(Uint8Array.of(7));
		expect(mock.ports.at(-1)!.recording).toEqual(Buffer.from([7]));
	});

	it('stops retrying once closed', async () => {
		const mock = pluggableBinding();
		link = new SerialLink({ path: '/dev/ttyNONE', baudRate: 9600, binding: mock.binding, retry });
		await waitFor('down', () => link!.state === 'down');
		await link.close();
		MockBinding.createPort('/dev/ttyNONE');
		await new Promise((r) => setTimeout(r, 60));
		expect(link.state).toBe('closed');
	});
});
