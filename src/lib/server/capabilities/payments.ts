import {
	claimKey,
	type ChargeCardInput,
	type ChargeCardOutput,
	type ClaimDeclarationInput,
	type ClaimDeclarationOutput,
	type HoldMoneyInput,
	type HoldMoneyOutput,
	type OpenDrawerInput,
	type OpenDrawerOutput,
	type RecordPaymentInput,
	type RecordPaymentOutput,
	type RecordedPart,
	type ReleaseClaimInput,
	type ReverseSaleInput,
	type ReverseSaleOutput
} from '../../../../state-machines';
import type { Devices, PosApproval } from '../../../../drivers';
import type { Clock } from '../clock';
import type { AuditRepo } from '../db/audit-repo';
import type { HeldMoneyRepo } from '../db/held-money-repo';
import type { IntentsRepo } from '../db/intents-repo';
import type { LedgerRepo, Movement } from '../db/ledger-repo';
import { DrawerMayBeOpenError, sentBefore } from './drawer-and-paper';
import { cashMovements, sameAttempt } from './ledger-movements';
import type { CoreTax } from '../upstream/types';
import { openPeriodRefusal } from './declarations';
import { actorJournal, refusalAsAnswer, sessionOf } from './journal';

/** What taking money at the counter uses: the POS and the drawer, the booking upstream, the journal and ledger, held money. */
export interface PaymentDeps {
	upstream: { coreTax: Pick<CoreTax, 'paymentsOf' | 'recordPayment' | 'claimDeclaration' | 'releaseClaim' | 'declaration'> };
	devices: Pick<Devices, 'posTerminal' | 'cashDrawer'>;
	intents: Pick<IntentsRepo, 'begin' | 'finish' | 'get'>;
	ledger: Pick<LedgerRepo, 'finishIntent' | 'ofKey' | 'writeWith'>;
	heldMoney: Pick<HeldMoneyRepo, 'hold'>;
	audit: Pick<AuditRepo, 'record'>;
	clock: Clock;
	clerkName(clerkId: string): string;
	/** How long a query or reversal waits for a POS that is not reachable yet (after a restart). */
	posRecoveryMs: number;
}

const approvalOf = (a: PosApproval, amountFen: number) => ({
	terminalId: a.terminalId,
	merchantId: a.merchantId,
	batchNo: a.batchNo,
	voucherNo: a.voucherNo,
	referenceNo: a.referenceNo,
	cardMasked: a.cardNo,
	time: a.time,
	amountFen
});

/**
 * The payment machine's counter actors: card, cash drawer, the booking, the declaration's claim
 * and money held. Every money-moving one writes its intent before the call and is idempotent by
 * the machine's key: after a crash the restored machine calls it again with the same key, and the
 * intent decides whether to ask instead of act.
 */
