// The A4 form printer: renders the form to PDF, keeps the PDF in the output folder, and sends
// it to CUPS when a printer queue is configured.
import { FORM_TEXT } from '../messages';
import { DeviceError, deviceStatus, StatusTracker, TrackedDevice } from '../status';
import { loadCjkFont, type CjkFont } from './cjk-font';
import { renderTaxCertificate } from './certificate-pdf';
import { renderIndividualCertificate } from './individual-certificate-pdf';
import { renderCollectorRegister } from './collector-register-pdf';
import { renderAnnuityNotice, renderAnnuityReceipt } from './annuity-pdf';
import { renderShiftReport } from './shift-report-pdf';
import { renderDayClose } from './day-close-pdf';
import { sendToCups, type CupsTarget } from './cups-form-printer';
import { writePdfToFolder } from './folder-form-printer';
import type { FormDocument, FormJob, FormPrinter, FormPrintResult } from './form-printer';
import { renderPaymentForm } from './payment-form-pdf';

export interface PdfFormPrinterOptions {
	fontPath: string;
	/** Face inside a .ttc collection. */
	fontName?: string;
	outputDir: string;
	/** Absent: the folder is the destination. */
	cups?: CupsTarget;
}

/** Pure layout dispatch: the document and the font in, the PDF out. */
export function renderForm(document: FormDocument, font: CjkFont): Promise<Buffer> {
	switch (document.kind) {
		case 'payment-form':
			return renderPaymentForm(document.data, font);
		case 'tax-certificate':
			return renderTaxCertificate(document.data, font);
		case 'individual-certificate':
			return renderIndividualCertificate(document.data, font);
		case 'collector-register':
			return renderCollectorRegister(document.data, font);
		case 'annuity-notice':
			return renderAnnuityNotice(document.data, font);
		case 'annuity-receipt':
			return renderAnnuityReceipt(document.data, font);
		case 'shift-report':
			return renderShiftReport(document.data, font);
		case 'day-close':
			return renderDayClose(document.data, font);
	}
}

export class PdfFormPrinter extends TrackedDevice implements FormPrinter {
	readonly kind = 'form-printer' as const;
	protected readonly tracker: StatusTracker;
	private readonly font: CjkFont | null;
	private readonly printed = new Set<string>();
	private readonly inFlight = new Map<string, Promise<FormPrintResult>>();

	constructor(private readonly options: PdfFormPrinterOptions) {
		super();
		let font: CjkFont | null = null;
		let status = deviceStatus('OK');
		try {
			font = loadCjkFont(options.fontPath, options.fontName);
		} catch (err) {
			if (!(err instanceof DeviceError)) throw err;
			status = err.status;
		}
		this.font = font;
		this.tracker = new StatusTracker(status);
	}

	print(job: FormJob): Promise<FormPrintResult> {
		if (this.printed.has(job.id)) return Promise.resolve({ outcome: 'duplicate', jobId: job.id });
		const running = this.inFlight.get(job.id);
		if (running) return running;
		const result = this.run(job).finally(() => this.inFlight.delete(job.id));
		this.inFlight.set(job.id, result);
		return result;
	}

	render(document: FormDocument): Promise<Buffer | null> {
		return this.font ? renderForm(document, this.font) : Promise.resolve(null);
	}

	async close(): Promise<void> {}

	private async run(job: FormJob): Promise<FormPrintResult> {
		if (!this.font) return { outcome: 'failed', jobId: job.id, status: this.tracker.get() };
		const pdf = await renderForm(job.document, this.font);
		let file: string;
		try {
			file = await writePdfToFolder(this.options.outputDir, job.id, pdf);
		} catch (err) {
			return this.fail(job.id, FORM_TEXT.folderFailed((err as Error).message));
		}
		let destination = file;
		if (this.options.cups) {
			try {
				const requestId = await sendToCups(this.options.cups, file, job.id, job.copies ?? 1);
				destination = `CUPS ${this.options.cups.printer} ${requestId}`;
			} catch (err) {
				return this.fail(job.id, FORM_TEXT.cupsFailed((err as Error).message));
			}
		}
		this.printed.add(job.id);
		this.tracker.set(deviceStatus('OK'));
		return { outcome: 'printed', jobId: job.id, file, destination, bytes: pdf.length };
	}

	private fail(jobId: string, message: string): FormPrintResult {
		const status = deviceStatus('PRINT_FAILED', message);
		this.tracker.set(status);
		return { outcome: 'failed', jobId, status };
	}
}
