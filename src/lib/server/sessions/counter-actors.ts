import { fromPromise } from 'xstate';
import {
	claimKey,
	certificateMachine,
	counterSessionMachine,
	declarationMachine,
	paymentMachine,
	receiptPrintMachine,
	refundGuidanceMachine,
	registrationLinkMachine,
	type ChargeCardInput,
	type ChargeCardOutput,
	type CheckAgreementInput,
	type CheckAgreementOutput,
	type ClaimDeclarationInput,
	type ClaimDeclarationOutput,
	type HoldMoneyInput,
	type HoldMoneyOutput,
	type ReleaseClaimInput,
	type DeclareInput,
	type DeclareOutput,
	type DeductByAgreementInput,
	type DeductByAgreementOutput,
	type GuidanceSlip,
	type LinkRegistrationInput,
	type LinkRegistrationOutput,
	type ListElectronicPaymentsInput,
	type ListElectronicPaymentsOutput,
	type ListPendingTransfersInput,
	type ListPendingTransfersOutput,
	type LoadDuesInput,
	type LoadDuesOutput,
	type LoadRegistrationsInput,
	type LoadRegistrationsOutput,
	type OpenDrawerInput,
	type OpenDrawerOutput,
	type PrintBankFormInput,
	type PrintBankFormOutput,
	type PrintCertificateInput,
	type PrintCertificateOutput,
	type PrintGuidanceSlipInput,
	type PrintGuidanceSlipOutput,
	type PrintReceiptInput,
	type PrintReceiptOutput,
	type RecordPaymentInput,
	type RecordPaymentOutput,
	type ReverseSaleInput,
	type ReverseSaleOutput,
	type SettlePendingTransfersInput,
	type SettlePendingTransfersOutput,
	type VoidDeclarationInput,
	type VoidDeclarationOutput
} from '../../../../state-machines';
import type { Devices, PosApproval, ReceiptDocument } from '../../../../drivers';
import { amountInWords, declarationWindow, formatYuan } from '../../domain';
import type { DeclarationLine } from '../../domain/payer';
import type { Clock } from '../clock';
import type { IntentsRepo } from '../db/intents-repo';
import type { AuditRepo } from '../db/audit-repo';
import type { HeldMoneyRepo } from '../db/held-money-repo';
import type { LedgerRepo, Movement } from '../db/ledger-repo';
import type { CertificateNumbersRepo } from '../db/certificate-numbers-repo';
import { cashMovements, sameAttempt } from './ledger-movements';
import { DrawerMayBeOpenError, printFormOnce, sentBefore } from './drawer-and-paper';
import type { Upstream } from '../upstream/types';
import { UpstreamRefusedError } from '../upstream/errors';
import { paymentReceipt } from '../receipts/payment-receipt';
import { printWholeReceipt } from '../receipts/whole-receipt';

export interface CounterActorDeps {
	upstream: Upstream;
	devices: Devices;
	intents: IntentsRepo;
	clock: Clock;
	/** Display name of a clerk by id, for what is printed. */
	clerkName(clerkId: string): string;
	/** Hand links are written here for the supervisor's review. */
	audit: AuditRepo;
	/** Money taken that no book shows, for the supervisor's decision. */
	heldMoney: HeldMoneyRepo;
	/** How long a query or reversal waits for a POS that is not reachable yet (after a restart). */
	posRecoveryMs: number;
	/** Every movement of money or paper of value, written with its intent's success. */
	ledger: LedgerRepo;
	/** The certificates' own number sequence. */
	certificateNumbers: CertificateNumbersRepo;
}

/** Audit action of a link the clerk made by hand; the supervisor reviews these. */
export const MANUAL_LINK_ACTION = 'manual-link';

/** The session's own id is the first part of every key the machines make. */
const sessionOf = (key: string) => key.split(':')[0];

export const BUSINESS_DATE_TEXTS = {
	closed: (today: string, closes: string) =>
		`今天是${today}，本月申报缴费期已于${closes}结束（每月1日至25日，节假日不顺延），不能再申报或收款。请于下月1日至25日办理。`
};

/** The 1st–25th rule on the clock at the moment of the call, not the day the session began. */
class OutsidePeriodError extends Error {
	readonly code = 'OUTSIDE_PERIOD';
}

