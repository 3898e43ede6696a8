/** Resolves when `check` is true, polling; rejects after `timeoutMs` with `what` in the message. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}
