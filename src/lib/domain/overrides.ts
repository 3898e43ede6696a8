// 值班长现场确认: the acts at a clerk's window that need a supervisor's own login and password
// typed there, and when. One rule for all of them; the server asks it before the act and refuses
// the act without the supervisor.

export const OVERRIDE_ACTS = [
	'void-after-receipt',
	'second-reprint',
	'manual-link',
	'drawer-no-sale',
	'close-stuck-session',
	'release-held-claim',
	'shift-variance',
	'shift-sign-off',
	'limit-breach',
	'annuity-hand-match'
] as const;

export type OverrideAct = (typeof OVERRIDE_ACTS)[number];

/** What the rule looks at, per act; acts that always need the supervisor look at nothing. */
export interface OverrideFacts {
	/** A void: whether a document for the declaration (a bank form 银行缴款书) was printed and handed out. */
	'void-after-receipt': { documentPrinted: boolean };
	/** A reprint (补打): how many reprints of the same document were made already. */
	'second-reprint': { reprintsBefore: number };
	/** A link by hand (人工关联), as against a project-based work-injury record, which is always linked at the counter. */
	'manual-link': { method: 'manual' | 'project' };
	'drawer-no-sale': Record<string, never>;
	'close-stuck-session': Record<string, never>;
	'release-held-claim': Record<string, never>;
	/** Counted cash against expected at shift close, and the threshold configured above which the supervisor signs. */
	'shift-variance': { varianceFen: number; thresholdFen: number };
	/** The Z report of a shift, signed by the supervisor at close. */
	'shift-sign-off': Record<string, never>;
	/** A collector's batch over the county's double limits (双限): the money is still taken, a supervisor confirms. */
	'limit-breach': Record<string, never>;
	/** An annuity transfer the matching could not place, matched by hand to a notice it completes exactly. */
	'annuity-hand-match': Record<string, never>;
}

/** The act as the audit trail and the supervisor's form name it. */
export const OVERRIDE_ACT_LABEL: Record<OverrideAct, string> = {
	'void-after-receipt': '已打印缴款书的申报作废',
	'second-reprint': '同一凭据第二次补打',
	'manual-link': '人工关联参保登记',
	'drawer-no-sale': '无收款开钱箱',
	'close-stuck-session': '结束卡住的业务',
	'release-held-claim': '解除其他窗口的占用',
	'shift-variance': '轧账长短款超过限额',
	'shift-sign-off': '班结签字确认',
	'limit-breach': '代办员超过双限交款',
	'annuity-hand-match': '职业年金异常转账人工匹配'
};

/**
 * Whether the act needs a supervisor on the spot. The first reprint is the clerk's own (marked
 * 补打), and so is a void before anything was printed: the undo before money moves stays easy.
 */
export function needsSupervisor<A extends OverrideAct>(act: A, facts: OverrideFacts[A]): boolean {
	switch (act) {
		case 'void-after-receipt':
			return (facts as OverrideFacts['void-after-receipt']).documentPrinted;
		case 'second-reprint':
			return (facts as OverrideFacts['second-reprint']).reprintsBefore >= 1;
		case 'manual-link':
			return (facts as OverrideFacts['manual-link']).method === 'manual';
		case 'shift-variance': {
			const f = facts as OverrideFacts['shift-variance'];
			return Math.abs(f.varianceFen) > f.thresholdFen;
		}
		default:
			return true;
	}
}
