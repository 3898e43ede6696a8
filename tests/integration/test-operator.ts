import { clerkOperator, type Operator } from '../../src/lib/server/auth/operator';

/** A clerk at a window as a session's owner, where a test needs no more of the clerk than the ids. */
export const testOperator = (windowNo: number, clerkId: number): Operator =>
	clerkOperator({ clerkId, login: `clerk${clerkId}`, displayName: `经办人${clerkId}`, role: 'clerk', windowNo, expiresAt: '2099-01-01T00:00:00.000Z' });
