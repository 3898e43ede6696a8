// The ESC/POS receipt printer driver. It runs over any ByteLink: a serial port (real printer),
// an in-memory cable to the printer simulator (demo mode), or a mocked binding (tests).
import { PRINTER_TEXT } from '../messages';
import { deviceStatus, Emitter, StatusTracker, TrackedDevice, type DeviceOutcome, type DeviceStatus, type Unsubscribe } from '../status';
import type { ByteLink } from '../transport/byte-link';
import { SerialLink, type SerialLinkOptions } from '../transport/serial-link';
import { cutCommand, encodeReceipt, kickCommand, statusRequest } from './escpos-encoder';
import { decodeStatus, isStatusReply, statusFromFlags, STATUS_QUERY_COUNT, type DrawerOpenSignal } from './escpos-status';
import { PRINTER_MODELS, type PrinterModelId, type PrinterProfile } from './printer-models';
import type { DrawerKick, PrintResult, PrinterReport, ReceiptJob, ReceiptPrinter } from './receipt-printer';

export interface EscPosPrinterOptions {
	model: PrinterModelId;
	kick: DrawerKick;
	drawerOpenSignal: DrawerOpenSignal;
	/** How long to wait for the answers to DLE EOT 1–4 before calling the printer offline. */
	replyTimeoutMs: number;
	/** Status poll while idle, so a pulled cable or an empty roll shows before the next job; 0: off. */
	statusPollMs: number;
	/**
	 * The job is sent in chunks of about this size with a status check after each: paper out stops
	 * the job early. Chunks end only where the encoder allows a split (see EncodedReceipt).
	 */
	chunkBytes?: number;
}

const DEFAULT_CHUNK_BYTES = 512;
// The driver forgets printed job ids after this many: the server's print queue is the record.
const REMEMBERED_JOBS = 2000;

export class EscPosReceiptPrinter extends TrackedDevice implements ReceiptPrinter {
	readonly kind = 'receipt-printer' as const;
	private readonly profile: PrinterProfile;
	protected readonly tracker = new StatusTracker(deviceStatus('CONNECTING'));
	private readonly reports = new Emitter<PrinterReport>();
	private readonly printed = new Set<string>();
	private readonly inFlight = new Map<string, Promise<PrintResult>>();
	private readonly unsubscribe: Unsubscribe[] = [];
	private readonly pollTimer: NodeJS.Timeout | null = null;
	private queue: Promise<unknown> = Promise.resolve();
	private busy = false;
	private rx: number[] = [];
	private replyWaiter: (() => void) | null = null;

	constructor(
		private readonly link: ByteLink,
		private readonly options: EscPosPrinterOptions
	) {
		super();
		this.profile = PRINTER_MODELS[options.model];
		this.unsubscribe.push(
			link.onData((chunk) => this.receive(chunk)),
			link.onState((state) => {
				if (state === 'up') void this.queryStatus();
				else if (state === 'down') this.report({ status: deviceStatus('OFFLINE', PRINTER_TEXT.linkDown), flags: null });
			})
		);
		if (link.state === 'up') void this.queryStatus();
		if (options.statusPollMs > 0) {
			this.pollTimer = setInterval(() => {
				if (!this.busy && this.link.state === 'up') void this.queryStatus();
			}, options.statusPollMs);
			this.pollTimer.unref();
		}
	}

	onReport(listener: (report: PrinterReport) => void): Unsubscribe {
		return this.reports.on(listener);
	}

	print(job: ReceiptJob): Promise<PrintResult> {
		if (this.printed.has(job.id)) return Promise.resolve({ outcome: 'duplicate', jobId: job.id });
		const running = this.inFlight.get(job.id);
		if (running) return running;
		const result = this.exclusive(() => this.runJob(job)).finally(() => this.inFlight.delete(job.id));
		this.inFlight.set(job.id, result);
		return result;
	}

	cut(): Promise<DeviceOutcome> {
		return this.exclusive(() => this.send(cutCommand(this.profile)));
	}

	kickDrawer(): Promise<DeviceOutcome> {
		return this.exclusive(() => this.send(kickCommand(this.options.kick)));
	}

	queryStatus(): Promise<PrinterReport> {
		return this.exclusive(() => this.readStatus());
	}

	async close(): Promise<void> {
		if (this.pollTimer) clearInterval(this.pollTimer);
		for (const off of this.unsubscribe) off();
		await this.link.close();
	}

	/** One conversation with the printer at a time: a status poll never lands inside a job. */
	private exclusive<T>(task: () => Promise<T>): Promise<T> {
		const run = this.queue.then(async () => {
			this.busy = true;
			try {
				return await task();
			} finally {
				this.busy = false;
			}
		});
		this.queue = run.catch(() => undefined);
		return run;
	}

