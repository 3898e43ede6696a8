import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamDuplicateError, UpstreamError, UpstreamRefusedError, UpstreamTimeoutError } from '../../../src/lib/server/upstream/errors';
import { balanceOf } from '../../../src/lib/server/upstream/simulator/bank-sim';
import type { Deduction, Declaration } from '../../../src/lib/server/upstream/types';
import type { Payer } from '../../../src/lib/domain/payer';
import { tempRuntime } from '../temp-runtime';
import { refused, tempUpstream, TODAY, type Sim } from './sim';
import { upstreamMigrations } from '../../../src/lib/server/upstream/migrations';

/** Awaits a rejection and returns the error. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
	return p.then(
		(v) => {
			throw new Error(`expected a failure, got ${JSON.stringify(v)}`);
		},
		(e: unknown) => e
	);
}

describe('simulated failures: time-out, answer lost, refusal, duplicate', () => {
	let sim: Sim;
	let builder: Payer;
	let declaration: Declaration;
	const declarations = () => sim.count('SELECT count(*) AS n FROM declarations');
	beforeEach(async () => {
		sim = tempUpstream();
		builder = await sim.payer('山西示例建筑工程有限公司');
		const dues = await sim.thisMonthsDues(builder);
		declaration = await sim.upstream.coreTax.declare({ key: sim.key(), payerId: builder.id, dueIds: dues.map((d) => d.id), today: TODAY });
	});
	afterEach(() => sim.dispose());

	it('timeout: the call waits, rejects with UpstreamTimeoutError and does nothing; the same key then does the work once', async () => {
		const office = await sim.payer('太原市小店区示例街道办事处');
		const dues = await sim.thisMonthsDues(office);
		const request = { key: sim.key(), payerId: office.id, dueIds: dues.map((d) => d.id), today: TODAY };
		sim.upstream.faults.set('coreTax.declare', { mode: 'timeout', delayMs: 40, times: 1 });
		const before = declarations();
		const started = performance.now();
		const e = await rejection(sim.upstream.coreTax.declare(request));
		expect(performance.now() - started).toBeGreaterThanOrEqual(35);
		expect(e).toBeInstanceOf(UpstreamTimeoutError);
		expect(e).toBeInstanceOf(UpstreamError);
		expect((e as UpstreamTimeoutError).message).toMatch(/未在规定时间内应答/);
		expect((e as UpstreamTimeoutError).operation).toBe('coreTax.declare');
		expect(declarations()).toBe(before);
		expect(sim.count('SELECT count(*) AS n FROM idempotent_calls WHERE key = ?', request.key)).toBe(0);

		const d = await sim.upstream.coreTax.declare(request);
		expect(declarations()).toBe(before + 1);
		expect(await sim.upstream.coreTax.declare(request)).toEqual(d);
	});

	it('answerLost: the work is done and committed, then a time-out; the key finds the first answer', async () => {
		const key = sim.key('pay');
		const request = { key, declarationNo: declaration.declarationNo, channel: 'cash' as const, amountFen: declaration.totalFen, paidOn: TODAY, details: {} };
		sim.upstream.faults.set('coreTax.recordPayment', { mode: 'answerLost', times: 1 });
		expect(await rejection(sim.upstream.coreTax.recordPayment(request))).toBeInstanceOf(UpstreamTimeoutError);
		const found = await sim.upstream.coreTax.paymentByKey(key);
		expect(found).toMatchObject({ declarationNo: declaration.declarationNo, channel: 'cash', amountFen: declaration.totalFen });
		expect(await sim.upstream.coreTax.recordPayment(request)).toEqual(found);
		expect(sim.count('SELECT count(*) AS n FROM payments WHERE idempotency_key = ?', key)).toBe(1);
	});

	it('answerLost survives a crash: after reopening the file the payment is found by its key', async () => {
		const key = sim.key('pay');
		sim.upstream.faults.set('coreTax.recordPayment', { mode: 'answerLost' });
		await rejection(
			sim.upstream.coreTax.recordPayment({
				key,
				declarationNo: declaration.declarationNo,
				channel: 'cash',
				amountFen: declaration.totalFen,
				paidOn: TODAY,
				details: {}
			})
		);
		sim.reopen();
		expect(sim.upstream.faults.list()).toEqual([]);
		expect(await sim.upstream.coreTax.paymentByKey(key)).toMatchObject({ declarationNo: declaration.declarationNo });
	});

	it('refuse: a typed refusal with its code and a Chinese message; nothing done, and the same key may try again', async () => {
		sim.upstream.faults.set('coreTax.voidDeclaration', { mode: 'refuse', code: 'SYSTEM_REFUSED', reason: '系统日终结账中', times: 1 });
		const key = sim.key('void');
		const e = await refused(sim.upstream.coreTax.voidDeclaration({ key, declarationNo: declaration.declarationNo }), 'SYSTEM_REFUSED');
		expect(e.message).toContain('系统日终结账中');
		expect(e.operation).toBe('coreTax.voidDeclaration');
		expect((await sim.upstream.coreTax.declaration(declaration.declarationNo))!.status).toBe('declared');
		expect((await sim.upstream.coreTax.voidDeclaration({ key, declarationNo: declaration.declarationNo })).status).toBe('voided');
	});

	it('refuse can stand for any refusal the real system gives, e.g. a bank declining for 余额不足', async () => {
		sim.upstream.faults.set('bankGateway.deduct', { mode: 'refuse', code: 'INSUFFICIENT_FUNDS', reason: '账户余额不足' });
		const before = balanceOf(sim.db, builder.id);
		await refused(
			sim.upstream.bankGateway.deduct({
				key: sim.key(),
				payerId: builder.id,
				declarationNo: declaration.declarationNo,
				amountFen: declaration.totalFen,
				today: TODAY
			}),
			'INSUFFICIENT_FUNDS'
		);
		expect(balanceOf(sim.db, builder.id)).toBe(before);
	});

	it('duplicate: answered as already processed, carrying the original result; done once', async () => {
		const before = balanceOf(sim.db, builder.id)!;
		const key = sim.key('deduct');
		const request = { key, payerId: builder.id, declarationNo: declaration.declarationNo, amountFen: declaration.totalFen, today: TODAY };
		sim.upstream.faults.set('bankGateway.deduct', { mode: 'duplicate' });

		const e = await rejection(sim.upstream.bankGateway.deduct(request));
		expect(e).toBeInstanceOf(UpstreamDuplicateError);
		const original = (e as UpstreamDuplicateError<Deduction>).original;
		expect(original).toMatchObject({ declarationNo: declaration.declarationNo, amountFen: declaration.totalFen });
		expect((e as UpstreamDuplicateError).message).toMatch(/已处理（重复请求）/);
		expect(await sim.upstream.bankGateway.deductionByKey(key)).toEqual(original);
		expect(balanceOf(sim.db, builder.id)).toBe(before - declaration.totalFen);

		// Asked again, still "already processed" with the same original; no second deduction.
		const again = await rejection(sim.upstream.bankGateway.deduct(request));
		expect((again as UpstreamDuplicateError<Deduction>).original).toEqual(original);
		sim.upstream.faults.clear('bankGateway.deduct');
		expect(await sim.upstream.bankGateway.deduct(request)).toEqual(original);
		expect(balanceOf(sim.db, builder.id)).toBe(before - declaration.totalFen);
	});

	it('times counts the calls; clear switches faults off; reads can time out and be refused too', async () => {
		sim.upstream.faults.set('coreTax.findPayers', { mode: 'timeout', times: 2, delayMs: 1 });
		sim.upstream.faults.set('agencyFeed.assessedDuesOf', { mode: 'refuse', reason: '数据交换平台维护' });
		expect(sim.upstream.faults.list()).toEqual([
			{ operation: 'coreTax.findPayers', fault: { mode: 'timeout', times: 2, delayMs: 1 } },
			{ operation: 'agencyFeed.assessedDuesOf', fault: { mode: 'refuse', reason: '数据交换平台维护' } }
		]);
		const find = () => sim.upstream.coreTax.findPayers({ by: 'name', value: builder.name }, 5);
		expect(await rejection(find())).toBeInstanceOf(UpstreamTimeoutError);
		expect(sim.upstream.faults.list()[0].fault.times).toBe(1);
		expect(await rejection(find())).toBeInstanceOf(UpstreamTimeoutError);
		expect(await find()).toHaveLength(1);

		const e = await rejection(sim.upstream.agencyFeed.assessedDuesOf(builder));
		expect(e).toBeInstanceOf(UpstreamRefusedError);
		expect((e as UpstreamRefusedError).message).toContain('数据交换平台维护');
		sim.upstream.faults.clear();
		expect(sim.upstream.faults.list()).toEqual([]);
		expect((await sim.upstream.agencyFeed.assessedDuesOf(builder)).length).toBeGreaterThan(0);
	});

	it('answerLost and duplicate apply to writes only; unknown operations are not taken', () => {
		expect(() => sim.upstream.faults.set('coreTax.findPayers', { mode: 'answerLost' })).toThrow(TypeError);
		expect(() => sim.upstream.faults.set('bankGateway.checkAgreement', { mode: 'duplicate' })).toThrow(TypeError);
		// @ts-expect-error not an operation
		expect(() => sim.upstream.faults.set('coreTax.nothing here', { mode: 'timeout' })).toThrow(TypeError);
		expect(() => sim.upstream.faults.set('coreTax.declare', { mode: 'timeout', times: 0 })).toThrow(TypeError);
	});

	it('a write without an idempotency key is a fault of the caller', async () => {
		await expect(sim.upstream.coreTax.voidDeclaration({ key: '', declarationNo: declaration.declarationNo })).rejects.toThrow(TypeError);
	});
});

describe('the runtime’s upstream: core tax, agency feed, bank gateway and the fault switch', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	beforeAll(async () => {
		rt = await tempRuntime();
	});
	afterAll(() => rt.dispose());

	it('is migrated to the counter flows and seeded with agreements and pending transfers', async () => {
		expect(rt.upstreamDb.pragma('user_version', { simple: true })).toBe(upstreamMigrations.length);
		const [builder] = await rt.upstream.coreTax.findPayers({ by: 'name', value: '山西示例建筑工程有限公司' }, 1);
		expect(await rt.upstream.bankGateway.checkAgreement({ payerId: builder.id })).toMatchObject({ status: 'valid' });
		expect(rt.upstream.faults).toBeDefined();
	});
});
