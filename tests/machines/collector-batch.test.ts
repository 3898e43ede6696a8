import { describe, expect, it } from 'vitest';
import { createActor, type AnyMachineSnapshot } from 'xstate';
import {
	COLLECTOR_BATCH_TEXTS,
	batchNumber,
	breached,
	collectorBatchMachine,
	collectorPayer,
	printJobId,
	type CheckUploadOutput,
	type CollectorBatchContext,
	type PrintBatchSummaryInput,
	type PrintRegisterInput
} from '../../state-machines/collector-batch.machine';
import { paymentMachine, type PaidOutput, type PaymentInput } from '../../state-machines/payment.machine';
import { REFUND_NOT_SHOWN } from '../../state-machines/shared';
import { Fakes, done, failed, flush, pathModel, pathName, restoreActor, runPath, until, withFakes } from './harness';
import { PAYMENT_ACTORS, claimingFakes } from './fixtures';

const SESSION = 'W3-20251120-0000002a';
const TODAY = '2025-11-20';
const COLLECTOR = { code: 'C001', name: '王村代办员', idNumber: '140105197001011236', county: '小店区', virtualAccountNo: 'XNH14010500001' };
const INPUT = { sessionId: SESSION, today: TODAY, windowNo: '3', clerkId: '7', collector: COLLECTOR };
const ACTORS = ['payment', 'checkUpload', 'printBatchSummary', 'printRegister'];
const BATCH_NO = batchNumber(SESSION);

const LIMITS = { maxAmountFen: 500_000, maxDays: 3 };
const WITHIN: CheckUploadOutput = {
	good: 194,
	bad: 6,
	goodFen: 194 * 20_000,
	limits: LIMITS,
	collections: { ok: true, overAmount: false, overDays: false, totalFen: 194 * 20_000, oldestDays: 1 }
};
const OVER_DAYS: CheckUploadOutput = {
	good: 3,
	bad: 0,
	goodFen: 60_000,
	limits: LIMITS,
	collections: { ok: false, overAmount: false, overDays: true, totalFen: 60_000, oldestDays: 5 }
};
const ALL_BAD: CheckUploadOutput = {
	good: 0,
	bad: 200,
	goodFen: 0,
	limits: LIMITS,
	collections: { ok: true, overAmount: false, overDays: false, totalFen: 0, oldestDays: 0 }
};
const NO_LIMITS: CheckUploadOutput = { good: 2, bad: 0, goodFen: 40_000, limits: null, collections: null };

const PAID: PaidOutput = {
	outcome: 'paid',
	channel: 'cash',
	declarationNo: BATCH_NO,
	lines: [],
	amountFen: WITHIN.goodFen,
	voucherNo: '314051251100030001',
	paidOn: TODAY,
	details: { channel: 'cash', tenderedFen: WITHIN.goodFen + 5_000, changeFen: 5_000 },
	electronic: false,
	taxCashFormNo: null
};
const ESCALATED = {
	outcome: 'escalated',
	channel: 'cash',
	declarationNo: BATCH_NO,
	amountFen: WITHIN.goodFen,
	attempt: 0,
	reason: { code: 'RECORD_REFUSED', message: '已退回' },
	supervisorId: '9',
	note: '现金已退还代办员',
	card: null,
	held: { kind: 'cash_held' }
};

function session(fakes: Fakes, machine = withFakes(collectorBatchMachine, fakes, ACTORS)) {
	return createActor(machine, { input: INPUT }).start();
}
type Session = ReturnType<typeof session>;
const ctx = (a: Session): CollectorBatchContext => a.getSnapshot().context;

async function uploaded(fakes: Fakes, answer: CheckUploadOutput = WITHIN, uploadId = 1, actor = session(fakes)) {
	actor.send({ type: 'UPLOADED', uploadId });
	await flush();
	await fakes.settle('checkUpload', answer);
	return actor;
}

async function paid(fakes: Fakes) {
	const actor = await uploaded(fakes);
	actor.send({ type: 'PAY' });
	await flush();
	await fakes.settle('payment', PAID);
	return actor;
}

// --- the path model ------------------------------------------------------------------------------

