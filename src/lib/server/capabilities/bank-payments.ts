import {
	claimKey,
	type CheckAgreementInput,
	type CheckAgreementOutput,
	type DeductByAgreementInput,
	type DeductByAgreementOutput,
	type ListPendingTransfersInput,
	type ListPendingTransfersOutput,
	type PrintBankFormInput,
	type PrintBankFormOutput,
	type SettlePendingTransfersInput,
	type SettlePendingTransfersOutput
} from '../../../../state-machines';
import type { Devices } from '../../../../drivers';
import type { Clock } from '../clock';
import type { IntentsRepo } from '../db/intents-repo';
import type { LedgerRepo } from '../db/ledger-repo';
import { bankCollectionForm, taxCashForm } from '../forms/payment-form';
import { printFormOnce } from './drawer-and-paper';
import type { BankGateway, CoreTax } from '../upstream/types';
import { actorJournal, refusalAsAnswer } from './journal';

/** What paying through a bank uses: the bank gateway and the forms upstream, the form printer, the journal and ledger. */
export interface BankPaymentDeps {
	upstream: {
		bankGateway: Pick<BankGateway, 'checkAgreement' | 'deduct' | 'pendingTransfers' | 'settlePendingTransfers'>;
		coreTax: Pick<CoreTax, 'issueBankForm' | 'payer' | 'declaration'>;
	};
	devices: Pick<Devices, 'formPrinter'>;
	intents: Pick<IntentsRepo, 'begin' | 'finish'>;
	ledger: Pick<LedgerRepo, 'finishIntent'>;
	clock: Clock;
}

/**
 * The payment machine's bank actors: deduction by agreement, the bank collection form, the
 * pending account. Each writes its intent first and its ledger row with the intent's success.
 */
export function bankPayments(d: BankPaymentDeps) {
	const { upstream, intents, clock } = d;
	const { at, begin, movement } = actorJournal(d);
	const forms = { printer: d.devices.formPrinter, intents, at };

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
		const of = {
			form,
			payer: { name: i.payerName, id: i.payerIdentifier },
			lines: i.lines,
			amountFen: i.amountFen,
			amountInWords: i.amountInWords,
			payerTaxOffice: payer?.taxOffice.name
		};
		await printFormOnce(forms, {
			...begin(`${i.key}:form`, 'form.print', { voucherNo: form.voucherNo }),
			document: (reprint) => bankCollectionForm(of, reprint)
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
		const of = {
			voucherNo,
			issueDate: clock.today(),
			taxOffice: payer.taxOffice,
			payer: { name: payer.name, id: payer.identifier },
			lines: declaration.lines,
			amountFen: i.amountFen,
			receivedOn: i.transfers[0]?.receivedOn ?? clock.today(),
			proofNumbers: i.transfers.map((t) => t.proof.number)
		};
		await printFormOnce(forms, {
			...begin(`${i.key}:tax-cash-form`, 'form.print', { voucherNo }),
			document: (reprint) => taxCashForm(of, reprint)
		});
	}

	return { checkAgreement, deductByAgreement, printBankForm, listPendingTransfers, settlePendingTransfers };
}
