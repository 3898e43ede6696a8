import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` callback that marks the form busy until the answer is in (so its button cannot
 * fire twice) and keeps what the clerk typed when the answer is a refusal.
 */
export function busyWhileSubmitting(setBusy: (busy: boolean) => void, options: { invalidateAll?: boolean } = {}): SubmitFunction {
	return () => {
		setBusy(true);
		return async ({ update }) => {
			await update({ reset: false, invalidateAll: options.invalidateAll ?? true });
			setBusy(false);
		};
	};
}
