import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { tempUpstream } from './sim';

const ROOT = resolve(__dirname, '../../..');
const UPSTREAM = join(ROOT, 'src/lib/server/upstream');

/** The method names of each interface declared in a file, read with the TypeScript parser. */
function interfaceMembers(file: string): Map<string, string[]> {
	const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
	const members = new Map<string, string[]>();
	for (const statement of source.statements) {
		if (!ts.isInterfaceDeclaration(statement)) continue;
		members.set(
			statement.name.text,
			statement.members.flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : []))
		);
	}
	return members;
}

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

describe('the upstream interface a terminal calls holds no simulator-only method', () => {
	const terminal = interfaceMembers(join(UPSTREAM, 'types.ts'));
	const feed = interfaceMembers(join(UPSTREAM, 'feed.ts'));
	const feedOnly = [...(feed.get('AgencyPushes') ?? []), ...(feed.get('CoreTaxBooking') ?? [])];
	const sim = tempUpstream();
	afterAll(() => sim.dispose());

	it('the agencies’ pushes and tax’s booking run are declared apart from CoreTax, AgencyFeed and BankGateway', () => {
		expect(feedOnly).toEqual(expect.arrayContaining(['receiveRegistration', 'receiveChange', 'receiveCancellation', 'receiveAssessedDue', 'bookPayments']));
		const terminalMethods = ['CoreTax', 'AgencyFeed', 'BankGateway'].flatMap((name) => terminal.get(name) ?? []);
		expect(terminalMethods).toContain('recordPayment');
		expect(terminalMethods.filter((m) => feedOnly.includes(m))).toEqual([]);
	});

	it('no terminal code calls them: only the simulator, its seed and the tests', () => {
		const calls = new RegExp(`\\.(${feedOnly.join('|')})\\(`);
		const callers = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'drivers')), ...sources(join(ROOT, 'state-machines'))]
			.filter((f) => !f.startsWith(join(UPSTREAM, 'simulator')) && !f.startsWith(join(ROOT, 'src/lib/server/demo')))
			.filter((f) => calls.test(readFileSync(f, 'utf8')));
		expect(callers).toEqual([]);
	});

	it('the simulator offers both', () => {
		for (const name of ['receiveRegistration', 'receiveChange', 'receiveCancellation', 'receiveAssessedDue'] as const) {
			expect(typeof sim.upstream.agencyFeed[name]).toBe('function');
		}
		expect(typeof sim.upstream.coreTax.bookPayments).toBe('function');
		expect(typeof sim.upstream.coreTax.recordPayment).toBe('function');
	});
});