function openPeriodRefusal(today: string): OutsidePeriodError | null {
	const w = declarationWindow(today, 'regular');
	return w.open ? null : new OutsidePeriodError(BUSINESS_DATE_TEXTS.closed(today, w.closes));
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
 * The real actors behind the counter machines. Every money-moving one writes its intent to the
 * journal before the call and is idempotent by the machine's key: after a crash the restored
 * machine calls it again with the same key, and the intent decides whether to ask instead of act.
 */
export function counterActors(d: CounterActorDeps) {
	const { upstream, devices, intents, clock } = d;
	const at = () => clock.now().toISOString();
	const begin = (key: string, action: string, payload: unknown) => intents.begin({ key, windowSessionId: sessionOf(key), action, payload }, at());
	const forms = { printer: devices.formPrinter, intents, at };
	/** A movement made by the call with this key, in its window session, dated today. */
	const movement = (key: string, m: Omit<Movement, 'key' | 'by' | 'businessDate'>): Movement => ({
		...m,
		key,
		by: { windowSessionId: sessionOf(key) },
		businessDate: clock.today()
	});

	/** The refusal of a business rule becomes an answer; anything else stays an unknown outcome. */
	async function refusalAsAnswer<T>(work: () => Promise<T>, refused: (e: UpstreamRefusedError) => T): Promise<T> {
		try {
			return await work();
		} catch (e) {
			if (e instanceof UpstreamRefusedError) return refused(e);
			throw e;
		}
	}

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

	async function checkAgreement({ payerId }: CheckAgreementInput): Promise<CheckAgreementOutput> {
		const c = await upstream.bankGateway.checkAgreement({ payerId });
		if (c.status === 'valid') return { valid: true, agreementNo: c.agreementNo, bankName: c.bankName, accountMasked: c.accountNoMasked };
		return c.status === 'none' ? { valid: false, code: 'NO_AGREEMENT', reason: c.message } : { valid: false, code: 'AGREEMENT_INVALID', reason: c.reason };
	}

	async function deductByAgreement(i: DeductByAgreementInput): Promise<DeductByAgreementOutput> {
		begin(i.key, 'bank.deduct', i);
		const out = await refusalAsAnswer<DeductByAgreementOutput>(
			async () => {
				const r = await upstream.bankGateway.deduct({
					key: i.key,
					payerId: i.payerId,
					declarationNo: i.declarationNo,
					amountFen: i.amountFen,
					today: clock.today(),
					claimKey: claimKey(i.key)
				});
				return { outcome: 'deducted', deductionRef: r.bankSerial, deductedAt: r.deductedOn };
			},
			(e) => ({ outcome: 'refused', code: e.code, reason: e.message })
		);
		if (out.outcome === 'deducted') {
			d.ledger.finishIntent(i.key, 'succeeded', out, at(), [
				movement(i.key, {
					kind: 'deduction',
					payerId: i.payerId,
					declarationNo: i.declarationNo,
					reference: out.deductionRef,
					amountFen: i.amountFen
				})
			]);
		} else intents.finish(i.key, 'failed', out, at());
		return out;
	}

	async function printBankForm(i: PrintBankFormInput): Promise<PrintBankFormOutput> {
		begin(i.key, 'coreTax.issueBankForm', { declarationNo: i.declarationNo });
		const form = await upstream.coreTax.issueBankForm({ key: i.key, declarationNo: i.declarationNo, today: clock.today(), claimKey: claimKey(i.key) });
		const payer = await upstream.coreTax.payer(i.payerId);
		await printFormOnce(forms, {
			...begin(`${i.key}:form`, 'form.print', { voucherNo: form.voucherNo }),
			document: (reprint) => ({
				kind: 'payment-form',
				data: {
					reprint,
					voucherNo: form.voucherNo,
					issueDate: form.issuedOn,
					taxOffice: form.taxOfficeName,
					treasury: form.treasury,
					payer: { name: i.payerName, id: i.payerIdentifier },
					items: formItemsOf(i.lines),
					totalFigures: formatYuan(i.amountFen),
					totalInWords: i.amountInWords,
					limitDate: form.limitDate,
					remark: payer ? `主管税务机关：${payer.taxOffice.name}` : undefined
				}
			})
		});
		d.ledger.finishIntent(i.key, 'succeeded', form, at(), [
			movement(i.key, {
				kind: 'bank_form_issued',
				payerId: i.payerId,
				declarationNo: i.declarationNo,
				voucherNo: form.voucherNo,
				amountFen: i.amountFen
			})
		]);
		return { voucherNo: form.voucherNo, limitDate: form.limitDate };
	}

	async function listPendingTransfers({ payerId, date }: ListPendingTransfersInput): Promise<ListPendingTransfersOutput> {
		const transfers = await upstream.bankGateway.pendingTransfers({ payerId, date });
		return {
			transfers: transfers
				.filter((t) => !t.settledDeclarationNo)
				.map((t) => ({
					transferId: String(t.id),
					amountFen: t.amountFen,
					receivedOn: t.arrivedOn,
					// The proof's number is typed from the payer's paper and checked upstream, so it is not shown.
					payerAccountName: `${t.remitterName}（${t.fundSourceLabel}，凭${t.proof.label}）`,
					bankName: t.remitterAccountMasked
				}))
		};
	}

	async function settlePendingTransfers(i: SettlePendingTransfersInput): Promise<SettlePendingTransfersOutput> {
		begin(i.key, 'bank.settlePending', i);
		const out = await refusalAsAnswer<SettlePendingTransfersOutput>(
			async () => {
				const r = await upstream.bankGateway.settlePendingTransfers({
					key: i.key,
					payerId: i.payerId,
					declarationNo: i.declarationNo,
					transferIds: i.transfers.map((t) => Number(t.transferId)),
					proofs: i.transfers.map((t) => ({ transferId: Number(t.transferId), proofNo: t.proof.number })),
					today: clock.today(),
					claimKey: claimKey(i.key)
				});
				return { outcome: 'settled', formNo: r.certificate.voucherNo };
			},
			(e) => ({ outcome: 'refused', code: e.code, reason: e.message })
		);
		if (out.outcome === 'settled') {
			d.ledger.finishIntent(i.key, 'succeeded', out, at(), [
				movement(i.key, {
					kind: 'pending_settlement',
					payerId: i.payerId,
					declarationNo: i.declarationNo,
					reference: out.formNo,
					amountFen: i.amountFen
				})
			]);
		} else intents.finish(i.key, 'failed', out, at());
		// The payer's certificate of the money received. A failed print throws: the retry asks
		// upstream again with the same key (nothing is paid twice) and prints the form then.
		if (out.outcome === 'settled') await printTaxCashForm(i, out.formNo);
		return out;
	}

	async function printTaxCashForm(i: SettlePendingTransfersInput, voucherNo: string) {
		const [payer, declaration] = await Promise.all([upstream.coreTax.payer(i.payerId), upstream.coreTax.declaration(i.declarationNo)]);
		if (!payer || !declaration) throw new Error(`no payer or declaration for ${i.declarationNo}`);
		await printFormOnce(forms, {
			...begin(`${i.key}:tax-cash-form`, 'form.print', { voucherNo }),
			document: (reprint) => ({
				kind: 'payment-form',
				data: {
					reprint,
					variant: 'tax-cash',
					voucherNo,
					issueDate: clock.today(),
					taxOffice: payer.taxOffice.name,
					treasury: payer.taxOffice.treasury,
					payer: { name: payer.name, id: payer.identifier },
					items: formItemsOf(declaration.lines),
					totalFigures: formatYuan(i.amountFen),
					totalInWords: amountInWords(i.amountFen),
					limitDate: i.transfers[0]?.receivedOn ?? clock.today(),
					remark: `待报解社会保险费专户，资金入账证明：${i.transfers.map((t) => t.proof.number).join('、')}`
				}
			})
		});
	}

	async function recordPayment(i: RecordPaymentInput): Promise<RecordPaymentOutput> {
		begin(i.key, 'coreTax.recordPayment', i);
		// Deduction and settlement were booked upstream with the money; only the voucher is fetched.
		if (i.channel === 'agreement' || i.channel === 'pending_account') {
			const paid = (await upstream.coreTax.paymentsOf(i.payerId)).find((p) => p.declarationNo === i.declarationNo);
			if (!paid) throw new Error(`no payment upstream for ${i.declarationNo}`);
			const moved = sameAttempt(i.key, i.channel === 'agreement' ? 'agreement' : 'pending');
			d.ledger.finishIntent(i.key, 'succeeded', paid, at(), [], { keys: [moved], voucherNo: paid.voucherNo });
			return { outcome: 'recorded', voucherNo: paid.voucherNo, paidOn: paid.paidOn };
		}
		const channel = i.channel;
		const out = await refusalAsAnswer<RecordPaymentOutput>(
			async () => {
				const p = await upstream.coreTax.recordPayment({
					key: i.key,
					declarationNo: i.declarationNo,
					channel,
					amountFen: i.amountFen,
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
				return { outcome: 'recorded', voucherNo: p.voucherNo, paidOn: p.paidOn };
			},
			(e) => ({ outcome: 'refused', code: e.code, reason: e.message })
		);
		if (out.outcome === 'recorded') {
			// Cash is written with its voucher once booked; a card sale's row gets the voucher now.
			const of = { payerId: i.payerId, declarationNo: i.declarationNo, voucherNo: out.voucherNo, businessDate: clock.today() };
			const cash = i.details.channel === 'cash' ? cashMovements(sameAttempt(i.key, 'cash'), i.details, of) : [];
			const sale = i.details.channel === 'pos' ? { keys: [sameAttempt(i.key, 'card')], voucherNo: out.voucherNo } : undefined;
			d.ledger.finishIntent(i.key, 'succeeded', out, at(), cash, sale);
		} else intents.finish(i.key, 'failed', out, at());
		return out;
	}

	async function claimDeclaration(i: ClaimDeclarationInput): Promise<ClaimDeclarationOutput> {
		const today = clock.today();
		const closed = i.moneyInFlight ? openPeriodRefusal(today) : null;
		if (closed) return { outcome: 'refused', code: closed.code, reason: closed.message };
		return refusalAsAnswer<ClaimDeclarationOutput>(
			async () => {
				await upstream.coreTax.claimDeclaration({
					claimKey: i.claimKey,
					declarationNo: i.declarationNo,
					windowNo: i.windowNo ? Number(i.windowNo) : null,
					clerk: i.clerkId ? d.clerkName(i.clerkId) : '—',
					moneyInFlight: i.moneyInFlight,
					today
				});
				return { outcome: 'held' };
			},
			(e) => ({ outcome: 'refused', code: e.code, reason: e.message })
		);
	}

	async function releaseClaim(i: ReleaseClaimInput): Promise<void> {
		await upstream.coreTax.releaseClaim(i);
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
				details: i.details,
				createdAt: at()
			})
		);
		d.audit.record(at(), {
			clerkId: held.clerkId,
			windowNo: held.windowNo,
			action: kind === 'cash_held' ? 'cash-held' : 'refund-requested',
			subject: i.declarationNo,
			detail: { windowSessionId, amountFen: i.amountFen, reason: i.reason }
		});
		return { kind };
	}

	async function printReceipt({ jobId, reprint, receipt }: PrintReceiptInput): Promise<PrintReceiptOutput> {
		const { intent } = begin(jobId, 'receipt.print', { reprint, voucherNo: receipt.voucherNo });
		if (intent.status === 'succeeded') return { printed: true };
		// A copy cut off before is voided on paper, then the whole receipt goes again: marked 补打
		// when part of an earlier copy reached the printer (see receipts/whole-receipt.ts).
		const printedAt = clock.localTime();
		const clerkName = d.clerkName(receipt.clerkId);
		return printWholeReceipt(
			{ printer: devices.receiptPrinter, intents, at },
			{ intent, reprint, printedAt, document: (marked) => paymentReceipt(receipt, { reprint: marked, clerkName, printedAt }) }
		);
	}

	async function loadRegistrations({ payerId }: LoadRegistrationsInput): Promise<LoadRegistrationsOutput> {
		const payer = await upstream.coreTax.payer(payerId);
		if (!payer) throw new Error(`payer ${payerId} not found`);
		const [registrations, dues] = await Promise.all([upstream.agencyFeed.registrationsFor(payer), upstream.agencyFeed.assessedDuesOf(payer)]);
		return { registrations, outstandingDues: dues.filter((x) => x.state !== 'paid') };
	}

	async function linkRegistration(i: LinkRegistrationInput): Promise<LinkRegistrationOutput> {
		const registration = await upstream.agencyFeed.linkRegistration({
			key: i.key,
			registrationId: i.registrationId,
			payerId: i.payerId,
			method: i.method,
			clerk: i.clerkId ? d.clerkName(i.clerkId) : '',
			today: i.linkedOn
		});
		if (i.supervisorNotice) {
			d.audit.record(at(), {
				clerkId: i.clerkId ? Number(i.clerkId) : null,
				windowNo: null,
				action: MANUAL_LINK_ACTION,
				subject: `${registration.agencyNo} ${registration.payerName}`,
				detail: { registrationId: registration.id, payerId: i.payerId, method: i.method, agency: registration.agency }
			});
		}
		return { registration };
	}

	async function loadDues({ payerId }: LoadDuesInput): Promise<LoadDuesOutput> {
		const payer = await upstream.coreTax.payer(payerId);
		if (!payer) throw new Error(`payer ${payerId} not found`);
		const [dues, declarations] = await Promise.all([upstream.agencyFeed.assessedDuesOf(payer), upstream.coreTax.declarationsOf(payerId)]);
		return {
			dues: dues.filter((x) => x.item.code !== 'ANNUITY'),
			declarations: declarations.filter((x) => x.status === 'declared')
		};
	}

	async function declare(i: DeclareInput): Promise<DeclareOutput> {
		const today = clock.today();
		const closed = openPeriodRefusal(today);
		if (closed) throw closed;
		const r = await upstream.coreTax.declare({ key: i.key, payerId: i.payerId, dueIds: i.dueIds, today });
		return { declarationNo: r.declarationNo, declaredOn: r.declaredOn, lines: r.lines, totalFen: r.totalFen };
	}

	async function voidDeclaration(i: VoidDeclarationInput): Promise<VoidDeclarationOutput> {
		const r = await upstream.coreTax.voidDeclaration({ key: i.key, declarationNo: i.declarationNo, claimKey: i.claimKey });
		return { declarationNo: r.declarationNo };
	}

	/**
	 * The payer's electronic payments for 完税证明: those booked in the range, as the core tax system
	 * lists them, and those paid in the range and not booked yet, so the clerk sees them with the
	 * day they can be certified (the certificate machine refuses to tick them).
	 */
	async function listElectronicPayments(i: ListElectronicPaymentsInput): Promise<ListElectronicPaymentsOutput> {
		const [booked, all] = await Promise.all([upstream.coreTax.electronicPayments(i), upstream.coreTax.paymentsOf(i.payerId)]);
		const waiting = all.filter((p) => (p.channel === 'pos' || p.channel === 'agreement') && p.bookedOn === null && p.paidOn >= i.from && p.paidOn <= i.to);
		const unbooked = await Promise.all(
			waiting.map(async (p) => {
				const declaration = await upstream.coreTax.declaration(p.declarationNo);
				if (!declaration) throw new Error(`declaration ${p.declarationNo} of payment ${p.voucherNo} not found`);
				return { ...p, lines: declaration.lines };
			})
		);
		return {
			payments: [...booked, ...unbooked].map((p) => ({
				voucherNo: p.voucherNo,
				channel: p.channel as 'pos' | 'agreement',
				paidOn: p.paidOn,
				bookedOn: p.bookedOn,
				amountFen: p.amountFen,
				items: p.lines.map((l) => ({ name: l.item.name, periodFrom: l.periodFrom, periodTo: l.periodTo, amountFen: l.amountFen }))
			}))
		};
	}

	async function printCertificate(i: PrintCertificateInput): Promise<PrintCertificateOutput> {
		const payer = await upstream.coreTax.payer(i.payerId);
		if (!payer) throw new Error(`payer ${i.payerId} not found`);
		const { intent, fresh, certificateNo } = d.certificateNumbers.beginPrint(
			{
				jobId: i.jobId,
				windowSessionId: sessionOf(i.jobId),
				officeCode: payer.taxOffice.code,
				year: Number(i.issuedOn.slice(0, 4)),
				payload: { payerId: i.payerId, vouchers: i.payments.map((p) => p.voucherNo) }
			},
			at()
		);
		const total = i.payments.reduce((s, p) => s + p.amountFen, 0);
		await printFormOnce(forms, {
			intent,
			fresh,
			keep: { certificateNo },
			document: (reprint) => ({
				kind: 'tax-certificate',
				data: {
					certificateNo,
					reprint,
					issueDate: i.issuedOn,
					taxOffice: payer.taxOffice.name,
					payer: { name: i.payerName, id: i.payerIdentifier },
					items: i.payments.flatMap((p) =>
						p.items.map((it) => ({
							category: it.name,
							name: it.name,
							periodFrom: it.periodFrom,
							periodTo: it.periodTo,
							amount: formatYuan(it.amountFen),
							voucherNo: p.voucherNo,
							paidDate: p.bookedOn ?? p.paidOn
						}))
					),
					totalFigures: formatYuan(total),
					// The form prints the refund sentence itself.
					totalInWords: amountInWords(total)
				}
			})
		});
		return { certificateNo };
	}

	async function printGuidanceSlip({ jobId, payerName, slip }: PrintGuidanceSlipInput): Promise<PrintGuidanceSlipOutput> {
		const { intent } = begin(jobId, 'slip.print', { title: slip.title });
		if (intent.status === 'succeeded') return { printed: true };
		// Like a receipt: a slip cut off is voided, then printed whole, marked 补打.
		const printedAt = clock.localTime();
		const r = await printWholeReceipt(
			{ printer: devices.receiptPrinter, intents, at },
			{ intent, reprint: false, printedAt, document: (marked) => guidanceSlipReceipt(payerName, slip, printedAt, marked) }
		);
		if (!r.printed) throw new Error(r.status.message);
		return { printed: true };
	}

	const p = <I, O>(fn: (input: I) => Promise<O>) => fromPromise<O, I>(({ input }) => fn(input));

	return counterSessionMachine.provide({
		actors: {
			registrationLink: registrationLinkMachine.provide({ actors: { loadRegistrations: p(loadRegistrations), linkRegistration: p(linkRegistration) } }),
			declaration: declarationMachine.provide({ actors: { loadDues: p(loadDues), declare: p(declare), voidDeclaration: p(voidDeclaration) } }),
			payment: paymentMachine.provide({
				actors: {
					chargeCard: p(chargeCard),
					reverseSale: p(reverseSale),
					openDrawer: p(openDrawer),
					checkAgreement: p(checkAgreement),
					deductByAgreement: p(deductByAgreement),
					printBankForm: p(printBankForm),
					listPendingTransfers: p(listPendingTransfers),
					settlePendingTransfers: p(settlePendingTransfers),
					recordPayment: p(recordPayment),
					claimDeclaration: p(claimDeclaration),
					releaseClaim: p(releaseClaim),
					holdMoney: p(holdMoney)
				}
			}),
			receiptPrint: receiptPrintMachine.provide({ actors: { printReceipt: p(printReceipt) } }),
			certificate: certificateMachine.provide({ actors: { listElectronicPayments: p(listElectronicPayments), printCertificate: p(printCertificate) } }),
			refundGuidance: refundGuidanceMachine.provide({ actors: { printGuidanceSlip: p(printGuidanceSlip) } }),
			printGuidanceSlip: p(printGuidanceSlip)
		}
	});
}

