// A4 forms: pure PDF layouts with the embedded CJK font, and the printer that files and sends them.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FORM_TEXT } from '../../../drivers/messages';
import { renderTaxCertificate } from '../../../drivers/form-printer/certificate-pdf';
import { DEFAULT_FONT_PATH, loadCjkFont } from '../../../drivers/form-printer/cjk-font';
import type { FormItem, PaymentFormData, TaxCertificateData } from '../../../drivers/form-printer/form-printer';
import { renderPaymentForm } from '../../../drivers/form-printer/payment-form-pdf';
import { PdfFormPrinter } from '../../../drivers/form-printer/pdf-form-printer';
import { DeviceError } from '../../../drivers/status';
import { pdfPageCount, pdfText } from './pdf-text';

const font = loadCjkFont(DEFAULT_FONT_PATH);
const dir = mkdtempSync(join(tmpdir(), 'sifee-forms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const items: FormItem[] = [
	{ category: '基本养老保险费', name: '企业职工基本养老保险(单位缴纳)', periodFrom: '2024-04-01', periodTo: '2024-04-30', amount: '1,600.00' },
	{ category: '基本养老保险费', name: '企业职工基本养老保险(个人缴纳)', periodFrom: '2024-04-01', periodTo: '2024-04-30', amount: '800.00' },
	{ category: '失业保险费', name: '失业保险(单位缴纳)', periodFrom: '2024-03-01', periodTo: '2024-03-31', amount: '70.00' }
];

const paymentForm: PaymentFormData = {
	voucherNo: '314056240500012345',
	issueDate: '2024-05-20',
	taxOffice: '国家税务总局太原市小店区税务局',
	payer: { name: '山西晋阳建材有限公司', id: '91140105MA0K123456', bank: '中国工商银行太原小店支行', account: '0502123409000123456' },
	treasury: '国家金库太原市小店区支库',
	items,
	totalFigures: '2,470.00',
	totalInWords: '贰仟肆佰柒拾元整',
	limitDate: '2024-05-25',
	clerk: '王芳'
};

const certificate: TaxCertificateData = {
	certificateNo: '140105240000123',
	issueDate: '2024-05-28',
	taxOffice: '国家税务总局太原市小店区税务局',
	payer: { name: '李建国', id: '140105199001011234' },
	items: items.map((item, i) => ({ ...item, voucherNo: `31405624050001234${i}`, paidDate: '2024-05-21' })),
	totalFigures: '2,470.00',
	totalInWords: '贰仟肆佰柒拾元整'
};

/** Text of the PDF without the line breaks that table cells add. */
const flat = (pdf: Buffer) => pdfText(pdf).replace(/\n/g, '');

describe('payment form PDF', () => {
	it('is an A4 PDF with the CJK font embedded and every field of the form', async () => {
		const pdf = await renderPaymentForm(paymentForm, font);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
		expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
		const text = flat(pdf);
		for (const expected of [
			'税收缴款书（银行经收专用）',
			'No. 314056240500012345',
			'填发日期：2024年05月20日',
			'山西晋阳建材有限公司',
			'91140105MA0K123456',
			'国家税务总局太原市小店区税务局',
			'国家金库太原市小店区支库',
			'企业职工基本养老保险(单位缴纳)',
			'2024-03-01至2024-03-31',
			'2024-03-01至2024-04-30',
			'1,600.00',
			'贰仟肆佰柒拾元整',
			'￥2,470.00',
			'2024年05月25日',
			'王芳'
		]) {
			expect(text).toContain(expected);
		}
	});

	it('as 《税收缴款书（税务收现专用）》 carries the day the money arrived instead of a limit date, and no late-fee notice', async () => {
		const text = flat(await renderPaymentForm({ ...paymentForm, variant: 'tax-cash', limitDate: '2024-05-20' }, font));
		expect(text).toContain('税收缴款书（税务收现专用）');
		expect(text).not.toContain('银行经收专用');
		expect(text).toContain('款项到账日期');
		expect(text).not.toContain('税款限缴日期');
		expect(text).not.toContain(FORM_TEXT.lateFeeNotice);
		expect(text).toContain('￥2,470.00');
	});

	it('is pure: the same data gives the same bytes', async () => {
		expect((await renderPaymentForm(paymentForm, font)).equals(await renderPaymentForm(paymentForm, font))).toBe(true);
	});

	it('prints one page per part (联) and continues long item lists on a new page', async () => {
		const parts = await renderPaymentForm({ ...paymentForm, partLabels: ['第一联（收据）', '第四联（回执）'] }, font);
		expect(pdfPageCount(parts)).toBe(2);
		expect(flat(parts)).toContain('第四联（回执）');
		const many = await renderPaymentForm({ ...paymentForm, items: Array.from({ length: 40 }, () => items[0]) }, font);
		expect(pdfPageCount(many)).toBe(2);
		expect(flat(many)).toContain('税收缴款书（银行经收专用）（续）');
	});
});

describe('tax certificate PDF', () => {
	it('carries payer, items with periods, dates, voucher numbers, totals and the refund sentence', async () => {
		const text = flat(await renderTaxCertificate(certificate, font));
		for (const expected of [
			'税收完税证明',
			'No. 140105240000123',
			'李建国',
			'140105199001011234',
			'314056240500012340',
			'2024-04-01至2024-04-30',
			'2024-05-21',
			'800.00',
			'贰仟肆佰柒拾元整',
			'￥2,470.00',
			FORM_TEXT.refundSentence
		]) {
			expect(text).toContain(expected);
		}
	});
});

describe('CJK font', () => {
	it('fails with a typed error in Chinese when the font file is missing or the face is wrong', () => {
		const missing = () => loadCjkFont('/no/such/font.ttc');
		expect(missing).toThrow(DeviceError);
		try {
			missing();
		} catch (err) {
			expect((err as DeviceError).status).toMatchObject({ level: 'error', code: 'FONT_MISSING' });
			expect((err as DeviceError).message).toContain('找不到中文字体文件：/no/such/font.ttc');
		}
		expect(() => loadCjkFont(DEFAULT_FONT_PATH, 'NoSuchFace')).toThrow(/字体文件无法使用/);
	});

	it('is parsed once and shared: forms rendered at once from one font give the bytes each gives alone', async () => {
		const other = { ...paymentForm, payer: { ...paymentForm.payer, name: '太原示例食品有限公司' }, items: items.slice(0, 1) };
		const alone = [await renderPaymentForm(paymentForm, loadCjkFont(DEFAULT_FONT_PATH)), await renderPaymentForm(other, loadCjkFont(DEFAULT_FONT_PATH))];
		const together = await Promise.all([paymentForm, other, paymentForm, other].map((d) => renderPaymentForm(d, font)));
		for (const [i, pdf] of together.entries()) expect(pdf.equals(alone[i % 2])).toBe(true);
		expect(flat(together[1])).toContain('太原示例食品有限公司');
	});
});

describe('PDF form printer', () => {
	const job = { id: 'form/2024-05-20/1', document: { kind: 'payment-form' as const, data: paymentForm } };

	it('writes the PDF into the output folder and does not print the same job twice', async () => {
		const printer = new PdfFormPrinter({ fontPath: DEFAULT_FONT_PATH, outputDir: join(dir, 'out') });
		const result = await printer.print(job);
		expect(result).toMatchObject({ outcome: 'printed', file: join(dir, 'out', 'form_2024-05-20_1.pdf') });
		if (result.outcome !== 'printed') return;
		expect(result.destination).toBe(result.file);
		expect(readFileSync(result.file).subarray(0, 5).toString()).toBe('%PDF-');
		expect(await printer.print(job)).toEqual({ outcome: 'duplicate', jobId: job.id });
	});

	it('sends the PDF to CUPS with lp when a printer is configured', async () => {
		const args = join(dir, 'lp-args');
		const lp = join(dir, 'fake-lp');
		writeFileSync(lp, `#!/bin/sh\necho "$@" > ${args}\necho "request id is Hall_A4-42 (1 file(s))"\n`);
		chmodSync(lp, 0o755);
		const printer = new PdfFormPrinter({ fontPath: DEFAULT_FONT_PATH, outputDir: join(dir, 'cups'), cups: { printer: 'Hall_A4', lpCommand: lp } });
		const result = await printer.print({ ...job, copies: 2 });
		expect(result).toMatchObject({ outcome: 'printed', destination: 'CUPS Hall_A4 Hall_A4-42' });
		expect(readFileSync(args, 'utf8').trim()).toBe(`-d Hall_A4 -n 2 -t ${job.id} ${join(dir, 'cups', 'form_2024-05-20_1.pdf')}`);
	});

	it('reports a CUPS failure with lp’s own words, and can print the job after the fault is fixed', async () => {
		const lp = join(dir, 'broken-lp');
		writeFileSync(lp, '#!/bin/sh\necho "lp: The printer or class does not exist." >&2\nexit 1\n');
		chmodSync(lp, 0o755);
		const printer = new PdfFormPrinter({ fontPath: DEFAULT_FONT_PATH, outputDir: join(dir, 'broken'), cups: { printer: 'Gone', lpCommand: lp } });
		const result = await printer.print(job);
		expect(result).toMatchObject({ outcome: 'failed', status: { code: 'PRINT_FAILED', level: 'error' } });
		if (result.outcome === 'failed') expect(result.status.message).toContain('The printer or class does not exist');
		expect(printer.status().code).toBe('PRINT_FAILED');
		writeFileSync(lp, '#!/bin/sh\necho "request id is Gone-1 (1 file(s))"\n');
		expect((await printer.print(job)).outcome).toBe('printed');
		expect(printer.status().code).toBe('OK');
	});

	it('starts with FONT_MISSING when the font is not there, and fails jobs with it', async () => {
		const printer = new PdfFormPrinter({ fontPath: join(dir, 'none.ttc'), outputDir: join(dir, 'nofont') });
		expect(printer.status()).toMatchObject({ level: 'error', code: 'FONT_MISSING' });
		expect(await printer.print(job)).toMatchObject({ outcome: 'failed', status: { code: 'FONT_MISSING' } });
		expect(existsSync(join(dir, 'nofont'))).toBe(false);
	});
});
