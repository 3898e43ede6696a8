import { canonicalDigest } from '../../canonical-digest';
import type { Db } from '../../db/open-database';
import { UpstreamDuplicateError, UpstreamKeyReusedError, UpstreamRefusedError, UpstreamTimeoutError, type RefusalCode } from '../errors';
import type { UpstreamOperation, WriteOperation } from '../operations';
import type { FaultSwitchboard } from './faults';
import { TEXT } from './texts';

// How every simulated call runs: faults first, then the answer by key, then the work in one
// immediate transaction that also records the answer of a write that was done. A call is kept by a
// digest of its request, not the request itself: a village's batch of 100,000 rows would otherwise
// be held twice more as JSON (the canonical text and the stored copy).

export interface CallRunner {
	read<T>(operation: UpstreamOperation, work: () => T): Promise<T>;
	/** `work` runs inside the transaction; a refusal it throws is rolled back and not kept. */
	write<T>(operation: WriteOperation, key: string, request: object, work: () => T): Promise<T>;
}

interface StoredCall {
	operation: string;
	/** The request's digest (requestDigest); canonical JSON in calls kept before digests. */
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
			const fingerprint = requestDigest(request);
			const answer = db
				.transaction((): { replayed: boolean; outcome: 'done' | 'refused'; answer: unknown } => {
					const prior = findCall.get(key);
					if (prior) {
						const sameRequest = prior.request === fingerprint || (prior.request.startsWith('{') && requestDigest(JSON.parse(prior.request)) === fingerprint);
						if (prior.operation !== operation || !sameRequest) throw new UpstreamKeyReusedError(operation, key);
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
					// Only what was done is kept: a refusal did nothing, so replaying it would answer a
					// later attempt (a stub that now exists, a window that let go) with a stale no.
					if (outcome === 'done') storeCall.run(key, operation, fingerprint, outcome, JSON.stringify(result ?? null));
					// The work's answers are plain JSON values, so the first answer is the one a replay parses.
					return { replayed: false, outcome, answer: result ?? null };
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

/** The request's digest, as kept with a call. */
const requestDigest = (request: unknown) => `sha256:${canonicalDigest(request)}`;
