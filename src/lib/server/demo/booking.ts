import { isUnitKind } from '../../domain/payer';
import type { AwaitingBooking, CoreTaxBooking } from '../upstream/feed';

// 模拟入库销号 (demo and test only): tax books payments on its own schedule; the demo runs that
// booking as of a chosen day, so a person's certificate can be shown the day it becomes available.

export const DEMO_BOOKING_TEXT = {
	onlyDemo: '只有演示和测试模式才能模拟入库销号',
	nothingAwaiting: '没有待入库销号的个人缴费',
	booked: (n: number, day: string) => (n > 0 ? `已按 ${day} 模拟入库销号 ${n} 笔缴费` : `截至 ${day} 没有到期应入库销号的缴费`)
} as const;

export interface DemoBookingPage {
	/** The booking-due day of the newest unbooked individual payment: the date field's default. */
	defaultDay: string | null;
	awaiting: AwaitingBooking[];
}

export async function demoBookingPage(booking: CoreTaxBooking): Promise<DemoBookingPage> {
	const awaiting = await booking.awaitingBooking();
	const individual = awaiting.filter((p) => !isUnitKind(p.payerKind));
	// Oldest first: the last one is the newest.
	return { defaultDay: individual[individual.length - 1]?.bookingDueOn ?? null, awaiting };
}

/** Runs the booking as of `day` (a later day books on the days it passes); answers what it booked, with whose it is. */
export async function runDemoBooking(booking: CoreTaxBooking, day: string): Promise<AwaitingBooking[]> {
	const before = await booking.awaitingBooking();
	const booked = new Map((await booking.bookPayments(day)).map((p) => [p.id, p]));
	return before.filter((p) => booked.has(p.id)).map((p) => ({ ...p, ...booked.get(p.id)! }));
}
