import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type AnyMachineSnapshot } from 'xstate';
import {
	PAYMENT_TEXTS,
	paymentMachine,
	type CardApproval,
	type ChargeCardInput,
	type ClaimDeclarationInput,
	type HoldMoneyInput,
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
import { ENTERPRISE, HISTORICAL, INSTITUTION, REGULAR, claimingFakes, lineOf, PAYMENT_ACTORS } from './fixtures';

const SESSION = 'S-PAY';
const CLAIM_KEY = 'S-PAY:claim';
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
const RECORDED = { outcome: 'recorded', voucherNo: VOUCHER, paidOn: TODAY };
const RECORD_REFUSED = { outcome: 'refused', code: 'DECLARATION_PAID', reason: '该申报已在其他窗口缴款' };
const HELD = { outcome: 'held' };
const RESERVED = { outcome: 'refused', code: 'DECLARATION_RESERVED', reason: '该申报正由3号窗口（柜员clerk03）办理缴费，请勿重复收款' };
const AGREEMENT = { valid: true, agreementNo: 'SF140105000123', bankName: '中国工商银行太原小店支行', accountMasked: '0502****8888' };
const T1: PendingTransfer = { transferId: 'T1', amountFen: 100000, receivedOn: TODAY, payerAccountName: '太原市财政局', bankName: '国库' };
const T2: PendingTransfer = { transferId: 'T2', amountFen: 23456, receivedOn: TODAY, payerAccountName: '太原市小店区第一中学', bankName: '建设银行' };
const T3: PendingTransfer = { transferId: 'T3', amountFen: 23455, receivedOn: TODAY, payerAccountName: '太原市小店区第一中学', bankName: '建设银行' };

/** The actors that move money (or commit to it, as the bank form does). */
const MONEY_ACTORS = ['chargeCard', 'openDrawer', 'deductByAgreement', 'settlePendingTransfers', 'printBankForm'];
/** The states that wait on a person once money may have moved: a supervisor can always close them. */
const STUCK_STATES = [
	'needsSupervisor',
	'recordFailed',
	'moneyHeld.held',
	'moneyHeld.holdFailed',
	'agreement.uncertain',
	'pendingSettlement.uncertain',
	'cash.drawerProblem'
];
const SUPERVISOR = { type: 'SUPERVISOR_CLOSE', supervisorId: 'sup01', note: '已与银行核实' } as const;

function input(payer: Payer = ENTERPRISE, today = TODAY) {
	return { sessionId: SESSION, payer, declaration: DECLARATION, today, payerKind: payer.kind };
}

function start(fakes: Fakes, payer: Payer = ENTERPRISE, today = TODAY) {
	return createActor(withFakes(paymentMachine, fakes, PAYMENT_ACTORS), { input: input(payer, today) });
}

function claimInput(moneyInFlight: boolean): ClaimDeclarationInput {
	return { claimKey: CLAIM_KEY, declarationNo: DECLARATION.declarationNo, moneyInFlight, windowNo: null, clerkId: null };
}

/** The answers of the claim and of its release, offered wherever they are invoked. */
const CLAIM_EVENTS: AnyEvent[] = [
	done('claimDeclaration', HELD),
	done('claimDeclaration', RESERVED),
	failed('claimDeclaration', { code: 'TIMEOUT', message: '税务核心征管系统未在规定时间内应答' }),
	done('releaseClaim', undefined),
	failed('releaseClaim', { code: 'TIMEOUT', message: '超时' })
];

const RECORD_EVENTS = (state: AnyMachineSnapshot): AnyEvent[] => [
	done('recordPayment', RECORDED),
	done('recordPayment', { outcome: 'recorded', voucherNo: '12345', paidOn: TODAY }),
	done('recordPayment', RECORD_REFUSED),
	failed('recordPayment', { code: 'TIMEOUT', message: '税务核心征管系统未在规定时间内应答' }),
	done('holdMoney', { kind: (state.context as PaymentContext).channel === 'cash' ? 'cash_held' : 'refund_requested' }),
	failed('holdMoney', { code: 'DB_LOCKED', message: '本机账册忙' }),
	{ type: 'RETRY' },
	SUPERVISOR,
	{ type: 'SUPERVISOR_CLOSE', supervisorId: '', note: '' }
];

type Check = (real: AnyMachineSnapshot, model: AnyMachineSnapshot, fakes: Fakes) => void;

/** Checks common to every payment path. */
const checks: Record<string, Check> = {
	'choosing.claiming': (_real, _m, fakes) => {
		expect(fakes.last('claimDeclaration')).toEqual(claimInput(false));
	},
	'choosing.refused': (real) => {
		// The second window is told who holds the declaration, and cannot choose a channel.
		expect(real.context.error).toEqual({ code: 'DECLARATION_RESERVED', message: expect.stringContaining('3号窗口') });
		expect(real.can({ type: 'CHOOSE', channel: 'cash' })).toBe(false);
		expect(real.can({ type: 'RETRY' })).toBe(true);
	},
	moneyClaim: (real, _m, fakes) => {
		expect(fakes.last('claimDeclaration')).toEqual(claimInput(true));
		expect((real.context as PaymentContext).channel).not.toBeNull();
	},
	releasing: (real, _m, fakes) => {
		expect(fakes.last('releaseClaim')).toEqual({ claimKey: CLAIM_KEY, declarationNo: DECLARATION.declarationNo });
		expect((real.context as PaymentContext).leaving).not.toBeNull();
	},
	back: (_real, _m, fakes) => expect(fakes.count('releaseClaim')).toBeGreaterThan(0),
	cancelled: (_real, _m, fakes) => expect(fakes.count('releaseClaim')).toBeGreaterThan(0),
	recording: (real, _m, fakes) => {
		const ctx = real.context as PaymentContext;
		const rec = fakes.last<RecordPaymentInput>('recordPayment');
		expect(rec.key).toBe(`${SESSION}:record:${ctx.attempt}`);
		expect(rec).toMatchObject({
			payerId: ctx.payer.id,
			declarationNo: DECLARATION.declarationNo,
			channel: ctx.channel,
			amountFen: 123456
		});
		// The day of payment is the server's clock at the call, not the machine's.
		expect(rec).not.toHaveProperty('paidOn');
		expect(rec.details.channel).toBe(ctx.channel);
	},
	'moneyHeld.holding': (real, _m, fakes) => {
		const ctx = real.context as PaymentContext;
		expect(ctx.channel).not.toBe('pos');
		expect(ctx.error?.code).toBe('RECORD_REFUSED');
		expect(fakes.last<HoldMoneyInput>('holdMoney')).toEqual({
			key: `${SESSION}:hold:${ctx.attempt}`,
			channel: ctx.channel,
			declarationNo: DECLARATION.declarationNo,
			amountFen: 123456,
			reason: ctx.error!.message,
			details: fakes.last<RecordPaymentInput>('recordPayment').details,
			windowNo: null,
			clerkId: null
		});
	},
	'moneyHeld.held': (real, _m, fakes) => {
		const ctx = real.context as PaymentContext;
		// Held once: every call (a retry after a failure included) is the same hold, by one key.
		const holds = fakes.all<HoldMoneyInput>('holdMoney');
		expect(holds.length).toBeGreaterThan(0);
		expect(holds.every((h) => JSON.stringify(h) === JSON.stringify(holds[0]))).toBe(true);
		expect(holds[0]).toMatchObject({ key: `${SESSION}:hold:${ctx.attempt}`, amountFen: 123456 });
		expect(ctx.held).toEqual({ kind: ctx.channel === 'cash' ? 'cash_held' : 'refund_requested' });
		expect(ctx.error?.message).toContain(ctx.channel === 'cash' ? '待处理现金' : '退款申请');
		expect(fakes.count('recordPayment')).toBeGreaterThan(0);
	},
	paid: (real) => {
		const out = real.output as PaidOutput;
		expect(out.outcome).toBe('paid');
		expect(out.voucherNo).toMatch(/^\d{18}$/);
		expect(out.amountFen).toBe(123456);
		expect(out.electronic).toBe(out.channel === 'pos' || out.channel === 'agreement');
	},
	escalated: (real) => {
		expect(real.output).toMatchObject({ outcome: 'escalated', supervisorId: 'sup01', amountFen: 123456 });
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
	// CHOOSE only once the declaration is held by this window.
	if (real.can({ type: 'CHOOSE', channel: 'cash' })) expect(real.matches({ choosing: 'ready' })).toBe(true);
}

/**
 * No money moves without a claim with money in flight: every call of a money-moving actor comes
 * after a claim (the latest one) that had money in flight and was answered held, and there are
 * no more distinct money keys than such claims (a retry repeats a key, it is not a new move).
 */
function claimRule(_real: AnyMachineSnapshot, _model: AnyMachineSnapshot, fakes: Fakes) {
	let latest: { moneyInFlight: boolean; answer?: unknown } | null = null;
	let heldInFlight = 0;
	const moves = new Set<string>();
	for (const entry of fakes.journal) {
		if (entry.name === 'claimDeclaration') {
			if (entry.kind === 'call') latest = { moneyInFlight: (entry.input as ClaimDeclarationInput).moneyInFlight };
			else if (latest) {
				latest.answer = entry.kind === 'done' ? entry.output : 'error';
				if (latest.moneyInFlight && entry.kind === 'done' && (entry.output as { outcome: string }).outcome === 'held') heldInFlight++;
			}
		} else if (entry.kind === 'call' && MONEY_ACTORS.includes(entry.name)) {
			expect(latest, `${entry.name} called after no claim`).not.toBeNull();
			expect(latest, `${entry.name} called without a held claim with money in flight`).toEqual({ moneyInFlight: true, answer: HELD });
			moves.add(`${entry.name}:${(entry.input as { key: string }).key}`);
		}
	}
	expect(moves.size).toBeLessThanOrEqual(heldInFlight);
}

/** Every stuck state, and only those, has a supervisor exit. */
function supervisorRule(real: AnyMachineSnapshot) {
	const stuck = STUCK_STATES.some((s) => real.matches(s as never));
	expect(real.can(SUPERVISOR)).toBe(stuck);
}

function always(real: AnyMachineSnapshot, model: AnyMachineSnapshot, fakes: Fakes) {
	moneyRule(real, model);
	claimRule(real, model, fakes);
	supervisorRule(real);
}

const claimAnswer = (e: AnyEvent) =>
	e.type === 'xstate.error.actor.claimDeclaration' || (e.type === 'xstate.done.actor.claimDeclaration' && (e.output as { outcome: string }).outcome !== 'held');

function channelModel(payer: Payer, channel: string, events: AnyEvent[] | ((s: AnyMachineSnapshot) => AnyEvent[])) {
	return pathModel(paymentMachine, {
		input: input(payer),
		events: (state) => [{ type: 'CHOOSE', channel }, ...CLAIM_EVENTS, ...(typeof events === 'function' ? events(state) : events), ...RECORD_EVENTS(state)],
		filterEvents: (state, event) => {
			const ctx = state.context as PaymentContext;
			// Two attempts are enough to show the attempt counter at work.
			if (ctx.attempt > 1 || (event.type === 'CHOOSE' && event.channel !== channel)) return false;
			// The claim on entry is refused or unanswered before any channel is chosen; the claim
			// with money in flight on the first attempt, not right after another refusal.
			if (claimAnswer(event)) {
				return state.matches('moneyClaim') ? ctx.attempt === 0 && ctx.error === null : ctx.channel === null;
			}
			// Leaving from the channel list, and an unheard release, from the start only; the
			// channels' own CANCEL is walked wherever it is accepted.
			if (state.matches('choosing') && (event.type === 'BACK' || event.type === 'CANCEL')) return ctx.channel === null;
			if (event.type === 'xstate.error.actor.releaseClaim') return ctx.channel === null;
			return true;
		}
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
			transfers: [T1, T2, { ...T3, receivedOn: '2025-05-19' }].filter((t) => t.receivedOn === (state.context as PaymentContext).transferDate)
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

const CHANNEL_CHECKS: Record<string, Record<string, Check>> = {
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
				amountInWords: '壹仟贰佰叁拾肆元伍角陆分'
			});
			// The form's date is the server's clock at the call, not the machine's.
			expect(fakes.last('printBankForm')).not.toHaveProperty('issuedOn');
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
			it('walks the claims: refused on entry, refused and unanswered before money moves, released on leaving', () => {
				const visits = (key: string) => paths.some((p) => p.steps.some((s) => s.state.matches(key as never)));
				for (const key of ['choosing.refused', 'moneyClaim', 'releasing']) expect(visits(key), key).toBe(true);
				const refusedInFlight = paths.some((p) => p.steps.some((s, i) => i > 0 && p.steps[i - 1].state.matches('moneyClaim') && s.state.matches('choosing')));
				expect(refusedInFlight).toBe(true);
			});
			if (name !== 'bankForm') {
				it('walks a refused record: a card sale reversed, anything else held until a supervisor closes it', () => {
					const after = (from: string, to: string) =>
						paths.some((p) => p.steps.some((s, i) => i > 0 && p.steps[i - 1].state.matches(from as never) && s.state.matches(to as never)));
					if (name === 'card') expect(after('recording', 'card.reversing')).toBe(true);
					else {
						expect(after('recording', 'moneyHeld.holding')).toBe(true);
						expect(after('moneyHeld.holding', 'moneyHeld.holdFailed')).toBe(true);
						expect(after('moneyHeld.held', 'escalated')).toBe(true);
					}
				});
			}
			for (const path of paths) {
				it(pathName(path), async () => {
					await runPath(path, (fakes) => start(fakes, payer), { ...checks, ...CHANNEL_CHECKS[name] }, always);
				});
			}
		});
	}
});

