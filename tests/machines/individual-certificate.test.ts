// 城乡居民 / 灵活就业人员缴费凭证开具 (guide ch. 3 §三, ch. 4 §三): 《社会保险费缴费证明》 for the
// payments the person picks and 《社会保险费缴费记录》 of a period, both only once booked (入库销号).
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import {
	INDIVIDUAL_CERTIFICATE_TEXTS,
	individualCertificateJobId,
	individualCertificateMachine,
	type IndividualCertificatePayment,
	type PrintIndividualCertificateInput
} from '../../state-machines/individual-certificate.machine';
import { Fakes, actorNames, flush, withFakes } from './harness';
import { RESIDENT } from './fixtures';

const SESSION = 'S-ICRT';
const TODAY = '2026-06-18';
const ACTORS = ['listIndividualPayments', 'printIndividualCertificate'];

function payment(voucherNo: string, over: Partial<IndividualCertificatePayment> = {}): IndividualCertificatePayment {
	return {
		voucherNo,
		channel: 'cash',
		paidOn: '2026-03-10',
		bookedOn: '2026-03-13',
		bookingDueOn: '2026-03-13',
		amountFen: 30000,
		items: [{ name: '城乡居民基本养老保险', periodFrom: '2026-01-01', periodTo: '2026-12-31', amountFen: 30000 }],
		...over
	};
}

const BOOKED = payment('314010260300000001');
const BOOKED_TOO = payment('314010260400000002', { paidOn: '2026-04-08', bookedOn: '2026-04-13', amountFen: 38000 });
const WAITING = payment('314010260600000003', { paidOn: '2026-06-18', bookedOn: null, bookingDueOn: '2026-06-24' });
const WAITING_LATER = payment('314010260600000004', { paidOn: '2026-06-18', bookedOn: null, bookingDueOn: '2026-06-25' });

function started(payments: IndividualCertificatePayment[], fakes = new Fakes()) {
	fakes.respond('listIndividualPayments', () => ({ payments }));
	const actor = createActor(withFakes(individualCertificateMachine, fakes, ACTORS), {
		input: { sessionId: SESSION, payer: RESIDENT, today: TODAY }
	}).start();
	return { actor, fakes };
}

