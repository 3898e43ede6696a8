// A simulated bank-card terminal on the device end of a link, speaking the counter's framed
// protocol. It keeps its own transaction log (like a real terminal) and can be told to approve,
// decline, stay silent, approve and lose the answer, or answer busy.
import { POS_RESPONSE_TEXT, POS_SIM_TEXT } from '../messages';
import type { Unsubscribe } from '../status';
import type { ByteLink } from '../transport/byte-link';
import { encodePosFrame, PosFrameDecoder, recordsThatFit, type PosFields, type PosFrame } from './pos-frame';
import { amountField, approvalToFields, batchSaleToFields, parseAmount, RC, terminalTime, transactionToFields } from './pos-protocol';
import type { PosApproval, PosBatchSale, PosTransaction, PosTransactionState } from './pos-terminal';

export type PosBehaviour =
	| 'approve'
	| 'decline-insufficient-funds'
	| 'decline-expired-card'
	/** No answer at all: a hung terminal, or the request never arrived. */
	| 'silent'
	/** The bank approves, then the answer never reaches the counter. */
	| 'lose-answer'
	| 'busy';

export interface PosSimulatorOptions {
	terminalId?: string;
	merchantId?: string;
	/** Masked card number on every approval. */
	cardNo?: string;
	now?: () => Date;
	/** Time the "payer" takes at the terminal before a sale or void is answered. */
	processingMs?: number;
}

interface Entry {
	key: string;
	type: 'sale' | 'void';
	amountFen: number;
	state: PosTransactionState;
	responseCode: string;
	reason: string;
	approval: PosApproval | null;
	originalVoucherNo: string | null;
	batchNo: string;
}

type Reply = { code: string; reason?: string; fields?: PosFields; records?: readonly PosFields[] };

function pad(n: number, width: number): string {
	return n.toString().padStart(width, '0');
}

/** Sales encoded at a time for a page of the batch detail (a frame holds about a hundred). */
const DETAIL_CHUNK = 64;

/** An approved sale of the open batch as the detail reports it. */
const batchSaleOf = (e: Entry): PosBatchSale => ({
	key: e.key,
	referenceNo: e.approval!.referenceNo,
	voucherNo: e.approval!.voucherNo,
	amountFen: e.amountFen,
	state: e.state as PosBatchSale['state'],
	time: e.approval!.time
});

/** A terminal's log holds its recent transactions (a query by key comes minutes after a sale, not months). */
export const POS_LOG_KEPT = 2_000;

export class PosSimulator {
	private readonly decoder = new PosFrameDecoder();
	private readonly unsubscribe: Unsubscribe;
	private readonly log = new Map<string, Entry>();
	/**
	 * The open batch's approved sales and voids (the same entries as the log's): settlement and the
	 * batch detail need all of them however many the log has dropped. Emptied at settlement.
	 */
	private readonly openBatch = new Map<string, Entry>();
	private readonly nextCardBehaviours: PosBehaviour[] = [];
	private defaultBehaviour: PosBehaviour = 'approve';
	private lastKey: string | null = null;
	private batch = 1;
	private voucher = 0;
	private readonly terminalId: string;
	private readonly merchantId: string;
	private readonly cardNo: string;
	private readonly now: () => Date;
	private readonly processingMs: number;

	constructor(
		private readonly link: ByteLink,
		options: PosSimulatorOptions = {}
	) {
		this.terminalId = options.terminalId ?? '14010001';
		this.merchantId = options.merchantId ?? '898140193990001';
		this.cardNo = options.cardNo ?? '622202******1234';
		this.now = options.now ?? (() => new Date());
		this.processingMs = options.processingMs ?? 0;
		this.unsubscribe = link.onData((chunk) => {
			for (const frame of this.decoder.push(chunk).frames) this.handle(frame);
		});
	}

	/** Behaviours for the next card transactions (sale or void), one each, in order. */
	queue(...behaviours: PosBehaviour[]): void {
		this.nextCardBehaviours.push(...behaviours);
	}

	/** Behaviour for every request once the queue is empty ('silent': the terminal hangs). */
	setDefault(behaviour: PosBehaviour): void {
		this.defaultBehaviour = behaviour;
	}

	transactions(): PosTransaction[] {
		return [...this.log.values()].map(({ batchNo: _batch, ...t }) => ({ ...t }));
	}

	detach(): void {
		this.unsubscribe();
	}

