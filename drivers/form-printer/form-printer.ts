// The A4 form printer: the bank-collection payment form and the tax payment certificate.
// Amounts arrive already formatted by the caller (src/lib/domain/money.ts): drivers hold no
// money rules.
import type { Device, DeviceStatus } from '../status';

export interface FormPayer {
	readonly name: string;
	/** Unified social credit code or resident ID number, printed in full on these forms. */
	readonly id: string;
}

export interface FormItem {
	/** 征收项目, e.g. 基本养老保险费. */
	readonly category: string;
	/** 征收品目, e.g. 企业职工基本养老保险(单位缴纳). */
	readonly name: string;
	/** 费款所属期, 'YYYY-MM-DD'. */
	readonly periodFrom: string;
	readonly periodTo: string;
	/** Formatted yuan, e.g. '1,234.56'. */
	readonly amount: string;
}

/** 《税收缴款书（银行经收专用）》: printed at the window, paid at a bank. */
/**
 * 'bank-collection': 《税收缴款书（银行经收专用）》, paid later at a bank, with a limit date.
 * 'tax-cash': 《税收缴款书（税务收现专用）》, the payer's certificate of money already received by tax
 * (the pending-settlement account).
 */
export type PaymentFormVariant = 'bank-collection' | 'tax-cash';

export interface PaymentFormData {
	/** Default 'bank-collection'. */
	readonly variant?: PaymentFormVariant;
	/** 票证号码 / 电子税票号码. */
	readonly voucherNo: string;
	/** 填发日期, 'YYYY-MM-DD'. */
	readonly issueDate: string;
	/** 征收机关. */
	readonly taxOffice: string;
	readonly payer: FormPayer & { readonly bank?: string; readonly account?: string };
	/** 收款国库. */
	readonly treasury: string;
	readonly items: readonly FormItem[];
	/** 金额合计 in figures, e.g. '1,234.56'. */
	readonly totalFigures: string;
	/** 金额合计（大写）, e.g. '壹仟贰佰叁拾肆元伍角陆分'. */
	readonly totalInWords: string;
	/** 限缴日期, 'YYYY-MM-DD' (bank-collection); for tax-cash the day the money was received. */
	readonly limitDate: string;
	readonly clerk?: string;
	readonly remark?: string;
	/** One page per part (联次), each with its label; one unlabeled page when absent. */
	readonly partLabels?: readonly string[];
	/** 补打: an earlier copy of this form (same number) may have been printed. */
	readonly reprint?: boolean;
}

export interface CertificateItem extends FormItem {
	/** 原凭证号: the electronic tax voucher number of the payment. */
	readonly voucherNo: string;
	/** 入库日期, 'YYYY-MM-DD'. */
	readonly paidDate: string;
}

/** 《税收完税证明》 for electronic payments (agreement deduction, POS card). */
export interface TaxCertificateData {
	/** 证明编号 (No.). */
	readonly certificateNo: string;
	readonly issueDate: string;
	readonly taxOffice: string;
	readonly payer: FormPayer;
	readonly items: readonly CertificateItem[];
	readonly totalFigures: string;
	readonly totalInWords: string;
	readonly clerk?: string;
	readonly remark?: string;
	/** 补打: an earlier copy of this certificate (same number) may have been printed. */
	readonly reprint?: boolean;
}

/** One line of an individual's certificate: an item of a payment (缴费证明) or a whole payment (缴费记录). */
export interface IndividualCertificateLine {
	readonly voucherNo: string;
	/** 征收品目, or the payment's items joined. */
	readonly item: string;
	/** 费款所属期: e.g. '2026年度' or '2026-06-01至2026-06-30'. */
	readonly period: string;
	/** 缴费方式. */
	readonly channel: string;
	readonly paidDate: string;
	/** 入库日期. */
	readonly bookedDate: string;
	/** Formatted yuan. */
	readonly amount: string;
}

