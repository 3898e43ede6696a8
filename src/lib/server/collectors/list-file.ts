import { Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { COLLECTOR_LIST_HEADER, collectorItemName, type CheckedRow, type ListRow } from '../../domain';
import { addDays } from '../../domain/dates';

// A collector's list as a file: CSV (UTF-8 with or without BOM, or GBK/GB18030 as Excel in China saves
// it) or .xlsx. Reading yields text rows for checkListRows; writing serves the template and the report.

export type ListFormat = 'csv' | 'xlsx';

export type ListFileErrorCode = 'BAD_HEADER' | 'UNSUPPORTED' | 'EMPTY' | 'TOO_LARGE' | 'UNREADABLE';

export class ListFileError extends Error {
	readonly code: ListFileErrorCode;

	constructor(code: ListFileErrorCode, message: string) {
		super(message);
		this.name = 'ListFileError';
		this.code = code;
	}
}

/** The most data rows a list may have, and the largest file accepted. */
export const MAX_LIST_ROWS = 100_000;
export const MAX_LIST_BYTES = 64 * 1024 * 1024;

/** The two columns the report appends; a report brought back after fixing reads as a list. */
const REPORT_COLUMNS = ['结果', '原因'] as const;

const HEADER_TEXT = COLLECTOR_LIST_HEADER.join(',');
const MESSAGES = {
	unsupported: (name: string) => `不支持文件“${name}”的格式，请上传.csv或.xlsx文件（.xls请在Excel中另存为.xlsx）`,
	tooLarge: (what: string) => `文件过大（${what}），一次最多${MAX_LIST_ROWS}行，请分成几个文件上传`,
	empty: '文件是空的，请按模板填写后上传',
	noData: '文件只有表头，没有数据行',
	unreadable: (name: string, why: string) => `无法读取文件“${name}”：${why}`,
	notXlsx: '文件不是有效的.xlsx工作簿',
	encoding: '文件编码无法识别，请在Excel中另存为“CSV UTF-8”或“CSV (逗号分隔)”',
	xlsxAsCsv: '这是Excel工作簿，请把扩展名改为.xlsx，或在Excel中另存为CSV',
	badColumn: (n: number, expected: string, actual: string) => `表头第${n}列应为“${expected}”，实际为“${actual}”。表头应为：${HEADER_TEXT}`,
	missingColumns: (columns: string[]) => `表头缺少${columns.map((c) => `“${c}”`).join('、')}列。表头应为：${HEADER_TEXT}`,
	extraColumns: (columns: string[]) => `表头多出${columns.map((c) => `“${c}”`).join('、')}列，请删除。表头应为：${HEADER_TEXT}`
} as const;

/** Reads an upload: by extension (.csv/.xlsx) and content; CSV encoding detected (BOM → UTF-8; valid UTF-8; else GB18030). */
export async function readListFile(bytes: Uint8Array, fileName: string): Promise<ListRow[]> {
	const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
	if (ext !== 'csv' && ext !== 'xlsx') throw new ListFileError('UNSUPPORTED', MESSAGES.unsupported(fileName));
	if (bytes.byteLength > MAX_LIST_BYTES) throw new ListFileError('TOO_LARGE', MESSAGES.tooLarge(`${Math.ceil(bytes.byteLength / 1024 / 1024)}MB`));
	if (bytes.byteLength === 0) throw new ListFileError('EMPTY', MESSAGES.empty);
	const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
	if (ext === 'csv') {
		if (isZip) throw new ListFileError('UNREADABLE', MESSAGES.unreadable(fileName, MESSAGES.xlsxAsCsv));
		const text = decodeText(bytes);
		if (text === null) throw new ListFileError('UNREADABLE', MESSAGES.unreadable(fileName, MESSAGES.encoding));
		return listRows(csvRecords(text));
	}
	if (!isZip) throw new ListFileError('UNREADABLE', MESSAGES.unreadable(fileName, MESSAGES.notXlsx));
	try {
		return await listRows(xlsxRecords(bytes));
	} catch (e) {
		if (e instanceof ListFileError) throw e;
		throw new ListFileError('UNREADABLE', MESSAGES.unreadable(fileName, MESSAGES.notXlsx));
	}
}

/**
 * The text of a CSV: a BOM names the encoding; without one, bytes that are valid UTF-8 are UTF-8, anything else
 * GB18030 (a superset of GBK). Null when the bytes are not GB18030 either, rather than garbled text.
 */
export function decodeText(bytes: Uint8Array): string | null {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
		return text.includes('\uFFFD') ? null : text;
	}
}

