import type { ReceiptDocument } from '../../../../drivers';

// The slip that closes off a receipt cut off part-way (paper out, cable out, printer silent): a
// line saying what was printed is void, then the encoder's cut. Pure data → blocks, like the
// receipt itself; worded so that it reads right both under the cut-off copy (paper still in
// the printer) and at the top of a fresh roll (the cut-off copy went with the old one).

export const VOID_SLIP_TEXT = {
	void: '上一张凭据打印中断，已打出的部分作废',
	next: '完整凭据随后重新打印，注明“补打”'
} as const;

export function voidSlip(printedAt: string): ReceiptDocument {
	return {
		blocks: [
			{ kind: 'feed', lines: 1 },
			{ kind: 'rule', char: '=' },
			{ kind: 'text', text: VOID_SLIP_TEXT.void, align: 'center', bold: true },
			{ kind: 'text', text: VOID_SLIP_TEXT.next, align: 'center' },
			{ kind: 'pair', left: '打印时间', right: printedAt },
			{ kind: 'rule', char: '=' }
		]
	};
}
