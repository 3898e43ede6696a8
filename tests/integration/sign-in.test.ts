import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { authService } from '../../src/lib/server/auth/auth-service';
import { clerksRepo } from '../../src/lib/server/db/clerks-repo';
import { authSessionsRepo } from '../../src/lib/server/db/auth-sessions-repo';
import { windowsRepo } from '../../src/lib/server/db/windows-repo';
import { auditRepo } from '../../src/lib/server/db/audit-repo';
import type { Clock } from '../../src/lib/server/clock';

describe('sign-in: hashed passwords, a window per session, expiry and lock-out', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	let now = new Date('2026-11-20T01:00:00Z');
	const clock: Clock = { now: () => now, today: () => '2026-11-20', localTime: () => '2026-11-20 09:00:00' };
	let auth: ReturnType<typeof authService>;
	beforeAll(async () => {
		rt = await tempRuntime();
		auth = authService({
			clock,
			clerks: clerksRepo(rt.journal),
			sessions: authSessionsRepo(rt.journal),
			windows: windowsRepo(rt.journal),
			audit: auditRepo(rt.journal),
			atomically: (work) => rt.journal.transaction(work).immediate(),
			sessionHours: 10,
			lockout: { attempts: 5, minutes: 15 }
		});
	});
	afterAll(() => rt.dispose());

	it('stores passwords only as scrypt hashes', () => {
		const rows = rt.journal.prepare<[], { password_hash: string }>('SELECT password_hash FROM clerks').all();
		expect(rows.length).toBeGreaterThanOrEqual(3);
		for (const r of rows) {
			expect(r.password_hash).toMatch(/^scrypt\$/);
			expect(r.password_hash).not.toContain('demo1234');
		}
	});

	it('signs a demo clerk in at window 3, and the session knows clerk, role and window', async () => {
		const r = await auth.signIn('clerk01', 'demo1234', 3);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(auth.clerkFor(r.token)).toMatchObject({ login: 'clerk01', role: 'clerk', windowNo: 3 });
		const stored = rt.journal.prepare('SELECT token_hash FROM auth_sessions').all() as { token_hash: string }[];
		expect(stored.map((s) => s.token_hash)).not.toContain(r.token);
	});

	it('ends the session at sign-out and at expiry', async () => {
		const a = await auth.signIn('clerk02', 'demo1234', 4);
		const b = await auth.signIn('clerk02', 'demo1234', 4);
		if (!a.ok || !b.ok) throw new Error('sign-in failed');
		auth.signOut(a.token, a.clerk);
		expect(auth.clerkFor(a.token)).toBeNull();
		expect(auth.clerkFor(b.token)).not.toBeNull();
		now = new Date(now.getTime() + 10 * 3600_000 + 1);
		expect(auth.clerkFor(b.token)).toBeNull();
	});

	it('refuses a window that is not a counter window', async () => {
		expect(await auth.signIn('clerk01', 'demo1234', 90)).toMatchObject({ ok: false, code: 'BAD_WINDOW' });
		expect(await auth.signIn('clerk01', 'demo1234', 77)).toMatchObject({ ok: false, code: 'BAD_WINDOW' });
	});

	it('answers an unknown login the same way as a wrong password', async () => {
		const r = await auth.signIn('nobody', 'x', 3);
		expect(r).toMatchObject({ ok: false, code: 'BAD_CREDENTIALS', message: '工号或密码错误' });
	});

	it('locks the account after five wrong passwords, even against the right one, until the lock runs out', async () => {
		const answers = [];
		for (let i = 0; i < 5; i++) answers.push(await auth.signIn('super01', 'wrong', 3));
		expect(answers.slice(0, 4).map((a) => !a.ok && a.code)).toEqual(Array(4).fill('BAD_CREDENTIALS'));
		expect(answers[0]).toMatchObject({ message: '工号或密码错误' });
		expect(answers[4]).toMatchObject({ ok: false, code: 'LOCKED', message: expect.stringContaining('锁定') });
		expect(await auth.signIn('super01', 'super1234', 3)).toMatchObject({ ok: false, code: 'LOCKED' });

		now = new Date(now.getTime() + 15 * 60_000 + 1);
		expect(await auth.signIn('super01', 'super1234', 3)).toMatchObject({ ok: true });
		const audit = rt.journal.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'account-locked'`).get();
		expect(audit).toEqual({ n: 1 });
	});

	it('counts wrong passwords again from zero after a good sign-in', async () => {
		for (let i = 0; i < 4; i++) await auth.signIn('clerk02', 'wrong', 3);
		expect(await auth.signIn('clerk02', 'demo1234', 3)).toMatchObject({ ok: true });
		for (let i = 0; i < 4; i++) expect(await auth.signIn('clerk02', 'wrong', 3)).toMatchObject({ code: 'BAD_CREDENTIALS' });
		expect(await auth.signIn('clerk02', 'wrong', 3)).toMatchObject({ code: 'LOCKED' });
	});
});
