import type { Db } from '../../db/open-database';
import { UpstreamDuplicateError, UpstreamKeyReusedError, UpstreamRefusedError, UpstreamTimeoutError, type RefusalCode } from '../errors';
import type { UpstreamOperation, WriteOperation } from '../operations';
import type { FaultSwitchboard } from './faults';
import { TEXT } from './texts';

// How every simulated call runs: faults first, then the answer by key, then the work in one
// immediate transaction that also records the answer of a write that was done.

export interface CallRunner {
	read<T>(operation: UpstreamOperation, work: () => T): Promise<T>;
	/** `work` runs inside the transaction; a refusal it throws is rolled back and not kept. */
	write<T>(operation: WriteOperation, key: string, request: object, work: () => T): Promise<T>;
}

interface StoredCall {
	operation: string;
	request: string;
	outcome: 'done' | 'refused';
	answer: string;
}

export function callRunner(db: Db, faults: FaultSwitchboard, defaultDelayMs: number): CallRunner {
	const findCall = db.prepare<[string], StoredCall>('SELECT operation, request, outcome, answer FROM idempotent_calls WHERE key = ?');
	const storeCall = db.prepare<[string, string, string, string, string]>(
		'INSERT INTO idempotent_calls (key, operation, request, outcome, answer) VALUES (?, ?, ?, ?, ?)'
	);
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

	return {
		async read<T>(operation: UpstreamOperation, work: () => T): Promise<T> {
			const fault = faults.take(operation);
			if (fault?.mode === 'timeout') {
				const ms = fault.delayMs ?? defaultDelayMs;
				await sleep(ms);
				throw new UpstreamTimeoutError(operation, ms);
			}
			if (fault?.mode === 'refuse') throw injectedRefusal(operation, fault.code, fault.reason);
			return work();
		},

		async write<T>(operation: WriteOperation, key: string, request: object, work: () => T): Promise<T> {
			if (typeof key !== 'string' || key.trim() === '' || key.length > 128) {
				throw new TypeError(`${operation} needs an idempotency key of 1 to 128 characters`);
			}
			const fault = faults.take(operation);
			const delay = fault?.delayMs ?? defaultDelayMs;
			if (fault?.mode === 'timeout') {
				// The request never got through: nothing is done.
				await sleep(delay);
				throw new UpstreamTimeoutError(operation, delay);
			}
			const fingerprint = canonicalJson(request);
			const answer = db
				.transaction((): { replayed: boolean; outcome: 'done' | 'refused'; answer: unknown } => {
					const prior = findCall.get(key);
					if (prior) {
						if (prior.operation !== operation || prior.request !== fingerprint) throw new UpstreamKeyReusedError(operation, key);
						return { replayed: true, outcome: prior.outcome, answer: JSON.parse(prior.answer) };
					}
					let outcome: 'done' | 'refused';
					let result: unknown;
					try {
						if (fault?.mode === 'refuse') throw injectedRefusal(operation, fault.code, fault.reason);
						// A nested transaction is a savepoint: a refusal half way leaves no trace of the work.
						result = db.transaction(work)();
						outcome = 'done';
					} catch (e) {
						if (!(e instanceof UpstreamRefusedError)) throw e;
						outcome = 'refused';
						result = { code: e.code, message: e.message, details: e.details };
					}
					const json = JSON.stringify(result ?? null);
					// Only what was done is kept: a refusal did nothing, so replaying it would answer a
					// later attempt (a stub that now exists, a window that let go) with a stale no.
					if (outcome === 'done') storeCall.run(key, operation, fingerprint, outcome, json);
					return { replayed: false, outcome, answer: JSON.parse(json) };
				})
				.immediate();

			if (fault?.mode === 'answerLost') {
				// Done (or refused) and committed; only the answer did not come back.
				await sleep(delay);
				throw new UpstreamTimeoutError(operation, delay);
			}
			if (answer.outcome === 'refused') {
				const r = answer.answer as { code: RefusalCode; message: string; details: Record<string, unknown> };
				throw new UpstreamRefusedError(r.code, operation, r.message, r.details);
			}
			if (fault?.mode === 'duplicate') throw new UpstreamDuplicateError(operation, answer.answer as T);
			return answer.answer as T;
		}
	};
}

function injectedRefusal(operation: UpstreamOperation, code: RefusalCode | undefined, reason: string | undefined) {
	return new UpstreamRefusedError(code ?? 'SYSTEM_REFUSED', operation, TEXT.systemRefused(operation, reason), { simulated: true });
}

/** JSON with object keys in order and `undefined` dropped, so equal requests compare equal. */
function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_k, v) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(
					Object.keys(v)
						.sort()
						.map((k) => [k, (v as Record<string, unknown>)[k]])
				)
			: v
	);
}
