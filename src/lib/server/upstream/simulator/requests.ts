import { declarationWindow } from '../../../domain';
import { isValidIsoDate } from '../../../domain/dates';
import { UpstreamRefusedError, type RefusalCode } from '../errors';
import type { UpstreamOperation } from '../operations';
import { TEXT } from './texts';

// Checks every simulated system makes of a request; what fails is refused with a typed code.

export function refuse(operation: UpstreamOperation, code: RefusalCode, message: string, details: Record<string, unknown> = {}): never {
	throw new UpstreamRefusedError(code, operation, message, details);
}

export function requireDate(operation: UpstreamOperation, field: string, value: unknown): string {
	if (typeof value !== 'string' || !isValidIsoDate(value)) {
		refuse(operation, 'INVALID_REQUEST', TEXT.invalidRequest(`${field}应为YYYY-MM-DD格式的日期`), { field });
	}
	return value;
}

export function requireText(operation: UpstreamOperation, field: string, value: unknown): string {
	if (typeof value !== 'string' || value.trim() === '') {
		refuse(operation, 'INVALID_REQUEST', TEXT.invalidRequest(`缺少${field}`), { field });
	}
	return value.trim();
}

export function requireFen(operation: UpstreamOperation, field: string, value: unknown): number {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
		refuse(operation, 'INVALID_REQUEST', TEXT.invalidRequest(`${field}应为正的整数分`), { field });
	}
	return value;
}

/** Declaration and payment: the 1st to the 25th of the month, not extended for holidays. */
export function requireDeclarationPeriod(operation: UpstreamOperation, date: string): string {
	const w = declarationWindow(date, 'regular');
	if (!w.open) refuse(operation, 'OUTSIDE_PERIOD', TEXT.outsidePeriod(date, w.closes), { date, closes: w.closes });
	return w.closes;
}
