// The receipt printer driver's stream code on @serialport/binding-mock: what goes on the wire,
// and how DLE EOT answers turn into job results.
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../drivers/printer/escpos-encoder';
import { PRINTER_MODELS } from '../../../drivers/printer/printer-models';
import type { ReceiptDocument } from '../../../drivers/printer/receipt-printer';
import { createSerialReceiptPrinter, type EscPosReceiptPrinter } from '../../../drivers/printer/serial-receipt-printer';
import { pluggableBinding, type PluggableBinding } from './mock-serial';
import { waitFor } from './wait-for';

const STATUS_QUERY = Buffer.from('100401100402100403100404', 'hex');
const kick = { pin: 2 as const, onMs: 100, offMs: 200 };
const doc: ReceiptDocument = {
	blocks: [
		{ kind: 'text', text: '社会保险费' },
		{ kind: 'qr', data: '314056240500012345' }
	]
};

/** Answers DLE EOT like a printer whose four status bytes are `replies` (null: no answer). */
function answerStatus(mock: PluggableBinding, replies: () => number[] | null) {
	mock.onWrite((port: MockPortBinding, data: Buffer) => {
		const answer = replies();
		if (answer && data.includes(STATUS_QUERY)) port.emitData(Buffer.from(answer));
	});
}

function withoutStatusQueries(recording: Buffer): Buffer {
	return Buffer.from(recording.toString('hex').replaceAll(STATUS_QUERY.toString('hex'), ''), 'hex');
}

describe('serial receipt printer on binding-mock', () => {
	let printer: EscPosReceiptPrinter;
	let mock: PluggableBinding;
	let replies: number[] | null;

	beforeEach(async () => {
		MockBinding.reset();
		MockBinding.createPort('/dev/ttyPRN', { record: true });
		mock = pluggableBinding();
		replies = [0x12, 0x12, 0x12, 0x12];
		answerStatus(mock, () => replies);
		printer = createSerialReceiptPrinter({
			path: '/dev/ttyPRN',
			baudRate: 19200,
			binding: mock.binding,
			retry: { initialMs: 5, maxMs: 20 },
			model: 'generic-80mm',
			kick,
			drawerOpenSignal: 'high',
			replyTimeoutMs: 250,
			statusPollMs: 0
		});
		await waitFor('OK', () => printer.status().code === 'OK');
	});

	afterEach(async () => printer.close());

	it('sends exactly the encoded job between status checks', async () => {
		const port = mock.ports[0];
		port.recording = Buffer.alloc(0);
		const result = await printer.print({ id: 'job-1', document: doc });
		expect(result).toMatchObject({ outcome: 'printed', jobId: 'job-1' });
		const expected = encodeReceipt(doc, { profile: PRINTER_MODELS['generic-80mm'] }).bytes;
		expect(port.recording.subarray(0, STATUS_QUERY.length)).toEqual(STATUS_QUERY);
		expect(withoutStatusQueries(port.recording)).toEqual(Buffer.from(expected));
		expect(port.openOptions.baudRate).toBe(19200);
	});

	it('does not print a job id twice, even when asked twice at once', async () => {
		const port = mock.ports[0];
		const [a, b] = await Promise.all([printer.print({ id: 'job-2', document: doc }), printer.print({ id: 'job-2', document: doc })]);
		expect(a).toBe(b);
		port.recording = Buffer.alloc(0);
		expect(await printer.print({ id: 'job-2', document: doc })).toEqual({ outcome: 'duplicate', jobId: 'job-2' });
		expect(port.recording.length).toBe(0);
	});

	it('refuses to start when the printer reports paper end, sending nothing but the status query', async () => {
		const port = mock.ports[0];
		port.recording = Buffer.alloc(0);
		replies = [0x1a, 0x32, 0x12, 0x72];
		const result = await printer.print({ id: 'job-3', document: doc });
		expect(result).toMatchObject({ outcome: 'failed', bytesSent: 0, status: { code: 'PAPER_OUT', level: 'error' } });
		expect(port.recording).toEqual(STATUS_QUERY);
		expect(printer.lastError()?.code).toBe('PAPER_OUT');

		replies = [0x12, 0x12, 0x12, 0x12];
		expect((await printer.print({ id: 'job-3', document: doc })).outcome).toBe('printed');
		expect(printer.lastError()?.code).toBe('PAPER_OUT');
		expect(printer.status().code).toBe('OK');
	});

	it('calls a printer that does not answer not answering', async () => {
		replies = null;
		const report = await printer.queryStatus();
		expect(report.flags).toBeNull();
		expect(report.status).toMatchObject({ code: 'NOT_RESPONDING', level: 'error' });
	});

	it('kicks the drawer and cuts with the configured bytes', async () => {
		const port = mock.ports[0];
		port.recording = Buffer.alloc(0);
		expect(await printer.kickDrawer()).toEqual({ ok: true });
		expect(await printer.cut()).toEqual({ ok: true });
		expect(port.recording.toString('hex')).toBe('1b70003264' + '1d564200');
	});

	it('reports OFFLINE when the cable is pulled and OK once it is back, by itself', async () => {
		const seen: string[] = [];
		printer.onStatus((s) => seen.push(s.code));
		mock.unplug();
		await waitFor('OFFLINE', () => printer.status().code === 'OFFLINE');
		expect(await printer.print({ id: 'job-4', document: doc })).toMatchObject({ outcome: 'failed', status: { code: 'OFFLINE' } });
		mock.plug();
		await waitFor('OK', () => printer.status().code === 'OK');
		expect(seen).toEqual(['OFFLINE', 'OK']);
	});
});
