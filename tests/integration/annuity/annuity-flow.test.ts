// Issue 12, items 4 to 6 at the service: the notice printed for a linked institution, the
// custodian statement imported (file in GBK or UTF-8, or the feed) and matched, exceptions
// returned or matched by hand with a supervisor on the spot (only to a notice it completes
// exactly), arrival confirmed, the e-receipt issued and printed, the refund slip, every decision
// audited; and the cancellation dead end gone.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempRuntime } from '../temp-runtime';
import { at, clerkAt, payerId, until } from '../sessions/flow-helpers';
import { pdfText } from '../../unit/drivers/pdf-text';
import { receiptLines } from '../../../drivers';
import {
	ANNUITY_AUDIT,
	ANNUITY_TEXT,
	annuityOverview,
	confirmArrival,
	fetchStatementFeed,
	handMatch,
	importStatementFile,
	payerAnnuity,
	printNotice,
	printReceipt,
	printRefundSlip,
	returnTransfer,
	STATEMENT_HEADER
} from '../../../src/lib/server/services/annuity';
import { OVERRIDE_AUDIT, OVERRIDE_TEXT } from '../../../src/lib/server/auth/override';
import { AUTH_TEXT, type SignedInClerk } from '../../../src/lib/server/auth/auth-service';
import { startCounterSession } from '../../../src/lib/server/services/window-sessions';
import { clerkOperator } from '../../../src/lib/server/auth/operator';
import type { AgencyPushes } from '../../../src/lib/server/upstream/feed';

const SCHOOL = '太原市示例中学';

