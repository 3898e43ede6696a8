import { paymentKey } from '../../../../state-machines';
import type { Movement } from '../db/ledger-repo';

/** The key another step of the same payment attempt has (`paymentKey`'s `${sessionId}:${step}:${attempt}`). */
export function sameAttempt(key: string, step: Parameters<typeof paymentKey>[1]): string {
	const parts = key.split(':');
	return paymentKey({ sessionId: parts.slice(0, -2).join(':'), attempt: Number(parts.at(-1)) }, step);
}

type Of = Pick<Movement, 'payerId' | 'declarationNo' | 'businessDate'> & { voucherNo?: string | null };

/**
 * The cash of one drawer opening: what the payer handed over in, the change out. Keyed by the
 * drawer's key, so the record that books it and the hold that keeps it cannot both write it.
 */
export function cashMovements(drawerKey: string, cash: { tenderedFen: number; changeFen: number }, of: Of): Movement[] {
	const by = { windowSessionId: drawerKey.split(':')[0] };
	const base = { key: drawerKey, by, ...of };
	return [
		{ ...base, kind: 'cash_in', amountFen: cash.tenderedFen },
		...(cash.changeFen > 0 ? [{ ...base, kind: 'change_out' as const, amountFen: cash.changeFen }] : [])
	];
}
