// A collector's register (a list of three residents) rendered as an A4 PDF, as each collector
// visit prints one: with the CJK face parsed once and shared (loadCjkFont), against the baseline of
// pdfkit given the font's bytes for every document (it parses the 5 MB collection each time).
// Run: node --import tsx bench/form-pdf.bench.ts
import type PDFDocument from 'pdfkit';
import { DEFAULT_FONT_PATH, loadCjkFont, type CjkFont } from '../drivers/form-printer/cjk-font';
import { renderCollectorRegister } from '../drivers/form-printer/collector-register-pdf';
import type { CollectorRegisterData } from '../drivers/form-printer/form-printer';
import { percentiles, report } from './stats';

const RUNS = 60;
const WARMUP = 10;
const TARGET_P95_MS = 100;

const data: CollectorRegisterData = {
	title: '城乡居民社会保险费代办员代收登记表',
	batchNo: 'P140105202611200001',
	voucherNo: '314056240500012345',
	paidOn: '2026-11-20',
	collector: { name: '张建国（演示）', code: 'C001', id: '140105********1234', virtualAccountNo: '62220214010500001', county: '小店区' },
	windowNo: '3',
	clerkName: '王芳',
	lines: [1, 2, 3].map((row) => ({
		row,
		id: `140105********123${row}`,
		name: `李四${row}（演示）`,
		item: '城乡居民基本医疗保险',
		tier: '',
		amount: '380.00',
		collectedOn: '2026-11-19'
	})),
	totalFigures: '1,140.00',
	totalInWords: '壹仟壹佰肆拾元整',
	notes: ['代办员签字：', '经办人签字：']
};

async function timed(font: CjkFont): Promise<number[]> {
	for (let i = 0; i < WARMUP; i++) await renderCollectorRegister(data, font);
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t = performance.now();
		await renderCollectorRegister(data, font);
		times.push(performance.now() - t);
	}
	return times;
}

const shared = loadCjkFont(DEFAULT_FONT_PATH);
// The baseline: the bytes registered with each document, as pdf-layout did before the face was shared.
const perDocument: CjkFont = { ...shared, attachTo: (doc: PDFDocument) => doc.registerFont('cjk', shared.data, shared.collectionFace) };
const same = (await renderCollectorRegister(data, shared)).equals(await renderCollectorRegister(data, perDocument));
const base = percentiles(await timed(perDocument));
const now = percentiles(await timed(shared));
report('collector register PDF, face parsed for each document (baseline)', base);
const ok = report('collector register PDF, face parsed once and shared', now, TARGET_P95_MS);
console.log(`p50 ${(base.p50 / now.p50).toFixed(1)}× faster than the baseline; the same bytes: ${same ? 'yes' : 'NO'}`);
process.exit(ok && same ? 0 : 1);
