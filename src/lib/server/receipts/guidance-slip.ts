import type { ReceiptDocument } from '../../../../drivers';
import type { GuidanceSlip } from '../../../../state-machines';

/** A guidance slip on the receipt printer: where to go, what to bring, whom to call. */
export function guidanceSlipReceipt(payerName: string, slip: GuidanceSlip, printedAt: string, reprint: boolean): ReceiptDocument {
	const list = (title: string, items: string[]) =>
		items.length ? [{ kind: 'text' as const, text: title, bold: true }, ...items.map((t, n) => ({ kind: 'text' as const, text: `${n + 1}. ${t}` }))] : [];
	return {
		blocks: [
			{ kind: 'text', text: slip.title, align: 'center', bold: true, size: 'double' },
			...(reprint ? [{ kind: 'text' as const, text: '【补打】', align: 'center' as const, bold: true }] : []),
			{ kind: 'rule' },
			{ kind: 'pair', left: '缴费人', right: payerName },
			{ kind: 'text', text: slip.reason },
			...list('办理地点', slip.where),
			...list('携带材料', slip.bring),
			...list('办理步骤', slip.steps),
			{ kind: 'rule' },
			...slip.helpLines.map((h) => ({ kind: 'text' as const, text: `${h.number}${h.key ? ` 转 ${h.key}` : ''}：${h.purpose}` })),
			{ kind: 'pair', left: '打印时间', right: printedAt }
		]
	};
}
