import type { Db } from './open-database';
import type { IntentRow, IntentsRepo } from './intents-repo';

/** 证明编号 of a 《税收完税证明》: `ZM`, the year, the tax office's code, then a six-digit serial. */
const numberPrefix = (year: number, officeCode: string) => `ZM${year}${officeCode}`;

const MAX_SERIAL = 999_999;

/**
 * The terminal's own yearly sequence of certificate numbers per tax office. A number is taken in
 * the same transaction as the print's intent, once per print job: the job printed again after a
 * restart, or as 补打, carries the number it was given first.
 */
export function certificateNumbersRepo(db: Db, intents: IntentsRepo) {
	const allocate = db.prepare(
		`INSERT INTO certificate_numbers (job_id, tax_office_code, year, serial, certificate_no, issued_at)
		 SELECT @jobId, @officeCode, @year, s.next, @prefix || printf('%06d', s.next), @at
		 FROM (SELECT coalesce(max(serial), 0) + 1 AS next FROM certificate_numbers WHERE tax_office_code = @officeCode AND year = @year) s
		 WHERE s.next <= ${MAX_SERIAL}
		 ON CONFLICT (job_id) DO NOTHING`
	);
	const get = db.prepare<[string], { certificateNo: string }>(`SELECT certificate_no AS certificateNo FROM certificate_numbers WHERE job_id = ?`);

	return {
		/** Begins the print's intent and gives the job its number (the one it already has, on a repeat). */
		beginPrint(
			job: { jobId: string; windowSessionId: string | null; officeCode: string; year: number; payload: unknown },
			at: string
		): { intent: IntentRow; fresh: boolean; certificateNo: string } {
			return db.transaction(() => {
				const begun = intents.begin({ key: job.jobId, windowSessionId: job.windowSessionId, action: 'certificate.print', payload: job.payload }, at);
				allocate.run({ jobId: job.jobId, officeCode: job.officeCode, year: job.year, prefix: numberPrefix(job.year, job.officeCode), at });
				const row = get.get(job.jobId);
				if (!row) throw new Error(`certificate numbers of ${job.officeCode} for ${job.year} are used up`);
				return { ...begun, certificateNo: row.certificateNo };
			})();
		}
	};
}

export type CertificateNumbersRepo = ReturnType<typeof certificateNumbersRepo>;