describe('occupational annuity at the window', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	let clerk: SignedInClerk;
	let school: number;
	beforeEach(async () => {
		rt = await tempRuntime();
		clerk = clerkAt(rt, 'clerk01', 3);
		school = await payerId(rt, SCHOOL);
	});
	afterEach(() => rt.dispose());

	const d = () => rt.services.annuity;
	const forms = () => (existsSync(join(rt.dir, 'forms')) ? readdirSync(join(rt.dir, 'forms')).sort() : []);
	const formText = (name: string) => pdfText(readFileSync(join(rt.dir, 'forms', name))).replace(/\n/g, '');
	const csv = (rows: string[][]) => [STATEMENT_HEADER.join(','), ...rows.map((r) => r.join(','))].join('\r\n');
	const file = (text: string, encoding: 'utf8' | 'gbk' = 'utf8') => ({ name: '归集户流水.csv', bytes: new Uint8Array(iconv.encode(text, encoding)) });
	const supervisor = { login: 'super01', password: 'super1234', reason: '附言多写了文字，单位来电确认' };

	/** Prints this month's notice of the school and answers it. */
	async function thisMonthsNotice() {
		const a = await payerAnnuity(d(), school);
		if (a.kind !== 'linked') throw new Error('school not linked');
		const open = a.dues.find((x) => x.notice === null)!;
		const printed = await printNotice(d(), clerk, school, open.due.id);
		return { ...printed, amountFen: open.due.amountFen };
	}

	it('the notice of a linked institution is issued once and printed; the next copy is marked 补打', async () => {
		const first = await thisMonthsNotice();
		expect(first.reprint).toBe(false);
		const [pdf] = forms();
		expect(formText(pdf)).toContain(`职业年金缴费通知单`);
		expect(formText(pdf)).toContain(first.noticeNo);
		expect(formText(pdf)).not.toContain('（补打）');
		const a = await payerAnnuity(d(), school);
		const due = a.kind === 'linked' ? a.dues.find((x) => x.notice?.noticeNo === first.noticeNo)! : null;
		const again = await printNotice(d(), clerk, school, due!.due.id);
		expect(again).toEqual({ noticeNo: first.noticeNo, reprint: true });
		expect(forms()).toHaveLength(2);
		expect(
			forms()
				.map(formText)
				.filter((t) => t.includes('职业年金缴费通知单（补打）'))
		).toHaveLength(1);
		expect(rt.repos.audit.byAction(ANNUITY_AUDIT.noticePrinted).map((r) => (r.detail as { reprint: boolean }).reprint)).toEqual([true, false]);
		// The second reprint of the same notice needs the supervisor on the spot.
		await expect(printNotice(d(), clerk, school, due!.due.id)).rejects.toThrow(OVERRIDE_TEXT.needed('second-reprint'));
		expect(forms()).toHaveLength(2);
		await printNotice(d(), clerk, school, due!.due.id, supervisor);
		expect(forms()).toHaveLength(3);
	});

	it('an institution whose annuity record is not linked gets no notice, with the reason', async () => {
		const office = await payerId(rt, '太原市小店区示例街道办事处');
		const pushes = rt.upstream.agencyFeed as unknown as AgencyPushes;
		const { identifier } = (await rt.upstream.coreTax.payer(office))!;
		await pushes.receiveRegistration({
			key: 'k-reg',
			agency: 'social',
			agencyNo: 'S900000001',
			payerIdentifier: identifier,
			payerName: '示例街道（名称不一致）',
			items: ['ANNUITY'],
			receivedOn: '2026-11-20'
		});
		const a = await payerAnnuity(d(), office);
		expect(a).toMatchObject({ kind: 'unlinked' });
		expect(a.kind === 'unlinked' && a.message).toContain('未进行参保登记信息关联');
	});

	it('a statement file in GBK is imported, matched by remark and sum, and each transfer is kept once', async () => {
		const n = await thisMonthsNotice();
		const rows = [
			['T001', '14070000900005', SCHOOL, (n.amountFen / 100).toFixed(2), '2026-11-10', n.noticeNo],
			['T002', '14070000900005', SCHOOL, '500.00', '2026-11-11', '八月职业年金']
		];
		const r = await importStatementFile(d(), clerk, file(csv(rows), 'gbk'));
		expect(r).toEqual({ rows: 2, added: 2, matched: 1, partial: 0, exceptions: 1 });
		const o = await annuityOverview(d());
		expect(o.toConfirm.map((x) => [x.noticeNo, x.transfers.map((t) => t.transferId)])).toEqual([[n.noticeNo, ['T001']]]);
		expect(o.exceptions.map((x) => [x.transferId, x.exceptionCode, x.payerName])).toEqual([['T002', 'REMARK_INVALID', SCHOOL]]);
		// The same file again adds nothing.
		expect(await importStatementFile(d(), clerk, file(csv(rows)))).toMatchObject({ rows: 2, added: 0 });
		expect(rt.repos.audit.byAction(ANNUITY_AUDIT.statementImported)).toHaveLength(2);
	});

	it('a statement file with a bad row is refused whole, naming the row', async () => {
		const bad = csv([
			['T1', 'A', SCHOOL, '12.3x', '2026-11-10', '1877101'],
			['T2', 'A', SCHOOL, '10.00', '2026/13/01', '1877101']
		]);
		await expect(importStatementFile(d(), clerk, file(bad))).rejects.toThrow(/第1行：金额不正确.*第2行：转账日期/);
		await expect(importStatementFile(d(), clerk, file('流水号,金额\r\n1,2'))).rejects.toThrow(ANNUITY_TEXT.header(STATEMENT_HEADER.join(',')));
		expect((await annuityOverview(d())).exceptions).toEqual([]);
	});

	it('the custodian feed brings last month’s transfers: two that add up to the notice, two exceptions', async () => {
		expect(await fetchStatementFeed(d(), clerk)).toEqual({ rows: 4, added: 4, matched: 2, partial: 0, exceptions: 2 });
		const o = await annuityOverview(d());
		expect(o.toConfirm.map((x) => x.noticeNo)).toEqual(['1877101']);
		expect(o.exceptions.map((x) => x.remark)).toEqual(['１８７７１０１', '八月职业年金']);
	});

	it('an exception is returned to the sender with the reason, and the decision is audited', async () => {
		await fetchStatementFeed(d(), clerk);
		const [fullWidth] = (await annuityOverview(d())).exceptions;
		expect(() => returnTransfer(d(), clerk, fullWidth.transferId, ' ')).toThrow(ANNUITY_TEXT.reasonMissing);
		returnTransfer(d(), clerk, fullWidth.transferId, '附言使用全角数字，退回付款单位重新转账');
		const o = await annuityOverview(d());
		expect(o.returned.map((t) => t.transferId)).toEqual([fullWidth.transferId]);
		expect(o.exceptions).toHaveLength(1);
		expect(() => returnTransfer(d(), clerk, fullWidth.transferId, '再退一次')).toThrow(ANNUITY_TEXT.notAnException);
		const [row] = rt.repos.audit.byAction(ANNUITY_AUDIT.returned);
		expect(row).toMatchObject({ subject: fullWidth.transferId, windowNo: 3 });
		expect(row.detail).toMatchObject({ reason: '附言使用全角数字，退回付款单位重新转账', code: 'REMARK_INVALID' });
		// A later matching leaves a returned transfer alone.
		await fetchStatementFeed(d(), clerk);
		expect(rt.services.annuity.annuity.transfer(fullWidth.transferId)!.state).toBe('returned');
	});

	it('a hand match needs the supervisor on the spot and only completes a notice exactly', async () => {
		const n = await thisMonthsNotice();
		await importStatementFile(
			d(),
			clerk,
			file(
				csv([
					['P1', 'A', SCHOOL, ((n.amountFen - 10_000) / 100).toFixed(2), '2026-11-10', n.noticeNo],
					['P2', 'A', SCHOOL, '100.00', '2026-11-11', `通知单编号 ${n.noticeNo}`],
					['P3', 'A', SCHOOL, '99.00', '2026-11-12', '八月职业年金']
				])
			)
		);
		let o = await annuityOverview(d());
		expect(o.partial.map((t) => [t.transferId, t.missingFen])).toEqual([['P1', 10_000]]);
		// 99 yuan does not complete the 100 yuan still missing: refused before any supervisor is asked.
		await expect(handMatch(d(), clerk, { transferId: 'P3', noticeNo: n.noticeNo, ...supervisor })).rejects.toThrow('恰好补足');
		expect(rt.repos.audit.byAction(OVERRIDE_AUDIT.refused)).toEqual([]);
		await expect(handMatch(d(), clerk, { transferId: 'P2', noticeNo: n.noticeNo, ...supervisor, password: 'wrong' })).rejects.toThrow(AUTH_TEXT.notSupervisor);
		expect(rt.repos.audit.byAction(OVERRIDE_AUDIT.refused)).toHaveLength(1);
		expect(rt.services.annuity.annuity.transfer('P2')!.state).toBe('exception');

		await handMatch(d(), clerk, { transferId: 'P2', noticeNo: n.noticeNo, ...supervisor });
		const [granted] = rt.repos.audit.byAction(OVERRIDE_AUDIT.granted);
		expect(granted.detail).toMatchObject({ act: 'annuity-hand-match', transferId: 'P2', noticeNo: n.noticeNo, clerkName: clerk.displayName });
		const [matched] = rt.repos.audit.byAction(ANNUITY_AUDIT.handMatched);
		expect(matched.detail).toMatchObject({ noticeNo: n.noticeNo, with: ['P1'], supervisorName: '赵敏（演示值班长）' });
		o = await annuityOverview(d());
		expect(o.toConfirm).toMatchObject([{ noticeNo: n.noticeNo, byHand: true }]);
		expect(o.toConfirm[0].transfers.map((t) => t.transferId)).toEqual(['P1', 'P2']);
		expect(o.exceptions.map((t) => t.transferId)).toEqual(['P3']);
	});

	it('arrival confirmed: the notice is settled upstream, the e-receipt issued and printed once, a reprint marked', async () => {
		await fetchStatementFeed(d(), clerk);
		await expect(confirmArrival(d(), clerk, '1877999')).rejects.toThrow(ANNUITY_TEXT.noticeNotFound('1877999'));
		const { receiptNo } = await confirmArrival(d(), clerk, '1877101');
		expect((await rt.upstream.annuityCollection.notice('1877101'))!.settledOn).toBe('2026-11-20');
		const [pdf] = forms();
		const t = formText(pdf);
		for (const s of ['财政电子票据', receiptNo, SCHOOL, '1877101']) expect(t).toContain(s);
		const o = await annuityOverview(d());
		expect(o.toConfirm).toEqual([]);
		expect(o.confirmed).toMatchObject([{ noticeNo: '1877101', receiptNo }]);
		expect(rt.repos.audit.byAction(ANNUITY_AUDIT.confirmed)).toHaveLength(1);
		// Confirmed twice (a double click) is the same receipt, not printed again; the upstream is not asked again.
		expect(await confirmArrival(d(), clerk, '1877101')).toEqual({ receiptNo });
		expect(forms()).toHaveLength(1);
		expect(rt.repos.audit.byAction(ANNUITY_AUDIT.confirmed)).toHaveLength(1);
		// The first reprint is the clerk's own, marked 补打; the second needs the supervisor on the spot.
		const marked = () =>
			forms()
				.map(formText)
				.filter((x) => x.includes('（补打）')).length;
		await printReceipt(d(), clerk, '1877101');
		expect(marked()).toBe(1);
		await expect(printReceipt(d(), clerk, '1877101')).rejects.toThrow(OVERRIDE_TEXT.needed('second-reprint'));
		await printReceipt(d(), clerk, '1877101', supervisor);
		expect(marked()).toBe(2);
		expect(rt.repos.audit.byAction(ANNUITY_AUDIT.receiptPrinted)[0].detail).toMatchObject({ reprint: true, supervisorName: '赵敏（演示值班长）' });
		// A transfer for it after the confirmation is a duplicate.
		await importStatementFile(d(), clerk, file(csv([['LATE1', 'A', SCHOOL, '10.00', '2026-11-12', '1877101']])));
		expect((await annuityOverview(d())).exceptions.find((x) => x.transferId === 'LATE1')!.exceptionCode).toBe('NOTICE_SETTLED');
	});

	it('a confirmation whose answer was lost is repeated under the same key: the notice is settled once, its transfers kept meanwhile', async () => {
		await fetchStatementFeed(d(), clerk);
		rt.upstream.faults!.set('annuityCollection.confirmArrival', { mode: 'answerLost', times: 1, delayMs: 5 });
		await expect(confirmArrival(d(), clerk, '1877101')).rejects.toThrow('办理结果未知');
		expect((await rt.upstream.annuityCollection.notice('1877101'))!.settledOn).toBe('2026-11-20');
		expect(rt.intents.get('annuity-confirm:1877101')!.status).toBe('unknown');
		// A statement matched again meanwhile leaves its transfers matched to it, not duplicates of a settled notice.
		await fetchStatementFeed(d(), clerk);
		expect((await annuityOverview(d())).toConfirm.map((n) => n.noticeNo)).toEqual(['1877101']);
		const { receiptNo } = await confirmArrival(d(), clerk, '1877101');
		expect(rt.intents.get('annuity-confirm:1877101')!.status).toBe('succeeded');
		expect(rt.repos.audit.byAction(ANNUITY_AUDIT.confirmed)).toHaveLength(1);
		expect((await annuityOverview(d())).confirmed).toMatchObject([{ noticeNo: '1877101', receiptNo }]);
	});

	it('the refund slip sends the institution to the social security agency with each document in two copies', async () => {
		await printRefundSlip(d(), clerk, school);
		const lines = receiptLines(rt.devices.simulated!.printer.printed().at(-1)!.receipt).join('\n');
		for (const s of [
			'职业年金退（抵）费指引',
			'社保经办机构受理并退还',
			'机关事业单位职业年金退费申请 2份',
			'职业年金缴费证明 2份',
			'《社会保险费核定通知单》 2份'
		])
			expect(lines).toContain(s);
	});

	it('an institution owing only annuity is told at cancellation that annuity is settled by notice and transfer', async () => {
		// The school's regular dues of this month paid first: only annuity is owed then.
		const regular = (await rt.upstream.agencyFeed.assessedDuesOf((await rt.upstream.coreTax.payer(school))!)).filter(
			(x) => x.state === 'open' && x.item.code !== 'ANNUITY'
		);
		const decl = await rt.upstream.coreTax.declare({ key: 'k-decl', payerId: school, dueIds: regular.map((x) => x.id), today: '2026-11-20' });
		await rt.upstream.coreTax.recordPayment({
			key: 'k-pay',
			declarationNo: decl.declarationNo,
			channel: 'cash',
			amountFen: decl.totalFen,
			paidOn: '2026-11-20',
			details: {}
		});
		const id = await startCounterSession(rt.services.windowSessions, clerkOperator(clerk), school, 'cancellation');
		const v = await until(rt, id, at('declaring', 'selecting'));
		expect(v.context.notice).toContain('职业年金不在窗口申报');
		expect(v.context.notice).not.toContain('可在本窗口直接申报缴纳');
	});
});
