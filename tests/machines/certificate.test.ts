import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import {
	CERTIFICATE_TEXTS,
	certificateJobId,
	certificateMachine,
	type CertificateContext,
	type ElectronicPayment,
	type PrintCertificateInput
} from '../../state-machines/certificate.machine';
import { Fakes, actorNames, done, failed, flush, pathModel, pathName, runPath, withFakes } from './harness';
import { ENTERPRISE } from './fixtures';

const SESSION = 'S-CRT';
const TODAY = '2025-05-20';
const ACTORS = ['listElectronicPayments', 'printCertificate'];

function payment(voucherNo: string, over: Partial<ElectronicPayment> = {}): ElectronicPayment {
	return {
		voucherNo,
		channel: 'pos',
		paidOn: '2025-04-10',
		bookedOn: '2025-04-15',
		amountFen: 100000,
		items: [{ name: '企业职工基本养老保险', periodFrom: '2025-04-01', periodTo: '2025-04-30', amountFen: 100000 }],
		...over
	};
}

const POS = payment('314051250400000001');
const AGREEMENT = payment('314051250400000002', { channel: 'agreement' });
const NOT_BOOKED = payment('314051250500000003', { paidOn: '2025-05-19', bookedOn: null });
const CASH = { ...payment('314051250400000004'), channel: 'cash' } as unknown as ElectronicPayment;

function start(fakes: Fakes) {
	return createActor(withFakes(certificateMachine, fakes, ACTORS), {
		input: { sessionId: SESSION, payer: ENTERPRISE, today: TODAY }
	});
}

describe('certificate: path model', () => {
	const model = pathModel(certificateMachine, {
		input: { sessionId: SESSION, payer: ENTERPRISE, today: TODAY },
		events: [
			{ type: 'SET_RANGE', from: '2025-01-01', to: TODAY },
			{ type: 'SET_RANGE', from: '2025-05-01', to: '2025-04-01' },
			{ type: 'SET_RANGE', from: '2025-05-01', to: '2025-05-21' },
			{ type: 'SET_RANGE', from: '2025-02-30', to: TODAY },
			done('listElectronicPayments', { payments: [POS, AGREEMENT, NOT_BOOKED, CASH] }),
			done('listElectronicPayments', { payments: [] }),
			failed('listElectronicPayments', { code: 'TIMEOUT', message: '超时' }),
			{ type: 'TOGGLE_PAYMENT', voucherNo: POS.voucherNo },
			{ type: 'TOGGLE_PAYMENT', voucherNo: NOT_BOOKED.voucherNo },
			done('printCertificate', { certificateNo: 'WS1405250500001' }),
			failed('printCertificate', { code: 'OFFLINE', message: '打印机未连接' })
		]
	});
	for (const path of model.getShortestPaths()) {
		it(pathName(path), async () => {
			await runPath(path, start, {
				loading: (real, _m, fakes) => {
					expect(fakes.last('listElectronicPayments')).toEqual({
						payerId: ENTERPRISE.id,
						from: real.context.from,
						to: real.context.to
					});
					expect(real.context.from <= real.context.to && real.context.to <= TODAY).toBe(true);
				},
				selecting: (real) => {
					const ctx = real.context as CertificateContext;
					expect(ctx.payments.every((p) => p.channel === 'pos' || p.channel === 'agreement')).toBe(true);
					expect(ctx.selected.every((v) => ctx.payments.find((p) => p.voucherNo === v)?.bookedOn !== null)).toBe(true);
				},
				printing: (real, _m, fakes) => {
					const call = fakes.last<PrintCertificateInput>('printCertificate');
					expect(call.jobId).toBe(certificateJobId(SESSION, real.context.issued));
					expect(call.refundNotice).toBe(CERTIFICATE_TEXTS.refundNotice);
					expect(call.payments.map((p) => p.voucherNo)).toEqual(real.context.selected);
				},
				printed: (real) => expect(real.output).toMatchObject({ outcome: 'printed', certificateNo: 'WS1405250500001' })
			});
		});
	}
});

