import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../..');

describe('npm test runs the linter and the format check with the project’s own configuration', () => {
	it('runs lint and format:check after the type check, before any test', () => {
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
		expect(pkg.scripts.test).toBe('bash scripts/test.sh');
		expect(pkg.scripts.lint).toBe('eslint .');
		expect(pkg.scripts['format:check']).toBe('prettier --check .');
		const script = readFileSync(join(ROOT, 'scripts/test.sh'), 'utf8');
		const order = ['svelte-check', 'npm run lint', 'npm run format:check', 'npx vitest run', 'npx playwright test'].map((s) => script.indexOf(s));
		expect(order.every((i) => i >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});

	it('ESLint flags an unused variable in TypeScript and in Svelte, but not a field left out by rest destructuring', async () => {
		const eslint = new ESLint({ cwd: ROOT });
		const rules = async (code: string, file: string) => (await eslint.lintText(code, { filePath: join(ROOT, file) }))[0].messages.map((m) => m.ruleId);
		expect(await rules('export const f = (a: number) => { const unused = a; return a; };\n', 'drivers/example.ts')).toEqual([
			'@typescript-eslint/no-unused-vars'
		]);
		expect(await rules('<script lang="ts">\n\tconst unused: number = 1;\n</script>\n\n<p>x</p>\n', 'src/lib/components/Example.svelte')).toEqual([
			'@typescript-eslint/no-unused-vars'
		]);
		expect(
			await rules('export const f = (r: { a: number; b: number }) => {\n\tconst { a: _, ...rest } = r;\n\treturn rest;\n};\n', 'drivers/example.ts')
		).toEqual([]);
	});

	it('Prettier keeps the house style: tabs, single quotes, no trailing commas, long lines', async () => {
		const file = join(ROOT, 'drivers/example.ts');
		const options = { ...(await prettier.resolveConfig(file)), filepath: file };
		const house = "export const labels = {\n\tcard: '银行卡',\n\tcash: '现金'\n};\n";
		expect(await prettier.check(house, options)).toBe(true);
		expect(await prettier.format('export const labels = { "card": "银行卡", "cash": "现金", };', options)).toBe(
			"export const labels = { card: '银行卡', cash: '现金' };\n"
		);
		// 148 columns: beyond Prettier's default of 80, within the house's 160.
		const long = `export const text = '${'x'.repeat(60)}' + '${'y'.repeat(60)}';\n`;
		expect(long.length).toBe(149);
		expect(await prettier.check(long, options)).toBe(true);
	});
});
