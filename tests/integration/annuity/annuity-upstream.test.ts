// Issue 12, item 1: the annuity collection system and the fiscal e-receipt platform as the
// simulator keeps them: notices for linked institutions only, one per due, the custodian bank's
// statement, arrival confirmed only for the exact sum, a receipt only after it, each idempotent by key.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { refused, tempUpstream, TODAY, type Sim } from '../upstream/sim';
import type { Payer } from '../../../src/lib/domain/payer';

describe('annuity collection and e-receipts (simulated upstream)', () => {
	let sim: Sim;
	let school: Payer;
	beforeEach(async () => {
		sim = tempUpstream();
		school = await sim.payer('太原市示例中学');
	});
	afterEach(() => {
		sim.db.close();
		rmSync(sim.dir, { recursive: true, force: true });
	});

	const openAnnuity = async () => (await sim.upstream.annuityCollection.annuityDuesOf(school.id)).filter((d) => d.notice === null);

	it('a linked institution’s annuity due gets one 7-digit notice, the same for a repeat under another key', async () => {
		const [open] = await openAnnuity();
		expect(open.due.periodFrom.slice(0, 7)).toBe(TODAY.slice(0, 7));
		const notice = await sim.upstream.annuityCollection.issueNotice({ key: sim.key(), payerId: school.id, dueId: open.due.id, today: TODAY });
		expect(notice).toMatchObject({ month: TODAY.slice(0, 7), amountFen: open.due.amountFen, settledOn: null, payerId: school.id });
		expect(notice.noticeNo).toMatch(/^\d{7}$/);
		expect(notice.custodian.accountNo).not.toBe('');
		const again = await sim.upstream.annuityCollection.issueNotice({ key: sim.key(), payerId: school.id, dueId: open.due.id, today: TODAY });
		expect(again.noticeNo).toBe(notice.noticeNo);
		// The due counts as declared once its notice is out: nothing is open any more.
		expect(await openAnnuity()).toEqual([]);
	});

	it('an institution whose annuity record is not linked gets no notice, with the reason', async () => {
		await sim.upstream.agencyFeed.receiveRegistration({
			key: sim.key(),
			agency: 'social',
			agencyNo: 'S900000001',
			payerIdentifier: (await sim.payer('太原市小店区示例街道办事处')).identifier,
			payerName: '示例街道（名称不一致）',
			items: ['ANNUITY'],
			receivedOn: TODAY
		});
		const office = await sim.payer('太原市小店区示例街道办事处');
		const e = await refused(sim.upstream.annuityCollection.annuityDuesOf(office.id), 'NOT_LINKED');
		expect(e.message).toContain('未进行参保登记信息关联');
	});

	it('a regular due is not given an annuity notice', async () => {
		const [regular] = await sim.thisMonthsDues(school);
		await refused(sim.upstream.annuityCollection.issueNotice({ key: sim.key(), payerId: school.id, dueId: regular.id, today: TODAY }), 'NOT_ANNUITY');
	});

	it('the statement feed lists the custodian account’s credits of a range by date', async () => {
		const month = (await sim.upstream.annuityCollection.notices())[0].month;
		const credits = await sim.upstream.annuityCollection.statement({ from: `${month}-01`, to: TODAY });
		expect(credits.map((c) => c.remark)).toEqual(['1877101', '1877101', '１８７７１０１', '八月职业年金']);
		expect(credits.map((c) => c.date)).toEqual([...credits.map((c) => c.date)].sort());
	});

	it('arrival is confirmed only with transfers that sum to the notice exactly; the due is paid then, and only then is a receipt issued', async () => {
		const [notice] = await sim.upstream.annuityCollection.notices();
		const [a, b] = await sim.upstream.annuityCollection.statement({ from: `${notice.month}-01`, to: TODAY });
		await refused(sim.upstream.eReceipts.issue({ key: sim.key(), noticeNo: notice.noticeNo, today: TODAY }), 'NOTICE_NOT_SETTLED');
		await refused(
			sim.upstream.annuityCollection.confirmArrival({ key: sim.key(), noticeNo: notice.noticeNo, transfers: [a], today: TODAY }),
			'TRANSFER_SUM_MISMATCH'
		);
		const key = sim.key();
		const settled = await sim.upstream.annuityCollection.confirmArrival({ key, noticeNo: notice.noticeNo, transfers: [a, b], today: TODAY });
		expect(settled.settledOn).toBe(TODAY);
		// The same key answers the first success; another key is refused as a second confirmation.
		expect(await sim.upstream.annuityCollection.confirmArrival({ key, noticeNo: notice.noticeNo, transfers: [a, b], today: TODAY })).toEqual(settled);
		await refused(
			sim.upstream.annuityCollection.confirmArrival({ key: sim.key(), noticeNo: notice.noticeNo, transfers: [a, b], today: TODAY }),
			'NOTICE_SETTLED'
		);
		const due = (await sim.upstream.agencyFeed.assessedDuesOf(school)).find((d) => d.id === notice.dueId)!;
		expect(due.state).toBe('paid');

		const receipt = await sim.upstream.eReceipts.issue({ key: sim.key(), noticeNo: notice.noticeNo, today: TODAY });
		expect(receipt).toMatchObject({ noticeNo: notice.noticeNo, issuedOn: TODAY, amountFen: notice.amountFen, payerName: '太原市示例中学' });
		expect(receipt.receiptNo).toMatch(/^\d{10}$/);
		expect(receipt.checkCode).toMatch(/^[0-9A-F]{6}$/);
		expect(await sim.upstream.eReceipts.issue({ key: sim.key(), noticeNo: notice.noticeNo, today: TODAY })).toEqual(receipt);
		expect(await sim.upstream.eReceipts.receiptOf(notice.noticeNo)).toEqual(receipt);
	});
});
