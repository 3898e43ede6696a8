// Runs every bench/*.bench.ts in turn; each prints its own figures and target.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
	.filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
	.sort();
let failed = 0;
for (const file of files) {
	console.log(`\n== ${file} ==`);
	const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
	if (r.status !== 0) failed++;
}
console.log(`\n${files.length} benches ran, ${failed} failed`);
process.exit(failed ? 1 : 0);
