import type { ReceiptDocument } from '../../../../drivers';
import type { BatchReceiptData } from '../../../../state-machines';
import { CHANNEL_LABEL } from '../../domain/payer';
import { maskResidentId } from '../../domain';
import { tenderLines, yuan } from './tender-lines';

// The collector batch's summary on the thermal printer (社保费集中代收汇总凭证, short enough for one double-size line): who brought the money,
// into which virtual account, for how many persons, the batch voucher. The persons themselves are
// on the A4 register (登记造册).

export function batchSummaryReceipt(s: BatchReceiptData, opts: { reprint: boolean; clerkName: string; printedAt: string }): ReceiptDocument {
	return {
		blocks: [
			{ kind: 'text', text: '社保费集中代收汇总凭证', align: 'center', bold: true, size: 'double' },
			...(opts.reprint ? [{ kind: 'text' as const, text: '【补打】', align: 'center' as const, bold: true }] : []),
			{ kind: 'rule' },
			{ kind: 'pair', left: '代办员', right: `${s.collector.name}（${s.collector.code}）` },
			{ kind: 'pair', left: '身份证号码', right: maskResidentId(s.collector.idNumber) },
			{ kind: 'pair', left: '虚拟户账号', right: s.collector.virtualAccountNo },
			{ kind: 'pair', left: '代收批次号', right: s.batchNo },
			{ kind: 'rule' },
			{ kind: 'pair', left: '缴费人数', right: `${s.persons}人` },
			{ kind: 'pair', left: '合计', right: yuan(s.amountFen), bold: true },
			{ kind: 'text', text: `大写：${s.amountInWords}` },
			{ kind: 'pair', left: '存入方式', right: CHANNEL_LABEL[s.channel] },
			...tenderLines(s.card, s.cash),
			{ kind: 'pair', left: '批次凭证号', right: s.voucherNo },
			{ kind: 'pair', left: '缴款日期', right: s.paidOn },
			{ kind: 'pair', left: '窗口/经办人', right: `${s.windowNo}号窗口 ${opts.clerkName}` },
			{ kind: 'pair', left: '打印时间', right: opts.printedAt },
			{ kind: 'text', text: '逐人明细见《社会保险费集中代收登记造册》。' },
			{ kind: 'text', text: s.refundNotice }
		]
	};
}
