import type { Db } from './open-database';
import type { IntentRow, IntentsRepo } from './intents-repo';
import type { IndividualCertificateKind } from '../../../../state-machines';

/** 证明编号 prefixes: JZ for 《社会保险费缴费证明》, JL for 《社会保险费缴费记录》 (migration 006). */
export const INDIVIDUAL_CERTIFICATE_PREFIX: Record<IndividualCertificateKind, string> = { proof: 'JZ', record: 'JL' };

/** `JZ2026-000001`: the kind's prefix, the year, a six-digit serial of that kind and year. */
export const INDIVIDUAL_CERTIFICATE_NO = /^(JZ|JL)(\d{4})-(\d{6})$/;

export const PRINT_ACTION = 'individualCertificate.print';

const MAX_SERIAL = 999_999;

export interface IndividualCertificateRow {
	certificateNo: string;
	kind: IndividualCertificateKind;
	payerId: number;
	jobId: string;
	/** The canonical content as stored: the verification code is the keyed hash of this text. */
	content: string;
	verificationCode: string;
	issuedAt: string;
}

export interface IssueJob {
	jobId: string;
	windowSessionId: string | null;
	kind: IndividualCertificateKind;
	payerId: number;
	year: number;
}

export interface Issued {
	intent: IntentRow;
	fresh: boolean;
	certificate: IndividualCertificateRow;
}

const SELECT = `SELECT certificate_no AS certificateNo, kind, payer_id AS payerId, job_id AS jobId, content,
	verification_code AS verificationCode, issued_at AS issuedAt FROM individual_certificates`;

/**
 * The individuals' certificates: numbered per kind and year, once per print job, in the same
 * transaction as the print's intent. A job asked again (a restart, a retry) gets the certificate
 * it was given first, content and code included; a 补打 copy is a print of its own of that row.
 */
export function individualCertificatesRepo(db: Db, intents: Pick<IntentsRepo, 'begin'>) {
	const nextSerial = db.prepare<[string, number], { next: number }>(
		`SELECT coalesce(max(serial), 0) + 1 AS next FROM individual_certificates WHERE kind = ? AND year = ?`
	);
	const insert = db.prepare(
		`INSERT INTO individual_certificates (certificate_no, kind, year, serial, payer_id, job_id, content, verification_code, issued_at)
		 VALUES (@certificateNo, @kind, @year, @serial, @payerId, @jobId, @content, @verificationCode, @at)`
	);
	const byJob = db.prepare<[string], IndividualCertificateRow>(`${SELECT} WHERE job_id = ?`);
	const byNumber = db.prepare<[string], IndividualCertificateRow>(`${SELECT} WHERE certificate_no = ?`);

	return {
		/**
		 * Begins the print's intent (key: the job id) and gives the job its certificate: the one it
		 * has, or a new number whose content and code `seal` makes from that number.
		 */
		issue(job: IssueJob, seal: (certificateNo: string) => { content: string; verificationCode: string }, at: string): Issued {
			return db
				.transaction((): Issued => {
					const begun = intents.begin(
						{ key: job.jobId, windowSessionId: job.windowSessionId, action: PRINT_ACTION, payload: { kind: job.kind, payerId: job.payerId } },
						at
					);
					const had = byJob.get(job.jobId);
					if (had) return { ...begun, certificate: had };
					const serial = nextSerial.get(job.kind, job.year)!.next;
					if (serial > MAX_SERIAL) throw new Error(`individual certificate numbers of ${job.kind} for ${job.year} are used up`);
					const certificateNo = `${INDIVIDUAL_CERTIFICATE_PREFIX[job.kind]}${job.year}-${String(serial).padStart(6, '0')}`;
					insert.run({ ...job, ...seal(certificateNo), certificateNo, serial, at });
					return { ...begun, certificate: byJob.get(job.jobId)! };
				})
				.immediate();
		},
		/** Begins the intent of a 补打 copy (its own key) of the job's certificate, which must exist. */
		reprint(job: { jobId: string; copy: number; windowSessionId: string | null }, at: string): Issued {
			return db.transaction((): Issued => {
				const certificate = byJob.get(job.jobId);
				if (!certificate) throw new Error(`print job ${job.jobId} issued no certificate to print again`);
				const key = `${job.jobId}:copy:${job.copy}`;
				const begun = intents.begin(
					{ key, windowSessionId: job.windowSessionId, action: PRINT_ACTION, payload: { certificateNo: certificate.certificateNo, copy: job.copy } },
					at
				);
				return { ...begun, certificate };
			})();
		},
		byNumber: (certificateNo: string): IndividualCertificateRow | null => byNumber.get(certificateNo) ?? null
	};
}

export type IndividualCertificatesRepo = ReturnType<typeof individualCertificatesRepo>;
