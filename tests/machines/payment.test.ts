import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type AnyMachineSnapshot } from 'xstate';
import {
	paymentMachine,
	type CardApproval,
	type ChargeCardInput,
	type PaidOutput,
	type PaymentContext,
	type PaymentOutput,
	type PendingTransfer,
	type PrintBankFormInput,
	type RecordPaymentInput,
	type SettlePendingTransfersInput
} from '../../state-machines/payment.machine';
import type { Payer } from '../../src/lib/domain/payer';
import { Fakes, actorNames, done, failed, flush, pathModel, pathName, restoreActor, runPath, withFakes, type AnyEvent } from './harness';
import { ENTERPRISE, HISTORICAL, INSTITUTION, REGULAR, lineOf, PAYMENT_ACTORS } from './fixtures';

const SESSION = 'S-PAY';
const TODAY = '2025-05-20';
const DECLARATION = {
	declarationNo: 'SB2025052000001',
	totalFen: 123456,
	lines: [lineOf(REGULAR), lineOf(HISTORICAL)]
};
const APPROVAL: CardApproval = {
	terminalId: '10012345',
	merchantId: '898140154110001',
	batchNo: '000123',
	voucherNo: '000456',
	referenceNo: '251520123456',
	cardMasked: '6222********1234',
	time: '2025-05-20 10:31:05',
	amountFen: 123456
};
const VOUCHER = '314051250500012345';
const RECORDED = { voucherNo: VOUCHER, paidOn: TODAY };
const AGREEMENT = { valid: true, agreementNo: 'SF140105000123', bankName: '中国工商银行太原小店支行', accountMasked: '0502****8888' };
const T1: PendingTransfer = { transferId: 'T1', amountFen: 100000, receivedOn: TODAY, payerAccountName: '太原市财政局', bankName: '国库' };
const T2: PendingTransfer = { transferId: 'T2', amountFen: 23456, receivedOn: TODAY, payerAccountName: '太原市小店区第一中学', bankName: '建设银行' };
const T3: PendingTransfer = { transferId: 'T3', amountFen: 23455, receivedOn: TODAY, payerAccountName: '太原市小店区第一中学', bankName: '建设银行' };

function input(payer: Payer = ENTERPRISE, today = TODAY) {
	return { sessionId: SESSION, payer, declaration: DECLARATION, today, payerKind: payer.kind };
}

function start(fakes: Fakes, payer: Payer = ENTERPRISE, today = TODAY) {
	return createActor(withFakes(paymentMachine, fakes, PAYMENT_ACTORS), { input: input(payer, today) });
}

const RECORD_EVENTS: AnyEvent[] = [
	done('recordPayment', RECORDED),
	done('recordPayment', { voucherNo: '12345', paidOn: TODAY }),
	failed('recordPayment', { code: 'TIMEOUT', message: '税务核心征管系统未在规定时间内应答' }),
	{ type: 'RETRY' },
	{ type: 'SUPERVISOR_CLOSE', supervisorId: 'sup01', note: '已与银行核实' },
	{ type: 'SUPERVISOR_CLOSE', supervisorId: '', note: '' }
];

/** Checks common to every payment path. */
const checks = {
	recording: (real: AnyMachineSnapshot, _m: AnyMachineSnapshot, fakes: Fakes) => {
		const ctx = real.context as PaymentContext;
		const rec = fakes.last<RecordPaymentInput>('recordPayment');
		expect(rec.key).toBe(`${SESSION}:record:${ctx.attempt}`);
		expect(rec).toMatchObject({
			payerId: ctx.payer.id,
			declarationNo: DECLARATION.declarationNo,
			channel: ctx.channel,
			amountFen: 123456,
			paidOn: TODAY
		});
		expect(rec.details.channel).toBe(ctx.channel);
	},
	paid: (real: AnyMachineSnapshot) => {
		const out = real.output as PaidOutput;
		expect(out.outcome).toBe('paid');
		expect(out.voucherNo).toMatch(/^\d{18}$/);
		expect(out.amountFen).toBe(123456);
		expect(out.electronic).toBe(out.channel === 'pos' || out.channel === 'agreement');
	}
};

/** In every state: once money moves, CANCEL, BACK and CHOOSE are not accepted. */
function moneyRule(real: AnyMachineSnapshot, model: AnyMachineSnapshot) {
	const moving = model.hasTag('moneyMoving');
	expect(real.hasTag('moneyMoving')).toBe(moving);
	if (moving || real.status === 'done') {
		expect(real.can({ type: 'CANCEL' })).toBe(false);
		expect(real.can({ type: 'BACK' })).toBe(false);
		expect(real.can({ type: 'CHOOSE', channel: 'cash' })).toBe(false);
	}
	if (real.matches('choosing')) {
		expect(real.can({ type: 'CANCEL' })).toBe(true);
		expect(real.can({ type: 'BACK' })).toBe(true);
	}
}

