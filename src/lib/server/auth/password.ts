import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt parameters stored with each hash so they can be raised later without a reset.
const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

// One derivation at a time: each takes 128·N·r bytes (16 MB) off the heap on a thread-pool thread, so
// fifty sign-ins at once would hold 64 MB (one per pool thread) and leave every other pool task waiting.
let queue: Promise<unknown> = Promise.resolve();

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
	const next = queue.then(
		() =>
			new Promise<Buffer>((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))))
	);
	queue = next.catch(() => undefined);
	return next;
}

/** `scrypt$N$r$p$salt$hash`, both in base64. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, PARAMS);
	return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !hash) return false;
	const expected = Buffer.from(hash, 'base64');
	const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
	return key.length === expected.length && timingSafeEqual(key, expected);
}