export function payments(d: PaymentDeps) {
	const { upstream, devices, intents, clock } = d;
	const { at, begin, movement } = actorJournal(d);

	/**
	 * A POS call answered 'unavailable' was never sent (cable out, still connecting after a
	 * restart): wait for the terminal to come back and ask again, within a bound.
	 */
	async function whenPosAvailable<R extends { outcome: string }>(call: () => Promise<R>): Promise<R> {
		const deadline = Date.now() + d.posRecoveryMs;
		for (;;) {
			const r = await call();
			if (r.outcome !== 'unavailable' || Date.now() >= deadline) return r;
			await new Promise<void>((resolve) => {
				let off = () => {};
				const done = () => {
					clearTimeout(timer);
					off();
					resolve();
				};
				const timer = setTimeout(done, Math.min(1000, Math.max(0, deadline - Date.now())));
				off = devices.posTerminal.onStatus((s) => {
					if (s.level !== 'error') done();
				});
			});
		}
	}

	async function chargeCard({ key, amountFen, declarationNo, payerId }: ChargeCardInput): Promise<ChargeCardOutput> {
		const { intent, fresh } = begin(key, 'pos.sale', { amountFen, declarationNo, payerId });
		const sold = (out: ChargeCardOutput & { outcome: 'approved' }) =>
			d.ledger.finishIntent(key, 'succeeded', out, at(), [
				movement(key, { kind: 'card_sale', payerId, declarationNo, reference: out.approval.referenceNo, amountFen: out.approval.amountFen })
			]);
		if (intent.status === 'succeeded') return intent.outcome as ChargeCardOutput;
		if (!fresh) {
			// The sale may have been sent before a crash: ask the terminal, never sell again blindly.
			const q = await whenPosAvailable(() => devices.posTerminal.queryByKey(key));
			if (q.outcome === 'found' && q.transaction.state === 'approved' && q.transaction.approval) {
				const out = { outcome: 'approved' as const, approval: approvalOf(q.transaction.approval, q.transaction.amountFen) };
				sold(out);
				return out;
			}
			if (q.outcome !== 'not-found') {
				intents.finish(key, 'unknown', q, at());
				return { outcome: 'timeout' };
			}
		}
		const r = await devices.posTerminal.sale({ key, amountFen });
		switch (r.outcome) {
			case 'approved': {
				const out = { outcome: 'approved' as const, approval: approvalOf(r.approval, r.amountFen) };
				sold(out);
				return out;
			}
			case 'declined':
				intents.finish(key, 'failed', r, at());
				return { outcome: 'declined', responseCode: r.responseCode, reason: r.reason };
			case 'unavailable':
				// Busy or cable out: the sale never started, so it is as good as declined.
				intents.finish(key, 'failed', r, at());
				return { outcome: 'declined', responseCode: r.status.code, reason: r.status.message };
			case 'timeout':
				intents.finish(key, 'unknown', r, at());
				return { outcome: 'timeout' };
		}
	}

	async function reverseSale({ key }: ReverseSaleInput): Promise<ReverseSaleOutput> {
		const r = await whenPosAvailable(() => devices.posTerminal.reverse(key));
		if (r.outcome === 'reversed') {
			d.ledger.finishIntent(key, 'reversed', r, at(), reversalMovements(key));
			return { outcome: 'reversed' };
		}
		if (r.outcome === 'nothing-to-reverse') {
			intents.finish(key, 'failed', r, at());
			return { outcome: 'notCharged' };
		}
		return { outcome: 'failed', reason: r.status.message };
	}

	/**
	 * The reversal of a sale, as the sale was written. A sale whose answer was lost (no row yet)
	 * was charged all the same, or the POS would have had nothing to reverse: both are written.
	 */
	function reversalMovements(key: string): Movement[] {
		const sale = d.ledger.ofKey(key).find((row) => row.kind === 'card_sale');
		const asked = intents.get(key)!.payload as { amountFen: number; declarationNo: string; payerId: number };
		if (sale)
			return [
				movement(key, { kind: 'card_reversal', payerId: sale.payerId, declarationNo: sale.declarationNo, reference: sale.reference, amountFen: sale.amountFen })
			];
		const of = { payerId: asked.payerId, declarationNo: asked.declarationNo, amountFen: asked.amountFen };
		return [movement(key, { ...of, kind: 'card_sale' }), movement(key, { ...of, kind: 'card_reversal' })];
	}

	async function openDrawer({ key }: OpenDrawerInput): Promise<OpenDrawerOutput> {
		const { intent, fresh } = begin(key, 'drawer.open', {});
		// Opened before a restart: the cash went in then; the drawer is never kicked a second time.
		if (intent.status === 'succeeded') return { status: 'opened' };
		// The kick may have gone out just before a crash: the clerk checks the drawer instead.
		if (sentBefore(intent, fresh)) throw new DrawerMayBeOpenError();
		// A kick that failed before did nothing; this one is sent and remembered as such.
		if (!fresh) intents.finish(key, 'unknown', { kicking: true }, at());
		const r = await devices.cashDrawer.open();
		if (!r.ok) {
			intents.finish(key, 'failed', r, at());
			throw new Error(r.status.message);
		}
		intents.finish(key, 'succeeded', r, at());
		return { status: 'opened' };
	}

	/** Books one declaration paid by card or cash upstream, with the key given (a household part's own). */
	async function bookDirect(i: RecordPaymentInput & { channel: 'pos' | 'cash' }, key: string, declarationNo: string, amountFen: number) {
		return upstream.coreTax.recordPayment({
			key,
			declarationNo,
			channel: i.channel,
			amountFen,
			paidOn: clock.today(),
			claimKey: claimKey(i.key),
			details: {
				clerk: i.clerkId ? d.clerkName(i.clerkId) : undefined,
				windowNo: i.windowNo ? Number(i.windowNo) : undefined,
				pos:
					i.details.channel === 'pos'
						? {
								terminalNo: i.details.approval.terminalId,
								merchantNo: i.details.approval.merchantId,
								cardNoMasked: i.details.approval.cardMasked,
								referenceNo: i.details.approval.referenceNo,
								traceNo: i.details.approval.voucherNo
							}
						: undefined
			}
		});
	}

	/**
	 * A household: each part is its own upstream call, keyed `${key}:${declarationNo}`, so a repeat
	 * (a restored session, RETRY) books only the parts not booked yet. The first refusal stops: the
	 * parts booked before it are answered with it.
	 */
	async function recordParts(
		i: RecordPaymentInput & { channel: 'pos' | 'cash' },
		parts: NonNullable<RecordPaymentInput['parts']>
	): Promise<RecordPaymentOutput> {
		const recorded: RecordedPart[] = [];
		for (const part of parts) {
			const refusal = await refusalAsAnswer<RecordPaymentOutput | null>(
				async () => {
					const p = await bookDirect(i, `${i.key}:${part.declarationNo}`, part.declarationNo, part.amountFen);
					const lines = (await upstream.coreTax.declaration(part.declarationNo))?.lines ?? [];
					recorded.push({ payerId: part.payerId, declarationNo: part.declarationNo, voucherNo: p.voucherNo, paidOn: p.paidOn, amountFen: p.amountFen, lines });
					return null;
				},
				(e) => ({ outcome: 'refused', code: e.code, reason: e.message, recorded: [...recorded], refusedDeclarationNo: part.declarationNo })
			);
			if (refusal) return refusal;
		}
		return { outcome: 'recorded', voucherNo: recorded[0].voucherNo, paidOn: recorded[0].paidOn, parts: recorded };
	}

	async function recordPayment(i: RecordPaymentInput): Promise<RecordPaymentOutput> {
		begin(i.key, 'coreTax.recordPayment', i);
		// Deduction and settlement were booked upstream with the money; only the voucher is fetched.
		if (i.channel === 'agreement' || i.channel === 'pending_account') {
			if (i.parts) throw new Error('a household pays by card or cash only');
			const paid = (await upstream.coreTax.paymentsOf(i.payerId)).find((p) => p.declarationNo === i.declarationNo);
			if (!paid) throw new Error(`no payment upstream for ${i.declarationNo}`);
			const moved = sameAttempt(i.key, i.channel === 'agreement' ? 'agreement' : 'pending');
			d.ledger.finishIntent(i.key, 'succeeded', paid, at(), [], { keys: [moved], voucherNo: paid.voucherNo });
			return { outcome: 'recorded', voucherNo: paid.voucherNo, paidOn: paid.paidOn };
		}
		const direct = { ...i, channel: i.channel };
		const out = i.parts
			? await recordParts(direct, i.parts)
			: await refusalAsAnswer<RecordPaymentOutput>(
					async () => {
						const p = await bookDirect(direct, i.key, i.declarationNo, i.amountFen);
						return { outcome: 'recorded', voucherNo: p.voucherNo, paidOn: p.paidOn };
					},
					(e) => ({ outcome: 'refused', code: e.code, reason: e.message })
				);
		if (out.outcome === 'recorded') {
			// Cash is written with its voucher once booked; a card sale's row gets the voucher now
			// (a household's one movement: the first part's declaration and voucher).
			const of = { payerId: i.payerId, declarationNo: i.declarationNo, voucherNo: out.voucherNo, businessDate: clock.today() };
			const cash = i.details.channel === 'cash' ? cashMovements(sameAttempt(i.key, 'cash'), i.details, of) : [];
			const sale = i.details.channel === 'pos' ? { keys: [sameAttempt(i.key, 'card')], voucherNo: out.voucherNo } : undefined;
			d.ledger.finishIntent(i.key, 'succeeded', out, at(), cash, sale);
		} else intents.finish(i.key, 'failed', out, at());
		return out;
	}

	/** Claims each declaration of the payment (a household's parts): one refused, those claimed before it are let go. */
	async function claimDeclaration(i: ClaimDeclarationInput): Promise<ClaimDeclarationOutput> {
		const today = clock.today();
		const closed = i.moneyInFlight ? openPeriodRefusal(today) : null;
		if (closed) return { outcome: 'refused', code: closed.code, reason: closed.message };
		const claimed: string[] = [];
		for (const declarationNo of i.declarationNos ?? [i.declarationNo]) {
			const out = await refusalAsAnswer<ClaimDeclarationOutput>(
				async () => {
					await upstream.coreTax.claimDeclaration({
						claimKey: i.claimKey,
						declarationNo,
						windowNo: i.windowNo ? Number(i.windowNo) : null,
						clerk: i.clerkId ? d.clerkName(i.clerkId) : '—',
						moneyInFlight: i.moneyInFlight,
						today
					});
					return { outcome: 'held' };
				},
				(e) => ({ outcome: 'refused', code: e.code, reason: e.message })
			);
			if (out.outcome === 'refused') {
				await releaseEach(i.claimKey, claimed);
				return out;
			}
			claimed.push(declarationNo);
		}
		return { outcome: 'held' };
	}

	async function releaseEach(claimKey: string, declarationNos: readonly string[]): Promise<void> {
		for (const declarationNo of declarationNos) await upstream.coreTax.releaseClaim({ claimKey, declarationNo });
	}

	async function releaseClaim(i: ReleaseClaimInput): Promise<void> {
		await releaseEach(i.claimKey, i.declarationNos ?? [i.declarationNo]);
	}

	async function holdMoney(i: HoldMoneyInput): Promise<HoldMoneyOutput> {
		const kind = i.channel === 'cash' ? 'cash_held' : 'refund_requested';
		const windowSessionId = sessionOf(i.key);
		// Cash held is in the drawer all the same: its movements are written with the hold.
		const refused = intents.get(sameAttempt(i.key, 'record'));
		if (!refused) throw new Error(`no refused record before holding ${i.key}`);
		const { payerId } = refused.payload as RecordPaymentInput;
		const cash =
			i.details.channel === 'cash'
				? cashMovements(sameAttempt(i.key, 'cash'), i.details, { payerId, declarationNo: i.declarationNo, businessDate: clock.today() })
				: [];
		const held = d.ledger.writeWith(at(), cash, () =>
			d.heldMoney.hold({
				key: i.key,
				windowSessionId,
				windowNo: i.windowNo ? Number(i.windowNo) : null,
				clerkId: i.clerkId ? Number(i.clerkId) : null,
				kind,
				channel: i.channel,
				declarationNo: i.declarationNo,
				amountFen: i.amountFen,
				reason: i.reason,
				// A household's held row names every declaration not booked.
				details: i.declarationNos ? { ...i.details, declarationNos: i.declarationNos } : i.details,
				createdAt: at()
			})
		);
		d.audit.record(at(), {
			clerkId: held.clerkId,
			windowNo: held.windowNo,
			action: kind === 'cash_held' ? 'cash-held' : 'refund-requested',
			subject: i.declarationNo,
			detail: { windowSessionId, amountFen: i.amountFen, reason: i.reason, ...(i.declarationNos ? { declarationNos: i.declarationNos } : {}) }
		});
		return { kind };
	}

	return { chargeCard, reverseSale, openDrawer, recordPayment, claimDeclaration, releaseClaim, holdMoney };
}