function channelModel(payer: Payer, channel: string, events: AnyEvent[] | ((s: AnyMachineSnapshot) => AnyEvent[])) {
	return pathModel(paymentMachine, {
		input: input(payer),
		events: (state) => [
			{ type: 'CHOOSE', channel },
			...(typeof events === 'function' ? events(state) : events),
			...RECORD_EVENTS
		],
		// Two attempts are enough to show the attempt counter at work.
		filterEvents: (state, event) => state.context.attempt <= 1 && (event.type !== 'CHOOSE' || event.channel === channel)
	});
}

const MODELS = {
	card: channelModel(ENTERPRISE, 'pos', [
		done('chargeCard', { outcome: 'approved', approval: APPROVAL }),
		done('chargeCard', { outcome: 'approved', approval: { ...APPROVAL, amountFen: 123455 } }),
		done('chargeCard', { outcome: 'declined', responseCode: '51', reason: '余额不足' }),
		done('chargeCard', { outcome: 'timeout' }),
		failed('chargeCard', { code: 'POS_NO_ANSWER', message: 'POS机无应答' }),
		done('reverseSale', { outcome: 'reversed' }),
		done('reverseSale', { outcome: 'notCharged' }),
		done('reverseSale', { outcome: 'failed', reason: '原交易不存在或已结算' }),
		failed('reverseSale', { code: 'POS_OFFLINE', message: 'POS机离线' }),
		{ type: 'RETRY_REVERSAL' }
	]),
	cash: channelModel(ENTERPRISE, 'cash', [
		{ type: 'TENDER', amountFen: 100000 },
		{ type: 'TENDER', amountFen: 0 },
		{ type: 'TENDER', amountFen: 150000 },
		done('openDrawer', { status: 'opened' }),
		failed('openDrawer', { code: 'OFFLINE', message: '钱箱未连接' }),
		{ type: 'DRAWER_CLOSED' }
	]),
	agreement: channelModel(ENTERPRISE, 'agreement', [
		done('checkAgreement', AGREEMENT),
		done('checkAgreement', { valid: false, code: 'AGREEMENT_INVALID', reason: '三方协议未验证通过' }),
		failed('checkAgreement', { code: 'TIMEOUT', message: '查询超时' }),
		{ type: 'CONFIRM' },
		done('deductByAgreement', { outcome: 'deducted', deductionRef: 'KK20250520001', deductedAt: '2025-05-20 10:40:00' }),
		done('deductByAgreement', { outcome: 'refused', code: 'INSUFFICIENT_FUNDS', reason: '账户余额不足' }),
		failed('deductByAgreement', { code: 'TIMEOUT', message: '横向联网电子缴税系统未在规定时间内应答' })
	]),
	bankForm: channelModel(ENTERPRISE, 'bank_form', [
		done('printBankForm', { voucherNo: '314051250500099999', limitDate: '2025-05-25' }),
		failed('printBankForm', { code: 'PAPER_OUT', message: '票据打印机缺纸' })
	]),
	pendingAccount: channelModel(INSTITUTION, 'pending_account', (state) => [
		done('listPendingTransfers', {
			transfers: [T1, T2, { ...T3, receivedOn: '2025-05-19' }].filter(
				(t) => t.receivedOn === (state.context as PaymentContext).transferDate
			)
		}),
		failed('listPendingTransfers', { code: 'TIMEOUT', message: '查询超时' }),
		{ type: 'SET_TRANSFER_DATE', date: '2025-05-19' },
		{ type: 'SET_TRANSFER_DATE', date: '2025-05-21' },
		{ type: 'TOGGLE_TRANSFER', transferId: 'T1' },
		{ type: 'TOGGLE_TRANSFER', transferId: 'T2' },
		{ type: 'PROOF', transferId: 'T1', kind: 'treasury_payment', number: 'GK2025-0001' },
		{ type: 'PROOF', transferId: 'T2', kind: 'bank_receipt', number: 'HD88001' },
		{ type: 'PROOF', transferId: 'T1', kind: 'bank_receipt', number: '   ' },
		{ type: 'CONFIRM' },
		done('settlePendingTransfers', { outcome: 'settled', formNo: '314051250500077777' }),
		done('settlePendingTransfers', { outcome: 'refused', code: 'TRANSFER_USED', reason: '该笔到账已用于其他缴费' }),
		failed('settlePendingTransfers', { code: 'TIMEOUT', message: '超时' })
	])
};

