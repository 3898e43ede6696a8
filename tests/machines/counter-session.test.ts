import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type AnyMachineSnapshot } from 'xstate';
import { counterSessionMachine, type CounterSessionContext } from '../../state-machines/counter-session.machine';
import { registrationLinkMachine } from '../../state-machines/registration-link.machine';
import { declarationMachine } from '../../state-machines/declaration.machine';
import { paymentMachine, type CardApproval, type PaidOutput } from '../../state-machines/payment.machine';
import { receiptPrintMachine, type PrintReceiptInput } from '../../state-machines/receipt-print.machine';
import { certificateMachine } from '../../state-machines/certificate.machine';
import { refundGuidanceMachine } from '../../state-machines/refund-guidance.machine';
import { HELP_LINES, REFUND_NOT_SHOWN } from '../../state-machines/shared';
import { Fakes, done, failed, flush, pathModel, pathName, restoreActor, runPath, until, withFakes } from './harness';
import { ENTERPRISE, HISTORICAL, INSTITUTION, LINKED, REGULAR, RESIDENT, UNLINKED, lineOf, PAYMENT_ACTORS } from './fixtures';

const SESSION = 'W3-20250520-0001';
const TODAY = '2025-05-20';
const INPUT = { sessionId: SESSION, today: TODAY, windowNo: '3', clerkId: 'clerk07' };
const CHILDREN = ['registrationLink', 'declaration', 'payment', 'receiptPrint', 'certificate', 'refundGuidance', 'printGuidanceSlip'];