/** RFC 4180 records: quoted fields with "" escapes and line breaks inside, CRLF, LF or CR line ends; comma or (Excel's “Unicode text”) tab. */
export function* csvRecords(text: string): Generator<string[]> {
	const firstLine = text.slice(0, text.search(/[\r\n]|$/));
	const sep = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
	const n = text.length;
	let i = 0;
	while (i < n) {
		const record: string[] = [];
		for (;;) {
			let field = '';
			if (text[i] === '"') {
				i++;
				for (;;) {
					const q = text.indexOf('"', i);
					if (q === -1) {
						field += text.slice(i);
						i = n;
						break;
					}
					field += text.slice(i, q);
					i = q + 1;
					if (text[i] === '"') {
						field += '"';
						i++;
					} else break;
				}
				// Anything between the closing quote and the separator is kept, as Excel does.
				const end = nextDelimiter(text, i, sep);
				field += text.slice(i, end);
				i = end;
			} else {
				const end = nextDelimiter(text, i, sep);
				field = text.slice(i, end);
				i = end;
			}
			record.push(field);
			if (text[i] === sep) {
				i++;
				continue;
			}
			if (text[i] === '\r') i++;
			if (text[i] === '\n') i++;
			break;
		}
		yield record;
	}
}

function nextDelimiter(text: string, from: number, sep: string): number {
	for (let j = from; j < text.length; j++) {
		const c = text[j];
		if (c === sep || c === '\n' || c === '\r') return j;
	}
	return text.length;
}

/** The first worksheet's rows as text, streamed (a 100,000-row list never becomes one object model). */
async function* xlsxRecords(bytes: Uint8Array): AsyncGenerator<string[]> {
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), {
		worksheets: 'emit',
		sharedStrings: 'cache',
		styles: 'cache',
		hyperlinks: 'ignore',
		entries: 'ignore'
	});
	for await (const sheet of reader) {
		let expected = 1;
		for await (const row of sheet) {
			// Rows without any cell are left out of the file; they are blank rows all the same.
			for (; expected < row.number; expected++) yield [];
			expected = row.number + 1;
			const values = row.values as unknown[];
			const record: string[] = [];
			for (let c = 1; c < values.length; c++) record.push(cellText(values[c], c - 1));
			yield record;
		}
		return;
	}
	throw new Error('no worksheet');
}

const DATE_COLUMN = COLLECTOR_LIST_HEADER.indexOf('收款日期');
const ID_COLUMN = COLLECTOR_LIST_HEADER.indexOf('身份证号码');

/** A cell as the text a person sees: dates as YYYY-MM-DD, rich text and formulas by their text and result. */
function cellText(value: unknown, column: number): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
	if (typeof value === 'number') return numberText(value, column);
	if (typeof value === 'object') {
		const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
		if (v.richText) return v.richText.map((r) => r.text).join('');
		if ('result' in v) return cellText(v.result, column);
		if (v.text !== undefined) return cellText(v.text, column);
		if (v.error !== undefined) return v.error;
	}
	return String(value);
}

function numberText(n: number, column: number): string {
	// Excel keeps 15 significant digits: an 18-digit ID typed into a number cell has lost its last digits.
	// It reads as Excel shows it (1.40105196003071E+17), which the checker refuses, never as another person's number.
	if (column === ID_COLUMN && Math.abs(n) >= 1e15) return n.toExponential().toUpperCase();
	// A date cell without a date format holds Excel's day serial (days since 1899-12-30).
	if (column === DATE_COLUMN && Number.isInteger(n) && n >= 1 && n <= 2_958_465) return addDays('1899-12-30', n);
	return String(n);
}

/** The header checked, then every non-blank line as a ListRow, numbered from 1 after the header. */
async function listRows(records: Iterable<string[]> | AsyncIterable<string[]>): Promise<ListRow[]> {
	const rows: ListRow[] = [];
	let header: string[] | null = null;
	let line = 0;
	for await (const raw of records) {
		const cells = raw.map((c) => c.trim());
		if (header === null) {
			if (cells.every((c) => c === '')) continue;
			cells[0] = cells[0].replace(/^\uFEFF/, '');
			header = checkHeader(cells);
			continue;
		}
		line++;
		if (cells.every((c) => c === '')) continue;
		if (rows.length === MAX_LIST_ROWS) throw new ListFileError('TOO_LARGE', MESSAGES.tooLarge(`超过${MAX_LIST_ROWS}行`));
		const [idNumber = '', name = '', item = '', tier = '', amount = '', collectedOn = ''] = cells;
		rows.push({ row: line, idNumber, name, item, tier, amount, collectedOn });
	}
	if (header === null) throw new ListFileError('EMPTY', MESSAGES.empty);
	if (rows.length === 0) throw new ListFileError('EMPTY', MESSAGES.noData);
	return rows;
}

