// Prints one closing line over both runners: "N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

if (existsSync(vitestFile)) {
	const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
	passed += v.numPassedTests;
	failed += v.numFailedTests + (v.numFailedTestSuites ?? 0);
	skipped += v.numPendingTests + v.numTodoTests;
} else failed++;

if (existsSync(playwrightFile)) {
	const s = JSON.parse(readFileSync(playwrightFile, 'utf8')).stats;
	passed += s.expected;
	failed += s.unexpected + s.flaky;
	skipped += s.skipped;
} else failed++;

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
