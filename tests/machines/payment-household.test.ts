// Issue 9: one payment for a household. One card sale or one cash tender for the total; one
// declaration and one voucher per person upstream, each booked by its own call; a failure of one
// person's record after the money moved is reversed (nothing booked yet) or left to a supervisor
// with the money of the unbooked persons held, never a half-paid household without a trace.
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import {
	paymentMachine,
	type CardApproval,
	type ChargeCardInput,
	type ClaimDeclarationInput,
	type HoldMoneyInput,
	type PaidOutput,
	type PaymentDeclaration,
	type PaymentPart,
	type RecordPaymentInput,
	type RecordPaymentOutput,
	type RecordedPart,
	type ReleaseClaimInput
} from '../../state-machines/payment.machine';
import type { DeclarationLine } from '../../src/lib/domain/payer';
import { Fakes, flush, restoreActor, withFakes } from './harness';
import { RESIDENT, claimingFakes, PAYMENT_ACTORS } from './fixtures';

const SESSION = 'S-HH';
const TODAY = '2026-11-20';

const yearly = (code: string, name: string, year: number, amountFen: number): DeclarationLine => ({
	dueId: null,
	item: { code, name },
	periodFrom: `${year}-01-01`,
	periodTo: `${year}-12-31`,
	tier: null,
	amountFen
});

const part = (payerId: number, payerName: string, payerIdentifier: string, serial: number, lines: DeclarationLine[]): PaymentPart => ({
	payerId,
	payerName,
	payerIdentifier,
	declarationNo: `SB2026112000001${serial}`,
	totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
	lines
});

// A couple and a parent: pension for 2026 and medical insurance for 2027, paid in 2026.
const HUSBAND = part(RESIDENT.id, RESIDENT.name, RESIDENT.identifier, 1, [
	yearly('R_PENSION', '城乡居民基本养老保险', 2026, 100000),
	yearly('R_MEDICAL', '城乡居民基本医疗保险', 2027, 40000)
]);
const WIFE = part(10, '李梅', '140105199203041226', 2, [yearly('R_MEDICAL', '城乡居民基本医疗保险', 2027, 40000)]);
const MOTHER = part(11, '王秀英', '140105196505051229', 3, [yearly('R_PENSION', '城乡居民基本养老保险', 2026, 23456)]);
const PARTS = [HUSBAND, WIFE, MOTHER];
const TOTAL = 203456;
const HOUSEHOLD: PaymentDeclaration = {
	declarationNo: HUSBAND.declarationNo,
	totalFen: TOTAL,
	lines: PARTS.flatMap((p) => p.lines),
	parts: PARTS
};
const NOS = PARTS.map((p) => p.declarationNo);

const APPROVAL: CardApproval = {
	terminalId: '10012345',
	merchantId: '898140154110001',
	batchNo: '000123',
	voucherNo: '000456',
	referenceNo: '261120123456',
	cardMasked: '6222********1234',
	time: '2026-11-20 10:31:05',
	amountFen: TOTAL
};
const REFUSED = { code: 'DECLARATION_VOIDED', reason: '申报已作废' };

/**
 * The core tax system as the record step sees it: each part is booked by its own key
 * (`${key}:${declarationNo}`), a repeat of a key answers the first booking. `refuse` names a
 * declaration it will not book; `hangAfter` stops answering after that many parts (a crash).
 */
function coreTax(opts: { refuse?: string; hangAfter?: number } = {}) {
	const byKey = new Map<string, RecordedPart>();
	const booked: string[] = [];
	return {
		booked,
		record(i: RecordPaymentInput): RecordPaymentOutput | Promise<never> {
			const recorded: RecordedPart[] = [];
			for (const p of i.parts!) {
				if (p.declarationNo === opts.refuse) return { outcome: 'refused', ...REFUSED, recorded, refusedDeclarationNo: p.declarationNo };
				const key = `${i.key}:${p.declarationNo}`;
				if (!byKey.has(key)) {
					booked.push(p.declarationNo);
					const lines = PARTS.find((x) => x.declarationNo === p.declarationNo)!.lines;
					byKey.set(key, { ...p, voucherNo: `3140512611000${String(12340 + booked.length)}`, paidOn: TODAY, lines });
				}
				recorded.push(byKey.get(key)!);
				if (recorded.length === opts.hangAfter) return new Promise<never>(() => {});
			}
			return { outcome: 'recorded', voucherNo: recorded[0].voucherNo, paidOn: TODAY, parts: recorded };
		}
	};
}

