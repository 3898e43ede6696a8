// The POS terminal driver: one framed request at a time, each answer matched by sequence
// number, so a late answer to a timed-out request can never be taken for the next one's.
import { POS_RESPONSE_TEXT, POS_TEXT } from '../messages';
import { deviceStatus, StatusTracker, TrackedDevice, type Unsubscribe } from '../status';
import type { ByteLink } from '../transport/byte-link';
import { SerialLink, type SerialLinkOptions } from '../transport/serial-link';
import { encodePosFrame, PosFrameDecoder, type PosFields, type PosFrame, type PosMessageType } from './pos-frame';
import { amountField, approvalFromFields, batchSaleFromFields, parseAmount, RC, transactionFromFields } from './pos-protocol';
import type {
	PosBatchDetailResult,
	PosBatchSale,
	PosQueryResult,
	PosReversalResult,
	PosSaleRequest,
	PosSaleResult,
	PosSettleResult,
	PosSignInResult,
	PosTerminal,
	PosTimeout,
	PosUnavailable,
	PosVoidRequest,
	PosVoidResult
} from './pos-terminal';

export interface PosTerminalOptions {
	/** Sale and void: the payer has to insert the card and enter the PIN, so this is long. */
	timeoutMs: number;
	/** Sign-in, reversal, settlement, queries: the terminal answers without the payer. */
	queryTimeoutMs: number;
}

type Answer = { outcome: 'answer'; fields: PosFields; records: readonly PosFields[]; code: string; reason: string };

interface Pending {
	readonly seq: number;
	readonly type: PosMessageType;
	readonly resolve: (frame: PosFrame) => void;
}

function reasonOf(fields: PosFields): string {
	const code = fields.responseCode ?? '';
	return fields.reason || (POS_RESPONSE_TEXT as Record<string, string>)[code] || code;
}

function checkKey(key: string): void {
	if (!key || key.length > 64) throw new RangeError('idempotency key must be 1..64 characters');
}

function checkAmount(amountFen: number): void {
	if (!Number.isSafeInteger(amountFen) || amountFen <= 0 || amountFen > 999_999_999_999) {
		throw new RangeError('amount must be a positive whole number of fen');
	}
}

export class FramedPosTerminal extends TrackedDevice implements PosTerminal {
	readonly kind = 'pos-terminal' as const;
	protected readonly tracker: StatusTracker;
	private readonly decoder = new PosFrameDecoder();
	private readonly unsubscribe: Unsubscribe[];
	private queue: Promise<unknown> = Promise.resolve();
	/** A batch detail asked for and not yet begun (see batchDetail). */
	private detailWaiting: Promise<PosBatchDetailResult> | null = null;
	private pending: Pending | null = null;
	private seq = 0;

	constructor(
		private readonly link: ByteLink,
		private readonly options: PosTerminalOptions
	) {
		super();
		this.tracker = new StatusTracker(link.state === 'up' ? deviceStatus('OK') : deviceStatus('CONNECTING'));
		this.unsubscribe = [
			link.onData((chunk) => this.receive(chunk)),
			link.onState((state) => {
				if (state === 'up') this.tracker.set(deviceStatus('OK'));
				else if (state === 'down') this.tracker.set(deviceStatus('OFFLINE', POS_TEXT.linkDown));
			})
		];
	}

	async close(): Promise<void> {
		for (const off of this.unsubscribe) off();
		await this.link.close();
	}

	async signIn(): Promise<PosSignInResult> {
		const a = await this.exchange('SI', {}, this.options.queryTimeoutMs);
		if (a.outcome !== 'answer') return a;
		if (a.code !== RC.approved) return { outcome: 'declined', responseCode: a.code, reason: a.reason };
		return {
			outcome: 'signed-in',
			terminalId: a.fields.terminalId ?? '',
			merchantId: a.fields.merchantId ?? '',
			batchNo: a.fields.batchNo ?? ''
		};
	}