describe('collector batch: path model over the actors’ answers', () => {
	const model = pathModel(collectorBatchMachine, {
		input: INPUT,
		events: (state) => [
			{ type: 'UPLOADED', uploadId: ((state.context as CollectorBatchContext).uploadId ?? 0) + 1 },
			{ type: 'SUPERVISOR_CONFIRM', supervisorId: '9', note: '已核实，代办员当场说明' },
			{ type: 'SUPERVISOR_CONFIRM', supervisorId: '9', note: ' ' },
			done('checkUpload', WITHIN),
			done('checkUpload', OVER_DAYS),
			done('checkUpload', ALL_BAD),
			failed('checkUpload', { code: 'SQLITE_BUSY', message: '本机账册忙' }),
			done('payment', PAID),
			done('payment', ESCALATED),
			done('payment', { outcome: 'back' }),
			done('payment', { outcome: 'cancelled' }),
			failed('payment', { code: 'BUG', message: '内部错误' }),
			done('printBatchSummary', { printed: true }),
			failed('printBatchSummary', { code: 'PAPER_OUT', message: '打印机缺纸' }),
			done('printRegister', { printed: true }),
			failed('printRegister', { code: 'OFFLINE', message: '打印机未连接' })
		],
		filterEvents: (state, event) => {
			const c = state.context as CollectorBatchContext;
			// Forwarded events do not change the batch: the payment is modelled by its answers.
			const own = ['UPLOADED', 'PAY', 'REFUSE', 'SUPERVISOR_CONFIRM', 'REPRINT_SUMMARY', 'REPRINT_REGISTER', 'FINISH', 'RETRY', 'CANCEL'].includes(event.type);
			if (!own && !event.type.startsWith('xstate.')) return false;
			return (c.uploadId ?? 0) <= 2 && c.paymentRound <= 2 && c.copies.summary + c.copies.register <= 1;
		}
	});
	const paths = model.getShortestPaths();

	it('reaches every end of a batch', () => {
		const finals = new Set(paths.filter((p) => p.state.status === 'done').map((p) => p.state.value as string));
		expect([...finals].sort()).toEqual(['cancelled', 'done', 'escalated', 'failed', 'refused']);
	});

	for (const path of paths) {
		it(pathName(path), async () => {
			await runPath(
				path,
				(fakes) => createActor(withFakes(collectorBatchMachine, fakes, ACTORS), { input: INPUT }),
				{
					checking: (real, _m, fakes) => {
						expect(fakes.last('checkUpload')).toEqual({ uploadId: real.context.uploadId, today: TODAY });
						// A new list comes with nothing of the old one.
						expect(real.context.summary).toBeNull();
						expect(real.context.breachConfirmed).toBeNull();
					},
					paying: (real, _m, fakes) => {
						const c = real.context as CollectorBatchContext;
						expect(fakes.last<PaymentInput>('payment')).toEqual({
							sessionId: `${SESSION}:p${c.paymentRound}`,
							payer: collectorPayer(COLLECTOR, TODAY),
							declaration: { declarationNo: BATCH_NO, totalFen: c.summary!.goodFen, lines: [] },
							today: TODAY,
							payerKind: 'resident',
							windowNo: '3',
							clerkId: '7'
						});
						const prefixes = fakes.all<PaymentInput>('payment').map((p) => p.sessionId);
						expect(new Set(prefixes).size).toBe(prefixes.length);
					},
					'printing.summary': (real, _m, fakes) => {
						const c = real.context as CollectorBatchContext;
						expect(fakes.last<PrintBatchSummaryInput>('printBatchSummary')).toMatchObject({
							jobId: `${SESSION}:batch-summary:${c.copies.summary}`,
							reprint: c.copies.summary > 0,
							summary: {
								batchNo: BATCH_NO,
								persons: c.summary!.good,
								amountFen: PAID.amountFen,
								voucherNo: PAID.voucherNo,
								cash: { tenderedFen: PAID.amountFen + 5_000, changeFen: 5_000 }
							}
						});
					},
					'printing.register': (real, _m, fakes) => {
						const c = real.context as CollectorBatchContext;
						expect(fakes.last<PrintRegisterInput>('printRegister')).toMatchObject({
							jobId: `${SESSION}:register:${c.copies.register}`,
							reprint: c.copies.register > 0,
							uploadId: c.uploadId
						});
					},
					printing: (real) => {
						// After money moved only forward: no new list, no refusal, no cancel.
						for (const type of ['REFUSE', 'CANCEL', 'PAY'] as const) expect(real.can({ type })).toBe(false);
						expect(real.can({ type: 'UPLOADED', uploadId: 9 })).toBe(false);
					}
				},
				(real: AnyMachineSnapshot) => {
					const c = real.context as CollectorBatchContext;
					// A breached list is paid only after the supervisor confirmed it on the spot.
					if (real.matches('paying') || real.matches('printing')) expect(!breached(c.summary) || c.breachConfirmed !== null).toBe(true);
					// The list itself never enters the saved context: only its id and the summary.
					expect(Object.keys(c).sort()).toEqual([
						'breachConfirmed',
						'clerkId',
						'collector',
						'copies',
						'error',
						'escalation',
						'payment',
						'paymentRound',
						'printedJobs',
						'sessionId',
						'summary',
						'today',
						'uploadId',
						'windowNo'
					]);
					if (real.status === 'done' && real.output.outcome === 'done') {
						expect(real.output).toMatchObject({ persons: c.summary!.good, amountFen: PAID.amountFen, voucherNo: PAID.voucherNo, batchNo: BATCH_NO });
					}
				}
			);
		});
	}
});

