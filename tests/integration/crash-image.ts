import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type NoKinds, type Runtime, type RuntimeOptions } from '../../src/lib/server/runtime';
import type { SessionKinds } from '../../src/lib/server/sessions/session-host';
import { readConfig } from '../../src/lib/server/config';

/**
 * The two SQLite files exactly as they are at this instant, written to a new folder: what a
 * crash right now would leave on disk (every commit so far, nothing after). Take it inside the
 * step the crash should cut, e.g. from a wrapped device call.
 */
export function crashImage(rt: Runtime): string {
	const dir = mkdtempSync(join(tmpdir(), 'sifee-crash-'));
	writeFileSync(join(dir, 'terminal.db'), rt.journal.serialize());
	writeFileSync(join(dir, 'upstream-sim.db'), rt.upstreamDb.serialize());
	return dir;
}

/** The terminal started again over a crash image (or a closed runtime's files), with fresh devices: it restores the sessions it finds. */
export async function restartOver<X extends SessionKinds = NoKinds>(
	dir: string,
	options?: RuntimeOptions<X>
): Promise<Runtime<X> & { dir: string; dispose(): Promise<void> }> {
	if (!dir) throw new Error('no crash image: the step it was to cut never ran');
	const vars = {
		SIFEE_MODE: 'test',
		SIFEE_TODAY: '2026-11-20',
		SIFEE_DB: join(dir, 'terminal.db'),
		SIFEE_UPSTREAM_DB: join(dir, 'upstream-sim.db'),
		SIFEE_FORM_OUTPUT_DIR: join(dir, 'forms')
	};
	const rt = await createRuntime(readConfig(vars), vars, undefined, options);
	return Object.assign(rt, {
		dir,
		async dispose() {
			await rt.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
}
