import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { checkListRows, type CheckedRow, type ListRow } from '../../../src/lib/domain';
import { ListFileError, MAX_LIST_ROWS, readListFile, reportRows, templateRows, writeListFile } from '../../../src/lib/server/collectors/list-file';

const HEADER = '身份证号码,姓名,险种,缴费档次,金额,收款日期';
const ZHANG = '140105197503211011';
const LI = '140105198006072027';
// 䶮 (U+4DAE) is in GB18030 but not in GBK: a name only the larger encoding can carry.
const LINES = [HEADER, `${ZHANG},张三,城乡居民基本养老保险,300,300,2026-11-18`, `${LI},"李,四",城乡居民基本医疗保险,,400,2026/11/19`];
const EXPECTED: ListRow[] = [
	{ row: 1, idNumber: ZHANG, name: '张三', item: '城乡居民基本养老保险', tier: '300', amount: '300', collectedOn: '2026-11-18' },
	{ row: 2, idNumber: LI, name: '李,四', item: '城乡居民基本医疗保险', tier: '', amount: '400', collectedOn: '2026/11/19' }
];

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'sifee-list-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the bytes to a real file and reads them back, as an upload arrives. */
function fileBytes(name: string, bytes: Uint8Array | Buffer): Uint8Array {
	const path = join(dir, name);
	writeFileSync(path, bytes);
	return new Uint8Array(readFileSync(path));
}

async function refusal(bytes: Uint8Array, name: string): Promise<ListFileError> {
	try {
		await readListFile(bytes, name);
	} catch (e) {
		if (e instanceof ListFileError) return e;
		throw e;
	}
	throw new Error(`${name} was read`);
}

const csv = (lines: string[]) => fileBytes('list.csv', Buffer.from(lines.join('\r\n') + '\r\n', 'utf8'));

