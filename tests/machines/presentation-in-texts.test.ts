import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

// How an amount or a channel reads (formatted yuan, capitals, labels) is presentation: in the
// machines it is used only inside a feature's text object (`…_TEXTS`), never in a state's logic.
const DIR = join(__dirname, '../../state-machines');
const PRESENTATION = new Set(['formatYuan', 'amountInWords', 'CHANNEL_LABEL', 'DUE_KIND_LABEL', 'DECLARATION_STATUS_LABEL']);

/** `x.amountInWords`, `{ amountInWords: … }`: a field of that name, not the formatter. */
function isPropertyName(node: ts.Identifier): boolean {
	const parent = node.parent;
	return (ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node;
}

function usesOutsideTexts(file: string): string[] {
	const source = ts.createSourceFile(file, readFileSync(join(DIR, file), 'utf8'), ts.ScriptTarget.Latest, true);
	const found: string[] = [];
	const visit = (node: ts.Node, inTexts: boolean) => {
		if (ts.isImportDeclaration(node)) return;
		const texts = inTexts || (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text.endsWith('_TEXTS'));
		if (ts.isIdentifier(node) && PRESENTATION.has(node.text) && !texts && !isPropertyName(node)) {
			const { line } = source.getLineAndCharacterOfPosition(node.getStart());
			found.push(`${file}:${line + 1} ${node.text}`);
		}
		ts.forEachChild(node, (child) => visit(child, texts));
	};
	visit(source, false);
	return found;
}

describe('presentation in the machines lives in their text objects only', () => {
	const files = readdirSync(DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

	it('finds the text objects that format', () => {
		const texts = readFileSync(join(DIR, 'payment/texts.ts'), 'utf8');
		expect(texts).toMatch(/formatYuan\(/);
	});

	it.each(files)('%s', (file) => {
		expect(usesOutsideTexts(file)).toEqual([]);
	});
});
