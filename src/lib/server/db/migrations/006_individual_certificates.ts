import type { Migration } from '../migrator';

/**
 * 《社会保险费缴费证明》 and 《社会保险费缴费记录》 of individuals this terminal issued: a yearly
 * sequence per kind (证明编号 `JZ2026-000001` for 缴费证明, `JL2026-000001` for 缴费记录; the units'
 * 《税收完税证明》 keep their `ZM` numbers in certificate_numbers), one row per print job (a job
 * printed again keeps its number), with the canonical content the verification code is the
 * keyed hash of, so the 证明查验 page can check a certificate against what was issued.
 */
export default {
	version: 6,
	name: 'individual_certificates',
	sql: /* sql */ `
CREATE TABLE individual_certificates (
	certificate_no TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('proof', 'record')),
	year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	serial INTEGER NOT NULL CHECK (serial BETWEEN 1 AND 999999),
	payer_id INTEGER NOT NULL,
	job_id TEXT NOT NULL UNIQUE,
	content TEXT NOT NULL,
	verification_code TEXT NOT NULL,
	issued_at TEXT NOT NULL,
	UNIQUE (kind, year, serial)
);
`
} satisfies Migration;