describe('a CSV reads the same in every encoding Excel in China saves', () => {
	const text = LINES.join('\r\n') + '\r\n';

	it('GBK (Excel’s “CSV (逗号分隔)” in China), UTF-8 with BOM and UTF-8 without BOM give the same rows', async () => {
		const gbk = fileBytes('gbk.csv', iconv.encode(text, 'gbk'));
		const bom = fileBytes('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
		const plain = fileBytes('plain.csv', Buffer.from(text, 'utf8'));
		expect(gbk.subarray(0, 2)).toEqual(new Uint8Array(iconv.encode('身', 'gbk')));
		expect(await readListFile(gbk, 'gbk.csv')).toEqual(EXPECTED);
		expect(await readListFile(bom, 'bom.csv')).toEqual(EXPECTED);
		expect(await readListFile(plain, 'plain.csv')).toEqual(EXPECTED);
	});

	it('GB18030 carries the names GBK cannot (䶮), and is told from UTF-8 by its bytes', async () => {
		const withRare = text.replace('张三', '王䶮');
		const gb18030 = fileBytes('gb18030.csv', iconv.encode(withRare, 'gb18030'));
		const utf8 = fileBytes('utf8.csv', Buffer.from(withRare, 'utf8'));
		const rows = await readListFile(gb18030, 'gb18030.csv');
		expect(rows[0].name).toBe('王䶮');
		expect(await readListFile(utf8, 'utf8.csv')).toEqual(rows);
	});

	it('Excel’s “Unicode text” (UTF-16 with BOM, tab-separated) reads the same', async () => {
		const tsv = [
			HEADER.replace(/,/g, '\t'),
			`${ZHANG}\t张三\t城乡居民基本养老保险\t300\t300\t2026-11-18`,
			`${LI}\t李,四\t城乡居民基本医疗保险\t\t400\t2026/11/19`
		].join('\r\n');
		const bytes = fileBytes('unicode.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]));
		expect(await readListFile(bytes, 'unicode.csv')).toEqual(EXPECTED);
	});

	it('LF or CR line ends, quotes with "" inside, a line break inside quotes, cells trimmed', async () => {
		const bytes = fileBytes(
			'lf.csv',
			Buffer.from(`${HEADER}\n ${ZHANG} ,"张""三",城乡居民基本养老保险,300,300,2026-11-18\r"${LI}","李\n四",城乡居民基本医疗保险,,400,2026-11-19`, 'utf8')
		);
		expect(await readListFile(bytes, 'LF.CSV')).toEqual([
			{ ...EXPECTED[0], name: '张"三' },
			{ ...EXPECTED[1], name: '李\n四', collectedOn: '2026-11-19' }
		]);
	});

	it('blank lines (Excel’s trailing ,,,,,) are left out; rows keep their position in the file', async () => {
		const rows = await readListFile(csv([HEADER, LINES[1], ',,,,,', '', LINES[2], ',,,,,']), 'list.csv');
		expect(rows.map((r) => [r.row, r.idNumber])).toEqual([
			[1, ZHANG],
			[4, LI]
		]);
	});

	it('a short line reads its missing cells as empty (MISSING_FIELD at check time)', async () => {
		const [row] = await readListFile(csv([HEADER, `${ZHANG},张三,城乡居民基本养老保险`]), 'list.csv');
		expect(row).toEqual({ row: 1, idNumber: ZHANG, name: '张三', item: '城乡居民基本养老保险', tier: '', amount: '', collectedOn: '' });
	});
});

describe('an .xlsx list: the first worksheet, read as the text a person sees', () => {
	it('a list written by exceljs reads back the same as the CSV', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('名单');
		for (const line of [
			HEADER.split(','),
			[ZHANG, '张三', '城乡居民基本养老保险', '300', '300', '2026-11-18'],
			[LI, '李,四', '城乡居民基本医疗保险', '', '400', '2026/11/19']
		]) {
			sheet.addRow(line);
		}
		const bytes = fileBytes('list.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
		expect(await readListFile(bytes, 'list.xlsx')).toEqual(EXPECTED);
	});

	it('date cells read as YYYY-MM-DD, numbers as their digits, rich text and formulas as their text and result', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('名单');
		sheet.addRow(HEADER.split(','));
		sheet.addRow([
			ZHANG,
			{ richText: [{ text: '张' }, { text: '三', font: { bold: true } }] },
			'城乡居民基本养老保险',
			300,
			{ formula: '150*2', result: 300 },
			new Date(Date.UTC(2026, 10, 18))
		]);
		// A date typed into a cell Excel did not format as a date keeps the day number (46344 = 2026-11-18).
		sheet.addRow([LI, '李四', '城乡居民基本医疗保险', null, 380.5, 46344]);
		const bytes = fileBytes('cells.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
		expect(await readListFile(bytes, 'cells.xlsx')).toEqual([
			{ row: 1, idNumber: ZHANG, name: '张三', item: '城乡居民基本养老保险', tier: '300', amount: '300', collectedOn: '2026-11-18' },
			{ row: 2, idNumber: LI, name: '李四', item: '城乡居民基本医疗保险', tier: '', amount: '380.5', collectedOn: '2026-11-18' }
		]);
	});

	it('an ID that Excel made a number reads as Excel shows it and is ID_INVALID at check time, never another person', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('名单');
		sheet.addRow(HEADER.split(','));
		sheet.addRow([Number(ZHANG), '张三', '城乡居民基本养老保险', '300', '300', '2026-11-18']);
		const rows = await readListFile(fileBytes('numeric-id.xlsx', Buffer.from(await workbook.xlsx.writeBuffer())), 'numeric-id.xlsx');
		expect(rows[0].idNumber).toBe('1.40105197503211E+17');
		const tables = { tiers: () => [{ tier: 2, amountFen: 30_000 }] };
		expect(checkListRows(rows, new Map(), tables, '2026-11-20')[0]).toMatchObject({
			ok: false,
			code: 'ID_INVALID',
			reason: '身份证号码“1.40105197503211E+17”有误：居民身份证号码应为18位，当前为20位'
		});
	});

	it('the header is checked in a workbook too', async () => {
		const workbook = new ExcelJS.Workbook();
		workbook.addWorksheet('名单').addRow(['身份证号码', '姓名', '险种', '档次', '金额', '收款日期']);
		const e = await refusal(fileBytes('header.xlsx', Buffer.from(await workbook.xlsx.writeBuffer())), 'header.xlsx');
		expect(e.code).toBe('BAD_HEADER');
	});
});

describe('a file that is not a list is refused with a code and a Chinese message', () => {
	it('BAD_HEADER: a column out of order or renamed names the column and the header expected', async () => {
		const e = await refusal(csv(['姓名,身份证号码,险种,缴费档次,金额,收款日期', LINES[1]]), 'list.csv');
		expect(e.code).toBe('BAD_HEADER');
		expect(e.message).toBe(`表头第1列应为“身份证号码”，实际为“姓名”。表头应为：${HEADER}`);
	});

	it('BAD_HEADER: a missing column is named', async () => {
		const e = await refusal(csv(['身份证号码,姓名,险种,缴费档次,收款日期', LINES[1]]), 'list.csv');
		expect(e).toMatchObject({ code: 'BAD_HEADER', message: `表头缺少“金额”列。表头应为：${HEADER}` });
	});

	it('BAD_HEADER: extra columns are named', async () => {
		const e = await refusal(csv([`${HEADER},备注,电话`, LINES[1]]), 'list.csv');
		expect(e).toMatchObject({ code: 'BAD_HEADER', message: `表头多出“备注”、“电话”列，请删除。表头应为：${HEADER}` });
		expect(await refusal(csv([`${HEADER},金额`, LINES[1]]), 'list.csv')).toMatchObject({
			code: 'BAD_HEADER',
			message: `表头多出“金额”列，请删除。表头应为：${HEADER}`
		});
	});

	it('BAD_HEADER: a list without its header', async () => {
		expect((await refusal(csv([LINES[1]]), 'list.csv')).code).toBe('BAD_HEADER');
	});

	it('the report’s own 结果 and 原因 columns are accepted, so a fixed report can be brought back', async () => {
		const rows = await readListFile(csv([`${HEADER},结果,原因`, `${LINES[1]},不通过,第1行：金额不一致`]), 'report.csv');
		expect(rows).toEqual([EXPECTED[0]]);
	});

	it('EMPTY: an empty file, only blank lines, or only the header', async () => {
		expect(await refusal(fileBytes('empty.csv', Buffer.alloc(0)), 'empty.csv')).toMatchObject({ code: 'EMPTY', message: '文件是空的，请按模板填写后上传' });
		expect(await refusal(fileBytes('bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf, 0x0d, 0x0a])), 'bom-only.csv')).toMatchObject({ code: 'EMPTY' });
		expect(await refusal(csv([HEADER, ',,,,,']), 'list.csv')).toMatchObject({ code: 'EMPTY', message: '文件只有表头，没有数据行' });
		expect(await refusal(fileBytes('empty.xlsx', Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer())), 'empty.xlsx')).toMatchObject({
			code: 'UNREADABLE'
		});
	});

	it('UNSUPPORTED: any extension but .csv and .xlsx, the old .xls included', async () => {
		const bytes = csv(LINES);
		for (const name of ['list.xls', 'list.txt', 'list', 'list.csv.exe']) {
			const e = await refusal(bytes, name);
			expect(e.code).toBe('UNSUPPORTED');
			expect(e.message).toBe(`不支持文件“${name}”的格式，请上传.csv或.xlsx文件（.xls请在Excel中另存为.xlsx）`);
		}
	});

	it('UNREADABLE: an .xlsx that is not a workbook, or cut short; a workbook named .csv', async () => {
		expect(await refusal(csv(LINES), 'list.xlsx')).toMatchObject({ code: 'UNREADABLE', message: '无法读取文件“list.xlsx”：文件不是有效的.xlsx工作簿' });
		const workbook = await writeListFile(templateRows(), 'xlsx');
		expect((await refusal(workbook.subarray(0, 400), 'cut.xlsx')).code).toBe('UNREADABLE');
		expect((await refusal(workbook, 'list.csv')).message).toBe('无法读取文件“list.csv”：这是Excel工作簿，请把扩展名改为.xlsx，或在Excel中另存为CSV');
	});

	it('UNREADABLE: bytes that are neither UTF-8 nor GB18030 are refused, not read garbled', async () => {
		const broken = Buffer.concat([Buffer.from(HEADER + '\r\n' + LINES[1], 'utf8'), Buffer.from([0xe5, 0xbc])]);
		expect(await refusal(fileBytes('broken.csv', broken), 'broken.csv')).toMatchObject({
			code: 'UNREADABLE',
			message: '无法读取文件“broken.csv”：文件编码无法识别，请在Excel中另存为“CSV UTF-8”或“CSV (逗号分隔)”'
		});
	});

	it(`TOO_LARGE: more than ${MAX_LIST_ROWS} data rows`, async () => {
		const line = `${ZHANG},张三,城乡居民基本养老保险,300,300,2026-11-18\n`;
		const bytes = new Uint8Array(Buffer.from(HEADER + '\n' + line.repeat(MAX_LIST_ROWS + 1), 'utf8'));
		expect(await refusal(bytes, 'big.csv')).toMatchObject({ code: 'TOO_LARGE' });
		expect(await readListFile(bytes.subarray(0, bytes.length - Buffer.byteLength(line)), 'big.csv')).toHaveLength(MAX_LIST_ROWS);
	});
});

describe('the template and the report, in both formats', () => {
	it('the template is the header and two example rows, and reads back as a list in both formats', async () => {
		const rows = templateRows();
		expect(rows[0]).toEqual(HEADER.split(','));
		expect(rows).toHaveLength(3);
		for (const format of ['csv', 'xlsx'] as const) {
			const bytes = fileBytes(`template.${format}`, await writeListFile(rows, format));
			const read = await readListFile(bytes, `template.${format}`);
			expect(read.map((r) => [r.idNumber, r.name, r.item, r.tier, r.amount, r.collectedOn])).toEqual(rows.slice(1));
		}
	});

	it('a CSV is written as GB18030 with CRLF, IDs kept as text for Excel (a leading tab, trimmed on reading)', async () => {
		const bytes = await writeListFile([HEADER.split(','), [ZHANG, '王䶮', '城乡居民基本养老保险', '300', '300', '2026-11-18']], 'csv');
		expect(iconv.decode(Buffer.from(bytes), 'gb18030')).toBe(`${HEADER}\r\n"\t${ZHANG}",王䶮,城乡居民基本养老保险,300,300,2026-11-18\r\n`);
		expect((await readListFile(bytes, 'a.csv'))[0]).toMatchObject({ idNumber: ZHANG, name: '王䶮' });
	});

	it('an .xlsx keeps every cell as text, so Excel does not turn IDs into numbers', async () => {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(await writeListFile(templateRows(), 'xlsx')) as unknown as ArrayBuffer);
		const cell = workbook.worksheets[0].getCell('A2');
		expect(cell.value).toBe(templateRows()[1][0]);
		expect(cell.numFmt).toBe('@');
	});

	const tables = { tiers: (itemCode: string) => (itemCode === 'R_PENSION' ? [{ tier: 2, amountFen: 30_000 }] : [{ tier: 0, amountFen: 40_000 }]) };
	const facts = new Map([
		[ZHANG, { payerId: 1, idNumber: ZHANG, names: ['张三'], registeredItems: ['R_PENSION' as const, 'R_MEDICAL' as const], paid: [] }],
		[LI, { payerId: 2, idNumber: LI, names: ['李四'], registeredItems: ['R_MEDICAL' as const], paid: [] }]
	]);
	const list: ListRow[] = [
		{ row: 1, idNumber: ZHANG.toLowerCase(), name: '张三', item: '城乡居民基本养老保险', tier: '每年300元', amount: '300.00', collectedOn: '2026/11/18' },
		{ row: 2, idNumber: LI, name: '李四', item: '城乡居民基本医疗保险', tier: '', amount: '380', collectedOn: '2026-11-19' },
		{ row: 3, idNumber: ZHANG, name: '张三', item: '城乡居民基本医疗保险', tier: '', amount: '400', collectedOn: '2026-11-19' },
		{ row: 4, idNumber: '123', name: '王五', item: '城乡居民基本医疗保险', tier: '', amount: '400', collectedOn: '2026-11-19' }
	];

	it('the report lists the bad rows first, each reason naming its row, then the good rows as checked; header + 结果/原因', () => {
		const checked: CheckedRow[] = checkListRows(list, facts, tables, '2026-11-20');
		expect(reportRows(checked)).toEqual([
			[...HEADER.split(','), '结果', '原因'],
			[LI, '李四', '城乡居民基本医疗保险', '', '380', '2026-11-19', '不通过', '第2行：金额380.00元与2027年度城乡居民基本医疗保险的标准400.00元不一致'],
			['123', '王五', '城乡居民基本医疗保险', '', '400', '2026-11-19', '不通过', '第4行：身份证号码“123”有误：居民身份证号码应为18位，当前为3位'],
			[ZHANG, '张三', '城乡居民基本养老保险', '300', '300', '2026-11-18', '通过', ''],
			[ZHANG, '张三', '城乡居民基本医疗保险', '', '400', '2026-11-19', '通过', '']
		]);
	});

	it('the report downloads in both formats and reads back as a list for the collector to fix', async () => {
		const report = reportRows(checkListRows(list, facts, tables, '2026-11-20'));
		for (const format of ['csv', 'xlsx'] as const) {
			const read = await readListFile(fileBytes(`report.${format}`, await writeListFile(report, format)), `report.${format}`);
			expect(read.map((r) => r.idNumber)).toEqual([LI, '123', ZHANG, ZHANG]);
		}
	});
});
