// 《职业年金缴费通知单》 and the printout of an annuity 财政电子票据 on A4 (pure: data and font in,
// PDF bytes out). The words of the rules come with the data: drivers hold no business rules.
import type PDFDocument from 'pdfkit';
import { FORM_TEXT } from '../messages';
import type { CjkFont } from './cjk-font';
import type { AnnuityNoticeData, AnnuityReceiptData } from './form-printer';
import { BODY_SIZE, chineseDate, drawRow, newPage, PAGE_MARGIN, splitLine, startDocument, type Cell } from './pdf-layout';

function title(doc: PDFDocument, text: string, width: number): number {
	doc.fontSize(18).text(text, PAGE_MARGIN, PAGE_MARGIN, { width, align: 'center', characterSpacing: 2 });
	doc.fontSize(BODY_SIZE);
	return PAGE_MARGIN + 32;
}

/** A bordered row of label / value pairs, the values left-aligned. */
function pairs(doc: PDFDocument, y: number, items: readonly [string, string][], width: number, labelWidth = 95): number {
	const value = (width - items.length * labelWidth) / items.length;
	const cells: Cell[] = items.flatMap(([label, text]) => [
		{ text: label, width: labelWidth },
		{ text, width: value, align: 'left' as const }
	]);
	return y + drawRow(doc, y, cells);
}

export async function renderAnnuityNotice(data: AnnuityNoticeData, font: CjkFont): Promise<Buffer> {
	const { doc, contentWidth: W, done } = startDocument(font, data.title, data.issueDate);
	const mark = data.reprint ? FORM_TEXT.reprintMark : '';
	newPage(doc);
	let y = title(doc, `${data.title}${mark}`, W);
	y = splitLine(doc, `开具日期：${chineseDate(data.issueDate)}`, `通知单编号：${data.noticeNo}`, y, W);
	y = pairs(doc, y, [['单位名称', data.unit.name]], W);
	y = pairs(
		doc,
		y,
		[
			['统一社会信用代码', data.unit.code],
			['单位编号', data.unit.unitNo]
		],
		W
	);
	y = pairs(
		doc,
		y,
		[
			['征收品目', '职业年金'],
			['征缴期', data.month]
		],
		W
	);
	y += drawRow(doc, y, [
		{ text: '应缴金额（大写）', width: 95 },
		{ text: data.totalInWords, width: W - 95 - 160, align: 'left' },
		{ text: `￥${data.totalFigures}`, width: 160, align: 'right' }
	]);
	y = pairs(doc, y, [['收款账户名称', `${data.custodian.accountName}（托管银行归集户）`]], W);
	y = pairs(
		doc,
		y,
		[
			['收款账号', data.custodian.accountNo],
			['开户银行', data.custodian.bankName]
		],
		W
	);
	y += drawRow(doc, y, [
		{ text: '转账附言', width: 95 },
		{ text: data.noticeNo, width: W - 95, align: 'left', size: 16 }
	]);
	doc.fontSize(BODY_SIZE + 1).text('缴费须知', PAGE_MARGIN, y + 10, { width: W });
	doc.fontSize(BODY_SIZE);
	y = doc.y + 4;
	data.rules.forEach((rule, i) => {
		doc.text(`${i + 1}. ${rule}`, PAGE_MARGIN, y, { width: W });
		y = doc.y + 3;
	});
	for (const e of data.examples) {
		y += drawRow(
			doc,
			y,
			[
				{ text: e.remark, width: 180, align: 'left' },
				{ text: e.verdict, width: W - 180, align: 'left' }
			],
			18
		);
	}
	y += 16;
	doc.text(`征收机关：${data.taxOffice}`, PAGE_MARGIN, y, { width: W / 2 });
	doc.text(`经办人：${data.clerk ?? ''}`, PAGE_MARGIN + W / 2, y, { width: W / 2, align: 'right' });
	doc.end();
	return done;
}

export async function renderAnnuityReceipt(data: AnnuityReceiptData, font: CjkFont): Promise<Buffer> {
	const { doc, contentWidth: W, done } = startDocument(font, data.title, data.issueDate);
	const mark = data.reprint ? FORM_TEXT.reprintMark : '';
	const cols = [W * 0.4, W * 0.3, W * 0.3];
	newPage(doc);
	let y = title(doc, `${data.title}${mark}`, W);
	y = splitLine(doc, `票据代码：${data.receiptCode}`, `票据号码：${data.receiptNo}`, y, W);
	y = splitLine(doc, `校验码：${data.checkCode}`, `开票日期：${chineseDate(data.issueDate)}`, y, W);
	y = pairs(
		doc,
		y,
		[
			['交款人', data.payer.name],
			['统一社会信用代码', data.payer.id]
		],
		W
	);
	y += drawRow(doc, y, [
		{ text: '项目名称', width: cols[0] },
		{ text: '征缴期', width: cols[1] },
		{ text: '金额（元）', width: cols[2] }
	]);
	for (const item of data.items) {
		y += drawRow(doc, y, [
			{ text: item.name, width: cols[0] },
			{ text: item.period, width: cols[1] },
			{ text: item.amount, width: cols[2], align: 'right' }
		]);
	}
	y += drawRow(doc, y, [
		{ text: '金额合计（大写）', width: cols[0] },
		{ text: data.totalInWords, width: cols[1], align: 'left' },
		{ text: `￥${data.totalFigures}`, width: cols[2], align: 'right' }
	]);
	y = pairs(
		doc,
		y,
		[
			['缴费通知单编号', data.noticeNo],
			['收款单位', data.issuer]
		],
		W
	);
	doc.text(`复核人（经办人）：${data.clerk ?? ''}`, PAGE_MARGIN, y + 10, { width: W, align: 'right' });
	doc.text(data.notes.join('\n'), PAGE_MARGIN, doc.y + 8, { width: W });
	doc.end();
	return done;
}