	private async runJob(job: ReceiptJob): Promise<PrintResult> {
		const encoded = encodeReceipt(job.document, {
			profile: this.profile,
			kick: job.openDrawer ? this.options.kick : undefined
		});
		const fail = (status: DeviceStatus, bytesSent: number): PrintResult => ({
			outcome: 'failed',
			jobId: job.id,
			status,
			bytesSent
		});
		const before = await this.readStatus();
		if (before.status.level === 'error') return fail(before.status, 0);

		this.link.markJob?.(job.id);
		let sent = 0;
		for (const end of chunkEnds(encoded.splitPoints, this.options.chunkBytes ?? DEFAULT_CHUNK_BYTES)) {
			const chunk = encoded.bytes.subarray(sent, end);
			// A write that fails on a link that was up may have put part of the chunk on the wire.
			const linkWasUp = this.link.state === 'up';
			const written = await this.send(chunk);
			if (!written.ok) return fail(written.status, linkWasUp ? end : sent);
			sent = end;
			// DLE EOT is answered in real time: it tells whether the paper ran out under this chunk.
			const after = await this.readStatus();
			if (after.status.level === 'error') return fail(after.status, sent);
		}
		this.remember(job.id);
		return { outcome: 'printed', jobId: job.id, bytes: encoded.bytes.length, replaced: encoded.replaced };
	}

	private remember(jobId: string): void {
		this.printed.add(jobId);
		if (this.printed.size > REMEMBERED_JOBS) this.printed.delete(this.printed.values().next().value!);
	}

	private async send(bytes: Uint8Array): Promise<DeviceOutcome> {
		try {
			await this.link.write(bytes);
			return { ok: true };
		} catch {
			const status = deviceStatus('OFFLINE', PRINTER_TEXT.linkDown);
			this.report({ status, flags: null });
			return { ok: false, status };
		}
	}

	private async readStatus(): Promise<PrinterReport> {
		this.rx = [];
		const request = new Uint8Array(3 * STATUS_QUERY_COUNT);
		for (let n = 1; n <= STATUS_QUERY_COUNT; n++) request.set(statusRequest(n as 1 | 2 | 3 | 4), (n - 1) * 3);
		const sent = await this.send(request);
		if (!sent.ok) return { status: sent.status, flags: null };
		const replies = await this.awaitReplies();
		const flags = replies ? decodeStatus(replies, this.options.drawerOpenSignal) : null;
		const report: PrinterReport = flags
			? { status: statusFromFlags(flags), flags }
			: { status: deviceStatus('NOT_RESPONDING', PRINTER_TEXT.noResponse), flags: null };
		this.report(report);
		return report;
	}

	private awaitReplies(): Promise<number[] | null> {
		return new Promise((resolve) => {
			const done = () => {
				clearTimeout(timer);
				this.replyWaiter = null;
				resolve(this.rx.length >= STATUS_QUERY_COUNT ? this.rx.splice(0, STATUS_QUERY_COUNT) : null);
			};
			const timer = setTimeout(done, this.options.replyTimeoutMs);
			this.replyWaiter = () => {
				if (this.rx.length >= STATUS_QUERY_COUNT) done();
			};
			this.replyWaiter();
		});
	}

	private receive(chunk: Uint8Array): void {
		// Anything that is not a status byte (noise after a power cycle) is dropped.
		for (const byte of chunk) if (isStatusReply(byte)) this.rx.push(byte);
		this.replyWaiter?.();
	}

	private report(report: PrinterReport): void {
		this.tracker.set(report.status);
		this.reports.emit(report);
	}
}

/**
 * Where each chunk of a job ends: at the last split point within `target` bytes of the chunk's
 * start, or at the first one beyond when a single command is longer than that.
 */
function chunkEnds(splitPoints: readonly number[], target: number): number[] {
	const ends: number[] = [];
	let start = 0;
	for (let i = 0; i < splitPoints.length; i++) {
		while (i + 1 < splitPoints.length && splitPoints[i + 1] - start <= target) i++;
		ends.push((start = splitPoints[i]));
	}
	return ends;
}

export interface SerialReceiptPrinterOptions extends EscPosPrinterOptions {
	path: string;
	baudRate: number;
	binding?: SerialLinkOptions['binding'];
	retry?: SerialLinkOptions['retry'];
}

/** A real receipt printer on a serial port (or USB-serial adapter). */
export function createSerialReceiptPrinter(options: SerialReceiptPrinterOptions): EscPosReceiptPrinter {
	const { path, baudRate, binding, retry, ...printer } = options;
	return new EscPosReceiptPrinter(new SerialLink({ path, baudRate, binding, retry }), printer);
}
