import type { ReceiptBlock } from '../../../../drivers';
import type { CardApproval } from '../../../../state-machines';
import { formatYuan } from '../../domain';

// What every receipt says of the money taken: the POS slip's card lines, or the cash and change.

export const yuan = (fen: number) => `￥${formatYuan(fen)}`;

export function tenderLines(card: CardApproval | null, cash: { tenderedFen: number; changeFen: number } | null): ReceiptBlock[] {
	return [
		...(card
			? [
					{ kind: 'pair' as const, left: '卡号', right: card.cardMasked },
					{ kind: 'pair' as const, left: 'POS参考号', right: card.referenceNo },
					{ kind: 'pair' as const, left: 'POS凭证号', right: card.voucherNo }
				]
			: []),
		...(cash
			? [
					{ kind: 'pair' as const, left: '实收', right: yuan(cash.tenderedFen) },
					{ kind: 'pair' as const, left: '找零', right: yuan(cash.changeFen) }
				]
			: [])
	];
}