const CHANNEL_CHECKS: Record<string, Record<string, (real: AnyMachineSnapshot, m: AnyMachineSnapshot, fakes: Fakes) => void>> = {
	card: {
		'card.charging': (real, _m, fakes) => {
			const ctx = real.context as PaymentContext;
			expect(fakes.last<ChargeCardInput>('chargeCard')).toEqual({
				key: `${SESSION}:card:${ctx.attempt}`,
				amountFen: 123456,
				declarationNo: DECLARATION.declarationNo,
				payerId: ENTERPRISE.id
			});
			// One sale per attempt: never a second sale under the same key.
			const keys = fakes.all<ChargeCardInput>('chargeCard').map((c) => c.key);
			expect(new Set(keys).size).toBe(keys.length);
		},
		'card.reversing': (real, _m, fakes) => {
			const ctx = real.context as PaymentContext;
			expect(fakes.last('reverseSale')).toEqual({ key: `${SESSION}:card:${ctx.attempt}`, amountFen: 123456 });
			expect(fakes.last<ChargeCardInput>('chargeCard').key).toBe(`${SESSION}:card:${ctx.attempt}`);
		},
		needsSupervisor: (real, _m, fakes) => {
			expect(real.context.error.code).toBe('REVERSAL_FAILED');
			expect(fakes.count('chargeCard')).toBe((real.context as PaymentContext).attempt + 1);
		}
	},
	cash: {
		'cash.drawer': (real, _m, fakes) => {
			const ctx = real.context as PaymentContext;
			expect(fakes.last('openDrawer')).toEqual({ key: `${SESSION}:cash:${ctx.attempt}` });
			expect(ctx.cash).toEqual({ tenderedFen: 150000, changeFen: 150000 - 123456 });
			expect(fakes.count('recordPayment')).toBe(0); // nothing recorded before the drawer step
		},
		'cash.drawerProblem': (_real, _m, fakes) => expect(fakes.count('recordPayment')).toBe(0)
	},
	agreement: {
		'agreement.deducting': (real, _m, fakes) => {
			const ctx = real.context as PaymentContext;
			expect(fakes.last('deductByAgreement')).toEqual({
				key: `${SESSION}:agreement:${ctx.attempt}`,
				payerId: ENTERPRISE.id,
				declarationNo: DECLARATION.declarationNo,
				amountFen: 123456,
				agreementNo: AGREEMENT.agreementNo
			});
		}
	},
	bankForm: {
		'bankForm.printing': (real, _m, fakes) => {
			expect(fakes.last<PrintBankFormInput>('printBankForm')).toMatchObject({
				key: `${SESSION}:bankForm:${(real.context as PaymentContext).attempt}`,
				amountFen: 123456,
				amountInWords: '壹仟贰佰叁拾肆元伍角陆分',
				issuedOn: TODAY
			});
		},
		awaitingBankStub: (real, _m, fakes) => {
			expect(real.output).toMatchObject({ outcome: 'awaitingBankStub', voucherNo: '314051250500099999', limitDate: '2025-05-25' });
			expect(fakes.count('recordPayment')).toBe(0);
		}
	},
	pendingAccount: {
		'pendingAccount.loading': (real, _m, fakes) => {
			expect(fakes.last('listPendingTransfers')).toEqual({
				payerId: INSTITUTION.id,
				date: (real.context as PaymentContext).transferDate
			});
		},
		'pendingSettlement.settling': (real, _m, fakes) => {
			const ctx = real.context as PaymentContext;
			const call = fakes.last<SettlePendingTransfersInput>('settlePendingTransfers');
			expect(call.key).toBe(`${SESSION}:pending:${ctx.attempt}`);
			expect(call.transfers.reduce((a, t) => a + t.amountFen, 0)).toBe(123456);
			expect(call.transfers.every((t) => t.proof.number.trim() !== '')).toBe(true);
		}
	}
};

