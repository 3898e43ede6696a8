import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// Type-only imports count: a cycle through types still ties two modules into one.
const ROOT = resolve(__dirname, '../..');
const FOLDERS = ['src', 'state-machines', 'drivers'];

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
	});
}

function resolveImport(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = join(ROOT, 'src/lib', spec.slice(5));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return null;
	for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
		if (existsSync(candidate) && statSync(candidate).isFile() && candidate.endsWith('.ts')) return candidate;
	}
	return null;
}

function importGraph(): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of FOLDERS.flatMap((f) => sources(join(ROOT, f)))) {
		const text = readFileSync(file, 'utf8');
		const specs = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gms)].map((m) => m[1]);
		graph.set(file, [...new Set(specs.map((s) => resolveImport(file, s)).filter((t): t is string => t !== null))]);
	}
	return graph;
}

function cycles(graph: Map<string, string[]>): string[][] {
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const path: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		path.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
			else if (!state.has(next)) visit(next);
		}
		path.pop();
		state.set(file, 'done');
	};
	for (const file of graph.keys()) if (!state.has(file)) visit(file);
	return found;
}

describe('no module imports itself through others (type-only imports included)', () => {
	const graph = importGraph();

	it('reads the imports of every module', () => {
		const upstreamTypes = join(ROOT, 'src/lib/server/upstream/errors.ts');
		expect(graph.get(upstreamTypes)).toContain(join(ROOT, 'src/lib/server/upstream/operations.ts'));
	});

	it('has no import cycle in src, state-machines or drivers', () => {
		const named = cycles(graph).map((c) => c.map((f) => relative(ROOT, f)).join(' → '));
		expect(named).toEqual([]);
	});
});
