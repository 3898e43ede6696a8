// 《税收完税证明》 on A4 (pure: data and font in, PDF bytes out).
import { FORM_TEXT } from '../messages';
import type { CjkFont } from './cjk-font';
import type { TaxCertificateData } from './form-printer';
import { BODY_SIZE, chineseDate, drawRow, fits, heading, newPage, PAGE_MARGIN, rowHeight, splitLine, startDocument, type Cell } from './pdf-layout';

const TITLE = '税收完税证明';

export async function renderTaxCertificate(data: TaxCertificateData, font: CjkFont): Promise<Buffer> {
	const { doc, contentWidth: W, done } = startDocument(font, TITLE, data.issueDate);
	// An 18-digit voucher number must fit its column on one line.
	const cols = [106, 74, 108, 78, 70, W - 436];
	const footer: Cell[] = [
		{ text: '税务机关\n（盖章）', width: 180 },
		{ text: `填票人\n${data.clerk ?? ''}`, width: 150 },
		{ text: `备注：${data.remark ? `${data.remark}\n` : ''}${FORM_TEXT.refundSentence}`, width: W - 330, align: 'left' }
	];
	const mark = data.reprint ? FORM_TEXT.reprintMark : '';
	const top = (title: string) => {
		newPage(doc);
		let y = heading(doc, title, PAGE_MARGIN, W);
		y = splitLine(doc, `填发日期：${chineseDate(data.issueDate)}`, `No. ${data.certificateNo}`, y, W);
		return splitLine(doc, `税务机关：${data.taxOffice}`, '', y, W);
	};
	const itemHeader = (y: number) =>
		y +
		drawRow(doc, y, [
			{ text: '原凭证号', width: cols[0] },
			{ text: '税种', width: cols[1] },
			{ text: '品目名称', width: cols[2] },
			{ text: '税款所属时期', width: cols[3] },
			{ text: '入（退）库日期', width: cols[4] },
			{ text: '实缴（退）金额', width: cols[5] }
		]);

	let y = top(`${TITLE}${mark}`);
	y += drawRow(doc, y, [
		{ text: '纳税人识别号', width: cols[0] },
		{ text: data.payer.id, width: cols[1] + cols[2], align: 'left' },
		{ text: '纳税人名称', width: cols[3] },
		{ text: data.payer.name, width: cols[4] + cols[5], align: 'left' }
	]);
	y = itemHeader(y);
	const reserve = rowHeight(doc, footer, 60) + 50;
	for (const item of data.items) {
		const cells: Cell[] = [
			{ text: item.voucherNo, width: cols[0] },
			{ text: item.category, width: cols[1] },
			{ text: item.name, width: cols[2] },
			{ text: `${item.periodFrom}\n至${item.periodTo}`, width: cols[3] },
			{ text: item.paidDate, width: cols[4] },
			{ text: item.amount, width: cols[5], align: 'right' }
		];
		if (!fits(doc, y, rowHeight(doc, cells, 22), reserve)) y = itemHeader(top(`${TITLE}（续）${mark}`));
		y += drawRow(doc, y, cells);
	}
	y += drawRow(doc, y, [
		{ text: '金额合计', width: cols[0] },
		{ text: `（大写）${data.totalInWords}`, width: cols[1] + cols[2] + cols[3] + cols[4], align: 'left' },
		{ text: `￥${data.totalFigures}`, width: cols[5], align: 'right' }
	]);
	y += drawRow(doc, y, footer, 60);
	doc.fontSize(BODY_SIZE).text(FORM_TEXT.keepSafe, PAGE_MARGIN, y + 8, { width: W, align: 'center' });
	doc.end();
	return done;
}
