// Small drawing kit shared by the A4 forms: a document with the CJK font, and bordered rows
// of cells whose height follows their text.
import PDFDocument from 'pdfkit';
import type { CjkFont } from './cjk-font';

export const PAGE_MARGIN = 42;
export const BODY_SIZE = 9.5;
const CELL_PAD = 4;

export interface Cell {
	readonly text: string;
	readonly width: number;
	readonly align?: 'left' | 'center' | 'right';
	readonly size?: number;
}

export interface FormDoc {
	readonly doc: PDFDocument;
	readonly contentWidth: number;
	/** Resolves with the finished PDF once end() has been called. */
	readonly done: Promise<Buffer>;
}

/** 'YYYY-MM-DD' → 'YYYY年MM月DD日' (other text passes through, e.g. '长期'). */
export function chineseDate(iso: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	return m ? `${m[1]}年${m[2]}月${m[3]}日` : iso;
}

export function period(from: string, to: string): string {
	return `${from}至${to}`;
}

export function startDocument(font: CjkFont, title: string, issueDate: string): FormDoc {
	const doc = new PDFDocument({
		size: 'A4',
		margin: PAGE_MARGIN,
		autoFirstPage: false,
		// The issue date stands in for "now": the same data always gives the same bytes.
		info: { Title: title, Creator: 'sifee-counter', CreationDate: new Date(`${issueDate}T00:00:00+08:00`) }
	});
	font.attachTo(doc);
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (chunk) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	return { doc, contentWidth: 595.28 - 2 * PAGE_MARGIN, done };
}

export function newPage(doc: PDFDocument): void {
	doc.addPage({ size: 'A4', margin: PAGE_MARGIN });
	doc.font('cjk').fontSize(BODY_SIZE).fillColor('#000000');
}

/** Two-line heading: 中华人民共和国 over the form's name. Returns the y below it. */
export function heading(doc: PDFDocument, title: string, y: number, width: number): number {
	doc.fontSize(13).text('中华人民共和国', PAGE_MARGIN, y, { width, align: 'center', characterSpacing: 4 });
	doc.fontSize(19).text(title, PAGE_MARGIN, y + 20, { width, align: 'center', characterSpacing: 2 });
	doc.fontSize(BODY_SIZE);
	return y + 52;
}

/** A line with text at the left and at the right edge. */
export function splitLine(doc: PDFDocument, left: string, right: string, y: number, width: number): number {
	doc.fontSize(BODY_SIZE).text(left, PAGE_MARGIN, y, { width, align: 'left' });
	doc.text(right, PAGE_MARGIN, y, { width, align: 'right' });
	return y + 16;
}

export function rowHeight(doc: PDFDocument, cells: readonly Cell[], minHeight: number): number {
	let height = minHeight;
	for (const cell of cells) {
		doc.fontSize(cell.size ?? BODY_SIZE);
		height = Math.max(height, doc.heightOfString(cell.text || ' ', { width: cell.width - 2 * CELL_PAD }) + 2 * CELL_PAD);
	}
	doc.fontSize(BODY_SIZE);
	return height;
}

/** Draws one bordered row at y; returns its height. */
export function drawRow(doc: PDFDocument, y: number, cells: readonly Cell[], minHeight = 22): number {
	const height = rowHeight(doc, cells, minHeight);
	let x = PAGE_MARGIN;
	doc.lineWidth(0.6);
	for (const cell of cells) {
		doc.rect(x, y, cell.width, height).stroke('#000000');
		doc.fontSize(cell.size ?? BODY_SIZE);
		const inner = cell.width - 2 * CELL_PAD;
		const textHeight = doc.heightOfString(cell.text || ' ', { width: inner });
		doc.text(cell.text, x + CELL_PAD, y + (height - textHeight) / 2, { width: inner, align: cell.align ?? 'center' });
		x += cell.width;
	}
	doc.fontSize(BODY_SIZE);
	return height;
}

/** Space left on the page below y, keeping `reserve` points for what must follow. */
export function fits(doc: PDFDocument, y: number, height: number, reserve: number): boolean {
	return y + height + reserve <= doc.page.height - PAGE_MARGIN;
}

export interface Column {
	readonly label: string;
	readonly width: number;
	readonly align?: Cell['align'];
}

/**
 * Writes top to bottom over as many pages as it takes: whatever would not fit below y starts a new
 * page (the caller's `top` draws its head and returns the y under it), and a table carries on there
 * under its header again.
 */
export class PageFlow {
	y: number;

	constructor(
		readonly doc: PDFDocument,
		readonly width: number,
		private readonly top: (continued: boolean) => number
	) {
		this.y = top(false);
	}

	/** Room for `height` here, or a new page. */
	ensure(height: number): void {
		if (!fits(this.doc, this.y, height, 0)) this.y = this.top(true);
	}

	text(text: string, size = BODY_SIZE, gap = 4): void {
		this.doc.fontSize(size);
		const height = this.doc.heightOfString(text || ' ', { width: this.width });
		this.ensure(height);
		this.doc.text(text, PAGE_MARGIN, this.y, { width: this.width, align: 'left' });
		this.doc.fontSize(BODY_SIZE);
		this.y += height + gap;
	}

	row(cells: readonly Cell[], minHeight = 18): void {
		this.ensure(rowHeight(this.doc, cells, minHeight));
		this.y += drawRow(this.doc, this.y, cells, minHeight);
	}

	/** Header and rows; the header is repeated on every page the table reaches, never left alone at a page's foot. */
	table(columns: readonly Column[], rows: readonly (readonly string[])[], minHeight = 18): void {
		const header: Cell[] = columns.map((c) => ({ text: c.label, width: c.width }));
		const cellsOf = (row: readonly string[]): Cell[] => columns.map((c, i) => ({ text: row[i] ?? '', width: c.width, align: c.align }));
		const headerHeight = rowHeight(this.doc, header, minHeight);
		this.ensure(headerHeight + (rows.length > 0 ? rowHeight(this.doc, cellsOf(rows[0]), minHeight) : 0));
		this.y += drawRow(this.doc, this.y, header, minHeight);
		for (const row of rows) {
			const cells = cellsOf(row);
			if (!fits(this.doc, this.y, rowHeight(this.doc, cells, minHeight), 0)) {
				this.y = this.top(true);
				this.y += drawRow(this.doc, this.y, header, minHeight);
			}
			this.y += drawRow(this.doc, this.y, cells, minHeight);
		}
		this.y += 4;
	}
}