// --- the rules one by one ---------------------------------------------------------------------------

describe('collector batch: the list and its report (issue 10, 2–3)', () => {
	it('the batch number is the session’s own, digits after JZ', () => {
		expect(BATCH_NO).toBe(`JZ2025112003${String(0x2a).padStart(10, '0')}`);
		expect(batchNumber(`${SESSION}:p1:record:0`)).toBe(BATCH_NO);
	});

	it('a stored list is checked by its id; the report keeps the summary and nothing is paid from a check', async () => {
		const fakes = new Fakes();
		const actor = await uploaded(fakes);
		expect(actor.getSnapshot().value).toBe('report');
		expect(ctx(actor).summary).toEqual({ uploadId: 1, ...WITHIN });
		expect(fakes.count('payment')).toBe(0);
	});

	it('a new upload replaces the list, with its own check', async () => {
		const fakes = new Fakes();
		const actor = await uploaded(fakes, OVER_DAYS);
		await uploaded(fakes, WITHIN, 2, actor);
		expect(fakes.all('checkUpload')).toEqual([
			{ uploadId: 1, today: TODAY },
			{ uploadId: 2, today: TODAY }
		]);
		expect(ctx(actor).summary).toEqual({ uploadId: 2, ...WITHIN });
	});

	it('a list without one good row cannot be paid: the clerk is told to have it fixed or refuse it', async () => {
		const fakes = new Fakes();
		const actor = await uploaded(fakes, ALL_BAD);
		actor.send({ type: 'PAY' });
		expect(actor.getSnapshot().value).toBe('report');
		expect(ctx(actor).error).toEqual({ code: 'NOTHING_TO_PAY', message: COLLECTOR_BATCH_TEXTS.nothingToPay });
		actor.send({ type: 'REFUSE' });
		expect(actor.getSnapshot().output).toMatchObject({ outcome: 'refused', persons: 0, amountFen: null, voucherNo: null });
	});

	it('a check that failed is retried with the same list', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		actor.send({ type: 'UPLOADED', uploadId: 4 });
		await flush();
		await fakes.fail('checkUpload', { code: 'SQLITE_BUSY', message: '本机账册忙' });
		expect(actor.getSnapshot().value).toBe('checkFailed');
		expect(ctx(actor).error).toEqual({ code: 'SQLITE_BUSY', message: '本机账册忙' });
		actor.send({ type: 'RETRY' });
		await flush();
		expect(fakes.all('checkUpload')).toEqual([
			{ uploadId: 4, today: TODAY },
			{ uploadId: 4, today: TODAY }
		]);
	});
});

