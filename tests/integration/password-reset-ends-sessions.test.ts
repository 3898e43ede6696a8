// Issue 7 item 8: a password reset (`npm run clerk -- password`) left the clerk's live sessions
// valid. Resetting a password, or removing a clerk, ends every sign-in of that clerk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { clerkCommand } from '../../src/lib/server/admin/clerk-command';

describe('a new password signs out whoever used the old one', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	const cli = (args: string[], newPassword?: string) =>
		clerkCommand(args, { dbPath: rt.config.terminalDbPath, newPassword, now: rt.clock.now().toISOString() });
	const signIn = async (login: string, password: string, windowNo: number) => {
		const r = await rt.auth.signIn(login, password, windowNo);
		if (!r.ok) throw new Error(r.message);
		return r.token;
	};
	beforeAll(async () => {
		rt = await tempRuntime();
	});
	afterAll(() => rt.dispose());

	it("ends both live sessions of the clerk whose password is reset, and no one else's", async () => {
		const atThree = await signIn('clerk01', 'demo1234', 3);
		const atFour = await signIn('clerk01', 'demo1234', 4);
		const other = await signIn('clerk02', 'demo1234', 5);

		expect(await cli(['password', 'clerk01'], 'a-new-secret')).toContain('已结束其 2 个登录');

		expect(rt.auth.clerkFor(atThree)).toBeNull();
		expect(rt.auth.clerkFor(atFour)).toBeNull();
		expect(rt.auth.clerkFor(other)).toMatchObject({ login: 'clerk02' });
		expect(rt.repos.audit.byAction('password-reset')).toEqual([
			expect.objectContaining({ subject: 'clerk01', detail: { by: 'npm run clerk', sessionsEnded: 2 } })
		]);
		await expect(signIn('clerk01', 'demo1234', 3)).rejects.toThrow('工号或密码错误');
		expect(rt.auth.clerkFor(await signIn('clerk01', 'a-new-secret', 3))).toMatchObject({ login: 'clerk01' });
	});

	it('ends the sessions of a clerk who is removed, and the login no longer signs in', async () => {
		const token = await signIn('clerk02', 'demo1234', 6);
		expect(await cli(['remove', 'clerk02'])).toContain('已移除 clerk02');
		expect(rt.auth.clerkFor(token)).toBeNull();
		await expect(signIn('clerk02', 'demo1234', 6)).rejects.toThrow('工号或密码错误');
		expect(rt.repos.audit.byAction('clerk-removed')).toHaveLength(1);
	});
});
