// The hall's bank-card POS terminal (社保费缴费专用POS机) as the counter sees it. Every money
// request carries the caller's idempotency key, written to the journal before the call.
import type { Device, DeviceStatus } from '../status';

/** What the slip and the journal need from an approval. */
export interface PosApproval {
	readonly terminalId: string;
	readonly merchantId: string;
	readonly batchNo: string;
	readonly voucherNo: string;
	readonly referenceNo: string;
	/** Masked as the bank prints it, e.g. 622202******1234. */
	readonly cardNo: string;
	/** Terminal's local time, 'YYYY-MM-DD HH:mm:ss'. */
	readonly time: string;
}

/** The terminal did not take the request (busy, or cable out): certainly nothing was charged. */
export type PosUnavailable = { outcome: 'unavailable'; status: DeviceStatus };
/** Sent, but no answer in time: the result is unknown. Query by key, then reverse if needed. */
export type PosTimeout = { outcome: 'timeout'; status: DeviceStatus };

export type PosSaleResult =
	| { outcome: 'approved'; key: string; amountFen: number; approval: PosApproval }
	| { outcome: 'declined'; key: string; amountFen: number; responseCode: string; reason: string }
	| PosTimeout
	| PosUnavailable;

export type PosVoidResult =
	| { outcome: 'approved'; key: string; amountFen: number; originalVoucherNo: string; approval: PosApproval }
	| { outcome: 'declined'; key: string; responseCode: string; reason: string }
	| PosTimeout
	| PosUnavailable;

export type PosReversalResult =
	| { outcome: 'reversed'; originalKey: string }
	/** The terminal has no approved sale under that key: nothing was charged, nothing to reverse. */
	| { outcome: 'nothing-to-reverse'; originalKey: string; reason: string }
	| PosTimeout
	| PosUnavailable;

export type PosTransactionState = 'approved' | 'declined' | 'voided' | 'reversed';

export interface PosTransaction {
	readonly key: string;
	readonly type: 'sale' | 'void';
	readonly amountFen: number;
	readonly state: PosTransactionState;
	readonly responseCode: string;
	readonly reason: string;
	/** Present once the bank approved it (also for a sale later voided or reversed). */
	readonly approval: PosApproval | null;
	/** For a void: the voucher number of the sale it cancelled. */
	readonly originalVoucherNo: string | null;
}

export type PosQueryResult = { outcome: 'found'; transaction: PosTransaction } | { outcome: 'not-found' } | PosTimeout | PosUnavailable;

export type PosSignInResult =
	| { outcome: 'signed-in'; terminalId: string; merchantId: string; batchNo: string }
	| { outcome: 'declined'; responseCode: string; reason: string }
	| PosTimeout
	| PosUnavailable;

export interface PosSettlement {
	readonly batchNo: string;
	readonly saleCount: number;
	readonly saleAmountFen: number;
	readonly voidCount: number;
	readonly voidAmountFen: number;
}

export type PosSettleResult = ({ outcome: 'settled' } & PosSettlement) | PosTimeout | PosUnavailable;

/** One sale of the open batch as the terminal's 交易明细 lists it: only sales the bank approved. */
export interface PosBatchSale {
	/** The caller's idempotency key of the sale. */
	readonly key: string;
	readonly referenceNo: string;
	readonly voucherNo: string;
	readonly amountFen: number;
	/** voided: cancelled by a void (撤销) of the same batch; reversed: undone by a reversal (冲正). */
	readonly state: 'approved' | 'voided' | 'reversed';
	/** Terminal's local time, 'YYYY-MM-DD HH:mm:ss'. */
	readonly time: string;
}

export type PosBatchDetailResult = { outcome: 'detail'; batchNo: string; sales: readonly PosBatchSale[] } | PosTimeout | PosUnavailable;

export interface PosSaleRequest {
	readonly key: string;
	readonly amountFen: number;
}

export interface PosVoidRequest {
	/** The void's own idempotency key. */
	readonly key: string;
	readonly originalVoucherNo: string;
	readonly amountFen: number;
}

export interface PosTerminal extends Device {
	readonly kind: 'pos-terminal';
	/** 签到: opens the day's batch on the terminal. */
	signIn(): Promise<PosSignInResult>;
	/** 消费: the payer swipes or taps and enters the PIN on the terminal. */
	sale(request: PosSaleRequest): Promise<PosSaleResult>;
	/** 撤销: cancels a sale of the same batch (same day, before settlement). */
	voidSale(request: PosVoidRequest): Promise<PosVoidResult>;
	/** 冲正: undoes a sale whose answer was lost; safe to repeat. */
	reverse(originalKey: string): Promise<PosReversalResult>;
	/** 结算: closes the batch and returns its totals. */
	settle(): Promise<PosSettleResult>;
	/** 交易明细: the open batch's sales, each with its state, before settlement closes the batch. */
	batchDetail(): Promise<PosBatchDetailResult>;
	queryLast(): Promise<PosQueryResult>;
	queryByKey(key: string): Promise<PosQueryResult>;
}
