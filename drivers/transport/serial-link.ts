// A serial port that stays connected: it opens the port, and whenever the port fails to open,
// closes or errors (cable pulled, USB adapter re-enumerated), it retries with back-off.
import { stat } from 'node:fs/promises';
import { SerialPortStream } from '@serialport/stream';
import { Emitter, type Unsubscribe } from '../status';
import { LinkDownError, type ByteLink, type LinkState } from './byte-link';

/**
 * serialport's binding (BindingInterface): the native one, or @serialport/binding-mock's
 * MockBinding in tests. Declared here because the bindings-interface package's types do not
 * resolve under this project's "bundler" module resolution.
 */
export interface SerialBinding {
	open(options: { path: string; baudRate: number }): Promise<unknown>;
	list(): Promise<unknown[]>;
}

export interface RetryOptions {
	/** First wait after a failure, doubled on every further failure. */
	initialMs: number;
	maxMs: number;
}

export interface SerialLinkOptions {
	path: string;
	baudRate: number;
	/** Injected in tests (binding-mock); defaults to serialport's native binding. */
	binding?: SerialBinding;
	retry?: Partial<RetryOptions>;
}

const DEFAULT_RETRY: RetryOptions = { initialMs: 250, maxMs: 5000 };
const PRESENCE_CHECK_MS = 1000;

/** Which device node a path leads to now (through symlinks); null if it leads nowhere. */
async function deviceIdentity(path: string): Promise<string | null> {
	try {
		const st = await stat(path);
		return `${st.dev}:${st.ino}:${st.rdev}`;
	} catch {
		return null;
	}
}

// Loaded on first use so that simulated mode and unit tests never load the native module.
async function nativeBinding(): Promise<SerialBinding> {
	const { SerialPort } = await import('serialport');
	return SerialPort.binding;
}

export class SerialLink implements ByteLink {
	private current: LinkState = 'connecting';
	private port: SerialPortStream | null = null;
	private retryTimer: NodeJS.Timeout | null = null;
	private presenceTimer: NodeJS.Timeout | null = null;
	private wakeRetry: (() => void) | null = null;
	private readonly retry: RetryOptions;
	private readonly data = new Emitter<Uint8Array>();
	private readonly states = new Emitter<LinkState>();
	/** The last reason the port failed; kept for diagnostics. */
	lastError: Error | null = null;

	constructor(private readonly options: SerialLinkOptions) {
		this.retry = { ...DEFAULT_RETRY, ...options.retry };
		void this.connect();
	}

	get state(): LinkState {
		return this.current;
	}

	onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
		return this.data.on(listener);
	}

	onState(listener: (state: LinkState) => void): Unsubscribe {
		return this.states.on(listener);
	}

	write(bytes: Uint8Array): Promise<void> {
		const port = this.port;
		if (this.current !== 'up' || !port) return Promise.reject(new LinkDownError());
		return new Promise((resolve, reject) => {
			// A port that closes mid-write never calls the write callback: settle on close too.
			const onClose = () => reject(new LinkDownError('port closed during write'));
			port.once('close', onClose);
			port.write(Buffer.from(bytes), (err) => {
				port.off('close', onClose);
				if (err) reject(new LinkDownError(err.message));
				else resolve();
			});
		});
	}

	async close(): Promise<void> {
		this.setState('closed');
		if (this.retryTimer) clearTimeout(this.retryTimer);
		if (this.presenceTimer) clearInterval(this.presenceTimer);
		this.wakeRetry?.();
		const port = this.port;
		this.port = null;
		if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
	}

	private get closed(): boolean {
		return this.current === 'closed';
	}

	private setState(next: LinkState): void {
		if (this.current === next || this.current === 'closed') return;
		this.current = next;
		this.states.emit(next);
	}

	private async connect(): Promise<void> {
		let delay = this.retry.initialMs;
		while (!this.closed) {
			try {
				const port = await this.open();
				if (this.closed) {
					port.close();
					return;
				}
				this.attach(port);
				this.setState('up');
				await this.watchPresence(port);
				return;
			} catch (err) {
				this.lastError = err instanceof Error ? err : new Error(String(err));
				this.setState('down');
				await this.sleep(delay);
				delay = Math.min(delay * 2, this.retry.maxMs);
			}
		}
	}

	private async open(): Promise<SerialPortStream> {
		const binding = this.options.binding ?? (await nativeBinding());
		return new Promise((resolve, reject) => {
			const port = new SerialPortStream({
				binding,
				path: this.options.path,
				baudRate: this.options.baudRate,
				autoOpen: false
			});
			port.open((err) => (err ? reject(err) : resolve(port)));
		});
	}

	private attach(port: SerialPortStream): void {
		this.port = port;
		port.on('data', (chunk: Buffer) => this.data.emit(chunk));
		// Without a listener an 'error' event would crash the process; the close handler recovers.
		port.on('error', (err: Error) => {
			this.lastError = err;
		});
		port.on('close', (err: Error | null) => {
			if (this.port !== port) return;
			this.port = null;
			if (this.presenceTimer) clearInterval(this.presenceTimer);
			if (this.closed) return;
			if (err) this.lastError = err;
			this.setState('down');
			void this.connect();
		});
	}

	/**
	 * A vanished device node (USB-serial adapter unplugged, pseudo-terminal gone) does not always
	 * fail the pending read: a hung-up pty reads 0 bytes forever. So the path is checked too.
	 * Paths that are not files (binding-mock ports, Windows COM names) are not watched.
	 */
	private async watchPresence(port: SerialPortStream): Promise<void> {
		const identity = await deviceIdentity(this.options.path);
		if (identity === null || this.port !== port) return;
		if (this.presenceTimer) clearInterval(this.presenceTimer);
		this.presenceTimer = setInterval(async () => {
			if (this.port !== port) return;
			if ((await deviceIdentity(this.options.path)) === identity) return;
			this.lastError = new Error(`${this.options.path} is gone`);
			if (port.isOpen) port.close();
		}, PRESENCE_CHECK_MS);
		this.presenceTimer.unref();
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			this.wakeRetry = resolve;
			this.retryTimer = setTimeout(resolve, ms);
			this.retryTimer.unref();
		});
	}
}
