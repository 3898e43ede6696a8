import type { Db } from '../../db/open-database';

/**
 * 18-digit electronic tax voucher number (电子税票号码): the tax office's 11-digit code,
 * the 2-digit year and a 5-digit yearly serial. Must run inside the caller's transaction.
 */
export function nextVoucherNo(db: Db, officeCode: string, year: number): string {
	const row = db
		.prepare<[string, number], { last_serial: number }>(
			`INSERT INTO voucher_sequences (tax_office, year, last_serial) VALUES (?, ?, 1)
			 ON CONFLICT (tax_office, year) DO UPDATE SET last_serial = last_serial + 1
			 RETURNING last_serial`
		)
		.get(officeCode, year)!;
	if (row.last_serial > 99999) throw new Error(`voucher serials of ${officeCode} for ${year} are used up`);
	return officeCode + String(year % 100).padStart(2, '0') + String(row.last_serial).padStart(5, '0');
}
