import type { FormDocument, FormItem, FormPayer } from '../../../../drivers';
import { amountInWords, formatYuan } from '../../domain';
import type { DeclarationLine } from '../../domain/payer';
import type { BankForm } from '../upstream/types';

/** Declaration lines as the A4 forms list them: item, period, amount in yuan. */
export function formItemsOf(lines: readonly DeclarationLine[]): FormItem[] {
	return lines.map((l) => ({ category: l.item.name, name: l.item.name, periodFrom: l.periodFrom, periodTo: l.periodTo, amount: formatYuan(l.amountFen) }));
}

export interface BankCollectionFormInput {
	/** The form as the core tax system issued it. */
	form: BankForm;
	payer: FormPayer;
	lines: readonly DeclarationLine[];
	amountFen: number;
	/** The total in words as the payment machine shows it. */
	amountInWords: string;
	/** The payer's tax office, when the payer is known upstream. */
	payerTaxOffice?: string;
}

/** 《税收缴款书（银行经收专用）》: printed at the window, paid later at a bank. */
export function bankCollectionForm(i: BankCollectionFormInput, reprint: boolean): FormDocument {
	return {
		kind: 'payment-form',
		data: {
			reprint,
			voucherNo: i.form.voucherNo,
			issueDate: i.form.issuedOn,
			taxOffice: i.form.taxOfficeName,
			treasury: i.form.treasury,
			payer: i.payer,
			items: formItemsOf(i.lines),
			totalFigures: formatYuan(i.amountFen),
			totalInWords: i.amountInWords,
			limitDate: i.form.limitDate,
			remark: i.payerTaxOffice ? `主管税务机关：${i.payerTaxOffice}` : undefined
		}
	};
}

export interface TaxCashFormInput {
	voucherNo: string;
	issueDate: string;
	taxOffice: { name: string; treasury: string };
	payer: FormPayer;
	lines: readonly DeclarationLine[];
	amountFen: number;
	/** The day the money reached the pending account. */
	receivedOn: string;
	/** The numbers of the proofs the money came with. */
	proofNumbers: readonly string[];
}

/** 《税收缴款书（税务收现专用）》: the payer's certificate of money settled from the pending account. */
export function taxCashForm(i: TaxCashFormInput, reprint: boolean): FormDocument {
	return {
		kind: 'payment-form',
		data: {
			reprint,
			variant: 'tax-cash',
			voucherNo: i.voucherNo,
			issueDate: i.issueDate,
			taxOffice: i.taxOffice.name,
			treasury: i.taxOffice.treasury,
			payer: i.payer,
			items: formItemsOf(i.lines),
			totalFigures: formatYuan(i.amountFen),
			totalInWords: amountInWords(i.amountFen),
			limitDate: i.receivedOn,
			remark: `待报解社会保险费专户，资金入账证明：${i.proofNumbers.join('、')}`
		}
	};
}
