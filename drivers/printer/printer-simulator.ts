// A simulated ESC/POS printer: the device end of a link. It answers DLE EOT like a real printer,
// prints what it receives into decoded receipts, and can be told to run out of paper, open its
// cover, lose power, or have its drawer closed again. Used in demo mode and in tests.
import { Emitter, type Unsubscribe } from '../status';
import type { ByteLink } from '../transport/byte-link';
import { EscPosParser, ReceiptAssembler, type DecodedReceipt, type EscPosToken } from './escpos-decoder';
import { encodeStatus, type DrawerOpenSignal } from './escpos-status';
import type { PrinterFlags } from './receipt-printer';

export type PaperState = 'ok' | 'near-end' | 'out';

export interface Printout {
	readonly receipt: DecodedReceipt;
	/** False when the paper ran out (or the cover opened, or power went) before the cut. */
	readonly complete: boolean;
	/** The driver's job this paper was printed for; null when the link carries no job marks (a wire). */
	readonly jobId: string | null;
}

/**
 * Paper that left a printer is gone from it; the simulator keeps the last ones for the virtual
 * printer beside the counter and for tests, not a day's (or a month's) receipts in memory.
 */
export const PRINTOUTS_KEPT = 500;

export class EscPosPrinterSimulator {
	private paper: PaperState = 'ok';
	private coverOpen = false;
	private powered = true;
	private drawerOpen = false;
	private linesLeft: number | null = null;
	private parser = new EscPosParser();
	private assembler = new ReceiptAssembler();
	private readonly done: Printout[] = [];
	private readonly printouts = new Emitter<Printout>();
	private readonly unsubscribe: Unsubscribe[];
	/** The job whose bytes come in now, as the link said; a cut after a tear-off still belongs to it. */
	private job: string | null = null;

	constructor(
		private readonly link: ByteLink,
		private readonly drawerOpenSignal: DrawerOpenSignal = 'high'
	) {
		this.unsubscribe = [link.onData((chunk) => this.receive(chunk)), link.onJobMark?.((jobId) => (this.job = jobId)) ?? (() => {})];
	}

	setPaper(state: PaperState): void {
		if (state === 'out') this.tearOff();
		this.paper = state;
		this.linesLeft = null;
	}

	/** The roll ends after this many more printed lines: paper out in the middle of a job. */
	runOutOfPaperAfter(lines: number): void {
		this.linesLeft = lines;
	}

	setCoverOpen(open: boolean): void {
		if (open) this.tearOff();
		this.coverOpen = open;
	}

	/** Powered off, the printer answers nothing: the driver sees it as offline. */
	setPowered(on: boolean): void {
		if (!on) {
			this.tearOff();
			this.parser = new EscPosParser();
			this.assembler = new ReceiptAssembler();
		}
		this.powered = on;
	}

	closeDrawer(): void {
		this.drawerOpen = false;
	}

	isDrawerOpen(): boolean {
		return this.drawerOpen;
	}

	flags(): PrinterFlags {
		return {
			offline: false,
			coverOpen: this.coverOpen,
			paperEnd: this.paper === 'out',
			paperNearEnd: this.paper === 'near-end',
			drawerOpen: this.drawerOpen,
			cutterError: false,
			unrecoverableError: false,
			autoRecoverableError: false
		};
	}

	/** What was printed last (up to PRINTOUTS_KEPT), oldest first. */
	printed(): readonly Printout[] {
		return this.done;
	}

	onPrintout(listener: (printout: Printout) => void): Unsubscribe {
		return this.printouts.on(listener);
	}

	detach(): void {
		for (const off of this.unsubscribe) off();
	}

	private stopped(): boolean {
		return this.paper === 'out' || this.coverOpen;
	}

	private receive(chunk: Uint8Array): void {
		if (!this.powered) return;
		for (const token of this.parser.push(chunk)) {
			if (token.t === 'status-request') {
				this.answer(token.n);
				continue;
			}
			// A stopped printer holds data instead of printing it; the driver abandons the job, and the
			// next job's ESC @ clears it, so here it is simply dropped.
			if (this.stopped()) continue;
			this.print(token);
			if (token.t === 'lf') this.lineFed();
		}
	}

	private answer(n: number): void {
		if (n < 1 || n > 4) return;
		const reply = encodeStatus(this.flags(), this.drawerOpenSignal).subarray(n - 1, n);
		this.link.write(reply).catch(() => undefined);
	}

	private lineFed(): void {
		if (this.linesLeft === null) return;
		this.linesLeft -= 1;
		if (this.linesLeft <= 0) this.setPaper('out');
	}

	private print(token: EscPosToken): void {
		// The pulse opens the drawer; it leaves nothing on paper.
		if (token.t === 'kick') {
			this.drawerOpen = true;
			return;
		}
		this.assembler.push([token]);
		if (token.t === 'cut') this.finish(true);
	}

	private tearOff(): void {
		this.finish(false);
	}

	private finish(complete: boolean): void {
		const receipt = this.assembler.take();
		if (receipt.items.length === 0) return;
		const printout = { receipt, complete, jobId: this.job };
		this.done.push(printout);
		if (this.done.length > PRINTOUTS_KEPT) this.done.splice(0, this.done.length - PRINTOUTS_KEPT);
		this.printouts.emit(printout);
	}
}
