// Deterministic receipts for the printing proofs: a seeded generator over every payment channel,
// 1–12 items, long unit and person names (rare characters and ones the printer lacks included).
import type { ReceiptData } from '../../../state-machines';
import { REFUND_NOT_SHOWN } from '../../../state-machines';
import { amountInWords } from '../../../src/lib/domain';
import type { PayerKind, PaymentChannel } from '../../../src/lib/domain/payer';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const RECEIPT_CHANNELS = ['pos', 'cash', 'agreement', 'bank_form', 'pending_account'] as const satisfies readonly PaymentChannel[];

const ITEMS = [
	{ code: 'PENSION', name: '企业职工基本养老保险费' },
	{ code: 'UNEMPLOYMENT', name: '失业保险费' },
	{ code: 'INJURY', name: '工伤保险费' },
	{ code: 'MEDICAL', name: '职工基本医疗保险费（含生育保险）' },
	{ code: 'INST_PENSION', name: '机关事业单位基本养老保险费' },
	{ code: 'RES_PENSION', name: '城乡居民基本养老保险费' },
	{ code: 'RES_MEDICAL', name: '城乡居民基本医疗保险费' },
	{ code: 'SERIOUS', name: '大额医疗费用补助（职工大额医疗互助）' },
	{ code: 'PROJECT', name: '建筑项目工伤保险费（按项目参保）' }
];
const UNIT_PARTS = [
	'太原',
	'晋中',
	'示例',
	'机械',
	'制造',
	'煤焦',
	'化工',
	'集团',
	'有限',
	'责任',
	'公司',
	'第三',
	'分公司',
	'堃',
	'喆',
	'鑫',
	'森',
	'垚',
	'物流',
	'科技',
	'发展'
];
const SURNAMES = ['张', '王', '李', '赵', '刘', '欧阳', '司马', '上官', '喆', '𠮷', '龑'];
const GIVEN = ['伟', '芳', '建国', '晓红', '娜', '堃', '昇', '玥', '琇', '翀', '·阿不都', '¥'];

export function generateReceipt(rand: () => number, n: number): ReceiptData {
	const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
	const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
	const digits = (count: number) => Array.from({ length: count }, () => int(0, 9)).join('');
	const channel = RECEIPT_CHANNELS[n % RECEIPT_CHANNELS.length];
	const payerKind = pick<PayerKind>(['enterprise', 'institution', 'resident', 'flexible']);
	const unit = payerKind === 'enterprise' || payerKind === 'institution';
	const payerName = unit
		? Array.from({ length: int(3, 16) }, () => pick(UNIT_PARTS)).join('') + '（示例）'
		: pick(SURNAMES) + Array.from({ length: int(1, 6) }, () => pick(GIVEN)).join('') + '（演示）';
	const lines = Array.from({ length: int(1, 12) }, () => {
		const month = String(int(1, 12)).padStart(2, '0');
		return {
			dueId: int(1, 99999),
			item: pick(ITEMS),
			periodFrom: `2026-${month}-01`,
			periodTo: `2026-${month}-28`,
			tier: null,
			amountFen: int(1, 30_000_000)
		};
	});
	const amountFen = lines.reduce((s, l) => s + l.amountFen, 0);
	const tendered = Math.ceil(amountFen / 10000) * 10000;
	return {
		payerId: n + 1,
		payerKind,
		payerName,
		payerIdentifier: unit ? `91140100${digits(9)}X` : `14010119${int(50, 99)}0${int(1, 9)}1${int(1, 2)}${digits(3)}X`,
		declarationNo: `10014026${digits(12)}`,
		lines,
		amountFen,
		amountInWords: amountInWords(amountFen),
		channel,
		voucherNo: `3140562605${digits(8)}`,
		paidOn: '2026-11-20',
		windowNo: String(int(1, 12)),
		clerkId: String(int(1, 9)),
		card:
			channel === 'pos'
				? {
						terminalId: `T${digits(7)}`,
						merchantId: `8981401${digits(8)}`,
						batchNo: digits(6),
						voucherNo: digits(6),
						referenceNo: digits(12),
						cardMasked: `6222********${digits(4)}`,
						time: '2026-11-20 10:11:12',
						amountFen
					}
				: null,
		cash: channel === 'cash' ? { tenderedFen: tendered, changeFen: tendered - amountFen } : null,
		taxCashFormNo: channel === 'pending_account' ? `SX${digits(14)}` : null,
		refundNotice: REFUND_NOT_SHOWN
	};
}