describe('payment: path models, one per channel', () => {
	for (const [name, model] of Object.entries(MODELS)) {
		const paths = model.getShortestPaths();
		const payer = name === 'pendingAccount' ? INSTITUTION : ENTERPRISE;
		describe(name, () => {
			it('reaches the final states of the channel', () => {
				const finals = new Set(paths.filter((p) => p.state.status === 'done').map((p) => p.state.value as string));
				const expected = name === 'bankForm' ? ['awaitingBankStub', 'back', 'cancelled'] : ['paid', 'back', 'cancelled', 'escalated'];
				for (const f of expected) expect(finals).toContain(f);
			});
			for (const path of paths) {
				it(pathName(path), async () => {
					await runPath(path, (fakes) => start(fakes, payer), { ...checks, ...CHANNEL_CHECKS[name] }, moneyRule);
				});
			}
		});
	}
});

async function choose(fakes: Fakes, channel: string, payer: Payer = ENTERPRISE, today = TODAY) {
	const actor = start(fakes, payer, today).start();
	actor.send({ type: 'CHOOSE', channel } as never);
	await flush();
	return actor;
}

describe('payment: card on the POS', () => {
	it('an approved sale is recorded with the POS slip data and paid with an 18-digit voucher', async () => {
		const fakes = new Fakes().respond('recordPayment', () => RECORDED);
		const actor = createActor(withFakes(paymentMachine, fakes, PAYMENT_ACTORS), {
			input: { ...input(), windowNo: '3', clerkId: 'clerk07' }
		}).start();
		actor.send({ type: 'CHOOSE', channel: 'pos' });
		await flush();
		await fakes.settle('chargeCard', { outcome: 'approved', approval: APPROVAL });
		await waitFor(actor, (s) => s.status === 'done');
		expect(fakes.last('recordPayment')).toEqual({
			key: `${SESSION}:record:0`,
			payerId: ENTERPRISE.id,
			declarationNo: DECLARATION.declarationNo,
			channel: 'pos',
			amountFen: 123456,
			paidOn: TODAY,
			details: { channel: 'pos', approval: APPROVAL },
			windowNo: '3',
			clerkId: 'clerk07'
		});
		expect(actor.getSnapshot().output).toEqual({
			outcome: 'paid',
			channel: 'pos',
			declarationNo: DECLARATION.declarationNo,
			lines: DECLARATION.lines,
			amountFen: 123456,
			voucherNo: VOUCHER,
			paidOn: TODAY,
			details: { channel: 'pos', approval: APPROVAL },
			electronic: true,
			taxCashFormNo: null
		});
	});

	it('a card sale that times out is reversed, never charged again', async () => {
		const fakes = new Fakes();
		const actor = await choose(fakes, 'pos');
		await fakes.settle('chargeCard', { outcome: 'timeout' });
		expect(actor.getSnapshot().value).toEqual({ card: 'reversing' });
		expect(fakes.last('reverseSale')).toEqual({ key: `${SESSION}:card:0`, amountFen: 123456 });
		await fakes.settle('reverseSale', { outcome: 'reversed' });
		const s = actor.getSnapshot();
		expect(s.value).toBe('choosing');
		expect(s.context.attempt).toBe(1);
		expect(s.context.notice).toContain('缴费人未被扣款');
		expect(fakes.count('chargeCard')).toBe(1);
		// A new attempt is a new sale with a new key.
		actor.send({ type: 'CHOOSE', channel: 'pos' });
		await flush();
		expect(fakes.all<ChargeCardInput>('chargeCard').map((c) => c.key)).toEqual([`${SESSION}:card:0`, `${SESSION}:card:1`]);
	});

	it('a sale whose answer is lost is reversed with the sale’s own key', async () => {
		const fakes = new Fakes();
		const actor = await choose(fakes, 'pos');
		await fakes.fail('chargeCard', new Error('socket hang up'));
		expect(actor.getSnapshot().value).toEqual({ card: 'reversing' });
		expect(fakes.last('reverseSale')).toMatchObject({ key: `${SESSION}:card:0` });
	});

	it('a sale approved for another amount is reversed, not recorded', async () => {
		const fakes = new Fakes();
		const actor = await choose(fakes, 'pos');
		await fakes.settle('chargeCard', { outcome: 'approved', approval: { ...APPROVAL, amountFen: 12345 } });
		expect(actor.getSnapshot().value).toEqual({ card: 'reversing' });
		expect(actor.getSnapshot().context.error?.code).toBe('AMOUNT_MISMATCH');
		expect(fakes.count('recordPayment')).toBe(0);
	});

	it('a declined card shows the bank’s reason and the clerk may choose again', async () => {
		const fakes = new Fakes();
		const actor = await choose(fakes, 'pos');
		await fakes.settle('chargeCard', { outcome: 'declined', responseCode: '51', reason: '余额不足' });
		const s = actor.getSnapshot();
		expect(s.value).toBe('choosing');
		expect(s.context.error).toEqual({ code: 'CARD_DECLINED', message: expect.stringContaining('余额不足') });
		expect(s.context.attempt).toBe(1);
		expect(fakes.count('reverseSale')).toBe(0);
	});

	it('a reversal that fails waits for the supervisor: no new sale, RETRY_REVERSAL repeats the same key', async () => {
		const fakes = new Fakes();
		const actor = await choose(fakes, 'pos');
		await fakes.settle('chargeCard', { outcome: 'timeout' });
		await fakes.settle('reverseSale', { outcome: 'failed', reason: '银行系统繁忙' });
		expect(actor.getSnapshot().value).toBe('needsSupervisor');
		expect(actor.getSnapshot().context.error?.message).toContain('请勿重新刷卡');
		for (const e of [{ type: 'CHOOSE', channel: 'pos' }, { type: 'CANCEL' }, { type: 'BACK' }] as const) {
			actor.send(e);
			expect(actor.getSnapshot().value).toBe('needsSupervisor');
		}
		actor.send({ type: 'RETRY_REVERSAL' });
		await flush();
		expect(fakes.all('reverseSale').map((c) => c.key)).toEqual([`${SESSION}:card:0`, `${SESSION}:card:0`]);
		await fakes.fail('reverseSale', { code: 'OFFLINE', message: 'POS机离线' });
		actor.send({ type: 'SUPERVISOR_CLOSE', supervisorId: 'sup01', note: '已与收单银行核实，未扣款' });
		expect(actor.getSnapshot().output).toMatchObject({
			outcome: 'escalated',
			channel: 'pos',
			supervisorId: 'sup01',
			reason: { code: 'REVERSAL_FAILED' }
		});
		expect(fakes.count('chargeCard')).toBe(1);
	});
});

