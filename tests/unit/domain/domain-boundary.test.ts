import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DOMAIN_DIR = join(__dirname, '../../../src/lib/domain');
// Packages the pure core may use: no I/O in them.
const ALLOWED_PACKAGES = ['chinese-days'];

describe('the domain core is pure: imports only its own files and I/O-free packages', () => {
	const files = readdirSync(DOMAIN_DIR).filter((f) => f.endsWith('.ts'));

	it('has the files of each concern', () => {
		expect(files).toEqual(
			expect.arrayContaining(['index.ts', 'money.ts', 'resident-id.ts', 'credit-code.ts', 'calendar.ts', 'declaration-window.ts', 'annuity-remark.ts'])
		);
	});

	it.each(files)('%s', (file) => {
		const source = readFileSync(join(DOMAIN_DIR, file), 'utf8');
		const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
		for (const spec of specifiers) {
			const ok = (spec.startsWith('./') && !spec.includes('..')) || ALLOWED_PACKAGES.includes(spec);
			expect(ok, `${file} imports ${spec}`).toBe(true);
		}
		expect(source).not.toMatch(/\bDate\.now\(|new Date\(|Math\.random\(|process\.|console\./);
	});
});
