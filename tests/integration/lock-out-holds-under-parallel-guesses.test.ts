// Issue 7 item 6: the lock-out holds under parallel guesses (failures are counted one after the
// other, the right password after the lock is refused), an outsider cannot tell a real login
// from an unknown one, a lock costs the same hash work, and a supervisor lifts it from a page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startBuiltServer, type BuiltServer, type RawResponse } from './built-server';
import { tempRuntime } from './temp-runtime';
import { authService } from '../../src/lib/server/auth/auth-service';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { clerksRepo } from '../../src/lib/server/db/clerks-repo';
import { authSessionsRepo } from '../../src/lib/server/db/auth-sessions-repo';
import { windowsRepo } from '../../src/lib/server/db/windows-repo';
import { auditRepo } from '../../src/lib/server/db/audit-repo';

const PARALLEL = 50;
const RIGHT_AT = 30;

/** The sign-in page's alert, with the lock's clock time blanked (two answers may straddle a minute). */
function alertOf(res: RawResponse): string {
	const m = /<p class="error" role="alert">([^<]*)<\/p>/.exec(res.body);
	return `${res.status} ${(m?.[1] ?? '').replace(/\d{2}:\d{2}/, 'HH:MM')}`;
}

describe('sign-in lock-out on the built server', () => {
	let server: BuiltServer;
	const journal = () => new Database(server.env.SIFEE_DB, { readonly: true });
	beforeAll(async () => {
		server = await startBuiltServer({ port: 4312 });
	}, 120_000);
	afterAll(() => server?.stop());

	it(`counts ${PARALLEL} parallel guesses one by one: locked at five, and the right password among them is refused`, async () => {
		const answers = await Promise.all(
			Array.from({ length: PARALLEL }, (_, i) =>
				server.raw('POST', '/signin', { form: { login: 'clerk02', password: i === RIGHT_AT ? 'demo1234' : `guess-${i}`, window: '3' } })
			)
		);
		expect(answers.filter((a) => a.status === 303)).toEqual([]);
		expect(answers[RIGHT_AT].status).toBe(423);
		const tally = answers.map(alertOf).reduce<Record<string, number>>((t, a) => ({ ...t, [a]: (t[a] ?? 0) + 1 }), {});
		expect(tally).toEqual({
			'400 工号或密码错误': 4,
			'423 账户已锁定，请于 HH:MM 后再试，或请值班长在“人员与锁定”中解除锁定': PARALLEL - 4
		});

		const db = journal();
		try {
			const row = db.prepare(`SELECT failed_attempts AS n, locked_until AS until FROM clerks WHERE login = 'clerk02'`).get() as { n: number; until: string };
			expect(row.n).toBe(5);
			expect(row.until > new Date().toISOString()).toBe(true);
			const audit = db.prepare(`SELECT action, count(*) AS n FROM audit_log WHERE subject = 'clerk02' GROUP BY action ORDER BY action`).all();
			expect(audit).toEqual([
				{ action: 'account-locked', n: 1 },
				{ action: 'sign-in-failed', n: 4 },
				{ action: 'sign-in-refused-locked', n: PARALLEL - 5 }
			]);
		} finally {
			db.close();
		}
	});

	it('answers a login that does not exist exactly as a real one, wrong password after wrong password, lock included', async () => {
		const real: string[] = [];
		const unknown: string[] = [];
		for (let i = 0; i < 6; i++) {
			real.push(alertOf(await server.raw('POST', '/signin', { form: { login: 'clerk01', password: `wrong-${i}`, window: '3' } })));
			unknown.push(alertOf(await server.raw('POST', '/signin', { form: { login: 'nobody77', password: `wrong-${i}`, window: '3' } })));
		}
		expect(unknown).toEqual(real);
		expect(real[0]).toBe('400 工号或密码错误');
		expect(real[5]).toMatch(/^423 账户已锁定/);
		expect(real.join()).not.toMatch(/再错|次/);
	});

	it('lets a supervisor lift the lock from 人员与锁定, writes who did it to the audit log, and the clerk signs in again', async () => {
		const supervisor = await server.signIn('super01', 'super1234', 5);
		// Locked by the test above: the right password is refused until someone lifts the lock.
		await expect(server.signIn('clerk02', 'demo1234')).rejects.toThrow(/refused: 423/);

		const page = await server.raw('GET', '/admin/clerks', { cookie: supervisor });
		expect(page.status).toBe(200);
		expect(page.body).toMatch(/<tr data-login="clerk02"[^>]*>(?:(?!<\/tr>)[\s\S])*已锁定，至 \d{2}:\d{2}(?:(?!<\/tr>)[\s\S])*解除锁定/);

		const unlocked = await server.raw('POST', '/admin/clerks?/unlock', { cookie: supervisor, form: { login: 'clerk02' } });
		expect(unlocked.status).toBe(200);
		expect(unlocked.body).toContain('已解除 clerk02 的锁定');
		const again = await server.raw('POST', '/admin/clerks?/unlock', { cookie: supervisor, form: { login: 'clerk02' } });
		expect(again.status).toBe(409);
		expect(again.body).toContain('clerk02 当前未被锁定');

		const clerkCookie = await server.signIn('clerk02', 'demo1234');
		expect((await server.raw('POST', '/admin/clerks?/unlock', { cookie: clerkCookie, form: { login: 'clerk01' } })).status).toBe(403);

		const db = journal();
		try {
			const rows = db
				.prepare(
					`SELECT c.login AS by, a.window_no AS windowNo, a.subject, a.detail FROM audit_log a JOIN clerks c ON c.id = a.clerk_id
					 WHERE a.action = 'account-unlocked'`
				)
				.all() as { by: string; windowNo: number; subject: string; detail: string }[];
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({ by: 'super01', windowNo: 5, subject: 'clerk02' });
			expect(JSON.parse(rows[0].detail)).toMatchObject({ failedAttempts: 5 });
			expect(db.prepare(`SELECT failed_attempts AS n, locked_until AS until FROM clerks WHERE login = 'clerk02'`).get()).toEqual({ n: 0, until: null });
		} finally {
			db.close();
		}
	});
});