const SLIP = { title: '指引', reason: '原因', where: ['经办机构'], bring: [], steps: [], helpLines: [...HELP_LINES] };
const LINES = [lineOf(REGULAR), lineOf(HISTORICAL)];
const DECLARED = {
	outcome: 'declared',
	declarationNo: 'SB2025052000001',
	declaredOn: TODAY,
	lines: LINES,
	totalFen: 123456,
	existing: false
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
const PAID_CARD: PaidOutput = {
	outcome: 'paid',
	channel: 'pos',
	declarationNo: DECLARED.declarationNo,
	lines: LINES,
	amountFen: 123456,
	voucherNo: '314051250500012345',
	paidOn: TODAY,
	details: { channel: 'pos', approval: APPROVAL },
	electronic: true,
	taxCashFormNo: null
};
const PAID_CASH: PaidOutput = {
	...PAID_CARD,
	channel: 'cash',
	details: { channel: 'cash', tenderedFen: 130000, changeFen: 6544 },
	electronic: false
};

describe('counter session: path model over the children’s outcomes', () => {
	const model = pathModel(counterSessionMachine, {
		input: INPUT,
		events: [
			{ type: 'PAYER_PICKED', payer: ENTERPRISE },
			{ type: 'PAYER_PICKED', payer: INSTITUTION, business: 'certificate' },
			{ type: 'PAYER_PICKED', payer: ENTERPRISE, business: 'refund' },
			{ type: 'PAYER_PICKED', payer: ENTERPRISE, business: 'cancellation' },
			{ type: 'PAYER_PICKED', payer: RESIDENT },
			done('registrationLink', { outcome: 'linked', registrations: [LINKED], links: [{ registrationId: 2, method: 'manual' }], supervisorNotice: true }),
			done('registrationLink', { outcome: 'guidance', printGuidanceSlip: true, slip: SLIP }),
			done('registrationLink', {
				outcome: 'cancellationRefused',
				request: 'cancellation',
				refusal: { code: 'DUES_OUTSTANDING', message: '请先结清' },
				outstandingDues: [REGULAR],
				outstandingFen: 100000
			}),
			done('registrationLink', { outcome: 'cancellationGuidance', request: 'cancellation', printGuidanceSlip: true, slip: SLIP }),
			done('registrationLink', { outcome: 'cancelled' }),
			failed('registrationLink', { code: 'BUG', message: '内部错误' }),
			done('declaration', DECLARED),
			done('declaration', { outcome: 'sentToAgency', due: HISTORICAL, slip: SLIP }),
			done('declaration', { outcome: 'back' }),
			done('declaration', { outcome: 'cancelled' }),
			done('payment', PAID_CARD),
			done('payment', PAID_CASH),
			done('payment', {
				outcome: 'awaitingBankStub',
				declarationNo: DECLARED.declarationNo,
				amountFen: 123456,
				voucherNo: '314051250500099999',
				limitDate: '2025-05-25',
				notice: '请到银行缴款'
			}),
			done('payment', {
				outcome: 'escalated',
				channel: 'pos',
				declarationNo: DECLARED.declarationNo,
				amountFen: 123456,
				attempt: 0,
				reason: { code: 'REVERSAL_FAILED', message: '冲正未成功' },
				supervisorId: 'sup01',
				note: '已核实',
				card: null
			}),
			done('payment', { outcome: 'back' }),
			done('payment', { outcome: 'cancelled' }),
			done('receiptPrint', { printedJobs: [`${SESSION}:receipt:0`], unprintedJob: null }),
			done('certificate', { outcome: 'printed', certificateNo: 'WS1', payments: [], refundNotice: REFUND_NOT_SHOWN }),
			done('certificate', { outcome: 'cancelled' }),
			done('refundGuidance', { printed: true, slip: SLIP }),
			done('printGuidanceSlip', { printed: true }),
			failed('printGuidanceSlip', { code: 'OFFLINE', message: '打印机未连接' })
		],
		filterEvents: (state, event) => {
			const ctx = state.context as CounterSessionContext;
			// Forwarded events do not change the session itself: the children are modelled by
			// their outcomes. Two rounds of going back are enough.
			const own = ['PAYER_PICKED', 'CERTIFICATE', 'PRINT', 'FINISH', 'BACK', 'CANCEL'].includes(event.type) || event.type.startsWith('xstate.');
			return own && ctx.declarationRound + ctx.paymentRound <= 2 && (ctx.guidance?.copies ?? 0) < 2;
		}
	});
	const paths = model.getShortestPaths();

	it('reaches every end of a visit', () => {
		const finals = new Set(paths.filter((p) => p.state.status === 'done').map((p) => p.state.value as string));
		expect([...finals].sort()).toEqual(['cancelled', 'done', 'escalated', 'failed']);
	});

	for (const path of paths) {
		it(pathName(path), async () => {
			await runPath(
				path,
				(fakes) => createActor(withFakes(counterSessionMachine, fakes, CHILDREN), { input: INPUT }),
				{
					linking: (real, _m, fakes) => {
						const ctx = real.context as CounterSessionContext;
						expect(fakes.last('registrationLink')).toEqual({
							sessionId: SESSION,
							payer: ctx.payer,
							today: TODAY,
							clerkId: 'clerk07',
							request: ctx.business === 'payment' ? 'link' : ctx.business
						});
					},
					declaring: (real, _m, fakes) => {
						const ctx = real.context as CounterSessionContext;
						expect(fakes.last('declaration')).toEqual({
							sessionId: `${SESSION}:d${ctx.declarationRound}`,
							payer: ctx.payer,
							today: TODAY
						});
					},
					paying: (real, _m, fakes) => {
						const ctx = real.context as CounterSessionContext;
						expect(fakes.last('payment')).toEqual({
							sessionId: `${SESSION}:p${ctx.paymentRound}`,
							payer: ctx.payer,
							declaration: { declarationNo: DECLARED.declarationNo, totalFen: 123456, lines: LINES },
							today: TODAY,
							payerKind: ctx.payer!.kind,
							windowNo: '3',
							clerkId: 'clerk07'
						});
						// Every payment child has keys of its own.
						const prefixes = fakes.all<{ sessionId: string }>('payment').map((p) => p.sessionId);
						expect(new Set(prefixes).size).toBe(prefixes.length);
					},
					receipt: (real, _m, fakes) => {
						const ctx = real.context as CounterSessionContext;
						const { receipt } = fakes.last<PrintReceiptInput>('receiptPrint');
						expect(receipt).toMatchObject({
							payerName: ENTERPRISE.name,
							voucherNo: ctx.payment!.voucherNo,
							channel: ctx.payment!.channel,
							amountInWords: '壹仟贰佰叁拾肆元伍角陆分',
							windowNo: '3',
							clerkId: 'clerk07',
							refundNotice: REFUND_NOT_SHOWN
						});
						expect(receipt.card).toEqual(ctx.payment!.channel === 'pos' ? APPROVAL : null);
						// After money moved only forward.
						expect(real.can({ type: 'BACK' })).toBe(false);
						expect(real.can({ type: 'CANCEL' })).toBe(false);
						expect(real.can({ type: 'CERTIFICATE' })).toBe(ctx.payment!.electronic);
					},
					'guidance.printing': (real, _m, fakes) => {
						const ctx = real.context as CounterSessionContext;
						expect(fakes.last('printGuidanceSlip')).toEqual({
							jobId: `${SESSION}:guidance:${ctx.guidance!.topic}:${ctx.guidance!.copies}`,
							payerName: ctx.payer!.name,
							slip: SLIP
						});
					},
					pickingPayer: (real) => {
						if (real.context.error) expect(real.context.error.code).toBe('NOT_A_UNIT');
					}
				},
				(real: AnyMachineSnapshot) => {
					if (real.status === 'done') expect(real.output.supervisorNotice).toBe(real.context.supervisorNotice);
				}
			);
		});
	}
});

// --- the session with its real children --------------------------------------------------------

function realSession(fakes: Fakes) {
	return counterSessionMachine.provide({
		actors: {
			registrationLink: withFakes(registrationLinkMachine, fakes, ['loadRegistrations', 'linkRegistration']),
			declaration: withFakes(declarationMachine, fakes, ['loadDues', 'declare', 'voidDeclaration']),
			payment: withFakes(paymentMachine, fakes, PAYMENT_ACTORS),
			receiptPrint: withFakes(receiptPrintMachine, fakes, ['printReceipt']),
			certificate: withFakes(certificateMachine, fakes, ['listElectronicPayments', 'printCertificate']),
			refundGuidance: withFakes(refundGuidanceMachine, fakes, ['printGuidanceSlip']),
			printGuidanceSlip: fakes.logic('printGuidanceSlip') as never
		}
	});
}

/** Upstream answers of a linked enterprise with two open dues. */
function upstream(fakes: Fakes) {
	let declared = false;
	return (
		fakes
			.respond('loadRegistrations', () => ({ registrations: [LINKED], outstandingDues: [REGULAR, HISTORICAL] }))
			.respond('loadDues', () => ({
				dues: [REGULAR, HISTORICAL].map((d) => ({ ...d, state: declared ? ('declared' as const) : ('open' as const) })),
				declarations: declared
					? [{ id: 60, declarationNo: DECLARED.declarationNo, declaredOn: TODAY, status: 'declared' as const, lines: LINES, totalFen: 123456 }]
					: []
			}))
			.respond('declare', () => {
				declared = true;
				return { declarationNo: DECLARED.declarationNo, declaredOn: TODAY, lines: LINES, totalFen: 123456 };
			})
			.respond('recordPayment', () => ({ outcome: 'recorded', voucherNo: PAID_CARD.voucherNo, paidOn: TODAY }))
			// The declaration is this window's: no other window holds a claim on it.
			.respond('claimDeclaration', () => ({ outcome: 'held' }))
			.respond('releaseClaim', () => undefined)
			.respond('printReceipt', () => ({ printed: true }))
	);
}

async function toPayment(fakes: Fakes) {
	const actor = createActor(realSession(upstream(fakes)), { input: INPUT }).start();
	actor.send({ type: 'PAYER_PICKED', payer: ENTERPRISE });
	await until(() => childValue(actor, 'declaration') === 'selecting', 'declaration loaded');
	actor.send({ type: 'TOGGLE_DUE', dueId: REGULAR.id });
	actor.send({ type: 'TOGGLE_DUE', dueId: HISTORICAL.id });
	actor.send({ type: 'SUBMIT' });
	await waitFor(actor, (s) => s.matches('paying'));
	// The payment claims the declaration on entry; the clerk chooses once it is held.
	await until(() => JSON.stringify(paymentState(actor)) === JSON.stringify({ choosing: 'ready' }), 'declaration claimed');
	return actor;
}

function childValue(actor: { getSnapshot(): AnyMachineSnapshot }, id: string): unknown {
	return actor.getSnapshot().children[id]?.getSnapshot().value;
}

function paymentState(actor: { getSnapshot(): AnyMachineSnapshot }) {
	return childValue(actor, 'payment');
}

describe('counter session: a visit with the real flows', () => {
	it('pick the payer, link, declare, pay by card, print the receipt, then a certificate', async () => {
		const fakes = new Fakes();
		const actor = await toPayment(fakes);
		actor.send({ type: 'CHOOSE', channel: 'pos' });
		await flush();
		expect(fakes.last('chargeCard')).toEqual({
			key: `${SESSION}:p1:card:0`,
			amountFen: 123456,
			declarationNo: DECLARED.declarationNo,
			payerId: ENTERPRISE.id
		});
		// Claimed on entry and again with money in flight, by the window session's one claim key.
		expect(fakes.all('claimDeclaration')).toEqual([
			{ claimKey: `${SESSION}:claim`, declarationNo: DECLARED.declarationNo, moneyInFlight: false, windowNo: '3', clerkId: 'clerk07' },
			{ claimKey: `${SESSION}:claim`, declarationNo: DECLARED.declarationNo, moneyInFlight: true, windowNo: '3', clerkId: 'clerk07' }
		]);
		await fakes.settle('chargeCard', { outcome: 'approved', approval: APPROVAL });
		await waitFor(actor, (s) => s.matches('receipt'));
		expect(fakes.last('recordPayment')).toMatchObject({ key: `${SESSION}:p1:record:0`, windowNo: '3', clerkId: 'clerk07' });
		expect(fakes.last('recordPayment')).not.toHaveProperty('paidOn');
		expect(fakes.count('releaseClaim')).toBe(0);
		expect(fakes.last<PrintReceiptInput>('printReceipt')).toMatchObject({
			jobId: `${SESSION}:receipt:0`,
			reprint: false,
			receipt: { voucherNo: PAID_CARD.voucherNo, card: APPROVAL, refundNotice: REFUND_NOT_SHOWN }
		});
		actor.send({ type: 'CERTIFICATE' });
		expect(actor.getSnapshot().value).toBe('certificate');
		actor.send({ type: 'FINISH' });
		expect(actor.getSnapshot().output).toEqual({
			outcome: 'done',
			payerId: ENTERPRISE.id,
			business: 'payment',
			declarationNo: DECLARED.declarationNo,
			voucherNo: PAID_CARD.voucherNo,
			channel: 'pos',
			amountFen: 123456,
			bankFormVoucherNo: null,
			certificateNo: null,
			guidanceTopic: null,
			supervisorNotice: false,
			error: null
		});
	});

	it('cancel is refused once money is moving', async () => {
		const fakes = new Fakes();
		const actor = await toPayment(fakes);
		actor.send({ type: 'CHOOSE', channel: 'pos' });
		await flush();
		for (const type of ['CANCEL', 'BACK'] as const) {
			actor.send({ type });
			await flush();
			expect(actor.getSnapshot().value).toBe('paying');
			expect(paymentState(actor)).toEqual({ card: 'charging' });
		}
		expect(fakes.pending('chargeCard')).toBe(true);
		expect(fakes.count('chargeCard')).toBe(1);
	});

	it('before money moves, BACK returns to the declarations and the next payment uses fresh keys', async () => {
		const fakes = new Fakes();
		const actor = await toPayment(fakes);
		actor.send({ type: 'CHOOSE', channel: 'pos' });
		await flush(); // the claim with money in flight answers first
		await fakes.settle('chargeCard', { outcome: 'declined', responseCode: '05', reason: '不予承兑' });
		actor.send({ type: 'BACK' });
		await until(() => childValue(actor, 'declaration') === 'selecting', 'declarations reloaded');
		// The unpaid declaration is listed: pay it without declaring again.
		actor.send({ type: 'PAY_EXISTING', declarationNo: DECLARED.declarationNo });
		await waitFor(actor, (s) => s.matches('paying'));
		await until(() => JSON.stringify(paymentState(actor)) === JSON.stringify({ choosing: 'ready' }), 'declaration claimed');
		actor.send({ type: 'CHOOSE', channel: 'pos' });
		await flush();
		expect(fakes.all('chargeCard').map((c) => c.key)).toEqual([`${SESSION}:p1:card:0`, `${SESSION}:p2:card:0`]);
		expect(fakes.count('declare')).toBe(1);
		// BACK released the claim; both payment children claim with the session's one key.
		expect(fakes.all('releaseClaim')).toEqual([{ claimKey: `${SESSION}:claim`, declarationNo: DECLARED.declarationNo }]);
		expect(new Set(fakes.all('claimDeclaration').map((c) => c.claimKey))).toEqual(new Set([`${SESSION}:claim`]));
	});

	it('before money moves, CANCEL ends the visit', async () => {
		const fakes = new Fakes();
		const actor = await toPayment(fakes);
		actor.send({ type: 'CANCEL' });
		await flush();
		expect(actor.getSnapshot().output).toMatchObject({ outcome: 'cancelled', declarationNo: DECLARED.declarationNo, voucherNo: null });
		expect(fakes.all('releaseClaim')).toEqual([{ claimKey: `${SESSION}:claim`, declarationNo: DECLARED.declarationNo }]);
	});

	it('a persisted session restored mid-charge re-invokes the charge with the same idempotency key', async () => {
		const fakes = new Fakes();
		const actor = await toPayment(fakes);
		actor.send({ type: 'CHOOSE', channel: 'pos' });
		await flush();
		const saved = JSON.stringify(actor.getPersistedSnapshot());
		actor.stop();

		const after = upstream(new Fakes());
		const restored = restoreActor(realSession(after), JSON.parse(saved)).start();
		await flush();
		expect(restored.getSnapshot().value).toBe('paying');
		expect(paymentState(restored)).toEqual({ card: 'charging' });
		expect(after.all('chargeCard')).toEqual([fakes.last('chargeCard')]);
		// Nothing before the charge ran again.
		expect(after.count('loadRegistrations') + after.count('declare')).toBe(0);
		await after.settle('chargeCard', { outcome: 'approved', approval: APPROVAL });
		await waitFor(restored, (s) => s.matches('receipt'));
		expect(after.last('recordPayment')).toMatchObject({ key: `${SESSION}:p1:record:0` });
	});

	it('an individual payer is refused: residents and flexible employees have their own flows', () => {
		const actor = createActor(realSession(new Fakes()), { input: INPUT }).start();
		actor.send({ type: 'PAYER_PICKED', payer: RESIDENT });
		expect(actor.getSnapshot().value).toBe('pickingPayer');
		expect(actor.getSnapshot().context.error?.code).toBe('NOT_A_UNIT');
	});

	it('a payer with no agency record leaves with a guidance slip', async () => {
		const fakes = new Fakes()
			.respond('loadRegistrations', () => ({ registrations: [], outstandingDues: [] }))
			.respond('printGuidanceSlip', () => ({ printed: true }));
		const actor = createActor(realSession(fakes), { input: INPUT }).start();
		actor.send({ type: 'PAYER_PICKED', payer: INSTITUTION });
		await waitFor(actor, (s) => s.matches('guidance'));
		actor.send({ type: 'PRINT' });
		await waitFor(actor, (s) => s.matches({ guidance: 'showing' }));
		expect(fakes.last('printGuidanceSlip')).toMatchObject({ jobId: `${SESSION}:guidance:registration:0`, payerName: INSTITUTION.name });
		actor.send({ type: 'FINISH' });
		expect(actor.getSnapshot().output).toMatchObject({ outcome: 'done', guidanceTopic: 'registration' });
	});

	it('a hand link in the visit is reported for the supervisor', async () => {
		const fakes = new Fakes()
			.respond('loadRegistrations', () => ({ registrations: [LINKED, UNLINKED], outstandingDues: [] }))
			.respond('linkRegistration', () => ({ registration: { ...UNLINKED, link: { method: 'manual', linkedOn: TODAY, linkedBy: 'clerk07' } } }))
			.respond('loadDues', () => ({ dues: [], declarations: [] }));
		const actor = createActor(realSession(fakes), { input: INPUT }).start();
		actor.send({ type: 'PAYER_PICKED', payer: ENTERPRISE });
		await until(() => childValue(actor, 'registrationLink') === 'unlinked', 'records loaded');
		actor.send({ type: 'CONFIRM', registrationId: UNLINKED.id });
		await waitFor(actor, (s) => s.matches('declaring'));
		expect(fakes.last('linkRegistration')).toMatchObject({ method: 'manual', clerkId: 'clerk07', supervisorNotice: true });
		actor.send({ type: 'CANCEL' });
		await flush();
		expect(actor.getSnapshot().output).toMatchObject({ outcome: 'cancelled', supervisorNotice: true });
	});

	it('a cancellation request with unpaid dues goes on to declaring them, with the rule shown', async () => {
		const fakes = upstream(new Fakes());
		const actor = createActor(realSession(fakes), { input: INPUT }).start();
		actor.send({ type: 'PAYER_PICKED', payer: ENTERPRISE, business: 'cancellation' });
		await waitFor(actor, (s) => s.matches('declaring'));
		expect(actor.getSnapshot().context.notice).toContain('需先向主管税务机关结清');
	});

	it('the refund business prints the agencies’ guidance and moves no money', async () => {
		const fakes = new Fakes().respond('printGuidanceSlip', () => ({ printed: true }));
		const actor = createActor(realSession(fakes), { input: INPUT }).start();
		actor.send({ type: 'PAYER_PICKED', payer: ENTERPRISE, business: 'refund' });
		actor.send({ type: 'PRINT' });
		await waitFor(actor, (s) => s.status === 'done');
		expect(fakes.last('printGuidanceSlip')).toMatchObject({ jobId: `${SESSION}:guidance:refund` });
		expect(Object.keys(fakes.calls).sort()).toEqual(['printGuidanceSlip']);
	});
});
