// A byte pipe to a device. Drivers only ever see this, so the same driver runs over a real
// serial port, a pseudo-terminal, a mocked binding, or an in-memory cable in demo mode.
import { Emitter, type Unsubscribe } from '../status';

export type LinkState = 'connecting' | 'up' | 'down' | 'closed';

export interface ByteLink {
	readonly state: LinkState;
	/** Rejects with LinkDownError when the link is not up or drops during the write. */
	write(bytes: Uint8Array): Promise<void>;
	onData(listener: (chunk: Uint8Array) => void): Unsubscribe;
	onState(listener: (state: LinkState) => void): Unsubscribe;
	close(): Promise<void>;
	/**
	 * Says which job the bytes written next belong to. No wire carries it (ESC/POS has no job id), so
	 * a serial link has neither method; the in-memory cable hands it to the simulated device in order
	 * with the bytes, which is how the virtual printer knows whose receipt it printed.
	 */
	markJob?(jobId: string): void;
	/** The other end's `markJob`, heard where the bytes are read. */
	onJobMark?(listener: (jobId: string) => void): Unsubscribe;
}

export class LinkDownError extends Error {
	constructor(message = 'link is down') {
		super(message);
		this.name = 'LinkDownError';
	}
}

/** One end of an in-memory cable. */
class MemoryLink implements ByteLink {
	peer: MemoryLink | null = null;
	private current: LinkState = 'up';
	private readonly data = new Emitter<Uint8Array>();
	private readonly states = new Emitter<LinkState>();
	private readonly jobMarks = new Emitter<string>();

	get state(): LinkState {
		return this.current;
	}

	setState(next: LinkState): void {
		if (this.current === next || this.current === 'closed') return;
		this.current = next;
		this.states.emit(next);
	}

	async write(bytes: Uint8Array): Promise<void> {
		const peer = this.peer;
		if (this.current !== 'up' || !peer || peer.state !== 'up') throw new LinkDownError();
		const copy = Uint8Array.from(bytes);
		// Deliver later, as a wire would: the writer never sees the reader's reaction synchronously.
		setImmediate(() => {
			if (peer.state === 'up') peer.data.emit(copy);
		});
	}

	markJob(jobId: string): void {
		const peer = this.peer;
		if (this.current !== 'up' || !peer || peer.state !== 'up') return;
		// Queued like a write, so the peer hears it after the bytes before it and before the ones after.
		setImmediate(() => {
			if (peer.state === 'up') peer.jobMarks.emit(jobId);
		});
	}

	onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
		return this.data.on(listener);
	}

	onJobMark(listener: (jobId: string) => void): Unsubscribe {
		return this.jobMarks.on(listener);
	}

	onState(listener: (state: LinkState) => void): Unsubscribe {
		return this.states.on(listener);
	}

	async close(): Promise<void> {
		this.setState('closed');
		if (this.peer?.state === 'up') this.peer.setState('down');
	}
}

export interface MemoryCable {
	/** The driver's end. */
	readonly host: ByteLink;
	/** The simulated device's end. */
	readonly device: ByteLink;
	/** Pull the cable: both ends go down. */
	unplug(): void;
	/** Plug it back: both ends come up again. */
	plug(): void;
}

export function createMemoryCable(): MemoryCable {
	const host = new MemoryLink();
	const device = new MemoryLink();
	host.peer = device;
	device.peer = host;
	return {
		host,
		device,
		unplug() {
			host.setState('down');
			device.setState('down');
		},
		plug() {
			host.setState('up');
			device.setState('up');
		}
	};
}
