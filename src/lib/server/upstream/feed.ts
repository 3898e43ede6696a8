import type { Agency, AgencyRegistration, AssessedDue, DueKind, PayerKind, PaymentRecord } from '../../domain/payer';
import type { IdempotencyKey, IsoDate } from './types';

// What the upstream systems do that no terminal calls: the agencies' pushes into tax and tax's
// own booking run. The simulator implements them beside the terminal's interfaces, for its
// demo seed and the tests.

/** A registration record as the agency pushes it. */
export interface AgencyRecordRef {
	agency: Agency;
	/** 单位编号 / 个人编号 at the agency. */
	agencyNo: string;
}

/** The agencies' side of the feed: what social security and medical insurance push to tax. */
export interface AgencyPushes {
	/** The agency's push of a new record; linked automatically when identifier and name match a tax registration. */
	receiveRegistration(
		input: AgencyRecordRef & {
			key: IdempotencyKey;
			payerIdentifier: string;
			payerName: string;
			items: string[];
			scope?: 'regular' | 'project';
			projectName?: string | null;
			receivedOn: IsoDate;
		}
	): Promise<AgencyRegistration>;
	/**
	 * The agency has started a change (变更) or transfer (转移) of the record: until it sends the
	 * change or the transfer (receiveChange / receiveCancellation, which clear it), the record
	 * shows `pendingChange` and the person is sent to the agency rather than paying.
	 */
	receivePendingChange(input: AgencyRecordRef & { key: IdempotencyKey; kind: 'change' | 'transfer'; receivedOn: IsoDate }): Promise<AgencyRegistration>;
	/** The agency's push of a change (变更登记): tax updates the record by itself. */
	receiveChange(
		input: AgencyRecordRef & {
			key: IdempotencyKey;
			receivedOn: IsoDate;
			payerName?: string;
			items?: string[];
			projectName?: string | null;
		}
	): Promise<AgencyRegistration>;
	/** The agency's push of a cancellation or transfer (注销 / 转移): the status follows by itself. */
	receiveCancellation(input: AgencyRecordRef & { key: IdempotencyKey; receivedOn: IsoDate; status: 'cancelled' | 'transferred' }): Promise<AgencyRegistration>;
	/** The agency's push of an assessed due (核定应缴信息) on one of its records. */
	receiveAssessedDue(
		input: AgencyRecordRef & {
			key: IdempotencyKey;
			kind: DueKind;
			itemCode: string;
			periodFrom: IsoDate;
			periodTo: IsoDate;
			amountFen: number;
			assessedOn: IsoDate;
		}
	): Promise<AssessedDue>;
}

/** A payment not booked yet, with whose it is and the day it is due to be booked. */
export interface AwaitingBooking extends PaymentRecord {
	payerId: number;
	payerName: string;
	payerKind: PayerKind;
	/** Null while the calendar lacks that year. */
	bookingDueOn: IsoDate | null;
}

/** Tax's own booking run (入库销号), on its schedule. */
export interface CoreTaxBooking {
	/** Every payment not booked yet, oldest first. */
	awaitingBooking(): Promise<AwaitingBooking[]>;
	/**
	 * Simulates 入库销号 as of `today`: a unit's payment is booked 3–5 working days after it was
	 * paid, an individual's a configured number of working days after; returns those booked now,
	 * each on the day it was due (a run as of a later day books on the days it passes).
	 */
	bookPayments(today: IsoDate): Promise<PaymentRecord[]>;
}
