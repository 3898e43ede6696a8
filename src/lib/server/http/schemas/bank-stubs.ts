import { z } from 'zod';
import { isoDate, pattern, plainText } from '../fields';

export const BANK_STUB_FORM_TEXT = { voucherNo: '应为18位数字' } as const;

/** The stamped stub of a bank-collection form; the service checks the date against today. */
export const bankStubForm = z.object({
	voucherNo: pattern('电子税票号码', /^\d{18}$/, BANK_STUB_FORM_TEXT.voucherNo, { compact: true }),
	bankName: plainText('收款银行', 40),
	stampedOn: isoDate('银行盖章日期')
});
