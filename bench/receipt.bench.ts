// The standard card-payment receipt through the ESC/POS encoder: bytes on the wire (text mode,
// no raster images) and encode time. Run: node --import tsx bench/receipt.bench.ts
import { decodeEscPos, receiptLines } from '../drivers/printer/escpos-decoder';
import { encodeReceipt } from '../drivers/printer/escpos-encoder';
import { PRINTER_MODELS } from '../drivers/printer/printer-models';
import type { ReceiptDocument } from '../drivers/printer/receipt-printer';

const MAX_BYTES = 1500;
const MAX_MS = 1;
const RUNS = 2000;
const WARMUP = 200;

const voucherNo = '314056240500012345';
const items = [
	['城乡居民基本养老保险', '2024-01-01至2024-12-31', '￥1,000.00'],
	['城乡居民基本医疗保险', '2025-01-01至2025-12-31', '￥400.00'],
	['城乡居民补充养老保险', '2024-01-01至2024-12-31', '￥200.00']
];

const receipt: ReceiptDocument = {
	blocks: [
		{ kind: 'text', text: '社会保险费缴费凭证', align: 'center', bold: true, size: 'double' },
		{ kind: 'text', text: '国家税务总局太原市小店区税务局', align: 'center' },
		{ kind: 'rule' },
		{ kind: 'pair', left: '缴费人', right: '李建国' },
		{ kind: 'pair', left: '证件号码', right: '140105********1234' },
		{ kind: 'rule' },
		...items.flatMap(([name, period, amount]): ReceiptDocument['blocks'] => [
			{ kind: 'pair', left: name, right: amount },
			{ kind: 'text', text: `  费款所属期 ${period}` }
		]),
		{ kind: 'rule' },
		{ kind: 'pair', left: '合计', right: '￥1,600.00', bold: true },
		{ kind: 'pair', left: '缴费方式', right: '银行卡（POS）' },
		{ kind: 'pair', left: '卡号', right: '622202******1234' },
		{ kind: 'pair', left: 'POS参考号', right: '103000000123' },
		{ kind: 'pair', left: '凭证号/批次号', right: '000123/000001' },
		{ kind: 'pair', left: '电子税票号码', right: voucherNo },
		{ kind: 'pair', left: '缴费时间', right: '2024-05-20 10:30:00' },
		{ kind: 'pair', left: '窗口/经办人', right: '3号窗口/王芳' },
		{ kind: 'qr', data: voucherNo },
		{ kind: 'text', text: '税务机关出具的缴费凭证，不体现社保、医保经办机构部门的退费结果信息。' },
		{ kind: 'text', text: '咨询电话：12366（按6） 12333', align: 'center' }
	]
};

const options = { profile: PRINTER_MODELS['generic-80mm'] };
const { bytes, replaced } = encodeReceipt(receipt, options);
const decoded = decodeEscPos(bytes);
if (replaced.length > 0 || !receiptLines(decoded).includes('社会保险费缴费凭证')) {
	console.error('the receipt did not encode as expected');
	process.exit(1);
}

for (let i = 0; i < WARMUP; i++) encodeReceipt(receipt, options);
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
	const start = process.hrtime.bigint();
	encodeReceipt(receipt, options);
	times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(RUNS / 2)];
const p95 = times[Math.floor(RUNS * 0.95)];

const bytesOk = bytes.length <= MAX_BYTES;
const timeOk = median < MAX_MS && p95 < MAX_MS;
console.log(`card-payment receipt: ${bytes.length} bytes on the wire (target ≤ ${MAX_BYTES}) ${bytesOk ? 'PASS' : 'FAIL'}`);
console.log(
	`encode time over ${RUNS} runs: median ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms (target median and p95 < ${MAX_MS} ms) ${timeOk ? 'PASS' : 'FAIL'}`
);
process.exit(bytesOk && timeOk ? 0 : 1);
