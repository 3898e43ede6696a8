import type { Migration } from '../migrator';

/**
 * Numbers of the 《税收完税证明》 this terminal prints: a yearly sequence per tax office of its
 * own, allocated once per print job (a job printed again keeps its number).
 */
export default {
	version: 4,
	name: 'certificate_numbers',
	sql: /* sql */ `
CREATE TABLE certificate_numbers (
	job_id TEXT PRIMARY KEY,
	tax_office_code TEXT NOT NULL,
	year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	serial INTEGER NOT NULL CHECK (serial > 0),
	certificate_no TEXT NOT NULL UNIQUE,
	issued_at TEXT NOT NULL,
	UNIQUE (tax_office_code, year, serial)
);
`
} satisfies Migration;