describe('payment: crash safety', () => {
	it('a persisted snapshot restored mid-charge re-invokes the charge with the same idempotency key', async () => {
		const fakes = new Fakes();
		const actor = await choose(fakes, 'pos');
		expect(actor.getSnapshot().value).toEqual({ card: 'charging' });
		const saved = JSON.stringify(actor.getPersistedSnapshot());
		actor.stop(); // the server died with the sale in flight

		const after = new Fakes().respond('recordPayment', () => RECORDED);
		const restored = restoreActor(withFakes(paymentMachine, after, PAYMENT_ACTORS), JSON.parse(saved)).start();
		await flush();
		expect(restored.getSnapshot().value).toEqual({ card: 'charging' });
		expect(after.all('chargeCard')).toEqual([fakes.last('chargeCard')]);
		expect(after.last('chargeCard').key).toBe(`${SESSION}:card:0`);
		await after.settle('chargeCard', { outcome: 'approved', approval: APPROVAL });
		await waitFor(restored, (s) => s.status === 'done');
		expect((restored.getSnapshot().output as PaidOutput).voucherNo).toBe(VOUCHER);
	});

	it('a snapshot restored mid-deduction repeats the deduction with the same key', async () => {
		const fakes = new Fakes().respond('checkAgreement', () => AGREEMENT);
		const actor = await choose(fakes, 'agreement');
		await waitFor(actor, (s) => s.matches({ agreement: 'ready' }));
		actor.send({ type: 'CONFIRM' });
		await flush();
		const saved = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
		actor.stop();
		const after = new Fakes();
		restoreActor(withFakes(paymentMachine, after, PAYMENT_ACTORS), saved).start();
		await flush();
		expect(after.last('deductByAgreement')).toEqual(fakes.last('deductByAgreement'));
	});

	it('cancel is refused once money is moving', async () => {
		const fakes = new Fakes();
		const actor = await choose(fakes, 'pos');
		for (const e of [{ type: 'CANCEL' }, { type: 'BACK' }] as const) {
			expect(actor.getSnapshot().can(e)).toBe(false);
			actor.send(e);
			expect(actor.getSnapshot().value).toEqual({ card: 'charging' });
		}
		expect(fakes.pending('chargeCard')).toBe(true);
		// Before money moves, CANCEL is accepted.
		const other = new Fakes();
		const cash = await choose(other, 'cash');
		cash.send({ type: 'CANCEL' });
		expect(cash.getSnapshot().output).toEqual({ outcome: 'cancelled' });
	});
});

