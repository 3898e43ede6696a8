// Issue 8 item 3: what a request needs is injected on event.locals by hooks.server.ts; routes and
// components never look the runtime up through a global, and services take the narrow parts
// they use, never the whole runtime.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

function files(dir: string, ends: string[]): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return files(path, ends);
		return ends.some((e) => path.endsWith(e)) ? [path] : [];
	});
}

const read = (path: string) => readFileSync(path, 'utf8');
const rel = (path: string) => relative(ROOT, path);
/** An import of the module that held the global runtime, by alias or by relative path. */
const RUNTIME_LOOKUP = /from\s+['"](?:\$lib\/server\/app|(?:\.\.?\/)+(?:lib\/server\/)?app)['"]|\bapp\(\)/;
const RUNTIME_IMPORT = /from\s+['"][^'"]*\/runtime['"]/;

describe('routes never look up the runtime', () => {
	const pages = [...files(join(ROOT, 'src/routes'), ['.ts', '.svelte']), ...files(join(ROOT, 'src/lib/components'), ['.ts', '.svelte'])];

	it('reads every route and component', () => {
		expect(pages.map(rel)).toContain('src/routes/(staff)/counter/sessions/[sessionId]/+page.server.ts');
		expect(pages.map(rel)).toContain('src/lib/components/session/PaymentStep.svelte');
	});

	it('no route or component imports $lib/server/app or calls app()', () => {
		expect(pages.filter((p) => RUNTIME_LOOKUP.test(read(p))).map(rel)).toEqual([]);
	});

	it('no route or component imports the runtime itself', () => {
		expect(pages.filter((p) => RUNTIME_IMPORT.test(read(p))).map(rel)).toEqual([]);
	});

	it('the server routes reach what they use through locals.services', () => {
		const servers = pages.filter((p) => /\+(page|layout)\.server\.ts$|\+server\.ts$/.test(p));
		const using = servers.filter((p) => read(p).includes('locals.services'));
		// Every route that touches a service or a repository does it through locals.
		expect(using.length).toBeGreaterThanOrEqual(15);
		expect(read(join(ROOT, 'src/hooks.server.ts'))).toMatch(/event\.locals\.services = /);
	});

	it('app.ts keeps no global runtime to look up', () => {
		expect(read(join(ROOT, 'src/lib/server/app.ts'))).not.toMatch(/export function app\b|let runtime/);
	});

	it('no service takes the whole runtime', () => {
		const services = files(join(ROOT, 'src/lib/server/services'), ['.ts']);
		expect(services.length).toBeGreaterThan(5);
		expect(services.filter((p) => RUNTIME_IMPORT.test(read(p)) || /\bRuntime\b/.test(read(p))).map(rel)).toEqual([]);
	});
});