describe('certificate: rules', () => {
	it('《税收完税证明》 lists only POS and agreement payments, prints the selected booked ones with the refund sentence', async () => {
		const fakes = new Fakes().respond('listElectronicPayments', () => ({ payments: [POS, AGREEMENT, NOT_BOOKED, CASH] }));
		const actor = start(fakes).start();
		actor.send({ type: 'SET_RANGE', from: '2025-01-01', to: '2025-05-20' });
		await waitFor(actor, (s) => s.matches('selecting'));
		expect(actor.getSnapshot().context.payments.map((p) => p.voucherNo)).toEqual([POS.voucherNo, AGREEMENT.voucherNo, NOT_BOOKED.voucherNo]);
		actor.send({ type: 'TOGGLE_PAYMENT', voucherNo: NOT_BOOKED.voucherNo });
		expect(actor.getSnapshot().context.error?.code).toBe('NOT_BOOKED');
		actor.send({ type: 'TOGGLE_PAYMENT', voucherNo: CASH.voucherNo });
		expect(actor.getSnapshot().context.error?.code).toBe('PAYMENT_UNKNOWN');
		actor.send({ type: 'TOGGLE_PAYMENT', voucherNo: AGREEMENT.voucherNo });
		actor.send({ type: 'TOGGLE_PAYMENT', voucherNo: POS.voucherNo });
		actor.send({ type: 'ISSUE' });
		await flush();
		expect(fakes.last('printCertificate')).toEqual({
			jobId: `${SESSION}:certificate:0`,
			payerId: ENTERPRISE.id,
			payerName: ENTERPRISE.name,
			payerIdentifier: ENTERPRISE.identifier,
			payments: [POS, AGREEMENT],
			issuedOn: TODAY,
			refundNotice: '税务机关出具的缴费凭证，不体现社保、医保经办机构的退费结果信息。'
		});
		await fakes.settle('printCertificate', { certificateNo: 'WS1' });
		expect(actor.getSnapshot().output).toEqual({
			outcome: 'printed',
			certificateNo: 'WS1',
			payments: [POS, AGREEMENT],
			refundNotice: CERTIFICATE_TEXTS.refundNotice
		});
	});

	it('the range must run forwards and not end in the future', () => {
		const fakes = new Fakes();
		const actor = start(fakes).start();
		const cases: [string, string, string][] = [
			['2025-05-10', '2025-05-01', 'RANGE_REVERSED'],
			['2025-05-01', '2025-05-21', 'RANGE_IN_FUTURE'],
			['2025-5-1', '2025-05-10', 'BAD_DATE']
		];
		for (const [from, to, code] of cases) {
			actor.send({ type: 'SET_RANGE', from, to });
			expect(actor.getSnapshot().value).toBe('range');
			expect(actor.getSnapshot().context.error?.code).toBe(code);
		}
		actor.send({ type: 'SET_RANGE', from: TODAY, to: TODAY });
		expect(actor.getSnapshot().value).toBe('loading');
	});

	it('an empty period says why nothing can be issued', async () => {
		const fakes = new Fakes().respond('listElectronicPayments', () => ({ payments: [] }));
		const actor = start(fakes).start();
		actor.send({ type: 'SET_RANGE', from: '2025-05-01', to: TODAY });
		await waitFor(actor, (s) => s.matches('selecting'));
		expect(actor.getSnapshot().context.error?.message).toContain('三方协议扣款、POS机刷卡');
		actor.send({ type: 'ISSUE' });
		expect(actor.getSnapshot().context.error?.code).toBe('NOTHING_SELECTED');
	});

	it('a print that failed is retried with the same job id', async () => {
		const fakes = new Fakes().respond('listElectronicPayments', () => ({ payments: [POS] }));
		const actor = start(fakes).start();
		actor.send({ type: 'SET_RANGE', from: '2025-01-01', to: TODAY });
		await waitFor(actor, (s) => s.matches('selecting'));
		actor.send({ type: 'TOGGLE_PAYMENT', voucherNo: POS.voucherNo });
		actor.send({ type: 'ISSUE' });
		await fakes.fail('printCertificate', { code: 'OFFLINE', message: '打印机未连接' });
		actor.send({ type: 'RETRY' });
		await flush();
		expect(fakes.all('printCertificate').map((c) => c.jobId)).toEqual([`${SESSION}:certificate:0`, `${SESSION}:certificate:0`]);
	});

	it('declares exactly its named actors', () => {
		expect(actorNames(certificateMachine)).toEqual(['listElectronicPayments', 'printCertificate']);
	});
});