describe('every refusal does the same password-hash work', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	const hashed: string[] = [];
	let auth: ReturnType<typeof authService>;
	beforeAll(async () => {
		rt = await tempRuntime();
		auth = authService({
			clock: rt.clock,
			clerks: clerksRepo(rt.journal),
			sessions: authSessionsRepo(rt.journal),
			windows: windowsRepo(rt.journal),
			audit: auditRepo(rt.journal),
			atomically: (work) => rt.journal.transaction(work).immediate(),
			sessionHours: 10,
			lockout: { attempts: 5, minutes: 15 },
			verify: (password, stored) => {
				hashed.push(stored.split('$').slice(0, 4).join('$'));
				return verifyPassword(password, stored);
			}
		});
	});
	afterAll(() => rt.dispose());

	it('derives one scrypt key, with the same cost, for an unknown login, a wrong password and a locked account', async () => {
		const cost = clerksRepo(rt.journal).byLogin('clerk01')!.passwordHash.split('$').slice(0, 4).join('$');
		const attempts: [string, string][] = [
			['nobody', 'x'],
			['clerk01', 'wrong'],
			['clerk01', 'wrong'],
			['clerk01', 'wrong'],
			['clerk01', 'wrong'],
			['clerk01', 'wrong'],
			// Locked now: a wrong and the right password are both refused after the same work.
			['clerk01', 'wrong'],
			['clerk01', 'demo1234']
		];
		const codes = [];
		for (const [login, password] of attempts) {
			const before = hashed.length;
			codes.push(((await auth.signIn(login, password, 3)) as { code?: string }).code);
			expect(hashed.length - before, `${login}/${password}`).toBe(1);
		}
		expect(codes).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'LOCKED', 'LOCKED', 'LOCKED']);
		expect(new Set(hashed)).toEqual(new Set([cost]));
	});
});
