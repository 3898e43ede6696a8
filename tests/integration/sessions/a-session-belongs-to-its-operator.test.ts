// Issue 8, item 2: sessions and services take an Operator — a clerk at a window or a kiosk known
// by its key. A session belongs to the operator that started it: a clerk's to the clerk's window,
// a kiosk's to that very kiosk, and nobody else may see or work it. The journal keeps the owner
// (window and clerk, or kiosk) on the session's row, exactly one of the two.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { tempRuntime } from '../temp-runtime';
import { clerkAt, declareAt } from './flow-helpers';
import { clerkOperator, type Operator } from '../../../src/lib/server/auth/operator';
import { operatorOwns, type SessionKind } from '../../../src/lib/server/sessions/session-host';
import { openSessionsAt, sendEvent, startCounterSession, viewOf, WINDOW_SESSION_TEXT } from '../../../src/lib/server/services/window-sessions';
import { journalMigrations } from '../../../src/lib/server/db/migrations';
import { migrate } from '../../../src/lib/server/db/migrator';

const KIOSK_SESSION = 'kioskVisit';
const kioskMachine = setup({ types: { input: {} as { kioskId: string }, context: {} as { kioskId: string } } }).createMachine({
	id: KIOSK_SESSION,
	context: ({ input }) => ({ kioskId: input.kioskId }),
	initial: 'reading',
	states: { reading: {} }
});
const kioskKind: SessionKind<typeof kioskMachine, { step: string }> = { machine: kioskMachine, screen: () => ({ step: 'reading' }) };
const hall1: Operator = { kind: 'kiosk', kioskId: 'hall-1' };
const hall2: Operator = { kind: 'kiosk', kioskId: 'hall-2' };

describe('a session belongs to the operator who started it', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime<{ [KIOSK_SESSION]: typeof kioskKind }>>>;
	beforeAll(async () => {
		rt = await tempRuntime({}, undefined, { extraKinds: { [KIOSK_SESSION]: kioskKind } });
	});
	afterAll(() => rt.dispose());

	it("a clerk's session is saved with its window and clerk, and only that window's operator sees it", async () => {
		const clerk = clerkAt(rt, 'clerk01', 3);
		const visit = await declareAt(rt, clerk);
		expect(rt.sessions.ownerOf(visit.id)).toEqual({ windowNo: 3, clerkId: clerk.clerkId, kioskId: null });
		expect(viewOf(rt, clerkOperator(clerk), visit.id).id).toBe(visit.id);
		expect(() => viewOf(rt, clerkOperator(clerkAt(rt, 'clerk02', 4)), visit.id)).toThrow(WINDOW_SESSION_TEXT.otherWindow);
		expect(() => viewOf(rt, hall1, visit.id)).toThrow(WINDOW_SESSION_TEXT.otherWindow);
		expect(() => sendEvent(rt, hall1, visit.id, { type: 'BACK' })).toThrow(WINDOW_SESSION_TEXT.otherWindow);
		expect(openSessionsAt(rt, hall1)).toEqual([]);
		expect(openSessionsAt(rt, clerkOperator(clerk)).map((s) => s.id)).toContain(visit.id);
	});

	it('a kiosk cannot start a counter business, which needs a clerk at a window', async () => {
		const payer = (await rt.upstream.coreTax.findPayers({ by: 'name', value: '太原示例机械制造有限公司' }, 1))[0];
		await expect(startCounterSession(rt, hall1, payer.id)).rejects.toThrow(WINDOW_SESSION_TEXT.windowOnly);
	});

	it("a kiosk's session is saved with the kiosk alone, and another kiosk or a clerk does not own it", () => {
		rt.sessions.start(KIOSK_SESSION, 'K-hall-1-0001', hall1, { kioskId: 'hall-1' });
		const owner = rt.sessions.ownerOf('K-hall-1-0001')!;
		expect(owner).toEqual({ windowNo: null, clerkId: null, kioskId: 'hall-1' });
		const row = rt.journal.prepare(`SELECT window_no, clerk_id, kiosk_id FROM window_sessions WHERE id = 'K-hall-1-0001'`).get();
		expect(row).toEqual({ window_no: null, clerk_id: null, kiosk_id: 'hall-1' });
		expect(rt.sessions.active(KIOSK_SESSION).map((r) => r.kioskId)).toEqual(['hall-1']);
		expect(operatorOwns(hall1, owner)).toBe(true);
		expect(operatorOwns(hall2, owner)).toBe(false);
		expect(operatorOwns(clerkOperator(clerkAt(rt, 'clerk01', 3)), owner)).toBe(false);
		expect(() => viewOf(rt, hall2, 'K-hall-1-0001')).toThrow(WINDOW_SESSION_TEXT.otherWindow);
	});

	it('the journal refuses a session row with no owner, or with both a window and a kiosk', () => {
		const insert = (windowNo: number | null, clerkId: number | null, kioskId: string | null) =>
			rt.journal
				.prepare(
					`INSERT INTO window_sessions (id, window_no, clerk_id, kiosk_id, machine, snapshot, status, started_at, updated_at)
					 VALUES (?, ?, ?, ?, 'x', '{}', 'active', '', '')`
				)
				.run(`bad-${windowNo}-${kioskId}`, windowNo, clerkId, kioskId);
		expect(() => insert(null, null, null)).toThrow(/CHECK/);
		expect(() => insert(3, 1, 'hall-1')).toThrow(/CHECK/);
		expect(() => insert(null, null, '')).toThrow(/CHECK/);
		expect(() => insert(3, null, null)).toThrow(/CHECK/);
	});
});

describe('the owner migration keeps every saved session and what refers to it', () => {
	it('rebuilds window_sessions of an earlier journal without losing rows, and intents still refer to them', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sifee-owner-'));
		try {
			const db = new Database(join(dir, 'old.db'));
			db.pragma('foreign_keys = ON');
			migrate(db, journalMigrations.slice(0, 4));
			db.prepare(`INSERT INTO windows (window_no, label, kind) VALUES (3, '3号窗口', 'counter')`).run();
			db.prepare(`INSERT INTO clerks (id, login, display_name, role, password_hash, created_at) VALUES (1, 'c1', '甲', 'clerk', 'x', 't0')`).run();
			db.prepare(
				`INSERT INTO window_sessions (id, window_no, clerk_id, machine, snapshot, status, started_at, updated_at) VALUES ('W3-1', 3, 1, 'counterSession', '{"a":1}', 'active', 't0', 't1')`
			).run();
			db.prepare(
				`INSERT INTO intents (idempotency_key, window_session_id, action, payload, status, created_at, updated_at) VALUES ('W3-1:pos', 'W3-1', 'pos.sale', '{}', 'pending', 't0', 't0')`
			).run();

			expect(migrate(db, journalMigrations)[0]).toBe(5);
			expect(db.prepare(`SELECT id, window_no, clerk_id, kiosk_id, snapshot, started_at, updated_at FROM window_sessions`).all()).toEqual([
				{ id: 'W3-1', window_no: 3, clerk_id: 1, kiosk_id: null, snapshot: '{"a":1}', started_at: 't0', updated_at: 't1' }
			]);
			expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
			expect(db.pragma('foreign_key_check')).toEqual([]);
			// The intent's reference still points at the rebuilt table.
			expect(() =>
				db
					.prepare(
						`INSERT INTO intents (idempotency_key, window_session_id, action, payload, status, created_at, updated_at) VALUES ('x', 'nope', 'a', '{}', 'pending', '', '')`
					)
					.run()
			).toThrow(/FOREIGN KEY/);
			db.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
