// Issue 7, item 3: a stub number typed before its form exists is refused, and that refusal is
// not replayed to the real stub later; a refused call ends its intent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { clerkAt, declareAt, until } from './sessions/flow-helpers';
import { recordBankStub } from '../../src/lib/server/services/bank-stubs';

describe('bank-stub keys cannot be poisoned', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	beforeEach(async () => {
		rt = await tempRuntime();
	});
	afterEach(() => rt.dispose());

	/** The voucher number the next form of this office will get: serials are consecutive. */
	function guessNextVoucher(office: string): string {
		const row = rt.upstreamDb.prepare('SELECT last_serial FROM voucher_sequences WHERE tax_office = ? AND year = 2026').get(office) as
			{ last_serial: number } | undefined;
		return `${office}26${String((row?.last_serial ?? 0) + 1).padStart(5, '0')}`;
	}

	it('a guessed future voucher number is refused, its intent ends, and the real stub is recorded later', async () => {
		const clerk = clerkAt(rt, 'clerk01', 3);
		const visit = await declareAt(rt, clerk);
		const declaration = (await rt.upstream.coreTax.declaration(visit.declarationNo))!;
		const office = (await rt.upstream.coreTax.payer(declaration.payerId))!.taxOffice.code;
		const guess = guessNextVoucher(office);
		const stub = { voucherNo: guess, bankName: '中国银行太原示例支行', stampedOn: '2026-11-20' };

		const early = await recordBankStub(rt, clerk, stub);
		expect(early).toMatchObject({ ok: false });
		expect(early.ok === false && early.message).toContain('未找到');
		const intent = rt.journal.prepare(`SELECT status FROM intents WHERE idempotency_key = ?`).get(`stub-${guess}`) as { status: string };
		expect(intent.status).toBe('failed');

		rt.sessions.send(visit.id, { type: 'CHOOSE', channel: 'bank_form' } as never);
		const done = await until(rt, visit.id, (v) => v.status === 'done');
		expect((done.output as { bankFormVoucherNo: string }).bankFormVoucherNo).toBe(guess);

		const real = await recordBankStub(rt, clerk, stub);
		expect(real).toMatchObject({ ok: true, voucherNo: guess, declarationNo: visit.declarationNo, amountFen: visit.totalFen });
		expect((await rt.upstream.coreTax.declaration(visit.declarationNo))!.status).toBe('paid');
		expect((rt.journal.prepare(`SELECT status FROM intents WHERE idempotency_key = ?`).get(`stub-${guess}`) as { status: string }).status).toBe('succeeded');
		// Entered again: recorded once.
		expect(await recordBankStub(rt, clerk, stub)).toMatchObject({ ok: true, voucherNo: guess });
		expect((await rt.upstream.coreTax.paymentsOf(declaration.payerId)).filter((p) => p.declarationNo === visit.declarationNo)).toHaveLength(1);
	});

	it('any refused upstream write is judged anew under the same key, never replayed', async () => {
		const clerk = clerkAt(rt, 'clerk01', 3);
		rt.upstream.faults!.set('coreTax.recordBankStub', { mode: 'refuse', reason: '系统日终结账中', times: 1 });
		const first = await recordBankStub(rt, clerk, { voucherNo: '0'.repeat(18), bankName: '中国银行', stampedOn: '2026-11-20' });
		expect(first.ok === false && first.message).toContain('系统日终结账中');
		const again = await recordBankStub(rt, clerk, { voucherNo: '0'.repeat(18), bankName: '中国银行', stampedOn: '2026-11-20' });
		expect(again.ok === false && again.message).toContain('未找到');
	});
});