	async sale({ key, amountFen }: PosSaleRequest): Promise<PosSaleResult> {
		checkKey(key);
		checkAmount(amountFen);
		const a = await this.exchange('SA', { key, amount: amountField(amountFen) }, this.options.timeoutMs);
		if (a.outcome !== 'answer') return a;
		if (a.code !== RC.approved) return { outcome: 'declined', key, amountFen, responseCode: a.code, reason: a.reason };
		const approval = approvalFromFields(a.fields);
		return approval ? { outcome: 'approved', key, amountFen, approval } : this.unreadableApproval();
	}

	async voidSale({ key, originalVoucherNo, amountFen }: PosVoidRequest): Promise<PosVoidResult> {
		checkKey(key);
		checkAmount(amountFen);
		const a = await this.exchange('VO', { key, originalVoucherNo, amount: amountField(amountFen) }, this.options.timeoutMs);
		if (a.outcome !== 'answer') return a;
		if (a.code !== RC.approved) return { outcome: 'declined', key, responseCode: a.code, reason: a.reason };
		const approval = approvalFromFields(a.fields);
		return approval ? { outcome: 'approved', key, amountFen, originalVoucherNo, approval } : this.unreadableApproval();
	}

	async reverse(originalKey: string): Promise<PosReversalResult> {
		checkKey(originalKey);
		const a = await this.exchange('RV', { key: originalKey }, this.options.queryTimeoutMs);
		if (a.outcome !== 'answer') return a;
		if (a.code === RC.approved) return { outcome: 'reversed', originalKey };
		if (a.code === RC.originalNotFound) return { outcome: 'nothing-to-reverse', originalKey, reason: a.reason };
		// Anything else leaves the sale standing: the caller must try the reversal again.
		return { outcome: 'unavailable', status: deviceStatus('PROTOCOL_ERROR', POS_TEXT.unexpectedAnswer(a.code, a.reason)) };
	}

	async settle(): Promise<PosSettleResult> {
		const a = await this.exchange('ST', {}, this.options.queryTimeoutMs);
		if (a.outcome !== 'answer') return a;
		return {
			outcome: 'settled',
			batchNo: a.fields.batchNo ?? '',
			saleCount: Number(a.fields.saleCount ?? 0),
			saleAmountFen: parseAmount(a.fields.saleAmount),
			voidCount: Number(a.fields.voidCount ?? 0),
			voidAmountFen: parseAmount(a.fields.voidAmount)
		};
	}

	/**
	 * Page by page, all inside one turn of the queue: no sale or settlement can come between two pages.
	 * Asked while another detail still waits for its turn, that one is joined: it begins after both
	 * asks, so it holds every sale either knew of, and many windows closing at once read the batch
	 * once or twice instead of once each.
	 */
	batchDetail(): Promise<PosBatchDetailResult> {
		if (this.detailWaiting) return this.detailWaiting;
		const read = this.serialised(async (): Promise<PosBatchDetailResult> => {
			this.detailWaiting = null;
			const sales: PosBatchSale[] = [];
			let batchNo: string | null = null;
			for (;;) {
				const a = await this.send('BD', { offset: String(sales.length) }, this.options.queryTimeoutMs);
				if (a.outcome !== 'answer') return a;
				if (a.code !== RC.approved) return this.unreadableDetail(POS_TEXT.unexpectedDetail(a.code, a.reason));
				const page = a.records.map(batchSaleFromFields).filter((sale) => sale !== null);
				const total = Number(a.fields.total);
				batchNo ??= a.fields.batchNo ?? '';
				if (page.length < a.records.length || !Number.isInteger(total) || a.fields.batchNo !== batchNo) return this.unreadableDetail();
				sales.push(...page);
				if (sales.length >= total) return { outcome: 'detail', batchNo, sales };
				// A page that brings nothing while more is announced would never end.
				if (page.length === 0) return this.unreadableDetail();
			}
		});
		this.detailWaiting = read;
		return read;
	}

	queryLast(): Promise<PosQueryResult> {
		return this.query('QL', {});
	}

	queryByKey(key: string): Promise<PosQueryResult> {
		checkKey(key);
		return this.query('QK', { key });
	}

