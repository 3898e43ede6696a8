// Cold start of the built server (`node build`) to its first 200 answer.
// Target: ≤ 1.5 s on this 2-core machine, both on a first start (databases created, migrated,
// demo data seeded) and on a restart over existing files.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentiles, type Percentiles } from './stats';

const RUNS = 5;
const TARGET_MS = 1500;
const PORT = 4390;

if (!existsSync('build/index.js')) {
	console.log('building the server first…');
	if (spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

async function startOnce(dir: string): Promise<number> {
	const started = performance.now();
	const child = spawn(process.execPath, ['build'], {
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			SIFEE_MODE: 'demo',
			SIFEE_DB: join(dir, 'terminal.db'),
			SIFEE_UPSTREAM_DB: join(dir, 'upstream-sim.db')
		},
		stdio: 'ignore'
	});
	try {
		for (;;) {
			if (performance.now() - started > 20_000) throw new Error('server did not answer within 20 s');
			try {
				const res = await fetch(`http://127.0.0.1:${PORT}/healthz`);
				if (res.status === 200) return performance.now() - started;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 5));
		}
	} finally {
		child.kill('SIGTERM');
		await new Promise((r) => child.once('exit', r));
	}
}

const first: number[] = [];
const restart: number[] = [];
for (let i = 0; i < RUNS; i++) {
	const dir = mkdtempSync(join(tmpdir(), 'sifee-cold-'));
	try {
		first.push(await startOnce(dir));
		restart.push(await startOnce(dir));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

let ok = true;
const line = (label: string, p: Percentiles) => {
	const pass = p.max <= TARGET_MS;
	ok &&= pass;
	console.log(`${label}: n=${p.n} median=${p.p50.toFixed(0)} ms worst=${p.max.toFixed(0)} ms  target worst ≤ ${TARGET_MS} ms: ${pass ? 'PASS' : 'FAIL'}`);
};
line('cold start, first start (create, migrate, seed)', percentiles(first));
line('cold start, restart over existing files', percentiles(restart));
process.exitCode = ok ? 0 : 1;