describe('collector batch: the double limits at the window (issue 10, 5)', () => {
	it('a breach does not stop the money: the window shows it and a supervisor confirms on the spot', async () => {
		const fakes = new Fakes();
		const actor = await uploaded(fakes, OVER_DAYS);
		actor.send({ type: 'PAY' });
		expect(actor.getSnapshot().value).toBe('breach');
		expect(fakes.count('payment')).toBe(0);
		// The clerk cannot pay past it alone, nor does a confirmation without a note count.
		expect(actor.getSnapshot().can({ type: 'PAY' })).toBe(false);
		actor.send({ type: 'SUPERVISOR_CONFIRM', supervisorId: '9', note: '  ' });
		expect(actor.getSnapshot().value).toBe('breach');
		expect(ctx(actor).error?.code).toBe('SUPERVISOR_FIELDS_MISSING');
		actor.send({ type: 'SUPERVISOR_CONFIRM', supervisorId: '9', note: ' 代办员已说明原因 ' });
		await flush();
		expect(actor.getSnapshot().value).toBe('paying');
		expect(ctx(actor).breachConfirmed).toEqual({ supervisorId: '9', note: '代办员已说明原因' });
		expect(fakes.last<PaymentInput>('payment').declaration.totalFen).toBe(60_000);
	});

	it('the confirmation holds for that list only: after going back it pays at once, a new list is checked again', async () => {
		const fakes = new Fakes();
		const actor = await uploaded(fakes, OVER_DAYS);
		actor.send({ type: 'PAY' });
		actor.send({ type: 'SUPERVISOR_CONFIRM', supervisorId: '9', note: '已说明' });
		await flush();
		await fakes.settle('payment', { outcome: 'back' });
		expect(actor.getSnapshot().value).toBe('report');
		actor.send({ type: 'PAY' });
		expect(actor.getSnapshot().value).toBe('paying');
		await fakes.settle('payment', { outcome: 'back' });
		await uploaded(fakes, OVER_DAYS, 2, actor);
		actor.send({ type: 'PAY' });
		expect(actor.getSnapshot().value).toBe('breach');
	});

	it('a county without limits set shows no breach', async () => {
		const fakes = new Fakes();
		const actor = await uploaded(fakes, NO_LIMITS);
		actor.send({ type: 'PAY' });
		expect(actor.getSnapshot().value).toBe('paying');
		expect(ctx(actor).breachConfirmed).toBeNull();
	});

	it('the output says whether a breach was confirmed', async () => {
		const fakes = new Fakes().respond('printBatchSummary', () => ({ printed: true })).respond('printRegister', () => ({ printed: true }));
		const actor = await uploaded(fakes, OVER_DAYS);
		actor.send({ type: 'PAY' });
		actor.send({ type: 'SUPERVISOR_CONFIRM', supervisorId: '9', note: '已说明' });
		await flush();
		await fakes.settle('payment', { ...PAID, amountFen: 60_000 });
		await until(() => actor.getSnapshot().matches({ printing: 'ready' }), 'prints');
		actor.send({ type: 'FINISH' });
		expect(actor.getSnapshot().output).toMatchObject({ outcome: 'done', persons: 3, amountFen: 60_000, breachConfirmed: true });
	});
});