describe('payment: cash', () => {
	it('cash: change is tendered minus total, and nothing is recorded until the drawer step is done', async () => {
		const fakes = new Fakes().respond('recordPayment', () => RECORDED);
		const actor = await choose(fakes, 'cash');
		actor.send({ type: 'TENDER', amountFen: 100000 });
		expect(actor.getSnapshot().context.error?.message).toContain('少于应缴金额1,234.56元');
		actor.send({ type: 'TENDER', amountFen: 12.5 });
		expect(actor.getSnapshot().context.error?.code).toBe('TENDER_INVALID');
		actor.send({ type: 'TENDER', amountFen: 130000 });
		await flush();
		expect(actor.getSnapshot().value).toEqual({ cash: 'drawer' });
		expect(actor.getSnapshot().context.cash).toEqual({ tenderedFen: 130000, changeFen: 6544 });
		expect(fakes.count('recordPayment')).toBe(0);
		expect(actor.getSnapshot().can({ type: 'CANCEL' })).toBe(false);
		actor.send({ type: 'DRAWER_CLOSED' });
		await waitFor(actor, (s) => s.status === 'done');
		expect(fakes.last<RecordPaymentInput>('recordPayment').details).toEqual({ channel: 'cash', tenderedFen: 130000, changeFen: 6544 });
		expect(actor.getSnapshot().output).toMatchObject({ channel: 'cash', electronic: false });
	});

	it('a drawer that does not open can be retried with the same key or confirmed closed by hand', async () => {
		const fakes = new Fakes();
		const actor = await choose(fakes, 'cash');
		actor.send({ type: 'TENDER', amountFen: 123456 });
		await fakes.fail('openDrawer', { code: 'OFFLINE', message: '钱箱未连接' });
		expect(actor.getSnapshot().value).toEqual({ cash: 'drawerProblem' });
		actor.send({ type: 'RETRY' });
		await flush();
		expect(fakes.all('openDrawer')).toEqual([{ key: `${SESSION}:cash:0` }, { key: `${SESSION}:cash:0` }]);
		await fakes.settle('openDrawer', { status: 'closed' });
		expect(actor.getSnapshot().value).toBe('recording');
	});
});

describe('payment: tripartite agreement', () => {
	it('an invalid agreement is explained and nothing is deducted', async () => {
		const fakes = new Fakes();
		const actor = await choose(fakes, 'agreement');
		await fakes.settle('checkAgreement', { valid: false, code: 'AGREEMENT_INVALID', reason: '协议已撤销' });
		expect(actor.getSnapshot().value).toBe('choosing');
		expect(actor.getSnapshot().context.error?.message).toContain('三方协议无效，不能扣款：协议已撤销');
		expect(fakes.count('deductByAgreement')).toBe(0);
	});

	it('insufficient funds are explained; the next attempt uses a new key', async () => {
		const fakes = new Fakes().respond('checkAgreement', () => AGREEMENT);
		const actor = await choose(fakes, 'agreement');
		await waitFor(actor, (s) => s.matches({ agreement: 'ready' }));
		actor.send({ type: 'CONFIRM' });
		actor.send({ type: 'CONFIRM' }); // a double click deducts once
		await fakes.settle('deductByAgreement', { outcome: 'refused', code: 'INSUFFICIENT_FUNDS', reason: '余额不足' });
		expect(actor.getSnapshot().context.error).toEqual({
			code: 'INSUFFICIENT_FUNDS',
			message: expect.stringContaining('账户余额不足，扣款未成功，缴费人未被扣款')
		});
		expect(fakes.count('deductByAgreement')).toBe(1);
		actor.send({ type: 'CHOOSE', channel: 'agreement' });
		await waitFor(actor, (s) => s.matches({ agreement: 'ready' }));
		actor.send({ type: 'CONFIRM' });
		await flush();
		expect(fakes.all('deductByAgreement').map((c) => c.key)).toEqual([`${SESSION}:agreement:0`, `${SESSION}:agreement:1`]);
	});

	it('a deduction with no answer is repeated only with the same key', async () => {
		const fakes = new Fakes().respond('checkAgreement', () => AGREEMENT);
		const actor = await choose(fakes, 'agreement');
		await waitFor(actor, (s) => s.matches({ agreement: 'ready' }));
		actor.send({ type: 'CONFIRM' });
		await fakes.fail('deductByAgreement', { code: 'TIMEOUT', message: '超时' });
		expect(actor.getSnapshot().value).toEqual({ agreement: 'uncertain' });
		expect(actor.getSnapshot().can({ type: 'CHOOSE', channel: 'cash' })).toBe(false);
		actor.send({ type: 'RETRY' });
		await flush();
		expect(fakes.all('deductByAgreement').map((c) => c.key)).toEqual([`${SESSION}:agreement:0`, `${SESSION}:agreement:0`]);
	});
});