function start(fakes: Fakes) {
	return createActor(withFakes(paymentMachine, fakes, PAYMENT_ACTORS), {
		input: { sessionId: SESSION, payer: RESIDENT, declaration: HOUSEHOLD, today: TODAY, payerKind: RESIDENT.kind, windowNo: '3', clerkId: '7' }
	}).start();
}

async function byCard(fakes: Fakes) {
	const actor = start(fakes);
	await flush();
	actor.send({ type: 'CHOOSE', channel: 'pos' });
	await flush();
	await fakes.settle('chargeCard', { outcome: 'approved', approval: APPROVAL });
	return actor;
}

async function byCash(fakes: Fakes, tenderedFen: number) {
	const actor = start(fakes);
	await flush();
	actor.send({ type: 'CHOOSE', channel: 'cash' });
	actor.send({ type: 'TENDER', amountFen: tenderedFen });
	await flush();
	actor.send({ type: 'DRAWER_CLOSED' });
	await flush();
	return actor;
}

describe('household payment: one sale, one booking per person', () => {
	it('a household of three pays by card: every part claimed, one sale for the total, three bookings, three vouchers', async () => {
		const upstream = coreTax();
		const fakes = claimingFakes().respond('recordPayment', (i: RecordPaymentInput) => upstream.record(i));
		const actor = await byCard(fakes);
		await waitFor(actor, (s) => s.status === 'done');

		const claim = { claimKey: 'S-HH:claim', declarationNo: HUSBAND.declarationNo, declarationNos: NOS, windowNo: '3', clerkId: '7' };
		expect(fakes.all<ClaimDeclarationInput>('claimDeclaration')).toEqual([
			{ ...claim, moneyInFlight: false },
			{ ...claim, moneyInFlight: true }
		]);
		expect(fakes.all<ChargeCardInput>('chargeCard')).toEqual([
			{ key: 'S-HH:card:0', amountFen: TOTAL, declarationNo: HUSBAND.declarationNo, payerId: RESIDENT.id }
		]);
		expect(fakes.all<RecordPaymentInput>('recordPayment')).toEqual([
			{
				key: 'S-HH:record:0',
				payerId: RESIDENT.id,
				declarationNo: HUSBAND.declarationNo,
				channel: 'pos',
				amountFen: TOTAL,
				details: { channel: 'pos', approval: APPROVAL },
				windowNo: '3',
				clerkId: '7',
				parts: [
					{ payerId: RESIDENT.id, declarationNo: HUSBAND.declarationNo, amountFen: 140000 },
					{ payerId: 10, declarationNo: WIFE.declarationNo, amountFen: 40000 },
					{ payerId: 11, declarationNo: MOTHER.declarationNo, amountFen: 23456 }
				]
			}
		]);
		const out = actor.getSnapshot().output as PaidOutput;
		expect(out).toMatchObject({ outcome: 'paid', channel: 'pos', declarationNo: HUSBAND.declarationNo, amountFen: TOTAL, voucherNo: '314051261100012341' });
		expect(out.parts!.map((p) => [p.payerId, p.declarationNo, p.voucherNo, p.amountFen])).toEqual([
			[RESIDENT.id, HUSBAND.declarationNo, '314051261100012341', 140000],
			[10, WIFE.declarationNo, '314051261100012342', 40000],
			[11, MOTHER.declarationNo, '314051261100012343', 23456]
		]);
		expect(out.parts![0].lines).toEqual(HUSBAND.lines);
		expect(upstream.booked).toEqual(NOS);
	});

	it('a household pays by cash with change: one drawer opening for the total, the change is tender less the total', async () => {
		const upstream = coreTax();
		const fakes = claimingFakes().respond('recordPayment', (i: RecordPaymentInput) => upstream.record(i));
		const actor = start(fakes);
		await flush();
		actor.send({ type: 'CHOOSE', channel: 'cash' });
		// What one person owes is not enough: the tender is checked against the household's total.
		actor.send({ type: 'TENDER', amountFen: 140000 });
		expect(actor.getSnapshot().context.error?.code).toBe('TENDER_TOO_LOW');
		actor.send({ type: 'TENDER', amountFen: 250000 });
		await flush();
		actor.send({ type: 'DRAWER_CLOSED' });
		await waitFor(actor, (s) => s.status === 'done');
		expect(fakes.count('openDrawer')).toBe(1);
		const out = actor.getSnapshot().output as PaidOutput;
		expect(out.details).toEqual({ channel: 'cash', tenderedFen: 250000, changeFen: 46544 });
		expect(out.parts!.map((p) => p.voucherNo)).toEqual(['314051261100012341', '314051261100012342', '314051261100012343']);
		expect(fakes.last<RecordPaymentInput>('recordPayment').parts).toHaveLength(3);
	});

	it('a claim refused for one person refuses the household: nobody is charged', async () => {
		const fakes = new Fakes()
			.respond('claimDeclaration', (i: ClaimDeclarationInput) =>
				i.declarationNos?.includes(WIFE.declarationNo)
					? { outcome: 'refused', code: 'DECLARATION_RESERVED', reason: `申报${WIFE.declarationNo}正由4号窗口办理缴费，请勿重复收款` }
					: { outcome: 'held' }
			)
			.respond('releaseClaim', () => undefined);
		const actor = start(fakes);
		await flush();
		const s = actor.getSnapshot();
		expect(s.value).toEqual({ choosing: 'refused' });
		expect(s.context.error).toEqual({ code: 'DECLARATION_RESERVED', message: expect.stringContaining('4号窗口') });
		expect(s.can({ type: 'CHOOSE', channel: 'pos' })).toBe(false);
		actor.send({ type: 'CANCEL' });
		await flush();
		expect(fakes.all<ReleaseClaimInput>('releaseClaim')).toEqual([{ claimKey: 'S-HH:claim', declarationNo: HUSBAND.declarationNo, declarationNos: NOS }]);
		expect(fakes.count('chargeCard') + fakes.count('openDrawer')).toBe(0);
	});

	it('a record refused for the first person, with nobody booked, reverses the card sale by its own key', async () => {
		const upstream = coreTax({ refuse: HUSBAND.declarationNo });
		const fakes = claimingFakes().respond('recordPayment', (i: RecordPaymentInput) => upstream.record(i));
		const actor = await byCard(fakes);
		expect(actor.getSnapshot().value).toEqual({ card: 'reversing' });
		expect(fakes.all('reverseSale')).toEqual([{ key: 'S-HH:card:0', amountFen: TOTAL }]);
		await fakes.settle('reverseSale', { outcome: 'reversed' });
		const s = actor.getSnapshot();
		expect(s.value).toEqual({ choosing: 'ready' });
		expect(s.context.error?.code).toBe('RECORD_REFUSED');
		expect(s.context.attempt).toBe(1);
		expect(upstream.booked).toEqual([]);
	});

	it('a record refused for the second person after the first was booked: the card sale is not reversed, a supervisor decides, told who is booked and what is not', async () => {
		const upstream = coreTax({ refuse: WIFE.declarationNo });
		const fakes = claimingFakes().respond('recordPayment', (i: RecordPaymentInput) => upstream.record(i));
		const actor = await byCard(fakes);
		let s = actor.getSnapshot();
		expect(s.value).toBe('needsSupervisor');
		expect(s.context.error?.code).toBe('RECORD_PARTLY_REFUSED');
		const message = s.context.error!.message;
		expect(message).toContain('申报已作废');
		expect(message).toContain(`已为${HUSBAND.payerName}（申报序号${HUSBAND.declarationNo}）记账`);
		expect(message).toContain(`李梅（申报序号${WIFE.declarationNo}）、王秀英（申报序号${MOTHER.declarationNo}）未记账，未记账金额634.56元`);
		expect(message).toContain('不能整笔冲正');
		// The sale stands for the person booked: no reversal, not even on request.
		expect(s.can({ type: 'RETRY_REVERSAL' })).toBe(false);
		expect(fakes.count('reverseSale')).toBe(0);
		expect(s.context.recordedParts!.map((p) => p.declarationNo)).toEqual([HUSBAND.declarationNo]);
		actor.send({ type: 'SUPERVISOR_CLOSE', supervisorId: 'sup01', note: '与收单银行核实后为李梅、王秀英退款' });
		s = actor.getSnapshot();
		expect(s.output).toMatchObject({ outcome: 'escalated', channel: 'pos', card: APPROVAL, reason: { code: 'RECORD_PARTLY_REFUSED', message } });
		expect(upstream.booked).toEqual([HUSBAND.declarationNo]);
	});

	it('a record refused for the second person after the first was booked: the cash of the unbooked persons is held, naming their declarations', async () => {
		const upstream = coreTax({ refuse: WIFE.declarationNo });
		const fakes = claimingFakes().respond('recordPayment', (i: RecordPaymentInput) => upstream.record(i));
		const actor = await byCash(fakes, 210000);
		expect(actor.getSnapshot().value).toEqual({ moneyHeld: 'holding' });
		const hold = fakes.last<HoldMoneyInput>('holdMoney');
		expect(hold).toEqual({
			key: 'S-HH:hold:0',
			channel: 'cash',
			declarationNo: WIFE.declarationNo,
			declarationNos: [WIFE.declarationNo, MOTHER.declarationNo],
			amountFen: 63456,
			reason: expect.stringContaining(`已为${HUSBAND.payerName}（申报序号${HUSBAND.declarationNo}）记账`),
			details: { channel: 'cash', tenderedFen: 210000, changeFen: 6544 },
			windowNo: '3',
			clerkId: '7'
		});
		expect(hold.reason).toContain('待处理现金');
		expect(hold.reason).toContain('王秀英');
		await fakes.settle('holdMoney', { kind: 'cash_held' });
		expect(actor.getSnapshot().value).toEqual({ moneyHeld: 'held' });
	});

	it('a record refused with nobody booked holds the whole tender’s total, as for a unit', async () => {
		const upstream = coreTax({ refuse: HUSBAND.declarationNo });
		const fakes = claimingFakes().respond('recordPayment', (i: RecordPaymentInput) => upstream.record(i));
		await byCash(fakes, TOTAL);
		expect(fakes.last<HoldMoneyInput>('holdMoney')).toMatchObject({ amountFen: TOTAL, declarationNo: HUSBAND.declarationNo, declarationNos: NOS });
	});

	it('a snapshot restored in the recording step records the remaining persons only, with the same key', async () => {
		const crash: { hangAfter?: number } = { hangAfter: 1 };
		const upstream = coreTax(crash);
		const fakes = claimingFakes().respond('recordPayment', (i: RecordPaymentInput) => upstream.record(i));
		const actor = await byCard(fakes);
		expect(actor.getSnapshot().value).toBe('recording');
		expect(upstream.booked).toEqual([HUSBAND.declarationNo]);
		const saved = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
		actor.stop(); // the server died after the first person was booked

		crash.hangAfter = undefined;
		const after = new Fakes().respond('recordPayment', (i: RecordPaymentInput) => upstream.record(i));
		const restored = restoreActor(withFakes(paymentMachine, after, PAYMENT_ACTORS), saved).start();
		await waitFor(restored, (s) => s.status === 'done');
		expect(after.all('recordPayment')).toEqual([fakes.last('recordPayment')]);
		expect(after.count('chargeCard')).toBe(0);
		// The first person was booked once, before the crash; the others after the restore.
		expect(upstream.booked).toEqual(NOS);
		expect((restored.getSnapshot().output as PaidOutput).parts!.map((p) => p.voucherNo)).toEqual([
			'314051261100012341',
			'314051261100012342',
			'314051261100012343'
		]);
	});

	it('a person’s record with no answer waits for RETRY, which books only the persons not booked yet', async () => {
		let calls = 0;
		const upstream = coreTax();
		const fakes = claimingFakes().respond('recordPayment', (i: RecordPaymentInput) => {
			calls += 1;
			if (calls === 1) {
				upstream.record({ ...i, parts: i.parts!.slice(0, 2) });
				throw { code: 'TIMEOUT', message: '税务核心征管系统未在规定时间内应答' };
			}
			return upstream.record(i);
		});
		const actor = await byCard(fakes);
		expect(actor.getSnapshot().value).toBe('recordFailed');
		expect(upstream.booked).toEqual([HUSBAND.declarationNo, WIFE.declarationNo]);
		actor.send({ type: 'RETRY' });
		await waitFor(actor, (s) => s.status === 'done');
		expect(fakes.all<RecordPaymentInput>('recordPayment').map((r) => r.key)).toEqual(['S-HH:record:0', 'S-HH:record:0']);
		expect(upstream.booked).toEqual(NOS);
	});

	it('individuals pay at the window by card or cash only: the agreement and the bank form are for units', async () => {
		const actor = start(claimingFakes());
		await flush();
		for (const channel of ['agreement', 'bank_form'] as const) {
			actor.send({ type: 'CHOOSE', channel });
			expect(actor.getSnapshot().value).toEqual({ choosing: 'ready' });
			expect(actor.getSnapshot().context.error).toEqual({ code: 'UNITS_ONLY', message: expect.stringContaining('刷卡或缴纳现金') });
		}
		actor.send({ type: 'CHOOSE', channel: 'cash' });
		expect(actor.getSnapshot().value).toEqual({ cash: 'tendering' });
	});
});