/** 《社会保险费缴费证明》 or 《社会保险费缴费记录》 of a resident or flexible employee (A4). */
export interface IndividualCertificateData {
	readonly title: string;
	/** 证明编号. */
	readonly certificateNo: string;
	/** 验证码. */
	readonly verificationCode: string;
	readonly issueDate: string;
	readonly taxOffice: string;
	readonly payer: FormPayer;
	/** A line under the payer, e.g. the period a record lists. */
	readonly subtitle?: string;
	readonly lines: readonly IndividualCertificateLine[];
	readonly totalFigures: string;
	readonly totalInWords: string;
	/** Where the seal goes, e.g. 〔税收业务专用章〕. */
	readonly seal: string;
	/** Printed under the table in this order (how to verify, the refund sentence). */
	readonly notes: readonly string[];
	/** 补打: an earlier copy of this certificate (same number) may have been printed. */
	readonly reprint?: boolean;
}

/** One person of a collector's register: a row of the list as paid. */
export interface CollectorRegisterLine {
	/** The list's data row (from 1). */
	readonly row: number;
	/** Masked resident ID number. */
	readonly id: string;
	readonly name: string;
	/** 险种. */
	readonly item: string;
	/** 缴费档次, e.g. '每年300元'; empty for items without tiers. */
	readonly tier: string;
	/** Formatted yuan. */
	readonly amount: string;
	/** 收款日期: the day the collector took the resident's cash. */
	readonly collectedOn: string;
}

/** 《社会保险费集中代收登记造册》: a collector batch person by person (A4), with the signature lines. */
export interface CollectorRegisterData {
	readonly title: string;
	readonly batchNo: string;
	/** The settlement's batch voucher. */
	readonly voucherNo: string;
	readonly paidOn: string;
	readonly collector: { readonly name: string; readonly code: string; readonly id: string; readonly virtualAccountNo: string; readonly county: string };
	readonly windowNo: string;
	readonly clerkName: string;
	readonly lines: readonly CollectorRegisterLine[];
	readonly totalFigures: string;
	readonly totalInWords: string;
	/** Printed under the table (the signature lines, the refund sentence). */
	readonly notes: readonly string[];
	readonly reprint?: boolean;
}

/** 《职业年金缴费通知单》 (A4): what to pay, where to, and the rules of the transfer in words. */
export interface AnnuityNoticeData {
	readonly title: string;
	/** 7 digits: the transfer's only remark. */
	readonly noticeNo: string;
	readonly issueDate: string;
	readonly taxOffice: string;
	readonly unit: { readonly name: string; readonly code: string; readonly unitNo: string };
	/** 征缴期 as printed, e.g. '2026年11月'. */
	readonly month: string;
	readonly totalFigures: string;
	readonly totalInWords: string;
	/** 托管银行归集户. */
	readonly custodian: { readonly bankName: string; readonly accountName: string; readonly accountNo: string };
	/** 缴费须知, numbered in this order. */
	readonly rules: readonly string[];
	/** The remark examples: what was typed and what is wrong with it (or that it is right). */
	readonly examples: readonly { readonly remark: string; readonly verdict: string }[];
	readonly clerk?: string;
	readonly reprint?: boolean;
}

/** The printout of a 财政电子票据 of an annuity payment (A4). */
export interface AnnuityReceiptData {
	readonly title: string;
	/** 票据代码, 票据号码, 校验码. */
	readonly receiptCode: string;
	readonly receiptNo: string;
	readonly checkCode: string;
	readonly issueDate: string;
	readonly payer: FormPayer;
	/** 收款单位. */
	readonly issuer: string;
	readonly items: readonly { readonly name: string; readonly period: string; readonly amount: string }[];
	readonly totalFigures: string;
	readonly totalInWords: string;
	readonly noticeNo: string;
	readonly clerk?: string;
	/** Printed under the table in this order (how to verify, the refund sentence). */
	readonly notes: readonly string[];
	readonly reprint?: boolean;
}

/** The POS's own batch against the ledger's card rows (POS对账), as printed on the shift and day reports. */
export interface PosReconciliationData {
	readonly batchNo: string;
	readonly posSaleCount: string;
	readonly posSaleAmount: string;
	readonly posVoidCount: string;
	readonly posVoidAmount: string;
	/** Sales less voids. */
	readonly posNetAmount: string;
	readonly ledgerSaleCount: string;
	readonly ledgerNetAmount: string;
	/** E.g. '一致' or '不一致，差异2笔'. */
	readonly verdict: string;
	/** Each reference where the two disagree; '无' where one side has no such reference. */
	readonly differences: readonly { readonly referenceNo: string; readonly pos: string; readonly ledger: string; readonly difference: string }[];
}

