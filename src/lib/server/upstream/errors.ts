// Typed failures of the upstream systems. Every one carries a Chinese message for the clerk
// (what happened, what to do) and a stable code for the flows; callers tell them apart by class.

import type { UpstreamOperation } from './operations';

export type UpstreamSystem = 'coreTax' | 'agencyFeed' | 'bankGateway' | 'annuityCollection' | 'eReceipts';

export const SYSTEM_LABEL: Record<UpstreamSystem, string> = {
	coreTax: '税务核心征管系统',
	agencyFeed: '社保、医保经办机构数据交换平台',
	bankGateway: '横向联网电子缴税系统（银行/国库）',
	annuityCollection: '职业年金征缴系统',
	eReceipts: '财政电子票据平台'
};

export function systemOf(operation: UpstreamOperation): UpstreamSystem {
	return operation.slice(0, operation.indexOf('.')) as UpstreamSystem;
}

/** Why an upstream system refused a request; one code per rule of the guide. */
export type RefusalCode =
	| 'INVALID_REQUEST'
	| 'SYSTEM_REFUSED'
	| 'PAYER_NOT_FOUND'
	| 'REGISTRATION_NOT_FOUND'
	| 'REGISTRATION_EXISTS'
	| 'REGISTRATION_CLOSED'
	| 'ALREADY_LINKED'
	| 'LINKED_TO_OTHER_PAYER'
	| 'IDENTIFIER_MISMATCH'
	| 'LINK_METHOD_MISMATCH'
	| 'NOT_LINKED'
	| 'UNPAID_DUES'
	| 'ITEM_NOT_REGISTERED'
	| 'DUE_NOT_FOUND'
	| 'DUE_NOT_LINKED'
	| 'DUE_ALREADY_DECLARED'
	| 'DUE_ALREADY_PAID'
	| 'ANNUITY_SEPARATE_FLOW'
	| 'OUTSIDE_PERIOD'
	| 'DATE_NOT_TODAY'
	| 'DECLARATION_RESERVED'
	| 'CLAIM_MONEY_IN_FLIGHT'
	| 'DECLARATION_NOT_FOUND'
	| 'DECLARATION_PAID'
	| 'DECLARATION_VOIDED'
	| 'WRONG_PAYER'
	| 'AMOUNT_MISMATCH'
	| 'CHANNEL_NOT_DIRECT'
	| 'BANK_FORM_OUTSTANDING'
	| 'BANK_FORM_ALREADY_ISSUED'
	| 'BANK_FORM_NOT_FOUND'
	| 'BANK_FORM_VOIDED'
	| 'PAST_LIMIT_DATE'
	| 'NO_AGREEMENT'
	| 'AGREEMENT_INVALID'
	| 'INSUFFICIENT_FUNDS'
	| 'TRANSFER_NOT_FOUND'
	| 'TRANSFER_USED'
	| 'TRANSFERS_NOT_SAME_DAY'
	| 'TRANSFER_NOT_THIS_PERIOD'
	| 'TRANSFER_SUM_MISMATCH'
	| 'PROOF_MISMATCH'
	| 'NOT_AN_INDIVIDUAL'
	| 'NOTHING_SELECTED'
	| 'UNKNOWN_TIER'
	| 'TIER_LOCKED'
	| 'ALREADY_PAID'
	| 'NOT_REGISTERED_FOR_ITEM'
	| 'NO_YEARLY_AMOUNT'
	| 'REGISTRATION_CHANGE_PENDING'
	| 'VIRTUAL_ACCOUNT_NOT_FOUND'
	| 'VIRTUAL_ACCOUNT_EXISTS'
	| 'BATCH_REFUSED'
	| 'NOT_ANNUITY'
	| 'NOTICE_NOT_FOUND'
	| 'NOTICE_SETTLED'
	| 'NOTICE_NOT_SETTLED';

/** Base of every upstream failure. */
export class UpstreamError extends Error {
	readonly code: string;
	readonly operation: UpstreamOperation;

	constructor(code: string, operation: UpstreamOperation, message: string) {
		super(message);
		this.name = 'UpstreamError';
		this.code = code;
		this.operation = operation;
	}

	get system(): UpstreamSystem {
		return systemOf(this.operation);
	}
}

/**
 * No answer in time. The work may or may not have been done upstream: a write must be looked
 * up again by its idempotency key (or repeated with the same key), never repeated with a new one.
 */
export class UpstreamTimeoutError extends UpstreamError {
	readonly waitedMs: number;

	constructor(operation: UpstreamOperation, waitedMs: number) {
		super(
			'TIMEOUT',
			operation,
			`${SYSTEM_LABEL[systemOf(operation)]}未在规定时间内应答，办理结果未知。` + '请勿换号重新办理：先按本笔业务流水号查询结果，查不到再重试。'
		);
		this.name = 'UpstreamTimeoutError';
		this.waitedMs = waitedMs;
	}
}

/** The upstream system answered: it will not do this. Nothing was done. */
export class UpstreamRefusedError extends UpstreamError {
	declare readonly code: RefusalCode;
	/** Facts behind the refusal (amounts, numbers), for the screen; plain JSON. */
	readonly details: Record<string, unknown>;

	constructor(code: RefusalCode, operation: UpstreamOperation, message: string, details: Record<string, unknown> = {}) {
		super(code, operation, message);
		this.name = 'UpstreamRefusedError';
		this.details = details;
	}
}

/**
 * The upstream system answered "already processed" (重复请求): the request had reached it
 * before and was done then. `original` is that first answer; the caller takes it as the result.
 */
export class UpstreamDuplicateError<T = unknown> extends UpstreamError {
	readonly original: T;

	constructor(operation: UpstreamOperation, original: T) {
		super('DUPLICATE', operation, `${SYSTEM_LABEL[systemOf(operation)]}提示：该笔业务已处理（重复请求），未重复办理，已取回原办理结果。`);
		this.name = 'UpstreamDuplicateError';
		this.original = original;
	}
}

/** The same idempotency key came with a different request: a fault of the caller. */
export class UpstreamKeyReusedError extends UpstreamError {
	readonly key: string;

	constructor(operation: UpstreamOperation, key: string) {
		super('KEY_REUSED', operation, `业务流水号“${key}”已用于另一笔内容不同的业务，${SYSTEM_LABEL[systemOf(operation)]}拒绝受理。请重新发起本笔业务。`);
		this.name = 'UpstreamKeyReusedError';
		this.key = key;
	}
}
