import type { ReceiptDocument } from '../../../../drivers';
import { amountInWords, formatYuan } from '../../domain';

/** The receipt printer's self-test page: Chinese text, the ￥ sign, an amount in words and a QR code. */
export function testReceipt(at: { windowNo: number; clerkName: string; time: string }): ReceiptDocument {
	const sample = 123456;
	return {
		blocks: [
			{ kind: 'text', text: '小票打印机测试页', align: 'center', bold: true, size: 'double' },
			{ kind: 'rule' },
			{ kind: 'pair', left: '窗口', right: `${at.windowNo}号窗口` },
			{ kind: 'pair', left: '操作人员', right: at.clerkName },
			{ kind: 'pair', left: '时间', right: at.time },
			{ kind: 'pair', left: '金额示例', right: `￥${formatYuan(sample)}` },
			{ kind: 'text', text: `大写：${amountInWords(sample)}` },
			{ kind: 'qr', data: 'SIFEE-TEST', align: 'center' },
			{ kind: 'text', text: '如上述内容清晰完整，打印机工作正常。', align: 'center' }
		]
	};
}
