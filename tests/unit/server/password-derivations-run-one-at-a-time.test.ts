import { describe, expect, it, vi } from 'vitest';

// Counts the scrypt derivations in flight at once through the real node:crypto scrypt.
const inFlight = vi.hoisted(() => ({ now: 0, max: 0 }));
vi.mock('node:crypto', async (original) => {
	const crypto = await original<typeof import('node:crypto')>();
	const scrypt = ((...args: unknown[]) => {
		const done = args.pop() as (err: Error | null, key: Buffer) => void;
		inFlight.now++;
		inFlight.max = Math.max(inFlight.max, inFlight.now);
		(crypto.scrypt as (...a: unknown[]) => void)(...args, (err: Error | null, key: Buffer) => {
			inFlight.now--;
			done(err, key);
		});
	}) as typeof crypto.scrypt;
	return { ...crypto, scrypt, default: { ...crypto, scrypt } };
});

const { hashPassword, verifyPassword } = await import('../../../src/lib/server/auth/password');

describe('password derivations (16 MB each) run one at a time', () => {
	it('twenty sign-ins at once never hold more than one derivation', async () => {
		const stored = await hashPassword('柜员密码123');
		inFlight.max = 0;
		const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => verifyPassword(i % 2 ? '柜员密码123' : 'wrong', stored)));
		expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => i % 2 === 1));
		expect(inFlight.max).toBe(1);
	});

	it('a derivation that fails (a stored hash with bad parameters) does not stop the ones after it', async () => {
		const stored = await hashPassword('pw');
		const bad = stored.replace(/^scrypt\$16384\$/, 'scrypt$3$');
		const [broken, good] = await Promise.allSettled([verifyPassword('pw', bad), verifyPassword('pw', stored)]);
		expect(broken.status).toBe('rejected');
		expect(good).toEqual({ status: 'fulfilled', value: true });
	});
});