describe('payment: bank-collection form', () => {
	it('prints 《税收缴款书（银行经收专用）》 with the amount in capitals and waits for the stamped stub', async () => {
		const fakes = new Fakes();
		const actor = await choose(fakes, 'bank_form');
		expect(fakes.last('printBankForm')).toEqual({
			key: `${SESSION}:bankForm:0`,
			payerId: ENTERPRISE.id,
			payerName: ENTERPRISE.name,
			payerIdentifier: ENTERPRISE.identifier,
			declarationNo: DECLARATION.declarationNo,
			amountFen: 123456,
			amountInWords: '壹仟贰佰叁拾肆元伍角陆分',
			lines: DECLARATION.lines,
			issuedOn: TODAY
		});
		await fakes.settle('printBankForm', { voucherNo: '314051250500099999', limitDate: '2025-05-25' });
		const out = actor.getSnapshot().output as Extract<PaymentOutput, { outcome: 'awaitingBankStub' }>;
		expect(actor.getSnapshot().value).toBe('awaitingBankStub');
		expect(out.notice).toContain('银行盖章的回执联');
		expect(fakes.count('recordPayment')).toBe(0);
	});
});

describe('payment: pending-settlement account', () => {
	async function listed(fakes: Fakes, transfers: PendingTransfer[] = [T1, T2, T3]) {
		fakes.respond('listPendingTransfers', () => ({ transfers }));
		const actor = await choose(fakes, 'pending_account', INSTITUTION);
		await waitFor(actor, (s) => s.matches({ pendingAccount: 'selecting' }));
		return actor;
	}

	it('pending-settlement: two same-day transfers must sum to the due exactly to the fen', async () => {
		const fakes = new Fakes().respond('recordPayment', () => RECORDED);
		const actor = await listed(fakes);
		actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T1' });
		actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T3' });
		actor.send({ type: 'PROOF', transferId: 'T1', kind: 'treasury_payment', number: 'GK1' });
		actor.send({ type: 'PROOF', transferId: 'T3', kind: 'bank_receipt', number: 'HD3' });
		actor.send({ type: 'CONFIRM' });
		// 1,000.00 + 234.55 = 1,234.55: one fen short.
		expect(actor.getSnapshot().value).toEqual({ pendingAccount: 'selecting' });
		expect(actor.getSnapshot().context.error).toEqual({
			code: 'TRANSFER_SUM_MISMATCH',
			message: expect.stringContaining('合计1,234.55元，应缴金额1,234.56元')
		});
		actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T3' });
		actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T2' });
		actor.send({ type: 'PROOF', transferId: 'T2', kind: 'bank_receipt', number: ' HD2 ' });
		actor.send({ type: 'CONFIRM' });
		await flush();
		expect(fakes.last('settlePendingTransfers')).toEqual({
			key: `${SESSION}:pending:0`,
			payerId: INSTITUTION.id,
			declarationNo: DECLARATION.declarationNo,
			amountFen: 123456,
			transfers: [
				{ transferId: 'T1', amountFen: 100000, receivedOn: TODAY, proof: { transferId: 'T1', kind: 'treasury_payment', number: 'GK1' } },
				{ transferId: 'T2', amountFen: 23456, receivedOn: TODAY, proof: { transferId: 'T2', kind: 'bank_receipt', number: 'HD2' } }
			]
		});
		await fakes.settle('settlePendingTransfers', { outcome: 'settled', formNo: '314051250500077777' });
		await waitFor(actor, (s) => s.status === 'done');
		expect(actor.getSnapshot().output).toMatchObject({
			outcome: 'paid',
			channel: 'pending_account',
			taxCashFormNo: '314051250500077777',
			electronic: false
		});
	});

	it('pending-settlement: every selected transfer needs its proof document', async () => {
		const fakes = new Fakes();
		const actor = await listed(fakes);
		actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T1' });
		actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T2' });
		actor.send({ type: 'PROOF', transferId: 'T1', kind: 'treasury_payment', number: 'GK1' });
		actor.send({ type: 'CONFIRM' });
		expect(actor.getSnapshot().context.error?.code).toBe('PROOF_MISSING');
		expect(actor.getSnapshot().context.error?.message).toContain('T2');
		actor.send({ type: 'PROOF', transferId: 'T2', kind: 'bank_receipt', number: '' });
		expect(actor.getSnapshot().context.error?.code).toBe('PROOF_INVALID');
		expect(fakes.count('settlePendingTransfers')).toBe(0);
	});

	it('pending-settlement: only transfers of the chosen day are offered, and the day cannot be in the future', async () => {
		const fakes = new Fakes();
		const actor = await listed(fakes, [T1, { ...T2, receivedOn: '2025-05-19' }]);
		expect(actor.getSnapshot().context.transfers.map((t) => t.transferId)).toEqual(['T1']);
		actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T2' });
		expect(actor.getSnapshot().context.error?.code).toBe('TRANSFER_UNKNOWN');
		actor.send({ type: 'SET_TRANSFER_DATE', date: '2025-05-21' });
		expect(actor.getSnapshot().context.error?.code).toBe('TRANSFER_DATE_INVALID');
		actor.send({ type: 'SET_TRANSFER_DATE', date: '2025-05-19' });
		await waitFor(actor, (s) => s.matches({ pendingAccount: 'selecting' }));
		expect(fakes.last('listPendingTransfers')).toEqual({ payerId: INSTITUTION.id, date: '2025-05-19' });
		expect(actor.getSnapshot().context.transfers.map((t) => t.transferId)).toEqual(['T2']);
	});

	it('pending-settlement is for public institutions only', async () => {
		const fakes = new Fakes();
		const actor = await choose(fakes, 'pending_account', ENTERPRISE);
		expect(actor.getSnapshot().value).toBe('choosing');
		expect(actor.getSnapshot().context.error?.code).toBe('INSTITUTIONS_ONLY');
		expect(fakes.count('listPendingTransfers')).toBe(0);
	});

	it('a settlement with no answer is repeated only with the same key; BACK is not accepted meanwhile', async () => {
		const fakes = new Fakes();
		const actor = await listed(fakes);
		actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T1' });
		actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T2' });
		actor.send({ type: 'PROOF', transferId: 'T1', kind: 'treasury_payment', number: 'GK1' });
		actor.send({ type: 'PROOF', transferId: 'T2', kind: 'bank_receipt', number: 'HD2' });
		actor.send({ type: 'CONFIRM' });
		await fakes.fail('settlePendingTransfers', { code: 'TIMEOUT', message: '超时' });
		expect(actor.getSnapshot().value).toEqual({ pendingSettlement: 'uncertain' });
		actor.send({ type: 'BACK' });
		expect(actor.getSnapshot().value).toEqual({ pendingSettlement: 'uncertain' });
		actor.send({ type: 'RETRY' });
		await flush();
		expect(fakes.all('settlePendingTransfers').map((c) => c.key)).toEqual([`${SESSION}:pending:0`, `${SESSION}:pending:0`]);
	});
});

