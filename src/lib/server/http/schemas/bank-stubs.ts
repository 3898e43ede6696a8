import { z } from 'zod';
import { isoDate, plainText } from '../fields';

/** The stamped stub of a bank-collection form; the service checks the date against today. */
export const bankStubForm = z.object({
	voucherNo: z
		.string({ error: '电子税票号码：必须填写' })
		.transform((v) => v.replace(/\s+/g, ''))
		.pipe(z.string().regex(/^\d{18}$/, { error: '电子税票号码：应为18位数字' })),
	bankName: plainText('收款银行', 40),
	stampedOn: isoDate('银行盖章日期')
});
