import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '../../state-machines');

describe('the machines are pure: xstate, each other and the domain core only; no clock, no randomness', () => {
	const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

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
			const ok =
				spec === 'xstate' ||
				(spec.startsWith('./') && !spec.includes('..')) ||
				/^\.\.\/src\/lib\/domain\/[a-z-]+$/.test(spec);
			expect(ok, `${file} imports ${spec}`).toBe(true);
		}
		expect(source).not.toMatch(/\bDate\.now\(|new Date\(|Math\.random\(|process\.|console\.|\$lib/);
	});
});