/** The header must be exactly the template's (the report's 结果 and 原因 may follow); empty trailing cells do not count. */
function checkHeader(cells: string[]): string[] {
	let end = cells.length;
	while (end > 0 && cells[end - 1] === '') end--;
	let named = cells.slice(0, end);
	if (named.length === COLLECTOR_LIST_HEADER.length + REPORT_COLUMNS.length && REPORT_COLUMNS.every((c, i) => named[COLLECTOR_LIST_HEADER.length + i] === c)) {
		named = named.slice(0, COLLECTOR_LIST_HEADER.length);
	}
	const missing = COLLECTOR_LIST_HEADER.filter((c) => !named.includes(c));
	const extra = named.filter((c) => !(COLLECTOR_LIST_HEADER as readonly string[]).includes(c));
	if (missing.length > 0 && extra.length === 0) throw new ListFileError('BAD_HEADER', MESSAGES.missingColumns(missing));
	if (extra.length > 0 && missing.length === 0) throw new ListFileError('BAD_HEADER', MESSAGES.extraColumns(extra));
	for (let i = 0; i < COLLECTOR_LIST_HEADER.length; i++) {
		if (named[i] !== COLLECTOR_LIST_HEADER[i]) throw new ListFileError('BAD_HEADER', MESSAGES.badColumn(i + 1, COLLECTOR_LIST_HEADER[i], named[i] ?? ''));
	}
	if (named.length > COLLECTOR_LIST_HEADER.length) throw new ListFileError('BAD_HEADER', MESSAGES.extraColumns(named.slice(COLLECTOR_LIST_HEADER.length)));
	return named;
}

/** A list (template, or the report with a 结果 and 原因 column appended) in either format; CSV written as GB18030 (what Excel in China opens). */
export async function writeListFile(rows: string[][], format: ListFormat): Promise<Uint8Array> {
	if (format === 'csv') return iconv.encode(rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n', 'gb18030');
	// Streamed, so a report of 100,000 rows is written without building a workbook model of it.
	const chunks: Buffer[] = [];
	const sink = new Writable({
		write(chunk: Buffer, _encoding, done) {
			chunks.push(chunk);
			done();
		}
	});
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
	const sheet = workbook.addWorksheet('代收名单');
	const widths = [22, 10, 24, 10, 10, 12, 8, 60];
	// Every column is text (@): Excel would otherwise turn ID numbers into numbers and lose their last digits.
	sheet.columns = (rows[0] ?? []).map((_, i) => ({ width: widths[i] ?? 12, style: { numFmt: '@' } }));
	rows.forEach((r, i) => {
		const row = sheet.addRow(r);
		if (i === 0) row.font = { bold: true };
		row.commit();
	});
	sheet.commit();
	await workbook.commit();
	return Buffer.concat(chunks);
}

function csvField(value: string): string {
	// A long digit string (an ID number) gets a leading tab so Excel opens it as text, not as a number
	// that loses its last digits; reading trims it again.
	const text = /^\d{12,}[\dXx]?$/.test(value) ? `\t${value}` : value;
	return /[",\r\n\t]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Whole yuan without decimals, as the tier table lists them ('300'), otherwise to the fen ('380.50'). */
function yuanText(fen: number): string {
	const cents = fen % 100;
	return cents === 0 ? String(fen / 100) : `${Math.trunc(fen / 100)}.${String(cents).padStart(2, '0')}`;
}

/** Header + two example rows. */
export function templateRows(): string[][] {
	return [
		[...COLLECTOR_LIST_HEADER],
		['140105197503211011', '张三', '城乡居民基本养老保险', '300', '300', '2026-11-18'],
		['140105198006072027', '李四', '城乡居民基本医疗保险', '', '400', '2026-11-19']
	];
}

/** Bad rows first (in file order, each reason naming its row), then the good rows; header + 结果/原因. */
export function reportRows(checked: CheckedRow[]): string[][] {
	const header = [...COLLECTOR_LIST_HEADER, ...REPORT_COLUMNS];
	const bad: string[][] = [];
	const good: string[][] = [];
	for (const r of checked) {
		if (r.ok) {
			const tier = r.tier === null ? '' : yuanText(r.amountFen);
			good.push([r.idNumber, r.name, collectorItemName(r.itemCode), tier, yuanText(r.amountFen), r.collectedOn, '通过', '']);
		} else {
			const s = r.source;
			bad.push([s.idNumber, s.name, s.item, s.tier, s.amount, s.collectedOn, '不通过', `第${r.row}行：${r.reason}`]);
		}
	}
	return [header, ...bad, ...good];
}
