// A pseudo-terminal pair made by socat, for tests that run the real serial code: the driver
// opens one end, a simulator the other. Stopping and restarting socat on the same link paths
// is what "pulling the cable and plugging it back" looks like to the driver.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
	/** Link paths, stable across restarts. */
	readonly a: string;
	readonly b: string;
	/** (Re)start socat: both link paths appear. */
	start(): Promise<void>;
	/** Stop socat (SIGTERM): both ends hang up and the links disappear. */
	stop(): Promise<void>;
	/** Stop and remove the folder; call in afterAll. */
	dispose(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of live) child.kill('SIGKILL');
});

export function createPtyPair(name: string): PtyPair {
	const dir = mkdtempSync(join(tmpdir(), `sifee-${name}-`));
	const a = join(dir, 'a');
	const b = join(dir, 'b');
	let child: ChildProcess | null = null;

	async function start(): Promise<void> {
		if (child) return;
		const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
			stdio: ['ignore', 'ignore', 'pipe']
		});
		child = proc;
		live.add(proc);
		let log = '';
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`socat did not start within 5 s:\n${log}`)), 5000);
			proc.once('error', (err) => {
				clearTimeout(timer);
				reject(new Error(`cannot run socat (is it installed?): ${err.message}`));
			});
			proc.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`socat exited with ${code}:\n${log}`));
			});
			proc.stderr!.on('data', (chunk: Buffer) => {
				log += chunk.toString();
				if (log.includes('starting data transfer loop') && existsSync(a) && existsSync(b)) {
					clearTimeout(timer);
					resolve();
				}
			});
		});
		proc.removeAllListeners('exit');
		proc.once('exit', () => {
			live.delete(proc);
			if (child === proc) child = null;
		});
	}

	async function stop(): Promise<void> {
		const proc = child;
		if (!proc) return;
		child = null;
		const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
		proc.kill('SIGTERM');
		const timer = setTimeout(() => proc.kill('SIGKILL'), 2000);
		await exited;
		clearTimeout(timer);
		live.delete(proc);
	}

	return {
		a,
		b,
		start,
		stop,
		async dispose() {
			await stop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