/** Declaration lines as the A4 forms list them: item, period, amount in yuan. */
function formItemsOf(lines: readonly DeclarationLine[]) {
	return lines.map((l) => ({ category: l.item.name, name: l.item.name, periodFrom: l.periodFrom, periodTo: l.periodTo, amount: formatYuan(l.amountFen) }));
}

/** A guidance slip on the receipt printer: where to go, what to bring, whom to call. */
function guidanceSlipReceipt(payerName: string, slip: GuidanceSlip, printedAt: string, reprint: boolean): ReceiptDocument {
	const list = (title: string, items: string[]) =>
		items.length ? [{ kind: 'text' as const, text: title, bold: true }, ...items.map((t, n) => ({ kind: 'text' as const, text: `${n + 1}. ${t}` }))] : [];
	return {
		blocks: [
			{ kind: 'text', text: slip.title, align: 'center', bold: true, size: 'double' },
			...(reprint ? [{ kind: 'text' as const, text: '【补打】', align: 'center' as const, bold: true }] : []),
			{ kind: 'rule' },
			{ kind: 'pair', left: '缴费人', right: payerName },
			{ kind: 'text', text: slip.reason },
			...list('办理地点', slip.where),
			...list('携带材料', slip.bring),
			...list('办理步骤', slip.steps),
			{ kind: 'rule' },
			...slip.helpLines.map((h) => ({ kind: 'text' as const, text: `${h.number}${h.key ? ` 转 ${h.key}` : ''}：${h.purpose}` })),
			{ kind: 'pair', left: '打印时间', right: printedAt }
		]
	};
}
