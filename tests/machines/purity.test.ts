import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const DIR = join(__dirname, '../../state-machines');
const ROOT = join(DIR, '..');

describe('the machines are pure: xstate, each other and the domain core only; no clock, no randomness', () => {
	// A machine split over a folder (payment/) is held to the same rule, file by file.
	const files = readdirSync(DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

	it('has one file per flow', () => {
		expect(files).toEqual(
			expect.arrayContaining([
				'registration-link.machine.ts',
				'declaration.machine.ts',
				'payment.machine.ts',
				'receipt-print.machine.ts',
				'certificate.machine.ts',
				'refund-guidance.machine.ts',
				'counter-session.machine.ts'
			])
		);
	});

	it.each(files)('%s', (file) => {
		const source = readFileSync(join(DIR, file), 'utf8');
		const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
		for (const spec of specifiers) {
			const target = relative(ROOT, resolve(dirname(join(DIR, file)), spec)).replaceAll('\\', '/');
			const ok = spec === 'xstate' || (spec.startsWith('.') && target.startsWith('state-machines/')) || /^src\/lib\/domain\/[a-z-]+$/.test(target);
			expect(ok, `${file} imports ${spec}`).toBe(true);
		}
		expect(source).not.toMatch(/\bDate\.now\(|new Date\(|Math\.random\(|process\.|console\.|\$lib/);
	});
});
