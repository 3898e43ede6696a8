// 《社会保险费缴费证明》 and 《社会保险费缴费记录》 on A4 (pure: data and font in, PDF bytes out).
import { FORM_TEXT } from '../messages';
import type { CjkFont } from './cjk-font';
import type { IndividualCertificateData } from './form-printer';
import { BODY_SIZE, chineseDate, drawRow, fits, heading, newPage, PAGE_MARGIN, rowHeight, splitLine, startDocument, type Cell } from './pdf-layout';

export async function renderIndividualCertificate(data: IndividualCertificateData, font: CjkFont): Promise<Buffer> {
	const { doc, contentWidth: W, done } = startDocument(font, data.title, data.issueDate);
	// An 18-digit voucher number must fit its column on one line.
	const cols = [106, 92, 82, 56, 58, 58, W - 452];
	const mark = data.reprint ? FORM_TEXT.reprintMark : '';
	const footer: Cell[] = [
		{ text: `税务机关（盖章）\n${data.seal}\n${data.taxOffice}`, width: 220 },
		{ text: data.notes.join('\n'), width: W - 220, align: 'left' }
	];
	const top = (title: string) => {
		newPage(doc);
		let y = heading(doc, title, PAGE_MARGIN, W);
		y = splitLine(doc, `开具日期：${chineseDate(data.issueDate)}`, `证明编号：${data.certificateNo}`, y, W);
		return splitLine(doc, `税务机关：${data.taxOffice}`, `验证码：${data.verificationCode}`, y, W);
	};
	const header = (y: number) =>
		y +
		drawRow(doc, y, [
			{ text: '电子税票号码', width: cols[0] },
			{ text: '征收品目', width: cols[1] },
			{ text: '费款所属期', width: cols[2] },
			{ text: '缴费方式', width: cols[3] },
			{ text: '缴费日期', width: cols[4] },
			{ text: '入库日期', width: cols[5] },
			{ text: '金额（元）', width: cols[6] }
		]);

	let y = top(`${data.title}${mark}`);
	y += drawRow(doc, y, [
		{ text: '缴费人姓名', width: cols[0] },
		{ text: data.payer.name, width: cols[1] + cols[2], align: 'left' },
		{ text: '身份证件号码', width: cols[3] + cols[4] },
		{ text: data.payer.id, width: cols[5] + cols[6], align: 'left' }
	]);
	if (data.subtitle) y += drawRow(doc, y, [{ text: data.subtitle, width: W, align: 'left' }]);
	y = header(y);
	const reserve = rowHeight(doc, footer, 70) + 50;
	for (const line of data.lines) {
		const cells: Cell[] = [
			{ text: line.voucherNo, width: cols[0] },
			{ text: line.item, width: cols[1] },
			{ text: line.period, width: cols[2] },
			{ text: line.channel, width: cols[3] },
			{ text: line.paidDate, width: cols[4] },
			{ text: line.bookedDate, width: cols[5] },
			{ text: line.amount, width: cols[6], align: 'right' }
		];
		if (!fits(doc, y, rowHeight(doc, cells, 22), reserve)) y = header(top(`${data.title}（续）${mark}`));
		y += drawRow(doc, y, cells);
	}
	y += drawRow(doc, y, [
		{ text: '金额合计（大写）', width: cols[0] },
		{ text: data.totalInWords, width: cols[1] + cols[2] + cols[3] + cols[4] + cols[5], align: 'left' },
		{ text: `￥${data.totalFigures}`, width: cols[6], align: 'right' }
	]);
	y += drawRow(doc, y, footer, 70);
	doc.fontSize(BODY_SIZE).text(FORM_TEXT.keepSafe, PAGE_MARGIN, y + 8, { width: W, align: 'center' });
	doc.end();
	return done;
}