describe('collector batch: the money, by the payment machine (issue 10, 4)', () => {
	it('the collector pays the batch by POS card or cash at the window, as one declaration', async () => {
		const fakes = claimingFakes();
		const machine = withFakes(collectorBatchMachine.provide({ actors: { payment: withFakes(paymentMachine, fakes, PAYMENT_ACTORS) } }), fakes, ['checkUpload']);
		const actor = createActor(machine, { input: INPUT }).start();
		actor.send({ type: 'UPLOADED', uploadId: 1 });
		await flush();
		await fakes.settle('checkUpload', WITHIN);
		actor.send({ type: 'PAY' });
		await flush();
		const payment = () =>
			actor.getSnapshot().children.payment!.getSnapshot() as ReturnType<ReturnType<typeof createActor<typeof paymentMachine>>['getSnapshot']>;
		expect(payment().value).toEqual({ choosing: 'ready' });
		expect(fakes.last('claimDeclaration')).toMatchObject({ declarationNo: BATCH_NO, moneyInFlight: false });
		// Forwarded to the payment: agreement and bank forms are for units only.
		actor.send({ type: 'CHOOSE', channel: 'agreement' });
		expect(payment().context.error?.code).toBe('UNITS_ONLY');
		actor.send({ type: 'CHOOSE', channel: 'cash' });
		actor.send({ type: 'TENDER', amountFen: WITHIN.goodFen + 5_000 });
		await flush();
		expect(payment().context.cash).toEqual({ tenderedFen: WITHIN.goodFen + 5_000, changeFen: 5_000 });
		await fakes.settle('openDrawer', { status: 'opened' });
		expect(fakes.last('recordPayment')).toMatchObject({
			key: `${SESSION}:p1:record:0`,
			payerId: 0,
			declarationNo: BATCH_NO,
			channel: 'cash',
			amountFen: WITHIN.goodFen,
			details: { channel: 'cash', tenderedFen: WITHIN.goodFen + 5_000, changeFen: 5_000 }
		});
		// The money moved: the payment takes no cancel now.
		expect(payment().can({ type: 'CANCEL' })).toBe(false);
		await fakes.settle('recordPayment', { outcome: 'recorded', voucherNo: PAID.voucherNo, paidOn: TODAY });
		expect(actor.getSnapshot().matches('printing')).toBe(true);
		expect(ctx(actor).payment).toMatchObject({ outcome: 'paid', channel: 'cash', voucherNo: PAID.voucherNo, amountFen: WITHIN.goodFen });
	});

	it('a payment that went wrong and was closed by a supervisor ends the batch escalated', async () => {
		const fakes = new Fakes();
		const actor = await uploaded(fakes);
		actor.send({ type: 'PAY' });
		await flush();
		await fakes.settle('payment', ESCALATED);
		expect(actor.getSnapshot().output).toMatchObject({ outcome: 'escalated', voucherNo: null, persons: 0 });
		expect(ctx(actor).escalation).toEqual(ESCALATED);
	});

	it('restored from its saved snapshot while paying, the batch and its payment come back as they were', async () => {
		const fakes = claimingFakes();
		const machine = withFakes(collectorBatchMachine.provide({ actors: { payment: withFakes(paymentMachine, fakes, PAYMENT_ACTORS) } }), fakes, ['checkUpload']);
		const actor = createActor(machine, { input: INPUT }).start();
		actor.send({ type: 'UPLOADED', uploadId: 1 });
		await flush();
		await fakes.settle('checkUpload', WITHIN);
		actor.send({ type: 'PAY' });
		await flush();
		actor.send({ type: 'CHOOSE', channel: 'cash' });
		const saved = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
		actor.stop();
		const restored = restoreActor(machine, saved).start();
		await flush();
		expect(restored.getSnapshot().value).toBe('paying');
		expect((restored.getSnapshot().children.payment!.getSnapshot() as { value: unknown }).value).toEqual({ cash: 'tendering' });
		expect(restored.getSnapshot().context.summary).toEqual({ uploadId: 1, ...WITHIN });
		restored.stop();
	});
});

