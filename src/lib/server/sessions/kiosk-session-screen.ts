import type { AnyActorRef, SnapshotFrom } from 'xstate';
import { KIOSK_TEXTS, type IndividualCertificatePayment, type kioskSessionMachine } from '../../../../state-machines';
import type { KioskScreen, KioskStep, KioskYear } from '../../views/kiosk-view';
import { coverage } from '../forms/individual-payment-proof';
import { stateName } from './session-view';

/** The holder's payments by year of payment (newest first), each year's lines grouped by item. */
export function kioskYears(payments: readonly IndividualCertificatePayment[]): KioskYear[] {
	const years = new Map<number, KioskYear>();
	for (const p of payments) {
		const year = Number(p.paidOn.slice(0, 4));
		const y = years.get(year) ?? { year, printable: false, items: [] };
		years.set(year, y);
		y.printable ||= p.bookedOn !== null;
		for (const it of p.items) {
			let item = y.items.find((i) => i.name === it.name);
			if (!item) y.items.push((item = { name: it.name, lines: [] }));
			item.lines.push({
				voucherNo: p.voucherNo,
				paidOn: p.paidOn,
				coverage: coverage(it.periodFrom, it.periodTo),
				amountFen: it.amountFen,
				booked: p.bookedOn !== null,
				availability: p.bookedOn !== null ? KIOSK_TEXTS.booked : p.bookingDueOn ? KIOSK_TEXTS.availableFrom(p.bookingDueOn) : KIOSK_TEXTS.availableUnknown
			});
		}
	}
	return [...years.values()].sort((a, b) => b.year - a.year);
}

function step(snapshot: SnapshotFrom<typeof kioskSessionMachine>): KioskStep {
	const c = snapshot.context;
	const holder = c.holder ? { name: c.holder.name, maskedId: c.holder.maskedId } : null;
	const title = (kind: 'proof' | 'record') => KIOSK_TEXTS.kindTitle[kind];
	const state = stateName(snapshot.value);
	switch (state) {
		case 'reading':
			return { step: 'reading' };
		case 'notFound':
		case 'readFailed':
			return { step: state, message: c.error?.message ?? KIOSK_TEXTS.notFound };
		case 'browsing':
			return { step: 'browsing', holder: holder!, years: kioskYears(c.payments), error: c.error?.message ?? null };
		case 'confirming':
			return { step: 'confirming', holder: holder!, kind: c.choice!.kind, title: title(c.choice!.kind), year: c.choice!.year, years: kioskYears(c.payments) };
		case 'printing':
			return { step: 'printing', title: title(c.choice!.kind) };
		case 'printFailed':
			return { step: 'printFailed', title: title(c.choice!.kind), message: c.error?.message ?? KIOSK_TEXTS.printFailed };
		case 'printed':
			return { step: 'printed', title: title(c.printed!.kind), certificateNo: c.printed!.certificateNo, reprint: c.printed!.reprint };
		case 'farewell':
			return { step: 'farewell' };
		default:
			return { step: 'attract' };
	}
}

/** The kiosk's screen from its session's snapshot. */
export function kioskSessionScreen(_id: string, actor: AnyActorRef): KioskScreen {
	const snapshot = actor.getSnapshot() as SnapshotFrom<typeof kioskSessionMachine>;
	return { ...step(snapshot), kioskId: snapshot.context.kioskId, idleSeconds: Math.round(snapshot.context.idleMs / 1000) };
}
