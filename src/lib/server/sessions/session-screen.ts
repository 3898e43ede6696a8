import type { AnyActorRef, SnapshotFrom } from 'xstate';
import {
	type certificateMachine,
	type counterSessionMachine,
	type declarationMachine,
	type ElectronicPayment,
	type individualCertificateMachine,
	type paymentMachine,
	type receiptPrintMachine,
	type refundGuidanceMachine,
	type registrationLinkMachine,
	type CounterSessionOutput,
	linkMethodFor
} from '../../../../state-machines';
import { needsSupervisor } from '../../domain/overrides';
import { amountInWords } from '../../domain/amount-in-words';
import { addWorkingDays, CalendarDataMissingError } from '../../domain/calendar';
import { channelsFor } from '../../domain/counter-channels';
import type { IsoDate } from '../../domain/dates';
import type { CertificatePaymentRow, PaymentScreen, SessionOutcomeScreen, SessionScreen, StepScreen } from '../../views/session-view';
import { stateName } from './session-view';
import { individualCertificateScreen } from './individual-certificate-screen';
import { activeChild } from './session-children';

// The clerk's screen of a window session, derived from the machines' snapshots: one typed view
// per step ($lib/views/session-view), so the browser never receives a machine's context.

export const SCREEN_TEXT = {
	bankFormLimit: (closes: IsoDate) => `限缴日期为本月缴费期最后一日（${closes}），逾期银行不予受理`
} as const;

/** 入库 follows an electronic payment by 3 to 5 working days (the treasury's usual delay). */
const BOOKING_WORKING_DAYS = { min: 3, max: 5 } as const;

/**
 * Whether the payment step waits on a person: the machine itself says so by taking a
 * supervisor's close there (every stuck state offers that exit, and no other state does).
 */
export function waitsOnSupervisor(payment: { can(event: { type: 'SUPERVISOR_CLOSE'; supervisorId: string; note: string }): boolean }): boolean {
	return payment.can({ type: 'SUPERVISOR_CLOSE', supervisorId: 'probe', note: 'probe' });
}

type Snap<M> = M extends (...args: never[]) => unknown ? never : SnapshotFrom<M>;
type SessionSnapshot = Snap<typeof counterSessionMachine>;

function expectedBooking(p: Pick<ElectronicPayment, 'paidOn' | 'bookedOn'>): CertificatePaymentRow['expectedBooking'] {
	if (p.bookedOn !== null) return null;
	try {
		return { from: addWorkingDays(p.paidOn, BOOKING_WORKING_DAYS.min), to: addWorkingDays(p.paidOn, BOOKING_WORKING_DAYS.max) };
	} catch (e) {
		// No holiday data for that year: the calendar never guesses a day.
		if (e instanceof CalendarDataMissingError) return null;
		throw e;
	}
}

const withWords = (cash: { tenderedFen: number; changeFen: number } | null) => (cash ? { ...cash, changeInWords: amountInWords(cash.changeFen) } : null);

function paymentScreen(step: string, s: Snap<typeof paymentMachine>): PaymentScreen {
	const c = s.context;
	return {
		id: 'payment',
		step,
		declaration: { declarationNo: c.declaration.declarationNo, totalFen: c.declaration.totalFen },
		channels: channelsFor(c.payerKind),
		cash: withWords(c.cash),
		agreement: c.agreement,
		bankForm: {
			payerName: c.payer.name,
			payerIdentifier: c.payer.identifier,
			declarationNo: c.declaration.declarationNo,
			lines: c.declaration.lines,
			totalFen: c.declaration.totalFen,
			amountInWords: amountInWords(c.declaration.totalFen),
			limitRule: SCREEN_TEXT.bankFormLimit(c.window.closes)
		},
		transfers: c.transfers,
		selectedTransfers: c.selectedTransfers,
		proofs: c.proofs,
		held: c.held,
		waitsOnSupervisor: waitsOnSupervisor(s)
	};
}

/**
 * The certificate's rows: the payer's electronic payments in the range, booked or not; one not
 * booked yet shows the days it is expected to be booked (it cannot be certified before).
 */
