import type { PayerKind, PaymentChannel } from './payer';

// The channels a clerk can take at the window (virtual accounts belong to collectors), and which
// payer kinds each serves. The payment machine's guard, the request schema and the screen all
// read this one declaration.

export type CounterChannel = Extract<PaymentChannel, 'pos' | 'cash' | 'agreement' | 'bank_form' | 'pending_account'>;

/** In the order the screen offers them (the digit keys 1–5). */
export const COUNTER_CHANNELS = ['pos', 'cash', 'agreement', 'bank_form', 'pending_account'] as const satisfies readonly CounterChannel[];

const UNITS: readonly PayerKind[] = ['enterprise', 'institution'];
const UNITS_AND_INDIVIDUALS: readonly PayerKind[] = [...UNITS, 'resident', 'flexible'];

/**
 * Who may pay by each channel: residents and flexible employees by POS card or cash at the window
 * (guide ch. 3, 4); the pending-settlement account 待报解社会保险费专户 is for public institutions only.
 */
export const CHANNEL_PAYER_KINDS: Record<CounterChannel, readonly PayerKind[]> = {
	pos: UNITS_AND_INDIVIDUALS,
	cash: UNITS_AND_INDIVIDUALS,
	agreement: UNITS,
	bank_form: UNITS,
	pending_account: ['institution']
};

export function isCounterChannel(channel: string): channel is CounterChannel {
	return (COUNTER_CHANNELS as readonly string[]).includes(channel);
}

export function channelServes(channel: CounterChannel, kind: PayerKind): boolean {
	return CHANNEL_PAYER_KINDS[channel].includes(kind);
}

/** The channels offered to a payer of this kind, in screen order. */
export function channelsFor(kind: PayerKind): CounterChannel[] {
	return COUNTER_CHANNELS.filter((c) => channelServes(c, kind));
}