	/** "Approved" without voucher data: the money may have moved, so it is handled like a lost answer. */
	private unreadableApproval(): PosTimeout {
		const status = deviceStatus('PROTOCOL_ERROR');
		this.tracker.set(status);
		return { outcome: 'timeout', status };
	}

	private unreadableDetail(message?: string): PosUnavailable {
		const status = deviceStatus('PROTOCOL_ERROR', message);
		this.tracker.set(status);
		return { outcome: 'unavailable', status };
	}

	private async query(type: 'QL' | 'QK', fields: PosFields): Promise<PosQueryResult> {
		const a = await this.exchange(type, fields, this.options.queryTimeoutMs);
		if (a.outcome !== 'answer') return a;
		const transaction = a.code === RC.approved ? transactionFromFields(a.fields) : null;
		return transaction ? { outcome: 'found', transaction } : { outcome: 'not-found' };
	}

	private exchange(type: PosMessageType, fields: PosFields, timeoutMs: number): Promise<Answer | PosTimeout | PosUnavailable> {
		return this.serialised(() => this.send(type, fields, timeoutMs));
	}

	/** One request (or one paged read) at a time, in the order asked. */
	private serialised<T>(job: () => Promise<T>): Promise<T> {
		const run = this.queue.then(job);
		this.queue = run.catch(() => undefined);
		return run;
	}

	private async send(type: PosMessageType, fields: PosFields, timeoutMs: number): Promise<Answer | PosTimeout | PosUnavailable> {
		if (this.link.state !== 'up') {
			const status = deviceStatus('OFFLINE', POS_TEXT.linkDown);
			this.tracker.set(status);
			return { outcome: 'unavailable', status };
		}
		this.seq = (this.seq + 1) % 1_000_000;
		const seq = this.seq;
		let timer: NodeJS.Timeout | undefined;
		const answered = new Promise<PosFrame | null>((resolve) => {
			this.pending = { seq, type, resolve };
			timer = setTimeout(() => resolve(null), timeoutMs);
		});
		try {
			await this.link.write(encodePosFrame({ type, seq, fields }));
		} catch {
			// Some bytes may have reached the terminal: the outcome is unknown, not "not sent".
			clearTimeout(timer);
			this.pending = null;
			const status = deviceStatus('TIMEOUT', POS_TEXT.writeFailed);
			this.tracker.set(status);
			return { outcome: 'timeout', status };
		}
		const frame = await answered;
		clearTimeout(timer);
		this.pending = null;
		if (!frame) {
			const status = deviceStatus('TIMEOUT');
			this.tracker.set(status);
			return { outcome: 'timeout', status };
		}
		const code = frame.fields.responseCode ?? '';
		if (code === RC.busy) {
			const status = deviceStatus('BUSY');
			this.tracker.set(status);
			return { outcome: 'unavailable', status };
		}
		this.tracker.set(deviceStatus('OK'));
		return { outcome: 'answer', fields: frame.fields, records: frame.records ?? [], code, reason: reasonOf(frame.fields) };
	}

	private receive(chunk: Uint8Array): void {
		const { frames, rejected } = this.decoder.push(chunk);
		if (rejected > 0) this.tracker.set(deviceStatus('PROTOCOL_ERROR'));
		for (const frame of frames) {
			const pending = this.pending;
			// Late answers (to a request that already timed out) are dropped here.
			if (pending && frame.seq === pending.seq && frame.type === pending.type) pending.resolve(frame);
		}
	}
}

export interface SerialPosTerminalOptions extends PosTerminalOptions {
	path: string;
	baudRate: number;
	binding?: SerialLinkOptions['binding'];
	retry?: SerialLinkOptions['retry'];
}

/** A POS terminal on a serial port speaking the counter's framed protocol. */
export function createSerialPosTerminal(options: SerialPosTerminalOptions): FramedPosTerminal {
	const { path, baudRate, binding, retry, ...terminal } = options;
	return new FramedPosTerminal(new SerialLink({ path, baudRate, binding, retry }), terminal);
}
