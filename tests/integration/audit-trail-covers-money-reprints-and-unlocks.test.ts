// Issue 13, item 2: the acts the trail must hold beyond those audited before it existed: every
// ledger movement with the row it wrote, each reprint (with the supervisor who allowed a second),
// an unlock with the lock before and after; and the supervisor's page reads it a page at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { at, clerkAt, declareAt, until } from './sessions/flow-helpers';
import { REPRINT_ACTION, sendEvent, sendWithOverride } from '../../src/lib/server/services/window-sessions';
import { clerkOperator } from '../../src/lib/server/auth/operator';
import { LEDGER_AUDIT } from '../../src/lib/server/db/ledger-repo';
import { verifyJournalChain } from '../../src/lib/server/db/audit-chain';

describe('the audit trail holds every money movement, reprint and unlock', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	let sessionId: string;
	beforeAll(async () => {
		rt = await tempRuntime();
		const clerk = clerkAt(rt, 'clerk01', 3);
		const d = await declareAt(rt, clerk);
		sessionId = d.id;
		sendEvent(rt.services.windowSessions, clerkOperator(clerk), d.id, { type: 'CHOOSE', channel: 'pos' });
		await until(rt, d.id, at('receipt', 'printed'));
		sendEvent(rt.services.windowSessions, clerkOperator(clerk), d.id, { type: 'REPRINT' });
		await until(rt, d.id, (x) => x.child?.step === 'printed' && x.child.context.copy === 1);
		await sendWithOverride(
			rt.services.windowSessions,
			clerkOperator(clerk),
			d.id,
			{ type: 'REPRINT' },
			{ login: 'super01', password: 'super1234', reason: '缴费人遗失回单' }
		);
		await until(rt, d.id, (x) => x.child?.step === 'printed' && x.child.context.copy === 2);
	}, 30_000);
	afterAll(() => rt.dispose());

	it('writes each ledger row to the trail in the same transaction, with the row as it was written', () => {
		const [sale] = rt.ledger.ofSession(sessionId);
		const rows = rt.repos.audit.byAction(LEDGER_AUDIT.moved);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ clerkName: clerkAt(rt, 'clerk01', 3).displayName, windowNo: 3, subject: sale.declarationNo });
		expect(rows[0].detail).toEqual({ ledgerId: sale.id, kind: 'card_sale', key: sale.key, amountFen: sale.amountFen });
		const after = rt.journal.prepare<[string], { after: string }>(`SELECT after_json AS after FROM audit_log WHERE action = ?`).get(LEDGER_AUDIT.moved)!;
		expect(JSON.parse(after.after)).toMatchObject({ id: sale.id, kind: 'card_sale', amountFen: sale.amountFen, voucherNo: null, windowNo: 3 });
		// Booked upstream, the sale's voucher number is written later, and that too is on the trail.
		expect(rt.repos.audit.byAction(LEDGER_AUDIT.voucherBooked).map((r) => [r.subject, r.windowNo])).toEqual([[sale.voucherNo, 3]]);
	});

	it('writes each reprint, the second with the supervisor who allowed it', () => {
		const reprints = rt.repos.audit.byAction(REPRINT_ACTION).reverse();
		expect(reprints.map((r) => r.detail)).toEqual([
			{ reprintsBefore: 0, document: 'receipt' },
			{ reprintsBefore: 1, document: 'receipt', supervisorId: clerkAt(rt, 'super01', 3).clerkId, supervisorName: clerkAt(rt, 'super01', 3).displayName }
		]);
		expect(reprints.every((r) => r.subject === sessionId && r.windowNo === 3)).toBe(true);
	});

	it('writes an unlock with the lock before and none after', async () => {
		for (let i = 0; i < 5; i++) await rt.auth.signIn('clerk02', 'not-the-password', 4);
		expect(rt.auth.unlock(clerkAt(rt, 'super01', 1), 'clerk02')).toMatchObject({ ok: true });
		const row = rt.journal
			.prepare<[], { before: string; after: string }>(`SELECT before_json AS before, after_json AS after FROM audit_log WHERE action = 'account-unlocked'`)
			.get()!;
		expect(JSON.parse(row.before)).toMatchObject({ failedAttempts: 5, lockedUntil: expect.any(String) });
		expect(JSON.parse(row.after)).toEqual({ failedAttempts: 0, lockedUntil: null });
	});

	it('reads the trail a page at a time, newest first, with the count of all rows the filters match', () => {
		for (let i = 0; i < 7; i++) rt.repos.audit.record(rt.clock.now().toISOString(), { clerkId: null, windowNo: 6, action: 'test-print', subject: `page-${i}` });
		const first = rt.repos.audit.trail({ windowNo: 6, action: 'test-print' }, { limit: 5, offset: 0 });
		const second = rt.repos.audit.trail({ windowNo: 6, action: 'test-print' }, { limit: 5, offset: 5 });
		expect(first.total).toBe(7);
		expect(first.rows.map((r) => r.subject)).toEqual(['page-6', 'page-5', 'page-4', 'page-3', 'page-2']);
		expect(second.rows.map((r) => r.subject)).toEqual(['page-1', 'page-0']);
		expect(rt.repos.audit.trail({ subject: 'page-3' }, { limit: 5, offset: 0 }).rows).toHaveLength(1);
		expect(verifyJournalChain(rt.journal)).toMatchObject({ ok: true });
	});

	it('filters by the hall’s days (UTC+8): 00:30 in the hall is the day after in UTC', () => {
		rt.repos.audit.record('2026-11-18T16:30:00.000Z', { clerkId: null, windowNo: 5, action: 'test-print', subject: 'just-after-midnight' });
		rt.repos.audit.record('2026-11-18T15:59:59.000Z', { clerkId: null, windowNo: 5, action: 'test-print', subject: 'just-before-midnight' });
		const of = (day: string) => rt.repos.audit.trail({ windowNo: 5, from: day, to: day }, { limit: 10, offset: 0 }).rows.map((r) => r.subject);
		expect(of('2026-11-19')).toEqual(['just-after-midnight']);
		expect(of('2026-11-18')).toEqual(['just-before-midnight']);
	});
});
