import { getContext, setContext } from 'svelte';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * The latest refusal of something the clerk sent on the session screen (a field the schema
 * refused, a step that has just passed). The page shows it instead of the step's older error, so
 * a refused tender says its own reason; the next view of the session clears it.
 */
export class SessionRefusal {
	message = $state<string | null>(null);
}

const KEY = Symbol('session-refusal');

export function provideSessionRefusal(): SessionRefusal {
	return setContext(KEY, new SessionRefusal());
}

export function sessionRefusal(): SessionRefusal | undefined {
	return getContext<SessionRefusal | undefined>(KEY);
}

/**
 * `use:enhance` callback of a form that sends one event to the session: busy until answered (so
 * it cannot fire twice), what the clerk typed kept, a refusal said in the page's place for it
 * (or by `say` where there is none), and no reload: the event stream brings the next view.
 */
export function sendingEvent(setBusy: (busy: boolean) => void, say: (message: string | null) => void): SubmitFunction {
	const refusal = sessionRefusal();
	const tell = (message: string | null) => (refusal ? (refusal.message = message) : say(message));
	return () => {
		setBusy(true);
		tell(null);
		return async ({ result, update }) => {
			if (result.type === 'failure') tell(String(result.data?.message ?? SEND_TEXT.failed));
			await update({ reset: false, invalidateAll: false });
			setBusy(false);
		};
	};
}

export const SEND_TEXT = { failed: '操作未成功' } as const;
