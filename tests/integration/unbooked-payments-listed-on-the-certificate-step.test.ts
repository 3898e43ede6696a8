// Issue 8, item 9: today's not-yet-booked payments are listed on the certificate step with the day
// they can be certified, not silently left out — also when they were paid in an earlier visit —
// and they cannot be ticked or certified before they are booked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { clerkAt, declareAt, payerId, until, type Rt } from './sessions/flow-helpers';
import { startCounterSession, viewOf } from '../../src/lib/server/services/window-sessions';
import type { CertificateScreen } from '../../src/lib/views/session-view';
import type { SessionView } from '../../src/lib/server/sessions/session-view';
import { clerkOperator } from '../../src/lib/server/auth/operator';

const certificateAt = (step: string) => (v: SessionView) => v.child?.id === 'certificate' && v.child.step === step;

describe("today's not-yet-booked payments on the certificate step", () => {
	let rt: Rt & { dispose(): Promise<void> };
	beforeAll(async () => {
		rt = await tempRuntime();
	});
	afterAll(() => rt.dispose());

	it('a card payment of an earlier visit today is listed, not booked, with the days it can be certified, and cannot be ticked', async () => {
		const clerk = clerkAt(rt, 'clerk01', 3);
		// The first visit pays this month's dues by card and ends.
		const paid = await declareAt(rt, clerk);
		rt.sessions.send(paid.id, { type: 'CHOOSE', channel: 'pos' } as never);
		await until(rt, paid.id, (x) => x.child?.id === 'receiptPrint' && x.child.step === 'printed', 15_000);
		rt.sessions.send(paid.id, { type: 'FINISH' });
		const today = (await rt.upstream.coreTax.paymentsOf(await payerId(rt))).find((p) => p.declarationNo === paid.declarationNo)!;
		expect(today).toMatchObject({ channel: 'pos', paidOn: '2026-11-20', bookedOn: null });

		// A later visit of the same payer asks for a certificate over October and November.
		const id = await startCounterSession(rt, clerkOperator(clerk), await payerId(rt), 'certificate');
		await until(rt, id, certificateAt('range'));
		rt.sessions.send(id, { type: 'SET_RANGE', from: '2026-10-01', to: '2026-11-20' } as never);
		await until(rt, id, certificateAt('selecting'));
		const screen = () => viewOf(rt, clerkOperator(clerk), id).child as CertificateScreen;

		const row = screen().payments.find((p) => p.voucherNo === today.voucherNo)!;
		expect(row).toMatchObject({ channel: 'pos', paidOn: '2026-11-20', amountFen: paid.totalFen, bookedOn: null });
		expect(row.expectedBooking).not.toBeNull();
		expect(row.expectedBooking!.from > '2026-11-20' && row.expectedBooking!.from <= row.expectedBooking!.to).toBe(true);
		// The booked October payment is still there, certifiable.
		expect(screen().payments.some((p) => p.paidOn === '2026-10-15' && p.bookedOn !== null && p.expectedBooking === null)).toBe(true);

		// The unbooked one cannot be ticked, so no certificate is issued for it.
		rt.sessions.send(id, { type: 'TOGGLE_PAYMENT', voucherNo: today.voucherNo } as never);
		const refused = await until(rt, id, (x) => x.child?.id === 'certificate' && (x.child.context.error as { code: string } | null)?.code === 'NOT_BOOKED');
		expect(refused.child!.context.selected).toEqual([]);
		expect(viewOf(rt, clerkOperator(clerk), id).error).toBe('该笔缴款尚未入库，暂不能开具《税收完税证明》，请入库后再来开具。');
		rt.sessions.send(id, { type: 'ISSUE' });
		const nothing = await until(rt, id, (x) => (x.child?.context.error as { code: string } | null)?.code === 'NOTHING_SELECTED');
		expect(nothing.child!.step).toBe('selecting');
	});

	it('the listed unbooked payment carries its declaration lines, as a booked one does', async () => {
		const clerk = clerkAt(rt, 'clerk01', 3);
		const id = await startCounterSession(rt, clerkOperator(clerk), await payerId(rt), 'certificate');
		await until(rt, id, certificateAt('range'));
		rt.sessions.send(id, { type: 'SET_RANGE', from: '2026-11-20', to: '2026-11-20' } as never);
		const v = await until(rt, id, certificateAt('selecting'));
		const payments = v.child!.context.payments as { bookedOn: string | null; amountFen: number; items: { amountFen: number }[] }[];
		expect(payments).toHaveLength(1);
		expect(payments[0].bookedOn).toBeNull();
		expect(payments[0].items.length).toBeGreaterThan(0);
		expect(payments[0].items.reduce((s, l) => s + l.amountFen, 0)).toBe(payments[0].amountFen);
	});
});