describe('payment: window and channels', () => {
	it('payment on the 26th is refused: 1st to 25th, not extended for holidays', async () => {
		const fakes = new Fakes();
		const actor = await choose(fakes, 'pos', ENTERPRISE, '2025-05-26');
		expect(actor.getSnapshot().value).toBe('choosing');
		expect(actor.getSnapshot().context.error?.message).toContain('每月1日至25日，节假日不顺延');
		expect(fakes.count('chargeCard')).toBe(0);
	});

	it('virtual accounts and online channels are not taken at the window', async () => {
		const fakes = new Fakes();
		const actor = start(fakes).start();
		for (const channel of ['virtual_account', 'online'] as const) {
			actor.send({ type: 'CHOOSE', channel });
			expect(actor.getSnapshot().value).toBe('choosing');
			expect(actor.getSnapshot().context.error?.code).toBe('CHANNEL_NOT_AT_COUNTER');
		}
	});

	it('a voucher number that is not 18 digits is not taken as paid', async () => {
		const fakes = new Fakes().respond('recordPayment', () => ({ voucherNo: '31405125', paidOn: TODAY }));
		const actor = await choose(fakes, 'cash');
		actor.send({ type: 'TENDER', amountFen: 123456 });
		actor.send({ type: 'DRAWER_CLOSED' });
		await waitFor(actor, (s) => s.matches('recordFailed'));
		expect(actor.getSnapshot().context.error?.code).toBe('BAD_VOUCHER_NO');
		actor.send({ type: 'RETRY' });
		await flush();
		expect(fakes.all('recordPayment').map((c) => c.key)).toEqual([`${SESSION}:record:0`, `${SESSION}:record:0`]);
	});

	it('declares exactly its named actors', () => {
		expect(actorNames(paymentMachine)).toEqual([...PAYMENT_ACTORS].sort());
	});
});
