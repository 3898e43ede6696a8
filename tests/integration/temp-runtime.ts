import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type NoKinds, type Runtime, type RuntimeOptions } from '../../src/lib/server/runtime';
import type { SessionKinds } from '../../src/lib/server/sessions/session-host';
import { readConfig } from '../../src/lib/server/config';
import type { Clock } from '../../src/lib/server/clock';

/** A whole server runtime over real SQLite files in a fresh temporary folder. */
export async function tempRuntime<X extends SessionKinds = NoKinds>(
	env: Record<string, string> = {},
	clock?: Clock,
	options?: RuntimeOptions<X>
): Promise<Runtime<X> & { dir: string; dispose(): Promise<void> }> {
	const dir = mkdtempSync(join(tmpdir(), 'sifee-test-'));
	const vars = {
		SIFEE_MODE: 'test',
		SIFEE_TODAY: '2026-11-20',
		SIFEE_DB: join(dir, 'terminal.db'),
		SIFEE_UPSTREAM_DB: join(dir, 'upstream-sim.db'),
		SIFEE_FORM_OUTPUT_DIR: join(dir, 'forms'),
		...env
	};
	const runtime = await createRuntime(readConfig(vars), vars, clock, options);
	return Object.assign(runtime, {
		dir,
		async dispose() {
			await runtime.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
}