describe('collector batch: the summary and the register (issue 10, 4)', () => {
	it('the summary on the receipt printer, then the register on the form printer; each again marked 补打', async () => {
		const fakes = new Fakes().respond('printBatchSummary', () => ({ printed: true })).respond('printRegister', () => ({ printed: true }));
		const actor = await paid(fakes);
		await until(() => actor.getSnapshot().matches({ printing: 'ready' }), 'prints');
		const summary = fakes.last<PrintBatchSummaryInput>('printBatchSummary');
		expect(summary).toEqual({
			jobId: `${SESSION}:batch-summary:0`,
			reprint: false,
			summary: {
				batchNo: BATCH_NO,
				collector: COLLECTOR,
				persons: 194,
				amountFen: PAID.amountFen,
				amountInWords: '叁万捌仟捌佰元整',
				voucherNo: PAID.voucherNo,
				paidOn: TODAY,
				channel: 'cash',
				card: null,
				cash: { tenderedFen: PAID.amountFen + 5_000, changeFen: 5_000 },
				windowNo: '3',
				clerkId: '7',
				refundNotice: REFUND_NOT_SHOWN
			}
		});
		expect(fakes.last<PrintRegisterInput>('printRegister')).toEqual({ jobId: `${SESSION}:register:0`, reprint: false, uploadId: 1, batch: summary.summary });

		actor.send({ type: 'REPRINT_REGISTER' });
		await until(() => actor.getSnapshot().matches({ printing: 'ready' }) && fakes.count('printRegister') === 2, 'register again');
		actor.send({ type: 'REPRINT_SUMMARY' });
		await until(() => actor.getSnapshot().matches({ printing: 'ready' }) && fakes.count('printBatchSummary') === 2, 'summary again');
		expect(fakes.all<PrintRegisterInput>('printRegister').map((p) => [p.jobId, p.reprint])).toEqual([
			[`${SESSION}:register:0`, false],
			[`${SESSION}:register:1`, true]
		]);
		// A summary printed again does not print the register a third time.
		expect(fakes.all<PrintBatchSummaryInput>('printBatchSummary').map((p) => [p.jobId, p.reprint])).toEqual([
			[`${SESSION}:batch-summary:0`, false],
			[`${SESSION}:batch-summary:1`, true]
		]);
		expect(fakes.count('printRegister')).toBe(2);
		expect(ctx(actor).printedJobs).toEqual([
			printJobId(SESSION, 'summary', 0),
			printJobId(SESSION, 'register', 0),
			printJobId(SESSION, 'register', 1),
			printJobId(SESSION, 'summary', 1)
		]);
		actor.send({ type: 'FINISH' });
		expect(actor.getSnapshot().output).toMatchObject({ outcome: 'done', voucherNo: PAID.voucherNo, channel: 'cash', persons: 194 });
	});

	it('a print that failed is sent again under the same job, or left for later', async () => {
		const fakes = new Fakes().respond('printBatchSummary', () => ({ printed: true }));
		const actor = await paid(fakes);
		await until(() => fakes.pending('printRegister'), 'register');
		await fakes.fail('printRegister', { code: 'OFFLINE', message: '打印机未连接' });
		expect(actor.getSnapshot().value).toEqual({ printing: 'registerFailed' });
		expect(ctx(actor).error).toEqual({ code: 'OFFLINE', message: '打印机未连接' });
		actor.send({ type: 'RETRY' });
		await flush();
		expect(fakes.all<PrintRegisterInput>('printRegister').map((p) => p.jobId)).toEqual([`${SESSION}:register:0`, `${SESSION}:register:0`]);
		await fakes.fail('printRegister', { code: 'BUG' });
		expect(ctx(actor).error).toEqual({ code: 'PRINT_FAILED', message: COLLECTOR_BATCH_TEXTS.printFailed });
		actor.send({ type: 'FINISH' });
		expect(actor.getSnapshot().output).toMatchObject({ outcome: 'done' });
	});
});

describe('collector batch: every state that waits on a person has an exit', () => {
	const REACH: Record<string, (f: Fakes) => Promise<Session>> = {
		waitingList: async (f) => session(f),
		checkFailed: async (f) => {
			const a = session(f);
			a.send({ type: 'UPLOADED', uploadId: 1 });
			await flush();
			await f.fail('checkUpload', { code: 'X', message: '失败' });
			return a;
		},
		report: (f) => uploaded(f),
		breach: async (f) => {
			const a = await uploaded(f, OVER_DAYS);
			a.send({ type: 'PAY' });
			return a;
		},
		'printing.summaryFailed': async (f) => {
			const a = await paid(f);
			await f.fail('printBatchSummary', { code: 'PAPER_OUT', message: '缺纸' });
			return a;
		},
		'printing.registerFailed': async (f) => {
			const a = await paid(f);
			await f.settle('printBatchSummary', { printed: true });
			await f.fail('printRegister', { code: 'OFFLINE', message: '未连接' });
			return a;
		},
		'printing.ready': async (f) => {
			const a = await paid(f);
			await f.settle('printBatchSummary', { printed: true });
			await f.settle('printRegister', { printed: true });
			return a;
		}
	};
	for (const [state, reach] of Object.entries(REACH)) {
		it(state, async () => {
			const actor = await reach(new Fakes());
			const s = actor.getSnapshot();
			expect(s.matches(state as never)).toBe(true);
			// Before money moved the clerk may cancel; after it, finish (what is not printed can be printed later).
			const exit = state.startsWith('printing') ? { type: 'FINISH' as const } : { type: 'CANCEL' as const };
			expect(s.can(exit)).toBe(true);
			actor.send(exit);
			expect(actor.getSnapshot().status).toBe('done');
		});
	}
});
