import type { SignedInClerk } from '../auth/auth-service';
import { UpstreamError, UpstreamRefusedError } from '../upstream/errors';
import { isValidIsoDate } from '../../domain/dates';
import type { BankForm, CoreTax } from '../upstream/types';
import type { Clock } from '../clock';
import type { IntentsRepo } from '../db/intents-repo';
import type { LedgerRepo } from '../db/ledger-repo';
import type { AuditRepo } from '../db/audit-repo';
import type { ShiftsRepo } from '../db/shifts-repo';
import { WINDOW_SESSION_TEXT } from './window-sessions';
import type { AwaitingStubItem } from '../../views/counter-views';

/** What the bank stubs use: the journal's intents and ledger, the core tax system's forms, the clock, the audit log. */
export interface BankStubDeps {
	intents: Pick<IntentsRepo, 'succeeded' | 'begin' | 'finish'>;
	ledger: Pick<LedgerRepo, 'finishIntent'>;
	upstream: { coreTax: Pick<CoreTax, 'bankForm' | 'payer' | 'recordBankStub'> };
	clock: Clock;
	repos: { audit: Pick<AuditRepo, 'record'> };
	shifts: Pick<ShiftsRepo, 'openAt'>;
}

/** The intent under which a bank-collection form is issued (counter-actors' printBankForm). */
const ISSUE_ACTION = 'coreTax.issueBankForm';

/**
 * The forms issued at this terminal still waiting for their stamped stub, oldest first: from the
 * journal's issued forms, less those the core tax system reports stamped or voided (a form whose
 * state cannot be asked now stays listed).
 */
export async function formsAwaitingStub(deps: Pick<BankStubDeps, 'intents' | 'upstream'>): Promise<AwaitingStubItem[]> {
	const issued = new Map<string, BankForm>();
	for (const i of deps.intents.succeeded(ISSUE_ACTION)) {
		const form = i.outcome as BankForm;
		issued.set(form.voucherNo, form);
	}
	const items = await Promise.all(
		[...issued.values()].map(async (form) => {
			const now = await deps.upstream.coreTax.bankForm(form.voucherNo).catch((e) => {
				if (e instanceof UpstreamError) return null;
				throw e;
			});
			if (now && now.status !== 'issued') return null;
			const payer = await deps.upstream.coreTax.payer(form.payerId).catch(() => null);
			return {
				voucherNo: form.voucherNo,
				declarationNo: form.declarationNo,
				payerName: payer?.name ?? '',
				amountFen: form.amountFen,
				issuedOn: form.issuedOn,
				limitDate: form.limitDate
			};
		})
	);
	return items.filter((x): x is AwaitingStubItem => x !== null);
}

export type StubResult = { ok: true; voucherNo: string; declarationNo: string; amountFen: number; payerName: string } | { ok: false; message: string };

/**
 * Records the bank-stamped stub (回执联) of a 《税收缴款书（银行经收专用）》 by its voucher number.
 * Keyed by the voucher number, so a stub entered twice is recorded once; upstream keeps only a
 * recorded stub as the key's answer, so a number typed before its form existed does not stand
 * in the way of the real stub later.
 */
export async function recordBankStub(
	deps: BankStubDeps,
	clerk: SignedInClerk,
	form: { voucherNo: string; bankName: string; stampedOn: string }
): Promise<StubResult> {
	const voucherNo = form.voucherNo.replace(/\s+/g, '');
	const bankName = form.bankName.trim();
	if (!/^\d{18}$/.test(voucherNo)) return { ok: false, message: '电子税票号码应为18位数字' };
	if (!bankName) return { ok: false, message: '请填写收款银行（回执联上的银行名称）' };
	if (!isValidIsoDate(form.stampedOn) || form.stampedOn > deps.clock.today()) {
		return { ok: false, message: '银行盖章日期不正确：应为不晚于今天的日期' };
	}
	// The stub's money is booked to the clerk's shift: no shift, no stub.
	if (!deps.shifts.openAt(clerk.windowNo)) return { ok: false, message: WINDOW_SESSION_TEXT.noShift };
	const key = `stub-${voucherNo}`;
	const at = deps.clock.now().toISOString();
	const intents = deps.intents;
	intents.begin({ key, windowSessionId: null, action: 'coreTax.recordBankStub', payload: form }, at);
	try {
		const { payment, form: bankForm } = await deps.upstream.coreTax.recordBankStub({ key, voucherNo, bankName, stampedOn: form.stampedOn });
		// The money reached the bank: the ledger's row, with the stub's intent, at the clerk's window.
		deps.ledger.finishIntent(key, 'succeeded', payment, deps.clock.now().toISOString(), [
			{
				kind: 'bank_stub',
				key,
				by: { windowNo: clerk.windowNo, clerkId: clerk.clerkId },
				payerId: bankForm.payerId,
				declarationNo: bankForm.declarationNo,
				voucherNo,
				reference: bankName,
				amountFen: payment.amountFen,
				businessDate: deps.clock.today()
			}
		]);
		const payer = await deps.upstream.coreTax.payer(bankForm.payerId);
		deps.repos.audit.record(at, { clerkId: clerk.clerkId, windowNo: clerk.windowNo, action: 'bank-stub-recorded', subject: voucherNo });
		return { ok: true, voucherNo, declarationNo: bankForm.declarationNo, amountFen: payment.amountFen, payerName: payer?.name ?? '' };
	} catch (e) {
		// A refusal is this attempt's end (nothing was recorded); a time-out leaves it unknown.
		if (e instanceof UpstreamRefusedError) intents.finish(key, 'failed', { code: e.code, message: e.message }, deps.clock.now().toISOString());
		else if (e instanceof UpstreamError) intents.finish(key, 'unknown', { code: e.code, message: e.message }, deps.clock.now().toISOString());
		if (e instanceof UpstreamError) return { ok: false, message: e.message };
		throw e;
	}
}
