import type { CashLimitCheck, CashLimits } from '../domain/cash-limits';
import type { RowCode } from '../domain/collector-list';
import type { PaymentChannel } from '../domain/payer';
import type { BatchCollector } from '../../../state-machines/collector-batch.machine';
import type { PaymentScreen, StepName } from './session-view';

// The screen of a collector batch at the window (集中代收), derived on the server from the batch
// session's snapshot and the stored list (src/lib/server/sessions/collector-batch-screen.ts).

/** A bad row of the list, as the report shows it: the row, its reason, what the file said. */
export interface BadRowScreen {
	row: number;
	code: RowCode;
	reason: string;
	idNumber: string;
	name: string;
	item: string;
	amount: string;
	collectedOn: string;
}

export interface BatchUploadScreen {
	uploadId: number;
	fileName: string;
	rows: number;
	good: number;
	bad: number;
	goodFen: number;
	/** The first bad rows (bad rows come first in the report); the downloaded report has them all. */
	badRows: BadRowScreen[];
}

export interface CollectorBatchScreen {
	kind: 'collector-batch';
	id: string;
	status: 'active' | 'done' | 'error' | 'stopped';
	step: StepName;
	collector: BatchCollector;
	batchNo: string;
	upload: BatchUploadScreen | null;
	/** The county's double limits in force today, and the good rows against them. */
	limits: CashLimits | null;
	collections: CashLimitCheck | null;
	breached: boolean;
	breachConfirmed: boolean;
	error: string | null;
	notice: string | null;
	moneyMoving: boolean;
	child: PaymentScreen | null;
	/** After the money: which prints are out. */
	printed: { summary: boolean; register: boolean };
	/** A second reprint of the same print needs a supervisor on the spot (the first is the clerk's own, marked 补打). */
	reprintNeedsSupervisor: { summary: boolean; register: boolean };
	outcome: {
		outcome: 'done' | 'refused' | 'cancelled' | 'escalated' | 'failed';
		persons: number;
		amountFen: number | null;
		voucherNo: string | null;
		channel: PaymentChannel | null;
	} | null;
}
