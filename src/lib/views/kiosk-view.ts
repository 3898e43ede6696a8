import type { DeviceHealth } from '$drivers';
import type { IsoDate } from '../domain/dates';
import type { IndividualCertificateKind } from '../../../state-machines';

// The kiosk's screen, derived on the server (src/lib/server/sessions/kiosk-session-screen.ts) from
// the kiosk session. It carries the holder's name and masked ID only, never a full ID number nor a
// payer id: the kiosk's browser has nothing to send back but touches.

/** One item of one payment, as the holder's list shows it. */
export interface KioskPaymentLine {
	voucherNo: string;
	paidOn: IsoDate;
	/** 费款所属期: '2026年度' or a from–to span. */
	coverage: string;
	amountFen: number;
	booked: boolean;
	/** 已入库，可打印, or 可于 YYYY-MM-DD 后打印. */
	availability: string;
}

/** The holder's payments of one year (of payment), grouped by item. */
export interface KioskYear {
	year: number;
	/** Some payment of the year is booked: its documents can be printed. */
	printable: boolean;
	items: { name: string; lines: KioskPaymentLine[] }[];
}

export interface KioskHolderView {
	name: string;
	maskedId: string;
}

export type KioskStep =
	| { step: 'attract' }
	| { step: 'reading' }
	| { step: 'notFound'; message: string }
	| { step: 'readFailed'; message: string }
	| { step: 'browsing'; holder: KioskHolderView; years: KioskYear[]; error: string | null }
	| { step: 'confirming'; holder: KioskHolderView; kind: IndividualCertificateKind; title: string; year: number; years: KioskYear[] }
	| { step: 'printing'; title: string }
	| { step: 'printFailed'; title: string; message: string }
	| { step: 'printed'; title: string; certificateNo: string; reprint: boolean }
	| { step: 'farewell' };

export type KioskScreen = KioskStep & { kioskId: string; idleSeconds: number };

/** Why the kiosk is out of service: every device whose status is an error (paper out, offline, cover open…). */
export function kioskPausedBy(devices: readonly DeviceHealth[]): string[] {
	return devices.filter((d) => d.status.level === 'error').map((d) => `${d.label}：${d.status.message}`);
}

/** The kiosk screen's own words (the holder's messages come in the view). */
export const KIOSK_PAGE_TEXT = {
	title: '社会保险费缴费凭证自助打印',
	kiosk: (kioskId: string) => `自助终端 ${kioskId}`,
	attract: '请将本人居民身份证放在感应区',
	attractHint: '可自助打印本人已入库的《社会保险费缴费证明》《社会保险费缴费记录》',
	reading: '正在读取身份证，请稍候…',
	chooseYear: '请选择要打印的凭证和年度',
	noPayments: '近五年没有您的缴费记录。',
	year: (year: number) => `${year}年缴费`,
	paidOn: (day: string) => `缴款日期 ${day}`,
	printTitle: (kind: 'proof' | 'record') => (kind === 'proof' ? '打印《社会保险费缴费证明》' : '打印《社会保险费缴费记录》'),
	confirm: (title: string, year: number) => `将打印《${title}》（${year}年缴费）`,
	onPrinter: { proof: '由A4打印机打印，请在下方出纸口取走。', record: '由凭条打印机打印，请在出纸口取走。' },
	print: '确认打印',
	back: '返回',
	done: '结束',
	retry: '重试',
	retryPrint: '重新打印（补打）',
	printing: (title: string) => `正在打印《${title}》，请稍候…`,
	takePaper: '打印完成，请取走凭证和身份证',
	printed: (title: string, no: string) => `已打印《${title}》，证明编号 ${no}`,
	reprint: '（补打）',
	taken: '我已取走',
	takeCard: '请取走您的身份证',
	paused: '暂停服务',
	pausedHint: '自助终端设备暂不可用，请到窗口办理或稍后再试。',
	failed: '操作未成功，请稍后再试。',
	voice: {
		attract: '请将本人居民身份证放在感应区',
		reading: null,
		notFound: '未查询到您的缴费信息，请到窗口咨询',
		readFailed: '读取失败，请重试',
		browsing: '请选择要打印的凭证和年度',
		confirming: '请确认打印',
		printing: '正在打印，请稍候',
		printFailed: '打印未完成，请重试',
		printed: '打印完成，请取走凭证和身份证',
		farewell: '请取走您的身份证',
		paused: '暂停服务，请到窗口办理'
	} satisfies Record<KioskStep['step'] | 'paused', string | null>
} as const;
