import type { Db } from '../../db/open-database';

/**
 * 18-digit electronic tax voucher number (电子税票号码): the tax office's 11-digit code,
 * the 2-digit year and a 5-digit yearly serial. Must run inside the caller's transaction.
 */
export function nextVoucherNo(db: Db, officeCode: string, year: number): string {
	return nextVoucherNos(db, officeCode, year, 1)[0];
}

/** `count` consecutive voucher numbers in one statement (a collector batch takes one per person). */
export function nextVoucherNos(db: Db, officeCode: string, year: number, count: number): string[] {
	const row = db
		.prepare<[string, number, number, number], { last_serial: number }>(
			`INSERT INTO voucher_sequences (tax_office, year, last_serial) VALUES (?, ?, ?)
			 ON CONFLICT (tax_office, year) DO UPDATE SET last_serial = last_serial + ?
			 RETURNING last_serial`
		)
		.get(officeCode, year, count, count)!;
	if (row.last_serial > 99999) throw new Error(`voucher serials of ${officeCode} for ${year} are used up`);
	const prefix = officeCode + String(year % 100).padStart(2, '0');
	return Array.from({ length: count }, (_, i) => prefix + String(row.last_serial - count + 1 + i).padStart(5, '0'));
}

/**
 * `count` consecutive declaration numbers (申报序号) of a day: `SB` + the day + a serial of that
 * day, after the last one given. Numbers are fixed-width, so the day's last one is found on the
 * unique index; ':' sorts after '9'. Must run inside the caller's transaction.
 */
export function nextDeclarationNos(db: Db, today: string, count: number): string[] {
	const prefix = `SB${today.replaceAll('-', '')}`;
	const found = db
		.prepare<[string, string], { declaration_no: string }>(
			`SELECT declaration_no FROM declarations WHERE declaration_no > ? AND declaration_no < ? ORDER BY declaration_no DESC LIMIT 1`
		)
		.get(prefix, `${prefix}:`);
	const last = found ? Number(found.declaration_no.slice(prefix.length)) : 0;
	return Array.from({ length: count }, (_, i) => prefix + String(last + 1 + i).padStart(6, '0'));
}