/** X (班中读数) or Z (班结) report of one shift (A4). Times already in UTC+8, amounts formatted. */
export interface ShiftReportData {
	/** 'X报表（班中读数）' or 'Z报表（班结）'. */
	readonly title: string;
	readonly shiftNo: string;
	readonly windowNo: string;
	readonly clerkName: string;
	readonly businessDate: string;
	readonly openedAt: string;
	/** The close's time, or the words for a shift still open. */
	readonly closedAt: string;
	readonly printedAt: string;
	readonly openingFloat: string;
	/** The float by denomination in one line, e.g. '100元×3，50元×4'. */
	readonly openingCount: string;
	readonly channels: readonly { readonly label: string; readonly entries: string; readonly net: string }[];
	readonly feeItems: readonly { readonly code: string; readonly name: string; readonly count: string; readonly amount: string }[];
	readonly total: string;
	readonly cash: {
		readonly expected: string;
		/** '' before the count. */
		readonly counted: string;
		/** '短款', '长款' or '无差异'; '' before the count. */
		readonly varianceLabel: string;
		/** The variance's size (no sign: the label says which way); '' before the count. */
		readonly variance: string;
		readonly reason: string;
	};
	readonly cashCount: readonly { readonly denomination: string; readonly pieces: string; readonly amount: string }[];
	readonly pos: PosReconciliationData | null;
	/** Why there is no POS reconciliation; '' when there is one. */
	readonly posNote: string;
	/** The supervisor's sign-off ('王主任 2026-12-03 17:05:00'), or '' when not signed yet. */
	readonly signOff: string;
}

/** 日结报表 of the hall (A4): every window's shift and what is still open. */
export interface DayCloseData {
	readonly title: string;
	readonly businessDate: string;
	readonly printedAt: string;
	/** The day close's time and supervisor, or the words for a day not closed yet. */
	readonly closedAt: string;
	readonly closedBy: string;
	readonly windows: readonly {
		readonly windowNo: string;
		readonly shiftNo: string;
		readonly clerkName: string;
		readonly openedAt: string;
		readonly closedAt: string;
		readonly total: string;
		/** E.g. '短款 10.00', '无差异', or '—' for a shift still open. */
		readonly variance: string;
		readonly reason: string;
		readonly signedOffBy: string;
	}[];
	/** The windows' totals together. */
	readonly total: string;
	readonly openShifts: readonly { readonly windowNo: string; readonly clerkName: string; readonly openedAt: string }[];
	readonly unrecordedStubs: readonly { readonly declarationNo: string; readonly windowNo: string; readonly amount: string; readonly issuedAt: string }[];
	readonly pendingIntents: readonly { readonly key: string; readonly action: string; readonly status: string; readonly createdAt: string }[];
	readonly collectorsOverLimit: readonly { readonly collector: string; readonly detail: string }[];
	readonly pos: PosReconciliationData | null;
	readonly posNote: string;
}

export type FormDocument =
	| { kind: 'payment-form'; data: PaymentFormData }
	| { kind: 'tax-certificate'; data: TaxCertificateData }
	| { kind: 'individual-certificate'; data: IndividualCertificateData }
	| { kind: 'collector-register'; data: CollectorRegisterData }
	| { kind: 'annuity-notice'; data: AnnuityNoticeData }
	| { kind: 'annuity-receipt'; data: AnnuityReceiptData }
	| { kind: 'shift-report'; data: ShiftReportData }
	| { kind: 'day-close'; data: DayCloseData };

export interface FormJob {
	/** Unique per document: a job whose id was already printed is not printed again. */
	readonly id: string;
	readonly document: FormDocument;
	readonly copies?: number;
}

export type FormPrintResult =
	/** file: the PDF kept in the output folder; destination: where it went (folder or CUPS job). */
	| { outcome: 'printed'; jobId: string; file: string; destination: string; bytes: number }
	| { outcome: 'duplicate'; jobId: string }
	| { outcome: 'failed'; jobId: string; status: DeviceStatus };

export interface FormPrinter extends Device {
	readonly kind: 'form-printer';
	print(job: FormJob): Promise<FormPrintResult>;
	/** The document's PDF without printing it (a download of a report kept in the journal); null without the font. */
	render(document: FormDocument): Promise<Buffer | null>;
}
