// 《税收缴款书（银行经收专用）》 on A4 (pure: data and font in, PDF bytes out).
import { FORM_TEXT } from '../messages';
import type { CjkFont } from './cjk-font';
import type { PaymentFormData } from './form-printer';
import { BODY_SIZE, chineseDate, drawRow, fits, heading, newPage, PAGE_MARGIN, period, rowHeight, splitLine, startDocument, type Cell } from './pdf-layout';

const VARIANT = {
	'bank-collection': {
		title: '税收缴款书（银行经收专用）',
		dateLabel: '税款限缴日期',
		receipt: '上列款项已收妥并划转收款单位账户\n\n国库（银行）盖章\n\n年    月    日',
		lateFeeNotice: true
	},
	'tax-cash': {
		title: '税收缴款书（税务收现专用）',
		dateLabel: '款项到账日期',
		receipt: '上列款项已收妥\n\n税务机关（征收专用章）\n\n年    月    日',
		lateFeeNotice: false
	}
} as const;

export async function renderPaymentForm(data: PaymentFormData, font: CjkFont): Promise<Buffer> {
	const variant = VARIANT[data.variant ?? 'bank-collection'];
	const TITLE = variant.title;
	const { doc, contentWidth: W, done } = startDocument(font, TITLE, data.issueDate);
	const mark = data.reprint ? FORM_TEXT.reprintMark : '';
	const label = 95;
	const value = (W - 2 * label) / 2;
	const itemCols = [110, 170, 136, W - 416];
	const footer: Cell[] = [
		{ text: '缴款单位（人）\n（盖章）\n\n经办人（章）', width: W / 4 },
		{ text: `税务机关\n（盖章）\n\n填票人（章）${data.clerk ?? ''}`, width: W / 4 },
		{ text: variant.receipt, width: W / 4 },
		{ text: `备注：${data.remark ?? ''}`, width: W / 4, align: 'left' }
	];
	const from = data.items.reduce((min, i) => (i.periodFrom < min ? i.periodFrom : min), data.items[0]?.periodFrom ?? '');
	const to = data.items.reduce((max, i) => (i.periodTo > max ? i.periodTo : max), data.items[0]?.periodTo ?? '');

	const itemHeader = (y: number) =>
		y +
		drawRow(doc, y, [
			{ text: '征收项目', width: itemCols[0] },
			{ text: '征收品目', width: itemCols[1] },
			{ text: '费款所属期', width: itemCols[2] },
			{ text: '实缴金额（元）', width: itemCols[3] }
		]);

	for (const part of data.partLabels?.length ? data.partLabels : [null]) {
		newPage(doc);
		let y = heading(doc, `${TITLE}${mark}`, PAGE_MARGIN, W);
		y = splitLine(doc, `填发日期：${chineseDate(data.issueDate)}`, `No. ${data.voucherNo}`, y, W);
		y += drawRow(doc, y, [
			{ text: '缴款单位（人）代码', width: label },
			{ text: data.payer.id, width: value, align: 'left' },
			{ text: '收款国库', width: label },
			{ text: data.treasury, width: value, align: 'left' }
		]);
		y += drawRow(doc, y, [
			{ text: '缴款单位（人）全称', width: label },
			{ text: data.payer.name, width: value, align: 'left' },
			{ text: '征收机关', width: label },
			{ text: data.taxOffice, width: value, align: 'left' }
		]);
		y += drawRow(doc, y, [
			{ text: '开户银行', width: label },
			{ text: data.payer.bank ?? '', width: value, align: 'left' },
			{ text: '账号', width: label },
			{ text: data.payer.account ?? '', width: value, align: 'left' }
		]);
		y += drawRow(doc, y, [
			{ text: '费款所属时期', width: label },
			{ text: period(from, to), width: value, align: 'left' },
			{ text: variant.dateLabel, width: label },
			{ text: chineseDate(data.limitDate), width: value, align: 'left' }
		]);
		y = itemHeader(y);
		const reserve = rowHeight(doc, footer, 80) + 60;
		for (const item of data.items) {
			const cells: Cell[] = [
				{ text: item.category, width: itemCols[0] },
				{ text: item.name, width: itemCols[1] },
				{ text: period(item.periodFrom, item.periodTo), width: itemCols[2] },
				{ text: item.amount, width: itemCols[3], align: 'right' }
			];
			if (!fits(doc, y, rowHeight(doc, cells, 22), reserve)) {
				newPage(doc);
				y = heading(doc, `${TITLE}（续）${mark}`, PAGE_MARGIN, W);
				y = itemHeader(splitLine(doc, '', `No. ${data.voucherNo}`, y, W));
			}
			y += drawRow(doc, y, cells);
		}
		y += drawRow(doc, y, [
			{ text: '金额合计（大写）', width: itemCols[0] },
			{ text: data.totalInWords, width: itemCols[1] + itemCols[2], align: 'left' },
			{ text: `￥${data.totalFigures}`, width: itemCols[3], align: 'right' }
		]);
		y += drawRow(doc, y, footer, 80);
		doc.fontSize(BODY_SIZE - 1);
		if (variant.lateFeeNotice) doc.text(FORM_TEXT.lateFeeNotice, PAGE_MARGIN, y + 6, { width: W / 2 });
		if (part) doc.text(part, PAGE_MARGIN + W / 2, y + 6, { width: W / 2, align: 'right' });
	}
	doc.end();
	return done;
}
