import type { KioskDevices } from '../../../../drivers';
import {
	KIOSK_TEXTS,
	type PrintKioskDocumentInput,
	type PrintKioskDocumentOutput,
	type ReadHolderInput,
	type ReadHolderOutput
} from '../../../../state-machines';
import { checkResidentId, maskResidentId, normaliseIdNumber } from '../../domain';
import { isUnitKind } from '../../domain/payer';
import type { AuditRepo } from '../db/audit-repo';
import type { CoreTax } from '../upstream/types';
import { individualRecordReceipt } from '../receipts/individual-record-receipt';
import { attemptsSoFar, printWholeReceipt } from '../receipts/whole-receipt';
import { sentBefore } from './drawer-and-paper';
import { individualCertificates, type IndividualCertificateDeps } from './individual-certificates';

export const KIOSK_DOCUMENT_TEXT = {
	noCard: '未读到身份证，请将身份证重新放在感应区。',
	badCard: (reason: string) => `身份证信息无法识别：${reason}请到窗口办理。`,
	unknownKiosk: (kioskId: string) => `自助终端 ${kioskId} 未在本终端登记设备。`
} as const;

/** What a kiosk's print put on paper was cut off or refused by the printer: its status says why. */
export class KioskPrintError extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
		this.name = 'KioskPrintError';
	}
}

/** The audit actions of a kiosk's day (kiosk id as subject, masked ID and business date in detail). */
export const KIOSK_AUDIT = { cardRead: 'kiosk.cardRead', printed: 'kiosk.printed' } as const;

/** Years of payments a kiosk lists: this one and the four before. */
const YEARS_LISTED = 5;

/** What a kiosk's actors use: the individuals' certificates (without a window's printer), the kiosks' own devices, the audit. */
export interface KioskDocumentDeps extends Omit<IndividualCertificateDeps, 'devices' | 'upstream'> {
	upstream: { coreTax: Pick<CoreTax, 'findPayers' | 'payer' | 'individualPayments'> };
	kiosks: ReadonlyMap<string, KioskDevices>;
	audit: Pick<AuditRepo, 'record'>;
}

/**
 * The kiosk session's actors: the holder of the card lying on the kiosk's own reader (read here,
 * never taken from the screen), and the print of their certificate (form printer) or record
 * (receipt printer), each audited with the kiosk and the masked ID.
 */
export function kioskDocuments(d: KioskDocumentDeps) {
	const at = () => d.clock.now().toISOString();
	const devicesOf = (kioskId: string) => {
		const devices = d.kiosks.get(kioskId);
		if (!devices) throw new Error(KIOSK_DOCUMENT_TEXT.unknownKiosk(kioskId));
		return devices;
	};
	const certificatesOn = (devices: KioskDevices) => individualCertificates({ ...d, devices: { formPrinter: devices.formPrinter } });
	const audit = (action: string, kioskId: string, detail: Record<string, unknown>) =>
		d.audit.record(at(), { clerkId: null, windowNo: null, kioskId, action, subject: kioskId, detail: { kioskId, businessDate: d.clock.today(), ...detail } });

	async function readHolder({ kioskId, visit }: ReadHolderInput): Promise<ReadHolderOutput> {
		const devices = devicesOf(kioskId);
		const card = devices.idReader.current();
		if (!card) return { outcome: 'unknown', code: 'NO_CARD', message: KIOSK_DOCUMENT_TEXT.noCard };
		const idNumber = normaliseIdNumber(card.idNumber);
		const maskedId = maskResidentId(idNumber);
		const check = checkResidentId(idNumber, { today: d.clock.today() });
		const [payer] = check.ok ? await d.upstream.coreTax.findPayers({ by: 'idNumber', value: idNumber }, 1) : [];
		const found = payer !== undefined && !isUnitKind(payer.kind);
		audit(KIOSK_AUDIT.cardRead, kioskId, { maskedId, visit, found });
		if (!check.ok) return { outcome: 'unknown', code: 'BAD_ID_NUMBER', message: KIOSK_DOCUMENT_TEXT.badCard(check.reason) };
		if (!found) return { outcome: 'unknown', code: 'NOT_FOUND', message: KIOSK_TEXTS.notFound };
		const today = d.clock.today();
		const from = `${Number(today.slice(0, 4)) - YEARS_LISTED + 1}-01-01`;
		const { payments } = await certificatesOn(devices).listIndividualPayments({ payerId: payer.id, from, to: today });
		return { outcome: 'found', holder: { payerId: payer.id, name: payer.name, maskedId }, payments, today };
	}

	async function printKioskDocument(i: PrintKioskDocumentInput): Promise<PrintKioskDocumentOutput> {
		const devices = devicesOf(i.kioskId);
		const certificates = certificatesOn(devices);
		const issued = await certificates.issueCertificate({ ...i, copy: 0 });
		const { certificate, content } = issued;
		let reprint: boolean;
		if (i.kind === 'proof') {
			// The certificate on A4; a copy after a print that may have come out is 补打.
			reprint = issued.intent.status !== 'succeeded' && sentBefore(issued.intent, issued.fresh);
			await certificates.printOnForm(issued, false, { maskId: true });
		} else {
			// The record on the receipt printer: a copy cut off is voided, then printed whole, 补打.
			reprint = issued.intent.status !== 'succeeded' && attemptsSoFar(issued.intent).reached;
			if (issued.intent.status !== 'succeeded') {
				const printedAt = d.clock.localTime();
				const r = await printWholeReceipt(
					{ printer: devices.receiptPrinter, intents: d.intents, at },
					{
						intent: issued.intent,
						reprint: false,
						printedAt,
						document: (marked) => individualRecordReceipt(content, certificate.verificationCode, { reprint: marked, kioskId: i.kioskId, printedAt })
					}
				);
				if (!r.printed) throw new KioskPrintError(r.status.code, r.status.message);
			}
		}
		audit(KIOSK_AUDIT.printed, i.kioskId, {
			maskedId: maskResidentId(content.payer.identifier),
			kind: i.kind,
			certificateNo: certificate.certificateNo,
			reprint
		});
		return { certificateNo: certificate.certificateNo, verificationCode: certificate.verificationCode, reprint };
	}

	return { readHolder, printKioskDocument };
}