/** Starts a payment, lets the claim on entry answer, and chooses `channel`. */
async function choose(fakes: Fakes, channel: string, payer: Payer = ENTERPRISE, today = TODAY) {
	const actor = await started(fakes, payer, today);
	actor.send({ type: 'CHOOSE', channel } as never);
	await flush(); // the claim with money in flight, where the channel moves money at once
	return actor;
}

/** Starts a payment and lets the claim on entry answer. */
async function started(fakes: Fakes, payer: Payer = ENTERPRISE, today = TODAY) {
	const actor = start(fakes, payer, today).start();
	await flush();
	return actor;
}

/** The agreement channel up to `agreement.ready`. */
async function agreementReady(fakes: Fakes) {
	fakes.respond('checkAgreement', () => AGREEMENT);
	const actor = await choose(fakes, 'agreement');
	await waitFor(actor, (s) => s.matches({ agreement: 'ready' }));
	return actor;
}

describe('payment: card on the POS', () => {
	it('an approved sale is recorded with the POS slip data and paid with an 18-digit voucher', async () => {
		const fakes = claimingFakes().respond('recordPayment', () => RECORDED);
		const actor = createActor(withFakes(paymentMachine, fakes, PAYMENT_ACTORS), {
			input: { ...input(), windowNo: '3', clerkId: 'clerk07' }
		}).start();
		await flush();
		actor.send({ type: 'CHOOSE', channel: 'pos' });
		await flush();
		expect(fakes.all('claimDeclaration')).toEqual([
			{ ...claimInput(false), windowNo: '3', clerkId: 'clerk07' },
			{ ...claimInput(true), windowNo: '3', clerkId: 'clerk07' }
		]);
		await fakes.settle('chargeCard', { outcome: 'approved', approval: APPROVAL });
		await waitFor(actor, (s) => s.status === 'done');
		expect(fakes.last('recordPayment')).toEqual({
			key: `${SESSION}:record:0`,
			payerId: ENTERPRISE.id,
			declarationNo: DECLARATION.declarationNo,
			channel: 'pos',
			amountFen: 123456,
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
		const fakes = claimingFakes();
		const actor = await choose(fakes, 'pos');
		await fakes.settle('chargeCard', { outcome: 'timeout' });
		expect(actor.getSnapshot().value).toEqual({ card: 'reversing' });
		expect(fakes.last('reverseSale')).toEqual({ key: `${SESSION}:card:0`, amountFen: 123456 });
		await fakes.settle('reverseSale', { outcome: 'reversed' });
		const s = actor.getSnapshot();
		expect(s.value).toEqual({ choosing: 'ready' });
		expect(s.context.attempt).toBe(1);
		expect(s.context.notice).toContain('缴费人未被扣款');
		expect(fakes.count('chargeCard')).toBe(1);
		// A new attempt is a new sale with a new key (claimed again with money in flight).
		actor.send({ type: 'CHOOSE', channel: 'pos' });
		await flush();
		expect(fakes.all<ClaimDeclarationInput>('claimDeclaration').map((c) => c.moneyInFlight)).toEqual([false, true, false, true]);
		expect(fakes.all<ChargeCardInput>('chargeCard').map((c) => c.key)).toEqual([`${SESSION}:card:0`, `${SESSION}:card:1`]);
	});

	it('a sale whose answer is lost is reversed with the sale’s own key', async () => {
		const fakes = claimingFakes();
		const actor = await choose(fakes, 'pos');
		await fakes.fail('chargeCard', new Error('socket hang up'));
		expect(actor.getSnapshot().value).toEqual({ card: 'reversing' });
		expect(fakes.last('reverseSale')).toMatchObject({ key: `${SESSION}:card:0` });
	});

	it('a sale approved for another amount is reversed, not recorded', async () => {
		const fakes = claimingFakes();
		const actor = await choose(fakes, 'pos');
		await fakes.settle('chargeCard', { outcome: 'approved', approval: { ...APPROVAL, amountFen: 12345 } });
		expect(actor.getSnapshot().value).toEqual({ card: 'reversing' });
		expect(actor.getSnapshot().context.error?.code).toBe('AMOUNT_MISMATCH');
		expect(fakes.count('recordPayment')).toBe(0);
	});

	it('a declined card shows the bank’s reason and the clerk may choose again', async () => {
		const fakes = claimingFakes();
		const actor = await choose(fakes, 'pos');
		await fakes.settle('chargeCard', { outcome: 'declined', responseCode: '51', reason: '余额不足' });
		const s = actor.getSnapshot();
		expect(s.value).toEqual({ choosing: 'ready' });
		expect(s.context.error).toEqual({ code: 'CARD_DECLINED', message: expect.stringContaining('余额不足') });
		expect(s.context.attempt).toBe(1);
		expect(fakes.count('reverseSale')).toBe(0);
	});

	it('a reversal that fails waits for the supervisor: no new sale, RETRY_REVERSAL repeats the same key', async () => {
		const fakes = claimingFakes();
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
		const fakes = claimingFakes();
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
		const fakes = claimingFakes().respond('checkAgreement', () => AGREEMENT);
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
		const fakes = claimingFakes();
		const actor = await choose(fakes, 'pos');
		for (const e of [{ type: 'CANCEL' }, { type: 'BACK' }] as const) {
			expect(actor.getSnapshot().can(e)).toBe(false);
			actor.send(e);
			expect(actor.getSnapshot().value).toEqual({ card: 'charging' });
		}
		expect(fakes.pending('chargeCard')).toBe(true);
		// Before money moves, CANCEL is accepted.
		const other = claimingFakes();
		const cash = await choose(other, 'cash');
		cash.send({ type: 'CANCEL' });
		await flush(); // the claim is released first
		expect(cash.getSnapshot().output).toEqual({ outcome: 'cancelled' });
	});
});

describe('payment: cash', () => {
	it('cash: change is tendered minus total, and nothing is recorded until the drawer step is done', async () => {
		const fakes = claimingFakes().respond('recordPayment', () => RECORDED);
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
		const fakes = claimingFakes();
		const actor = await choose(fakes, 'cash');
		actor.send({ type: 'TENDER', amountFen: 123456 });
		await flush();
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
		const fakes = claimingFakes();
		const actor = await choose(fakes, 'agreement');
		await fakes.settle('checkAgreement', { valid: false, code: 'AGREEMENT_INVALID', reason: '协议已撤销' });
		expect(actor.getSnapshot().matches('choosing')).toBe(true);
		expect(actor.getSnapshot().context.error?.message).toContain('三方协议无效，不能扣款：协议已撤销');
		expect(fakes.count('deductByAgreement')).toBe(0);
	});

	it('insufficient funds are explained; the next attempt uses a new key', async () => {
		const fakes = claimingFakes().respond('checkAgreement', () => AGREEMENT);
		const actor = await choose(fakes, 'agreement');
		await waitFor(actor, (s) => s.matches({ agreement: 'ready' }));
		actor.send({ type: 'CONFIRM' });
		actor.send({ type: 'CONFIRM' }); // a double click deducts once
		await flush();
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
		const fakes = claimingFakes().respond('checkAgreement', () => AGREEMENT);
		const actor = await choose(fakes, 'agreement');
		await waitFor(actor, (s) => s.matches({ agreement: 'ready' }));
		actor.send({ type: 'CONFIRM' });
		await flush();
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
		const fakes = claimingFakes();
		const actor = await choose(fakes, 'bank_form');
		expect(fakes.last('printBankForm')).toEqual({
			key: `${SESSION}:bankForm:0`,
			payerId: ENTERPRISE.id,
			payerName: ENTERPRISE.name,
			payerIdentifier: ENTERPRISE.identifier,
			declarationNo: DECLARATION.declarationNo,
			amountFen: 123456,
			amountInWords: '壹仟贰佰叁拾肆元伍角陆分',
			lines: DECLARATION.lines
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
		const fakes = claimingFakes().respond('recordPayment', () => RECORDED);
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
		const fakes = claimingFakes();
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
		const fakes = claimingFakes();
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
		const fakes = claimingFakes();
		const actor = await choose(fakes, 'pending_account', ENTERPRISE);
		expect(actor.getSnapshot().value).toEqual({ choosing: 'ready' });
		expect(actor.getSnapshot().context.error?.code).toBe('INSTITUTIONS_ONLY');
		expect(fakes.count('listPendingTransfers')).toBe(0);
	});

	it('a settlement with no answer is repeated only with the same key; BACK is not accepted meanwhile', async () => {
		const fakes = claimingFakes();
		const actor = await listed(fakes);
		actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T1' });
		actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T2' });
		actor.send({ type: 'PROOF', transferId: 'T1', kind: 'treasury_payment', number: 'GK1' });
		actor.send({ type: 'PROOF', transferId: 'T2', kind: 'bank_receipt', number: 'HD2' });
		actor.send({ type: 'CONFIRM' });
		await flush();
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
		const fakes = claimingFakes();
		const actor = await choose(fakes, 'pos', ENTERPRISE, '2025-05-26');
		expect(actor.getSnapshot().value).toEqual({ choosing: 'ready' });
		expect(fakes.all<ClaimDeclarationInput>('claimDeclaration').map((c) => c.moneyInFlight)).toEqual([false]);
		expect(actor.getSnapshot().context.error?.message).toContain('每月1日至25日，节假日不顺延');
		expect(fakes.count('chargeCard')).toBe(0);
	});

	it('virtual accounts and online channels are not taken at the window', async () => {
		const fakes = claimingFakes();
		const actor = await started(fakes);
		for (const channel of ['virtual_account', 'online'] as const) {
			actor.send({ type: 'CHOOSE', channel });
			expect(actor.getSnapshot().value).toEqual({ choosing: 'ready' });
			expect(actor.getSnapshot().context.error?.code).toBe('CHANNEL_NOT_AT_COUNTER');
		}
	});

	it('a voucher number that is not 18 digits is not taken as paid', async () => {
		const fakes = claimingFakes().respond('recordPayment', () => ({ outcome: 'recorded', voucherNo: '31405125', paidOn: TODAY }));
		const actor = await choose(fakes, 'cash');
		actor.send({ type: 'TENDER', amountFen: 123456 });
		await flush();
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

describe('payment: one payment per declaration across windows', () => {
	it('a second window is told which window holds the declaration', async () => {
		const fakes = new Fakes().respond('claimDeclaration', () => RESERVED).respond('releaseClaim', () => undefined);
		const actor = await started(fakes);
		const s = actor.getSnapshot();
		expect(s.value).toEqual({ choosing: 'refused' });
		expect(s.context.error).toEqual({ code: 'DECLARATION_RESERVED', message: RESERVED.reason });
		expect(s.context.error?.message).toContain('3号窗口');
		expect(fakes.last('claimDeclaration')).toEqual(claimInput(false));
		// No channel can be chosen while another window holds it.
		for (const channel of ['pos', 'cash', 'agreement', 'bank_form'] as const) {
			expect(actor.getSnapshot().can({ type: 'CHOOSE', channel })).toBe(false);
			actor.send({ type: 'CHOOSE', channel });
			expect(actor.getSnapshot().value).toEqual({ choosing: 'refused' });
		}
		expect(actor.getSnapshot().can({ type: 'BACK' })).toBe(true);
		expect(actor.getSnapshot().can({ type: 'CANCEL' })).toBe(true);
		for (const name of MONEY_ACTORS) expect(fakes.count(name)).toBe(0);
		// The other window finished or left: RETRY claims again, and the clerk may choose.
		fakes.respond('claimDeclaration', () => HELD);
		actor.send({ type: 'RETRY' });
		expect(actor.getSnapshot().value).toEqual({ choosing: 'claiming' });
		expect(actor.getSnapshot().context.error).toBeNull();
		await flush();
		expect(actor.getSnapshot().value).toEqual({ choosing: 'ready' });
		expect(fakes.all('claimDeclaration')).toEqual([claimInput(false), claimInput(false)]);
		actor.send({ type: 'CHOOSE', channel: 'pos' });
		await flush();
		expect(actor.getSnapshot().value).toEqual({ card: 'charging' });
	});

	it('a claim on entry that gets no answer does not stop the clerk: the claim with money in flight decides', async () => {
		const fakes = claimingFakes().respond<ClaimDeclarationInput>('claimDeclaration', (i) => {
			if (!i.moneyInFlight) throw { code: 'TIMEOUT', message: '超时' };
			return HELD;
		});
		const actor = await started(fakes);
		expect(actor.getSnapshot().value).toEqual({ choosing: 'ready' });
		actor.send({ type: 'CHOOSE', channel: 'pos' });
		await flush();
		expect(actor.getSnapshot().value).toEqual({ card: 'charging' });
	});

	it('no money moves without a claim with money in flight', async () => {
		for (const channel of ['pos', 'cash', 'agreement', 'bank_form', 'pending_account'] as const) {
			const fakes = claimingFakes()
				.respond<ClaimDeclarationInput>('claimDeclaration', (i) => (i.moneyInFlight ? RESERVED : HELD))
				.respond('checkAgreement', () => AGREEMENT)
				.respond('listPendingTransfers', () => ({ transfers: [T1, T2] }));
			const payer = channel === 'pending_account' ? INSTITUTION : ENTERPRISE;
			const actor = await choose(fakes, channel, payer);
			if (channel === 'cash') actor.send({ type: 'TENDER', amountFen: 123456 });
			if (channel === 'agreement') actor.send({ type: 'CONFIRM' });
			if (channel === 'pending_account') {
				actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T1' });
				actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T2' });
				actor.send({ type: 'PROOF', transferId: 'T1', kind: 'treasury_payment', number: 'GK1' });
				actor.send({ type: 'PROOF', transferId: 'T2', kind: 'bank_receipt', number: 'HD2' });
				actor.send({ type: 'CONFIRM' });
			}
			await flush();
			const s = actor.getSnapshot();
			// Back in the channel list with the refusal shown; the claim on entry was asked again.
			expect(s.value, channel).toEqual({ choosing: 'ready' });
			expect(s.context.error, channel).toEqual({ code: 'DECLARATION_RESERVED', message: RESERVED.reason });
			expect(s.context.attempt, channel).toBe(0);
			expect(
				fakes.all<ClaimDeclarationInput>('claimDeclaration').map((c) => c.moneyInFlight),
				channel
			).toEqual([false, true, false]);
			expect(fakes.all('claimDeclaration')[1], channel).toEqual(claimInput(true));
			for (const name of MONEY_ACTORS) expect(fakes.count(name), `${channel}: ${name}`).toBe(0);
			expect(fakes.count('recordPayment')).toBe(0);
		}
	});

	it('a claim with money in flight that gets no answer moves no money', async () => {
		const fakes = claimingFakes().respond<ClaimDeclarationInput>('claimDeclaration', (i) => {
			if (i.moneyInFlight) throw new Error('socket hang up');
			return HELD;
		});
		const actor = await choose(fakes, 'pos');
		expect(actor.getSnapshot().value).toEqual({ choosing: 'ready' });
		expect(actor.getSnapshot().context.error).toEqual({ code: 'CLAIM_FAILED', message: PAYMENT_TEXTS.claimFailed });
		expect(fakes.count('chargeCard')).toBe(0);
	});

	it('a snapshot restored while claiming with money in flight claims again before the sale', async () => {
		const fakes = new Fakes().respond('claimDeclaration', (i: ClaimDeclarationInput) => (i.moneyInFlight ? new Promise(() => {}) : HELD));
		const actor = await choose(fakes, 'pos');
		expect(actor.getSnapshot().value).toBe('moneyClaim');
		const saved = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
		actor.stop();
		const after = new Fakes();
		const restored = restoreActor(withFakes(paymentMachine, after, PAYMENT_ACTORS), saved).start();
		await flush();
		expect(after.all('claimDeclaration')).toEqual([claimInput(true)]);
		expect(after.count('chargeCard')).toBe(0);
		await after.settle('claimDeclaration', HELD);
		expect(restored.getSnapshot().value).toEqual({ card: 'charging' });
		expect(after.last('chargeCard')).toMatchObject({ key: `${SESSION}:card:0` });
	});

	it('back and cancel release the claim', async () => {
		const release = { claimKey: CLAIM_KEY, declarationNo: DECLARATION.declarationNo };
		type Reach = (fakes: Fakes) => Promise<ReturnType<typeof start>>;
		const cases: [string, Reach, 'BACK' | 'CANCEL'][] = [
			['choosing', (f) => started(f), 'BACK'],
			['choosing', (f) => started(f), 'CANCEL'],
			['cash.tendering', (f) => choose(f, 'cash'), 'CANCEL'],
			['agreement.checking', (f) => choose(f, 'agreement'), 'CANCEL'],
			['agreement.ready', (f) => agreementReady(f), 'CANCEL'],
			[
				'bankForm.failed',
				async (f) => {
					const a = await choose(f, 'bank_form');
					await f.fail('printBankForm', { code: 'PAPER_OUT', message: '缺纸' });
					return a;
				},
				'CANCEL'
			],
			['pendingAccount.loading', (f) => choose(f, 'pending_account', INSTITUTION), 'CANCEL'],
			['pendingAccount.loading', (f) => choose(f, 'pending_account', INSTITUTION), 'BACK']
		];
		for (const [from, reach, type] of cases) {
			const fakes = claimingFakes();
			const actor = await reach(fakes);
			expect(actor.getSnapshot().matches(from as never), from).toBe(true);
			actor.send({ type });
			if (from === 'pendingAccount.loading' && type === 'BACK') {
				// BACK inside a channel returns to the list, which claims again: the claim is kept.
				expect(actor.getSnapshot().value).toEqual({ choosing: 'claiming' });
				await flush();
				expect(fakes.count('releaseClaim')).toBe(0);
				continue;
			}
			expect(actor.getSnapshot().value, `${from} ${type}`).toBe('releasing');
			expect(actor.getSnapshot().context.leaving).toBe(type === 'BACK' ? 'back' : 'cancelled');
			await flush();
			expect(fakes.all('releaseClaim'), `${from} ${type}`).toEqual([release]);
			expect(actor.getSnapshot().output).toEqual({ outcome: type === 'BACK' ? 'back' : 'cancelled' });
			// Only before money moves (the bank form's failed print took no money).
			for (const name of MONEY_ACTORS.filter((n) => n !== 'printBankForm')) expect(fakes.count(name)).toBe(0);
		}
	});

	it('a release that is not heard still leaves: the claim goes all the same', async () => {
		for (const type of ['BACK', 'CANCEL'] as const) {
			const fakes = claimingFakes().respond('releaseClaim', () => {
				throw { code: 'TIMEOUT', message: '超时' };
			});
			const actor = await started(fakes);
			actor.send({ type });
			await flush();
			expect(fakes.count('releaseClaim')).toBe(1);
			expect(actor.getSnapshot().output).toEqual({ outcome: type === 'BACK' ? 'back' : 'cancelled' });
		}
	});
});

describe('payment: a record refused after money moved', () => {
	it('a refused record of a card sale is reversed by the sale’s key', async () => {
		const fakes = claimingFakes().respond('recordPayment', () => RECORD_REFUSED);
		const actor = await choose(fakes, 'pos');
		await fakes.settle('chargeCard', { outcome: 'approved', approval: APPROVAL });
		let s = actor.getSnapshot();
		expect(s.value).toEqual({ card: 'reversing' });
		// The slip data stays for the supervisor, should the reversal fail.
		expect(s.context.card).toEqual(APPROVAL);
		expect(s.context.error).toEqual({ code: 'RECORD_REFUSED', message: expect.stringContaining(RECORD_REFUSED.reason) });
		expect(s.context.error?.message).toContain('已自动冲正');
		expect(fakes.last('reverseSale')).toEqual({ key: `${SESSION}:card:0`, amountFen: 123456 });
		expect(fakes.last<ChargeCardInput>('chargeCard').key).toBe(`${SESSION}:card:0`);
		expect(s.can({ type: 'CANCEL' })).toBe(false);
		await fakes.settle('reverseSale', { outcome: 'reversed' });
		s = actor.getSnapshot();
		expect(s.matches('choosing')).toBe(true);
		expect(s.context.attempt).toBe(1);
		// The sale had a clear answer: the refusal says it was reversed, not "no clear answer".
		expect(s.context.notice).toBeNull();
		expect(s.context.error).toEqual({ code: 'RECORD_REFUSED', message: expect.stringContaining('已自动冲正该笔刷卡，缴费人未被扣款') });
		expect(fakes.count('chargeCard')).toBe(1);
		expect(fakes.count('holdMoney')).toBe(0);
	});

	it('a refused record of a card sale whose reversal fails waits for the supervisor, repeating only that reversal', async () => {
		const fakes = claimingFakes().respond('recordPayment', () => RECORD_REFUSED);
		const actor = await choose(fakes, 'pos');
		await fakes.settle('chargeCard', { outcome: 'approved', approval: APPROVAL });
		await fakes.settle('reverseSale', { outcome: 'failed', reason: '原交易已结算' });
		expect(actor.getSnapshot().value).toBe('needsSupervisor');
		actor.send({ type: 'RETRY_REVERSAL' });
		await flush();
		expect(fakes.all('reverseSale').map((c) => c.key)).toEqual([`${SESSION}:card:0`, `${SESSION}:card:0`]);
		expect(fakes.count('chargeCard')).toBe(1);
	});

	it('a refused record of cash is held until a supervisor closes it', async () => {
		const fakes = claimingFakes().respond('recordPayment', () => RECORD_REFUSED);
		const actor = await choose(fakes, 'cash');
		actor.send({ type: 'TENDER', amountFen: 130000 });
		await flush();
		actor.send({ type: 'DRAWER_CLOSED' });
		await flush();
		expect(actor.getSnapshot().value).toEqual({ moneyHeld: 'holding' });
		const hold = fakes.last<HoldMoneyInput>('holdMoney');
		expect(hold).toEqual({
			key: `${SESSION}:hold:0`,
			channel: 'cash',
			declarationNo: DECLARATION.declarationNo,
			amountFen: 123456,
			reason: expect.stringContaining(RECORD_REFUSED.reason),
			details: { channel: 'cash', tenderedFen: 130000, changeFen: 6544 },
			windowNo: null,
			clerkId: null
		});
		expect(hold.reason).toContain('待处理现金');
		// A hold that is not written is retried with the same key; nothing else is accepted meanwhile.
		await fakes.fail('holdMoney', { code: 'DB_LOCKED', message: '本机账册忙' });
		expect(actor.getSnapshot().value).toEqual({ moneyHeld: 'holdFailed' });
		expect(actor.getSnapshot().can({ type: 'CANCEL' })).toBe(false);
		actor.send({ type: 'RETRY' });
		await flush();
		expect(fakes.all('holdMoney')).toEqual([hold, hold]);
		await fakes.settle('holdMoney', { kind: 'cash_held' });
		let s = actor.getSnapshot();
		expect(s.value).toEqual({ moneyHeld: 'held' });
		expect(s.context.held).toEqual({ kind: 'cash_held' });
		for (const e of [{ type: 'CANCEL' }, { type: 'BACK' }, { type: 'RETRY' }, { type: 'CHOOSE', channel: 'cash' }] as const) {
			expect(s.can(e)).toBe(false);
		}
		actor.send({ type: 'SUPERVISOR_CLOSE', supervisorId: 'sup01', note: '  ' });
		s = actor.getSnapshot();
		expect(s.value).toEqual({ moneyHeld: 'held' });
		expect(s.context.notice).toBe(PAYMENT_TEXTS.supervisorFieldsMissing);
		expect(s.context.error?.code).toBe('RECORD_REFUSED');
		actor.send({ type: 'SUPERVISOR_CLOSE', supervisorId: 'sup01', note: '现金已退还缴费人' });
		expect(actor.getSnapshot().output).toEqual({
			outcome: 'escalated',
			channel: 'cash',
			declarationNo: DECLARATION.declarationNo,
			amountFen: 123456,
			attempt: 0,
			reason: { code: 'RECORD_REFUSED', message: hold.reason },
			supervisorId: 'sup01',
			note: '现金已退还缴费人',
			card: null,
			held: { kind: 'cash_held' }
		});
		expect(fakes.count('recordPayment')).toBe(1);
		expect(fakes.count('openDrawer')).toBe(1);
	});

	it('a refused record of a deduction is held as a refund request', async () => {
		const fakes = claimingFakes()
			.respond('recordPayment', () => RECORD_REFUSED)
			.respond('holdMoney', () => ({ kind: 'refund_requested' }));
		const actor = await agreementReady(fakes);
		actor.send({ type: 'CONFIRM' });
		await flush();
		await fakes.settle('deductByAgreement', { outcome: 'deducted', deductionRef: 'KK1', deductedAt: '2025-05-20 10:40:00' });
		expect(actor.getSnapshot().value).toEqual({ moneyHeld: 'held' });
		expect(fakes.last<HoldMoneyInput>('holdMoney')).toMatchObject({
			key: `${SESSION}:hold:0`,
			channel: 'agreement',
			amountFen: 123456,
			details: { channel: 'agreement', agreementNo: AGREEMENT.agreementNo, deductionRef: 'KK1', deductedAt: '2025-05-20 10:40:00' }
		});
		expect(actor.getSnapshot().context.error?.message).toContain('退款申请');
	});
});

describe('payment: supervisor exits', () => {
	async function pending(fakes: Fakes) {
		fakes.respond('listPendingTransfers', () => ({ transfers: [T1, T2] }));
		const actor = await choose(fakes, 'pending_account', INSTITUTION);
		actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T1' });
		actor.send({ type: 'TOGGLE_TRANSFER', transferId: 'T2' });
		actor.send({ type: 'PROOF', transferId: 'T1', kind: 'treasury_payment', number: 'GK1' });
		actor.send({ type: 'PROOF', transferId: 'T2', kind: 'bank_receipt', number: 'HD2' });
		actor.send({ type: 'CONFIRM' });
		await flush();
		return actor;
	}
	async function cashDrawer(fakes: Fakes) {
		const actor = await choose(fakes, 'cash');
		actor.send({ type: 'TENDER', amountFen: 123456 });
		await flush();
		return actor;
	}
	const REACH: Record<string, (fakes: Fakes) => Promise<ReturnType<typeof start>>> = {
		needsSupervisor: async (f) => {
			const a = await choose(f, 'pos');
			await f.settle('chargeCard', { outcome: 'timeout' });
			await f.settle('reverseSale', { outcome: 'failed', reason: '银行系统繁忙' });
			return a;
		},
		recordFailed: async (f) => {
			const a = await cashDrawer(f);
			a.send({ type: 'DRAWER_CLOSED' });
			await flush();
			await f.fail('recordPayment', { code: 'TIMEOUT', message: '超时' });
			return a;
		},
		'moneyHeld.held': async (f) => {
			const a = await cashDrawer(f);
			a.send({ type: 'DRAWER_CLOSED' });
			await flush();
			await f.settle('recordPayment', RECORD_REFUSED);
			await f.settle('holdMoney', { kind: 'cash_held' });
			return a;
		},
		'moneyHeld.holdFailed': async (f) => {
			const a = await cashDrawer(f);
			a.send({ type: 'DRAWER_CLOSED' });
			await flush();
			await f.settle('recordPayment', RECORD_REFUSED);
			await f.fail('holdMoney', { code: 'SQLITE_BUSY', message: '本机账册忙' });
			return a;
		},
		'agreement.uncertain': async (f) => {
			const a = await agreementReady(f);
			a.send({ type: 'CONFIRM' });
			await flush();
			await f.fail('deductByAgreement', { code: 'TIMEOUT', message: '超时' });
			return a;
		},
		'pendingSettlement.uncertain': async (f) => {
			const a = await pending(f);
			await f.fail('settlePendingTransfers', { code: 'TIMEOUT', message: '超时' });
			return a;
		},
		'cash.drawerProblem': async (f) => {
			const a = await cashDrawer(f);
			await f.fail('openDrawer', { code: 'OFFLINE', message: '钱箱未连接' });
			return a;
		}
	};

	it('every stuck state has a supervisor exit', async () => {
		expect(Object.keys(REACH).sort()).toEqual([...STUCK_STATES].sort());
		for (const [state, reach] of Object.entries(REACH)) {
			const fakes = claimingFakes();
			const actor = await reach(fakes);
			let s = actor.getSnapshot();
			expect(s.matches(state as never), state).toBe(true);
			expect(s.can({ type: 'SUPERVISOR_CLOSE', supervisorId: 'sup', note: 'x' }), state).toBe(true);
			const error = s.context.error;
			// Without the supervisor's id and note it stays, and says what is missing.
			actor.send({ type: 'SUPERVISOR_CLOSE', supervisorId: '', note: 'x' });
			s = actor.getSnapshot();
			expect(s.matches(state as never), state).toBe(true);
			expect(s.context.notice, state).toBe(PAYMENT_TEXTS.supervisorFieldsMissing);
			actor.send({ type: 'SUPERVISOR_CLOSE', supervisorId: 'sup', note: 'x' });
			s = actor.getSnapshot();
			expect(s.value, state).toBe('escalated');
			expect(s.output, state).toMatchObject({ outcome: 'escalated', supervisorId: 'sup', note: 'x', reason: error, amountFen: 123456 });
		}
	});
});
