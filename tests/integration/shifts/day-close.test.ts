// Issue 13, item 1: the hall's day close (日结) lists every window's Z and what is still open
// (a bank form's stub not recorded, calls not known to have ended, collectors over their limits);
// it waits for every shift to close, settles the POS against the ledger, is kept once, backs the
// journal up and prints on A4.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempRuntime } from '../temp-runtime';
import { clerkAt, declareAt, paidByCard } from '../sessions/flow-helpers';
import { closeShift } from '../../../src/lib/server/services/shifts';
import { closeDay, dayCloseReport, DAY_CLOSE_TEXT, shiftZPdf } from '../../../src/lib/server/services/day-close';
import { pdfText } from '../../unit/drivers/pdf-text';

const SUPERVISOR = { login: 'super01', password: 'super1234' };

describe('the day close of the hall', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	let cardFen: number;
	let formDeclaration: string;
	beforeAll(async () => {
		rt = await tempRuntime();
		const clerk = clerkAt(rt, 'clerk01', 3);
		const card = await paidByCard(rt, clerk);
		rt.sessions.send(card.id, { type: 'FINISH' });
		cardFen = card.totalFen;
		const form = await declareAt(rt, clerk, '山西示例建筑工程有限公司');
		formDeclaration = form.declarationNo;
		// The form is printed and handed out: the visit ends there, the money comes with the stub.
		rt.sessions.send(form.id, { type: 'CHOOSE', channel: 'bank_form' } as never);
		await vi.waitFor(() => expect(rt.ledger.formIssuedFor(form.declarationNo)).toBe(true), { timeout: 5000 });
		await vi.waitFor(() => expect(rt.sessions.active()).toEqual([]), { timeout: 5000 });
	}, 30_000);
	afterAll(() => rt.dispose());
	/** The supervisor signed in at the office's window, with no shift of their own. */
	async function supervisor() {
		const signedIn = await rt.auth.signIn('super01', 'super1234', 6);
		if (!signedIn.ok) throw new Error(signedIn.message);
		return signedIn.clerk;
	}

	it('waits for every window to close its shift, naming the windows still open', async () => {
		const report = await dayCloseReport(rt.services.dayClose);
		expect(report.open.openShifts).toMatchObject([{ windowNo: 3 }]);
		await expect(closeDay(rt.services.dayClose, await supervisor())).rejects.toMatchObject({ status: 409, message: DAY_CLOSE_TEXT.shiftsOpen([3]) });
	});

	it('after every Z: the POS settles against the ledger, the open items are listed, the day is kept once, backed up and printed', async () => {
		await closeShift(rt.services.shifts, clerkAt(rt, 'clerk01', 3), { counted: {}, supervisor: SUPERVISOR });
		const { report, printed, backup } = await closeDay(rt.services.dayClose, await supervisor());
		expect(report.windows.map((w) => [w.windowNo, w.totalFen, w.cashVarianceFen, w.signedOffBy])).toEqual([[3, cardFen, 0, '赵敏（演示值班长）']]);
		expect(report.open.unrecordedStubs).toMatchObject([{ declarationNo: formDeclaration, windowNo: 3 }]);
		expect(report.open.openShifts).toEqual([]);
		expect(report.pos).toMatchObject({ posSaleCount: 1, posSaleFen: cardFen, ledgerSaleCount: 1, ledgerNetFen: cardFen, differences: [] });
		expect(printed.ok).toBe(true);
		expect(backup.ok && existsSync(backup.file)).toBe(true);
		const a4 = readdirSync(join(rt.dir, 'forms')).find((f) => f.includes('day-close'));
		expect(a4).toBeDefined();
		expect(rt.repos.audit.byAction('day-closed')).toHaveLength(1);
		// The POS's batch is closed: a new one starts empty.
		const next = await rt.devices.posTerminal.batchDetail();
		expect(next.outcome === 'detail' && next.sales.length).toBe(0);
		await expect(closeDay(rt.services.dayClose, await supervisor())).rejects.toMatchObject({
			status: 409,
			message: DAY_CLOSE_TEXT.closedAlready('2026-11-20')
		});
		expect((await dayCloseReport(rt.services.dayClose)).closedAt).toBe(report.closedAt);
		expect(() => rt.journal.prepare(`UPDATE day_closes SET report = '{}'`).run()).toThrow('a closed day does not change');
	});

	it('the Z of a closed shift is there as A4 for the supervisor, as it was printed', async () => {
		const shift = rt.shifts.ofDate('2026-11-20').find((s) => s.windowNo === 3)!;
		const text = pdfText(await shiftZPdf(rt.services.dayClose, shift.id));
		expect(text).toContain('Z报表');
		expect(text).toContain('李晓红（演示）');
		await expect(shiftZPdf(rt.services.dayClose, 9999)).rejects.toMatchObject({ status: 404 });
	});
});
