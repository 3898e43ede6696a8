// 费款缴纳 at the counter (guide ch. 1 §三, ch. 2 §三): one declaration, one channel per attempt.
//
// Channels: bank card on the hall's POS, cash with change, tripartite agreement deduction
// (三方协议, one sum through the treasury network), the bank-collection form
// 《税收缴款书（银行经收专用）》 the payer pays at a bank, and — public institutions only — the
// pending-settlement account 待报解社会保险费专户 (several same-day transfers matched to the due).
// 办理时间 每月1-25日（节假日不顺延）: choosing a channel is refused from the 26th on.
//
// Money safety (write the intent before the effect):
// - Every money-moving actor gets a key deterministic from context, `${sessionId}:<step>:<attempt>`.
//   `attempt` grows only when an attempt is over with a known answer (declined, reversed,
//   refused), so the machine never makes a second key for the same attempt. A snapshot restored
//   in an invoking state re-invokes the actor with the same input and key: every actor here MUST
//   be idempotent by its key (answer with the first result, never act twice).
// - A card sale with no clear answer (time-out, lost answer, amount not the one asked) is
//   reversed (冲正) with the sale's own key, then the clerk chooses again; a reversal that fails
//   goes to `needsSupervisor` — never a new sale.
// - An agreement deduction or a settlement with no answer waits in `uncertain` and is repeated
//   only with the same key.
// - One payment per declaration across windows: the session claims the declaration upstream
//   (占用, by `claimKey(sessionId)`) when it starts, and again with money in flight right before
//   any money moves (sale, drawer, deduction, settlement, bank form). A claim held by another
//   window refuses both, and the screen says which window holds it; BACK and CANCEL release it.
// - A record refused after money moved is undone where the terminal can (card: reversal by the
//   sale's key) and held otherwise (cash in the drawer, a deduction to refund: `holdMoney`), until
//   a supervisor closes it. Every state that waits on a person has SUPERVISOR_CLOSE as its exit.
// - A household (`declaration.parts`, one declaration per person): every part is claimed, the money
//   moves once for the total, and each part is booked by its own upstream call (keyed by the record
//   step's key and the part's number, so a repeat books only what is not booked yet). A refusal
//   with nothing booked is undone or held as above; once some parts are booked the sale cannot be
//   reversed as a whole: a card goes to a supervisor, cash for the unbooked parts is held.
// - Dates are not the machine's: the actors use the clock at the moment of each call.
// - `CANCEL` and `BACK` are handled only before money moves; states tagged 'moneyMoving'
//   (a charge, deduction, settlement or cash in flight or done) do not accept them.
// - Actors answer business refusals (declined, insufficient funds…) as outputs and throw only
//   when the outcome is unknown (or on a fault).
//
// Layout: `payment/types.ts` (actor contracts, input, context, events, output), `payment/texts.ts`
// (every message), `payment/setup.ts` (actors, guards, actions), one file per channel (card, cash,
// agreement, bank-form, pending-account), `claim.ts`, `record.ts` and `outcomes.ts`; this file
// puts the states together.

import { declarationWindow } from '../src/lib/domain/declaration-window';
import type { PaymentOutput } from './payment/types';
import { payment } from './payment/setup';
import { choosing, moneyClaim, releasing } from './payment/claim';
import { card, needsSupervisor } from './payment/card';
import { cash } from './payment/cash';
import { agreement } from './payment/agreement';
import { bankForm } from './payment/bank-form';
import { pendingAccount, pendingSettlement } from './payment/pending-account';
import { moneyHeld, recordFailed, recording } from './payment/record';
import { awaitingBankStub, back, cancelled, escalated, paid } from './payment/outcomes';

export * from './payment/types';
export { PAYMENT_TEXTS } from './payment/texts';
// The key contract the server's ledger reads sibling keys by.
export { paymentKey } from './payment/setup';

export const paymentMachine = payment.createMachine({
	id: 'payment',
	context: ({ input }) => ({
		sessionId: input.sessionId,
		payer: input.payer,
		declaration: input.declaration,
		today: input.today,
		payerKind: input.payerKind,
		windowNo: input.windowNo ?? null,
		clerkId: input.clerkId ?? null,
		window: declarationWindow(input.today, 'regular'),
		attempt: 0,
		channel: null,
		error: null,
		notice: null,
		card: null,
		cash: null,
		agreement: null,
		deduction: null,
		bankForm: null,
		transferDate: input.today,
		transfers: [],
		selectedTransfers: [],
		proofs: [],
		settlement: null,
		record: null,
		recordedParts: null,
		escalation: null,
		leaving: null,
		held: null
	}),
	initial: 'choosing',
	output: ({ event }) => (event as unknown as { output: PaymentOutput }).output,
	states: {
		choosing,
		moneyClaim,
		releasing,
		card,
		needsSupervisor,
		cash,
		agreement,
		bankForm,
		pendingAccount,
		pendingSettlement,
		recording,
		recordFailed,
		moneyHeld,
		paid,
		awaitingBankStub,
		escalated,
		back,
		cancelled
	}
});