	private handle(frame: PosFrame): void {
		const card = frame.type === 'SA' || frame.type === 'VO';
		const behaviour = (card && this.nextCardBehaviours.shift()) || this.defaultBehaviour;
		if (behaviour === 'silent') return;
		if (behaviour === 'busy') {
			this.answer(frame, { code: RC.busy });
			return;
		}
		const delay = card ? this.processingMs : 0;
		setTimeout(() => {
			const reply = this.process(frame, behaviour);
			if (behaviour !== 'lose-answer') this.answer(frame, reply);
		}, delay);
	}

	private answer(frame: PosFrame, reply: Reply): void {
		const reason = reply.reason ?? (POS_RESPONSE_TEXT as Record<string, string>)[reply.code] ?? '';
		const fields: PosFields = { ...reply.fields, responseCode: reply.code, reason };
		this.link.write(encodePosFrame({ type: frame.type, seq: frame.seq, fields, records: reply.records })).catch(() => undefined);
	}

	private process(frame: PosFrame, behaviour: PosBehaviour): Reply {
		const f = frame.fields;
		switch (frame.type) {
			case 'SI':
				return {
					code: RC.approved,
					fields: { terminalId: this.terminalId, merchantId: this.merchantId, batchNo: pad(this.batch, 6) }
				};
			case 'SA':
				return this.sale(f.key ?? '', parseAmount(f.amount), behaviour);
			case 'VO':
				return this.voidSale(f.key ?? '', f.originalVoucherNo ?? '', parseAmount(f.amount), behaviour);
			case 'RV':
				return this.reverse(f.key ?? '');
			case 'ST':
				return this.settle();
			case 'QL':
				return this.found(this.lastKey ? this.entry(this.lastKey) : undefined);
			case 'QK':
				return this.found(this.entry(f.key ?? ''));
			case 'BD':
				return this.batchDetail(Number(f.offset ?? 0));
		}
	}

