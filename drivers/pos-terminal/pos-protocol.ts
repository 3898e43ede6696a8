// Field conventions of the POS link protocol, shared by the driver and the simulator.
import type { PosFields } from './pos-frame';
import type { PosApproval, PosBatchSale, PosTransaction, PosTransactionState } from './pos-terminal';

export const RC = {
	approved: '00',
	invalid: '12',
	originalNotFound: '25',
	insufficientFunds: '51',
	expiredCard: '54',
	duplicate: '94',
	/** Terminal-local: the terminal is busy and did not start the request. */
	busy: 'BZ'
} as const;

export function amountField(fen: number): string {
	return fen.toString().padStart(12, '0');
}

export function parseAmount(field: string | undefined): number {
	return field && /^\d{1,12}$/.test(field) ? Number(field) : 0;
}

/** Terminal clock as sent on the wire: YYYYMMDDhhmmss, local time. */
export function terminalTime(date: Date): string {
	const p = (n: number, w = 2) => n.toString().padStart(w, '0');
	return p(date.getFullYear(), 4) + p(date.getMonth() + 1) + p(date.getDate()) + p(date.getHours()) + p(date.getMinutes()) + p(date.getSeconds());
}

function displayTime(wire: string): string {
	const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(wire);
	return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : wire;
}

export function approvalToFields(approval: PosApproval): PosFields {
	return {
		terminalId: approval.terminalId,
		merchantId: approval.merchantId,
		batchNo: approval.batchNo,
		voucherNo: approval.voucherNo,
		referenceNo: approval.referenceNo,
		cardNo: approval.cardNo,
		time: approval.time.replace(/\D/g, '')
	};
}

export function approvalFromFields(f: PosFields): PosApproval | null {
	if (!f.voucherNo || !f.referenceNo) return null;
	return {
		terminalId: f.terminalId ?? '',
		merchantId: f.merchantId ?? '',
		batchNo: f.batchNo ?? '',
		voucherNo: f.voucherNo,
		referenceNo: f.referenceNo,
		cardNo: f.cardNo ?? '',
		time: displayTime(f.time ?? '')
	};
}

const STATES = new Set<string>(['approved', 'declined', 'voided', 'reversed']);

export function transactionToFields(t: PosTransaction): PosFields {
	return {
		key: t.key,
		transactionType: t.type === 'sale' ? 'SA' : 'VO',
		amount: amountField(t.amountFen),
		state: t.state,
		transactionCode: t.responseCode,
		transactionReason: t.reason,
		...(t.approval ? approvalToFields(t.approval) : {}),
		...(t.originalVoucherNo ? { originalVoucherNo: t.originalVoucherNo } : {})
	};
}

export function transactionFromFields(f: PosFields): PosTransaction | null {
	if (!f.key || !f.state || !STATES.has(f.state)) return null;
	return {
		key: f.key,
		type: f.transactionType === 'VO' ? 'void' : 'sale',
		amountFen: parseAmount(f.amount),
		state: f.state as PosTransactionState,
		responseCode: f.transactionCode ?? '',
		reason: f.transactionReason ?? '',
		approval: approvalFromFields(f),
		originalVoucherNo: f.originalVoucherNo ?? null
	};
}

const BATCH_SALE_STATES = new Set<string>(['approved', 'voided', 'reversed']);

/** One sale of the batch detail as a record of the BD answer. */
export function batchSaleToFields(sale: PosBatchSale): PosFields {
	return {
		key: sale.key,
		referenceNo: sale.referenceNo,
		voucherNo: sale.voucherNo,
		amount: amountField(sale.amountFen),
		state: sale.state,
		time: sale.time.replace(/\D/g, '')
	};
}

/** Null when the record lacks what a reconciliation needs (key, reference, voucher, a known state). */
export function batchSaleFromFields(f: PosFields): PosBatchSale | null {
	if (!f.key || !f.referenceNo || !f.voucherNo || !f.state || !BATCH_SALE_STATES.has(f.state)) return null;
	return {
		key: f.key,
		referenceNo: f.referenceNo,
		voucherNo: f.voucherNo,
		amountFen: parseAmount(f.amount),
		state: f.state as PosBatchSale['state'],
		time: displayTime(f.time ?? '')
	};
}
