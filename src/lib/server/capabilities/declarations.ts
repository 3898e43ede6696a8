import type { DeclareInput, DeclareOutput, LoadDuesInput, LoadDuesOutput, VoidDeclarationInput, VoidDeclarationOutput } from '../../../../state-machines';
import { declarationWindow } from '../../domain';
import type { Clock } from '../clock';
import type { AgencyFeed, CoreTax } from '../upstream/types';
import type { LedgerRepo } from '../db/ledger-repo';

export const BUSINESS_DATE_TEXTS = {
	closed: (today: string, closes: string) =>
		`今天是${today}，本月申报缴费期已于${closes}结束（每月1日至25日，节假日不顺延），不能再申报或收款。请于下月1日至25日办理。`
};

/** The 1st–25th rule on the clock at the moment of the call, not the day the session began. */
class OutsidePeriodError extends Error {
	readonly code = 'OUTSIDE_PERIOD';
}

export function openPeriodRefusal(today: string): OutsidePeriodError | null {
	const w = declarationWindow(today, 'regular');
	return w.open ? null : new OutsidePeriodError(BUSINESS_DATE_TEXTS.closed(today, w.closes));
}

/** What declaring uses: the payer's dues and declarations upstream, today, and the bank forms the ledger shows handed out. */
export interface DeclarationDeps {
	upstream: {
		coreTax: Pick<CoreTax, 'payer' | 'declarationsOf' | 'declare' | 'voidDeclaration'>;
		agencyFeed: Pick<AgencyFeed, 'assessedDuesOf'>;
	};
	clock: Clock;
	ledger: Pick<LedgerRepo, 'formIssuedFor'>;
}

/** The declaration machine's actors: the dues to declare, the declaration, its void. */
export function declarations({ upstream, clock, ledger }: DeclarationDeps) {
	async function loadDues({ payerId }: LoadDuesInput): Promise<LoadDuesOutput> {
		const payer = await upstream.coreTax.payer(payerId);
		if (!payer) throw new Error(`payer ${payerId} not found`);
		const [dues, declarations] = await Promise.all([upstream.agencyFeed.assessedDuesOf(payer), upstream.coreTax.declarationsOf(payerId)]);
		return {
			dues: dues.filter((x) => x.item.code !== 'ANNUITY'),
			// One whose bank form was handed out is voided only with a supervisor on the spot.
			declarations: declarations.filter((x) => x.status === 'declared').map((x) => ({ ...x, documentPrinted: ledger.formIssuedFor(x.declarationNo) }))
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

	return { loadDues, declare, voidDeclaration };
}
