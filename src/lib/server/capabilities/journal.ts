import type { Clock } from '../clock';
import type { IntentsRepo } from '../db/intents-repo';
import type { Movement } from '../db/ledger-repo';
import { UpstreamRefusedError } from '../upstream/errors';

/** The session's own id is the first part of every key the machines make. */
export const sessionOf = (key: string) => key.split(':')[0];

export interface JournalDeps {
	intents: Pick<IntentsRepo, 'begin'>;
	clock: Clock;
}

/** How every capability writes to the journal: the time, an intent begun in its window session, a movement of today. */
export function actorJournal({ intents, clock }: JournalDeps) {
	const at = () => clock.now().toISOString();
	return {
		at,
		begin: (key: string, action: string, payload: unknown) => intents.begin({ key, windowSessionId: sessionOf(key), action, payload }, at()),
		/** A movement made by the call with this key, in its window session, dated today. */
		movement: (key: string, m: Omit<Movement, 'key' | 'by' | 'businessDate'>): Movement => ({
			...m,
			key,
			by: { windowSessionId: sessionOf(key) },
			businessDate: clock.today()
		})
	};
}

/** The refusal of a business rule becomes an answer; anything else stays an unknown outcome. */
export async function refusalAsAnswer<T>(work: () => Promise<T>, refused: (e: UpstreamRefusedError) => T): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof UpstreamRefusedError) return refused(e);
		throw e;
	}
}