function certificateRows(c: Snap<typeof certificateMachine>['context']): CertificatePaymentRow[] {
	return c.payments.map((p) => ({
		voucherNo: p.voucherNo,
		channel: p.channel,
		paidOn: p.paidOn,
		amountFen: p.amountFen,
		bookedOn: p.bookedOn,
		expectedBooking: expectedBooking(p)
	}));
}

/** The active child's view (of a counter or an individual session); each child's snapshot is read as its own machine's. */
export function stepScreen(id: string, ref: AnyActorRef): StepScreen {
	const snapshot: unknown = ref.getSnapshot();
	const step = stateName((snapshot as { value: unknown }).value);
	switch (id) {
		case 'registrationLink': {
			const c = (snapshot as Snap<typeof registrationLinkMachine>).context;
			const unlinked = c.registrations.filter((r) => !r.link && r.status === 'active');
			return { id, step, unlinked, supervisorLinks: unlinked.filter((r) => needsSupervisor('manual-link', { method: linkMethodFor(r) })).map((r) => r.id) };
		}
		case 'declaration': {
			const c = (snapshot as Snap<typeof declarationMachine>).context;
			return {
				id,
				step,
				window: c.window,
				dues: c.dues,
				declarations: c.declarations,
				selected: c.selected,
				selectedFen: c.dues.filter((d) => c.selected.includes(d.id)).reduce((sum, d) => sum + d.amountFen, 0),
				voiding: c.voiding
			};
		}
		case 'payment':
			return paymentScreen(step, snapshot as Snap<typeof paymentMachine>);
		case 'receiptPrint': {
			const { receipt: r, copy } = (snapshot as Snap<typeof receiptPrintMachine>).context;
			return {
				id,
				step,
				channel: r.channel,
				amountFen: r.amountFen,
				voucherNo: r.voucherNo,
				cash: withWords(r.cash),
				electronic: r.channel === 'pos' || r.channel === 'agreement',
				reprintNeedsSupervisor: needsSupervisor('second-reprint', { reprintsBefore: copy })
			};
		}
		case 'certificate': {
			const c = (snapshot as Snap<typeof certificateMachine>).context;
			return {
				id,
				step,
				today: c.today,
				payments: certificateRows(c),
				selected: c.selected
			};
		}
		case 'individualCertificate':
			return individualCertificateScreen(snapshot as Snap<typeof individualCertificateMachine>);
		case 'refundGuidance':
			return { id, step, slip: (snapshot as Snap<typeof refundGuidanceMachine>).context.slip };
		default:
			throw new Error(`the counter session's child '${id}' has no screen`);
	}
}

function messagesOf(ref: AnyActorRef | null): { error: string | null; notice: string | null } {
	const context = (ref?.getSnapshot() as { context?: { error?: { message: string } | null; notice?: string | null } } | undefined)?.context;
	return { error: context?.error?.message ?? null, notice: context?.notice ?? null };
}

export function outcomeScreen(output: CounterSessionOutput | null | undefined): SessionOutcomeScreen | null {
	if (!output) return null;
	return {
		outcome: output.outcome,
		voucherNo: output.voucherNo,
		channel: output.channel,
		amountFen: output.amountFen,
		bankFormVoucherNo: output.bankFormVoucherNo,
		certificateNo: output.certificateNo
	};
}

/** The live session's screen. */
export function sessionScreen(id: string, actor: AnyActorRef): SessionScreen {
	const snap = actor.getSnapshot() as SessionSnapshot;
	const active = activeChild(snap);
	const childRef = active?.ref ?? null;
	const child = active ? stepScreen(active.id, active.ref) : null;
	const own = { error: snap.context.error?.message ?? null, notice: snap.context.notice };
	const fromChild = messagesOf(childRef);
	return {
		id,
		status: snap.status,
		step: stateName(snap.value),
		payer: snap.context.payer,
		error: fromChild.error ?? own.error,
		notice: fromChild.notice ?? own.notice,
		moneyMoving: (childRef?.getSnapshot() as { hasTag?: (t: string) => boolean } | undefined)?.hasTag?.('moneyMoving') ?? false,
		guidance: snap.context.guidance ? { slip: snap.context.guidance.slip, copies: snap.context.guidance.copies } : null,
		child,
		outcome: outcomeScreen(snap.output)
	};
}
