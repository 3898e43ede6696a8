// Issue 9, item 6: an individual's payment is booked (入库销号) a configured number of working days
// after it was paid (SIFEE_INDIVIDUAL_BOOKING_DAYS, 3 by default; the guide: 3–5), counted on the
// working-day calendar, so a holiday in between pushes it; the demo's booking run as of a later day
// books it on that day, and only then can a certificate be issued.
import { afterEach, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { bookAsOf, certificateStep, payerNamed, payThisMonth } from './individual-certificate-helpers';
import { demoBookingPage, runDemoBooking } from '../../src/lib/server/demo/booking';
import { individualCertificateScreen } from '../../src/lib/server/sessions/individual-certificate-screen';
import { readConfig, ConfigError } from '../../src/lib/server/config';
import { demoSwitches } from '../../src/lib/server/services/hardware-demo';

// 2026-06-18 is a Thursday; 端午节 2026 is off on Friday 19 June (and the weekend after).
const THURSDAY_BEFORE_DRAGON_BOAT = '2026-06-18';

describe('individual payments are booked after N working days', () => {
	const started: { dispose(): Promise<void> }[] = [];
	afterEach(async () => {
		for (const rt of started.splice(0)) await rt.dispose();
	});
	const runtime = async (env: Record<string, string> = {}) => {
		const rt = await tempRuntime({ SIFEE_TODAY: THURSDAY_BEFORE_DRAGON_BOAT, ...env });
		started.push(rt);
		return rt;
	};

	it('3 working days by default: the Dragon Boat holiday in between pushes the day from 23 to 24 June', async () => {
		const rt = await runtime();
		const payer = await payerNamed(rt);
		const paid = await payThisMonth(rt, payer);
		const [listed] = await rt.upstream.coreTax.individualPayments({ payerId: payer.id, from: THURSDAY_BEFORE_DRAGON_BOAT, to: THURSDAY_BEFORE_DRAGON_BOAT });
		expect(listed).toMatchObject({
			voucherNo: paid.voucherNo,
			channel: 'cash',
			paidOn: THURSDAY_BEFORE_DRAGON_BOAT,
			bookedOn: null,
			bookingDueOn: '2026-06-24'
		});
		expect(listed.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(paid.amountFen);

		// The demo page proposes that day, and a run as of the day before books nothing.
		expect((await demoBookingPage(rt.services.demo.booking!)).defaultDay).toBe('2026-06-24');
		expect((await bookAsOf(rt, '2026-06-23')).map((p) => p.voucherNo)).not.toContain(paid.voucherNo);
		const booked = await runDemoBooking(rt.services.demo.booking!, '2026-06-30');
		expect(booked.find((p) => p.voucherNo === paid.voucherNo)).toMatchObject({ bookedOn: '2026-06-24', payerName: payer.name, payerKind: 'flexible' });
	});

	it('SIFEE_INDIVIDUAL_BOOKING_DAYS=5 books it on 26 June', async () => {
		const rt = await runtime({ SIFEE_INDIVIDUAL_BOOKING_DAYS: '5' });
		const payer = await payerNamed(rt);
		const paid = await payThisMonth(rt, payer);
		expect((await bookAsOf(rt, '2026-06-25')).map((p) => p.voucherNo)).not.toContain(paid.voucherNo);
		expect((await bookAsOf(rt, '2026-06-26')).find((p) => p.voucherNo === paid.voucherNo)?.bookedOn).toBe('2026-06-26');
	});

	it('the booking run is a demo switch: a production terminal has none (its /admin/booking answers 404)', async () => {
		const rt = await runtime();
		const booking = rt.services.demo.booking;
		expect(booking).not.toBeNull();
		expect(demoSwitches('production', { simulated: null }, {}, booking!).booking).toBeNull();
	});

	it('takes SIFEE_INDIVIDUAL_BOOKING_DAYS as a whole number from 3 to 5 only', () => {
		expect(readConfig({}).individualBookingDays).toBe(3);
		expect(readConfig({ SIFEE_INDIVIDUAL_BOOKING_DAYS: '4' }).individualBookingDays).toBe(4);
		for (const bad of ['2', '6', '3.5', 'three']) expect(() => readConfig({ SIFEE_INDIVIDUAL_BOOKING_DAYS: bad }), bad).toThrow(ConfigError);
	});

	it('before booking the step says from which day it can be printed; once booked it can be issued', async () => {
		const rt = await runtime();
		const payer = await payerNamed(rt, '冯志勇（演示）');
		const paid = await payThisMonth(rt, payer);
		const step = await certificateStep(rt, payer);
		step.send({ type: 'SET_RANGE', from: THURSDAY_BEFORE_DRAGON_BOAT, to: THURSDAY_BEFORE_DRAGON_BOAT });
		await expect.poll(() => step.getSnapshot().matches('selecting') && step.getSnapshot().context.payments.length).toBe(1);
		const screen = individualCertificateScreen(step.getSnapshot());
		expect(screen.payments[0]).toMatchObject({ voucherNo: paid.voucherNo, selectable: false, availability: '可于2026-06-24起开具' });
		expect(screen.notYet).toContain('最早可于2026-06-24起开具');
		step.send({ type: 'ISSUE_RECORD' });
		expect(step.getSnapshot().context.error?.code).toBe('NOT_BOOKED');
		step.stop();

		await bookAsOf(rt, '2026-06-24');
		const later = await certificateStep(rt, payer);
		later.send({ type: 'SET_RANGE', from: THURSDAY_BEFORE_DRAGON_BOAT, to: THURSDAY_BEFORE_DRAGON_BOAT });
		await expect.poll(() => later.getSnapshot().matches('selecting') && later.getSnapshot().context.payments[0]?.bookedOn).toBe('2026-06-24');
		expect(individualCertificateScreen(later.getSnapshot()).payments[0]).toMatchObject({ selectable: true, availability: null });
		later.stop();
	});
});