describe('individual certificates: only booked payments', () => {
	it('lists this year up to today by default', async () => {
		const { actor, fakes } = started([BOOKED]);
		await waitFor(actor, (s) => s.matches('selecting'));
		expect(fakes.last('listIndividualPayments')).toEqual({ payerId: RESIDENT.id, from: '2026-01-01', to: TODAY });
	});

	it('before booking, ISSUE_PROOF and ISSUE_RECORD are refused with the first day one can be issued', async () => {
		const { actor, fakes } = started([WAITING_LATER, WAITING]);
		await waitFor(actor, (s) => s.matches('selecting'));
		for (const type of ['ISSUE_PROOF', 'ISSUE_RECORD'] as const) {
			actor.send({ type });
			expect(actor.getSnapshot().value).toBe('selecting');
			expect(actor.getSnapshot().context.error).toEqual({ code: 'NOT_BOOKED', message: INDIVIDUAL_CERTIFICATE_TEXTS.noneBooked('2026-06-24') });
			expect(actor.getSnapshot().context.error!.message).toContain('最早可于2026-06-24起开具');
		}
		expect(fakes.all('printIndividualCertificate')).toEqual([]);
	});

	it('an unbooked payment cannot be picked, and says from which day it can', async () => {
		const { actor } = started([BOOKED, WAITING]);
		await waitFor(actor, (s) => s.matches('selecting'));
		actor.send({ type: 'TOGGLE_PAYMENT', voucherNo: WAITING.voucherNo });
		expect(actor.getSnapshot().context.selected).toEqual([]);
		expect(actor.getSnapshot().context.error).toEqual({ code: 'NOT_BOOKED', message: INDIVIDUAL_CERTIFICATE_TEXTS.notBooked('2026-06-24') });
		actor.send({ type: 'TOGGLE_PAYMENT', voucherNo: 'not-listed' });
		expect(actor.getSnapshot().context.error?.code).toBe('PAYMENT_UNKNOWN');
		actor.send({ type: 'TOGGLE_PAYMENT', voucherNo: BOOKED.voucherNo });
		expect(actor.getSnapshot().context.selected).toEqual([BOOKED.voucherNo]);
		expect(actor.getSnapshot().context.error).toBeNull();
	});

	it('the proof prints the picked booked payments; nothing picked is refused', async () => {
		const { actor, fakes } = started([BOOKED, BOOKED_TOO, WAITING]);
		await waitFor(actor, (s) => s.matches('selecting'));
		actor.send({ type: 'ISSUE_PROOF' });
		expect(actor.getSnapshot().context.error?.code).toBe('NOTHING_SELECTED');
		actor.send({ type: 'TOGGLE_PAYMENT', voucherNo: BOOKED_TOO.voucherNo });
		actor.send({ type: 'ISSUE_PROOF' });
		await flush();
		expect(fakes.last('printIndividualCertificate')).toEqual({
			jobId: `${SESSION}:individual-certificate:0`,
			kind: 'proof',
			payerId: RESIDENT.id,
			from: '2026-01-01',
			to: TODAY,
			voucherNos: [BOOKED_TOO.voucherNo],
			copy: 0
		});
		await fakes.settle('printIndividualCertificate', { certificateNo: 'JZ2026-000001', verificationCode: 'AAAA-BBBB-CCCC-DDDD' });
		expect(actor.getSnapshot().value).toBe('selecting');
		expect(actor.getSnapshot().context.issued).toEqual([
			{ kind: 'proof', certificateNo: 'JZ2026-000001', verificationCode: 'AAAA-BBBB-CCCC-DDDD', job: 0, reprints: 0 }
		]);
		// Printed: the visit ends with DONE, no longer with CANCEL.
		expect(actor.getSnapshot().can({ type: 'CANCEL' })).toBe(false);
		actor.send({ type: 'CLOSE' });
		expect(actor.getSnapshot().output).toEqual({ outcome: 'printed', certificateNos: ['JZ2026-000001'] });
	});

	it('the record lists every booked payment of the period; a second certificate gets the next job id', async () => {
		const { actor, fakes } = started([BOOKED, WAITING, BOOKED_TOO]);
		await waitFor(actor, (s) => s.matches('selecting'));
		actor.send({ type: 'ISSUE_RECORD' });
		await flush();
		expect(fakes.last<PrintIndividualCertificateInput>('printIndividualCertificate')).toMatchObject({
			jobId: individualCertificateJobId(SESSION, 0),
			kind: 'record',
			voucherNos: [BOOKED.voucherNo, BOOKED_TOO.voucherNo]
		});
		await fakes.settle('printIndividualCertificate', { certificateNo: 'JL2026-000001', verificationCode: 'C' });
		actor.send({ type: 'TOGGLE_PAYMENT', voucherNo: BOOKED.voucherNo });
		actor.send({ type: 'ISSUE_PROOF' });
		await flush();
		expect(fakes.last<PrintIndividualCertificateInput>('printIndividualCertificate')).toMatchObject({
			jobId: individualCertificateJobId(SESSION, 1),
			kind: 'proof'
		});
		await fakes.settle('printIndividualCertificate', { certificateNo: 'JZ2026-000001', verificationCode: 'D' });
		actor.send({ type: 'CLOSE' });
		expect(actor.getSnapshot().output).toEqual({ outcome: 'printed', certificateNos: ['JL2026-000001', 'JZ2026-000001'] });
	});

	it('REPRINT prints the last certificate again under its own job id, as the next copy', async () => {
		const { actor, fakes } = started([BOOKED]);
		await waitFor(actor, (s) => s.matches('selecting'));
		expect(actor.getSnapshot().can({ type: 'REPRINT' })).toBe(false);
		actor.send({ type: 'ISSUE_RECORD' });
		await fakes.settle('printIndividualCertificate', { certificateNo: 'JL2026-000007', verificationCode: 'E' });
		actor.send({ type: 'REPRINT' });
		await flush();
		expect(fakes.last('printIndividualCertificate')).toMatchObject({ jobId: individualCertificateJobId(SESSION, 0), kind: 'record', copy: 1 });
		await fakes.fail('printIndividualCertificate', { code: 'OFFLINE', message: '打印机未连接' });
		expect(actor.getSnapshot().value).toBe('reprintFailed');
		actor.send({ type: 'RETRY' });
		await flush();
		expect(fakes.last('printIndividualCertificate')).toMatchObject({ copy: 1 });
		await fakes.settle('printIndividualCertificate', { certificateNo: 'JL2026-000007', verificationCode: 'E' });
		expect(actor.getSnapshot().context.issued[0].reprints).toBe(1);
	});

	it('CANCEL before printing ends the step without a certificate', async () => {
		const { actor } = started([]);
		await waitFor(actor, (s) => s.matches('selecting'));
		expect(actor.getSnapshot().context.error?.code).toBe('NONE');
		expect(actor.getSnapshot().can({ type: 'CLOSE' })).toBe(false);
		actor.send({ type: 'CANCEL' });
		expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled' });
	});

	it('a range that runs backwards or into the future is refused', async () => {
		const { actor } = started([BOOKED]);
		await waitFor(actor, (s) => s.matches('selecting'));
		actor.send({ type: 'SET_RANGE', from: '2026-06-01', to: '2026-06-19' });
		expect(actor.getSnapshot().context.error?.code).toBe('RANGE_IN_FUTURE');
		actor.send({ type: 'SET_RANGE', from: '2026-06-10', to: '2026-06-01' });
		expect(actor.getSnapshot().context.error?.code).toBe('RANGE_REVERSED');
		actor.send({ type: 'SET_RANGE', from: '2025-01-01', to: '2025-12-31' });
		expect(actor.getSnapshot().value).toBe('loading');
		await waitFor(actor, (s) => s.matches('selecting'));
		expect(actor.getSnapshot().context).toMatchObject({ from: '2025-01-01', to: '2025-12-31', error: null });
	});

	it('a session restored while printing asks again with the same job id, never a new one', async () => {
		const { actor, fakes } = started([BOOKED]);
		await waitFor(actor, (s) => s.matches('selecting'));
		actor.send({ type: 'ISSUE_RECORD' });
		await flush();
		const saved = actor.getPersistedSnapshot();
		actor.stop();

		const again = new Fakes();
		const restored = createActor(withFakes(individualCertificateMachine, again, ACTORS), {
			snapshot: saved,
			input: { sessionId: SESSION, payer: RESIDENT, today: TODAY }
		}).start();
		await flush();
		expect(restored.getSnapshot().value).toBe('printing');
		expect(again.all<PrintIndividualCertificateInput>('printIndividualCertificate').map((c) => [c.jobId, c.copy])).toEqual([
			[individualCertificateJobId(SESSION, 0), 0]
		]);
		expect(fakes.all('printIndividualCertificate')).toHaveLength(1);
		await again.settle('printIndividualCertificate', { certificateNo: 'JL2026-000001', verificationCode: 'F' });
		expect(restored.getSnapshot().context.issued.map((c) => c.certificateNo)).toEqual(['JL2026-000001']);
	});

	it('declares exactly its named actors', () => {
		expect(actorNames(individualCertificateMachine)).toEqual(ACTORS);
	});
});
