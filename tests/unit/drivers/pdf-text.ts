// Reads the text back out of a pdfkit PDF (test helper): inflates the streams, maps glyph ids
// through the ToUnicode CMap, and joins each text object's TJ strings.
import { inflateSync } from 'node:zlib';

function streams(pdf: Buffer): string[] {
	const out: string[] = [];
	const text = pdf.toString('latin1');
	const re = /stream\r?\n/g;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		const start = m.index + m[0].length;
		const end = text.indexOf('endstream', start);
		try {
			out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
		} catch {
			// font programs and other binary streams that are not deflated
		}
	}
	return out;
}

function unicodeMap(cmaps: string[]): Map<number, string> {
	const map = new Map<number, string>();
	const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
	for (const cmap of cmaps) {
		for (const [, from, , list] of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
			const values = [...list.matchAll(/<([0-9a-f]+)>/gi)].map((v) => hex(v[1]));
			values.forEach((v, i) => map.set(parseInt(from, 16) + i, v));
		}
	}
	return map;
}

/** Each text object of the PDF as a string, in drawing order. */
export function pdfTextRuns(pdf: Buffer): string[] {
	const all = streams(pdf);
	const map = unicodeMap(all.filter((s) => s.includes('begincmap')));
	const runs: string[] = [];
	for (const content of all.filter((s) => s.includes(' TJ'))) {
		for (const [, array] of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
			const codes = [...array.matchAll(/<([0-9a-f]+)>/gi)].flatMap((m) => m[1].match(/.{4}/g) ?? []);
			runs.push(codes.map((c) => map.get(parseInt(c, 16)) ?? '\uFFFD').join(''));
		}
	}
	return runs;
}

export function pdfText(pdf: Buffer): string {
	return pdfTextRuns(pdf).join('\n');
}

export function pdfPageCount(pdf: Buffer): number {
	return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}