	private approval(): PosApproval {
		const now = this.now();
		this.voucher = (this.voucher % 999_999) + 1;
		const voucherNo = pad(this.voucher, 6);
		const time = terminalTime(now);
		return {
			terminalId: this.terminalId,
			merchantId: this.merchantId,
			batchNo: pad(this.batch, 6),
			voucherNo,
			referenceNo: time.slice(8) + voucherNo,
			cardNo: this.cardNo,
			time: time.replace(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3 $4:$5:$6')
		};
	}

	/** A repeated key answers what the first request got: never a second charge. */
	private replay(entry: Entry): Reply {
		if (entry.state === 'approved') return { code: RC.approved, fields: entry.approval ? approvalToFields(entry.approval) : {} };
		if (entry.state === 'declined') return { code: entry.responseCode, reason: entry.reason };
		return {
			code: RC.duplicate,
			reason: entry.state === 'voided' ? POS_SIM_TEXT.alreadyVoided : POS_SIM_TEXT.alreadyReversed
		};
	}

	/** The log's entry, or the open batch's when the log has already dropped it. */
	private entry(key: string): Entry | undefined {
		return this.log.get(key) ?? this.openBatch.get(key);
	}

	private record(entry: Omit<Entry, 'batchNo'>): void {
		const stored = { ...entry, batchNo: pad(this.batch, 6) };
		this.log.set(entry.key, stored);
		if (stored.approval) this.openBatch.set(entry.key, stored);
		this.lastKey = entry.key;
		// A Map keeps insertion order: the first key is the oldest entry.
		if (this.log.size > POS_LOG_KEPT) this.log.delete(this.log.keys().next().value!);
	}

	private sale(key: string, amountFen: number, behaviour: PosBehaviour): Reply {
		const existing = this.entry(key);
		if (existing) return this.replay(existing);
		const declined = behaviour === 'decline-insufficient-funds' ? RC.insufficientFunds : behaviour === 'decline-expired-card' ? RC.expiredCard : null;
		const base = { key, type: 'sale' as const, amountFen, originalVoucherNo: null };
		if (declined) {
			const reason = POS_RESPONSE_TEXT[declined];
			this.record({ ...base, state: 'declined', responseCode: declined, reason, approval: null });
			return { code: declined, reason };
		}
		const approval = this.approval();
		this.record({ ...base, state: 'approved', responseCode: RC.approved, reason: POS_RESPONSE_TEXT['00'], approval });
		return { code: RC.approved, fields: approvalToFields(approval) };
	}

	private voidSale(key: string, originalVoucherNo: string, amountFen: number, behaviour: PosBehaviour): Reply {
		const existing = this.entry(key);
		if (existing) return this.replay(existing);
		const original = [...this.openBatch.values()].find((e) => e.type === 'sale' && e.approval?.voucherNo === originalVoucherNo);
		const today = terminalTime(this.now()).slice(0, 8);
		let refusal: Reply | null = null;
		if (behaviour === 'decline-expired-card') refusal = { code: RC.expiredCard };
		else if (!original) refusal = { code: RC.originalNotFound };
		else if (original.state === 'voided') refusal = { code: RC.invalid, reason: POS_SIM_TEXT.alreadyVoided };
		else if (original.state !== 'approved') refusal = { code: RC.originalNotFound };
		else if (original.approval!.time.replace(/\D/g, '').slice(0, 8) !== today) refusal = { code: RC.invalid, reason: POS_SIM_TEXT.voidNotToday };
		else if (original.amountFen !== amountFen) refusal = { code: RC.invalid, reason: POS_SIM_TEXT.voidAmountMismatch };
		const base = { key, type: 'void' as const, amountFen, originalVoucherNo };
		if (refusal) {
			const reason = refusal.reason ?? (POS_RESPONSE_TEXT as Record<string, string>)[refusal.code];
			this.record({ ...base, state: 'declined', responseCode: refusal.code, reason, approval: null });
			return { code: refusal.code, reason };
		}
		original!.state = 'voided';
		const approval = this.approval();
		this.record({ ...base, state: 'approved', responseCode: RC.approved, reason: POS_RESPONSE_TEXT['00'], approval });
		return { code: RC.approved, fields: approvalToFields(approval) };
	}

	private reverse(originalKey: string): Reply {
		const original = this.entry(originalKey);
		if (original?.type === 'sale' && (original.state === 'approved' || original.state === 'reversed')) {
			original.state = 'reversed';
			return { code: RC.approved };
		}
		return { code: RC.originalNotFound };
	}

	private settle(): Reply {
		const batchNo = pad(this.batch, 6);
		let saleCount = 0;
		let saleAmount = 0;
		let voidCount = 0;
		let voidAmount = 0;
		for (const e of this.openBatch.values()) {
			// A voided sale did happen (the void offsets it); a reversed one never did.
			if (e.type === 'sale' && (e.state === 'approved' || e.state === 'voided')) {
				saleCount++;
				saleAmount += e.amountFen;
			}
			if (e.type === 'void' && e.state === 'approved') {
				voidCount++;
				voidAmount += e.amountFen;
			}
		}
		this.batch++;
		this.openBatch.clear();
		return {
			code: RC.approved,
			fields: {
				batchNo,
				saleCount: String(saleCount),
				saleAmount: amountField(saleAmount),
				voidCount: String(voidCount),
				voidAmount: amountField(voidAmount)
			}
		};
	}

	/** One page of the open batch's approved sales, from `offset`, as many as one frame holds. */
	private batchDetail(offset: number): Reply {
		const approved = [...this.openBatch.values()].filter((e) => e.type === 'sale' && e.approval !== null && e.state !== 'declined');
		const reason = POS_RESPONSE_TEXT['00'];
		const fields: PosFields = { batchNo: pad(this.batch, 6), total: String(approved.length) };
		const head = { ...fields, responseCode: RC.approved, reason };
		// Only about what one frame holds is encoded, a chunk at a time: a whole day's batch read page by page stays linear.
		const rest = Number.isInteger(offset) && offset >= 0 ? approved.slice(offset) : [];
		let records: PosFields[] = [];
		for (let from = 0; from < rest.length; from += DETAIL_CHUNK) {
			records.push(
				...rest
					.slice(from, from + DETAIL_CHUNK)
					.map(batchSaleOf)
					.map(batchSaleToFields)
			);
			const fit = recordsThatFit(head, records);
			if (fit < records.length) {
				records = records.slice(0, fit);
				break;
			}
		}
		return { code: RC.approved, reason, fields, records };
	}

	private found(entry: Entry | undefined): Reply {
		if (!entry) return { code: RC.originalNotFound };
		const { batchNo: _batch, ...transaction } = entry;
		return { code: RC.approved, fields: transactionToFields(transaction) };
	}
}
