// 《社会保险费集中代收登记造册》 on A4 (pure: data and font in, PDF bytes out): the head of the batch,
// one line per person, the total, and the lines the collector and the clerk sign.
import { FORM_TEXT } from '../messages';
import type { CjkFont } from './cjk-font';
import type { CollectorRegisterData } from './form-printer';
import { BODY_SIZE, chineseDate, drawRow, fits, newPage, PAGE_MARGIN, rowHeight, splitLine, startDocument, type Cell } from './pdf-layout';

export async function renderCollectorRegister(data: CollectorRegisterData, font: CjkFont): Promise<Buffer> {
	const { doc, contentWidth: W, done } = startDocument(font, data.title, data.paidOn);
	const cols = [34, 112, 60, 124, 62, 62, W - 454];
	const mark = data.reprint ? FORM_TEXT.reprintMark : '';
	const signatures: Cell[] = [
		{ text: `代办员（签字）：\n\n${data.collector.name}`, width: W / 2, align: 'left' },
		{ text: `经办人（签字）：\n\n${data.clerkName}（${data.windowNo}号窗口）`, width: W / 2, align: 'left' }
	];
	const top = (title: string) => {
		newPage(doc);
		doc.fontSize(17).text(title, PAGE_MARGIN, PAGE_MARGIN, { width: W, align: 'center', characterSpacing: 2 });
		let y = PAGE_MARGIN + 30;
		y = splitLine(doc, `代收批次号：${data.batchNo}`, `批次凭证号：${data.voucherNo}`, y, W);
		y = splitLine(doc, `代办员：${data.collector.name}（${data.collector.code}） ${data.collector.id}`, `缴款日期：${chineseDate(data.paidOn)}`, y, W);
		return splitLine(doc, `虚拟户账号：${data.collector.virtualAccountNo}`, `县（区）：${data.collector.county}`, y, W);
	};
	const header = (y: number) =>
		y +
		drawRow(doc, y, [
			{ text: '序号', width: cols[0] },
			{ text: '身份证号码', width: cols[1] },
			{ text: '姓名', width: cols[2] },
			{ text: '险种', width: cols[3] },
			{ text: '缴费档次', width: cols[4] },
			{ text: '收款日期', width: cols[5] },
			{ text: '金额（元）', width: cols[6] }
		]);

	let y = header(top(`${data.title}${mark}`));
	const reserve = rowHeight(doc, signatures, 60) + 80;
	for (const line of data.lines) {
		const cells: Cell[] = [
			{ text: String(line.row), width: cols[0] },
			{ text: line.id, width: cols[1] },
			{ text: line.name, width: cols[2] },
			{ text: line.item, width: cols[3] },
			{ text: line.tier, width: cols[4] },
			{ text: line.collectedOn, width: cols[5] },
			{ text: line.amount, width: cols[6], align: 'right' }
		];
		if (!fits(doc, y, rowHeight(doc, cells, 18), reserve)) y = header(top(`${data.title}（续）${mark}`));
		y += drawRow(doc, y, cells, 18);
	}
	y += drawRow(doc, y, [
		{ text: `合计 ${data.lines.length}人`, width: cols[0] + cols[1] + cols[2] },
		{ text: `大写：${data.totalInWords}`, width: cols[3] + cols[4] + cols[5], align: 'left' },
		{ text: `￥${data.totalFigures}`, width: cols[6], align: 'right' }
	]);
	y += drawRow(doc, y, signatures, 60);
	doc.fontSize(BODY_SIZE).text(data.notes.join('\n'), PAGE_MARGIN, y + 8, { width: W, align: 'left' });
	doc.end();
	return done;
}
