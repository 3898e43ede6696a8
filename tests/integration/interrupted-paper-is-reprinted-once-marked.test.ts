// Issue 8, item 4: every paper action writes its intent first. A certificate or guidance slip cut
// off by a crash is printed again once, marked 补打; one whose print finished is not printed again.
// Certificate numbers come from the terminal's own yearly sequence per tax office.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { crashImage, restartOver } from './crash-image';
import { clerkAt, declareAt, payerId, until, type Rt } from './sessions/flow-helpers';
import { startCounterSession } from '../../src/lib/server/services/window-sessions';
import { pdfText } from '../unit/drivers/pdf-text';
import { receiptLines } from '../../drivers';
import { clerkOperator } from '../../src/lib/server/auth/operator';

/** PDFs of one kind the form printer filed in an output folder, as text without cell line breaks. */
const pdfsIn = (dir: string, kind: string) =>
	existsSync(dir)
		? readdirSync(dir)
				.filter((f) => f.includes(kind))
				.map((f) => pdfText(readFileSync(join(dir, f))).replace(/\n/g, ''))
		: [];
const certificatesIn = (dir: string) => pdfsIn(dir, 'certificate');
const formsOf = (rt: { dir: string }) => join(rt.dir, 'forms');

/** Opens a certificate visit for the demo enterprise and ticks its booked October card payment. */
async function certificateReady(rt: Rt): Promise<string> {
	const id = await startCounterSession(rt, clerkOperator(clerkAt(rt, 'clerk01', 3)), await payerId(rt), 'certificate');
	await until(rt, id, (v) => v.child?.id === 'certificate' && v.child.step === 'range');
	rt.sessions.send(id, { type: 'SET_RANGE', from: '2026-10-01', to: '2026-11-20' } as never);
	const v = await until(rt, id, (x) => x.child?.id === 'certificate' && x.child.step === 'selecting');
	const october = (v.child!.context.payments as { voucherNo: string; paidOn: string }[]).find((p) => p.paidOn === '2026-10-15')!;
	rt.sessions.send(id, { type: 'TOGGLE_PAYMENT', voucherNo: october.voucherNo } as never);
	return id;
}

/** The visit ends by itself once the certificate is out; answers the number the session holds. */
async function certified(rt: Rt, id: string): Promise<string> {
	const row = () => rt.journal.prepare('SELECT status, snapshot FROM window_sessions WHERE id = ?').get(id) as { status: string; snapshot: string };
	await expect.poll(() => row().status, { timeout: 10_000 }).toBe('done');
	return JSON.parse(row().snapshot).context.certificateNo;
}
const certificateNoOf = (rt: Rt, id: string) =>
	(rt.journal.prepare('SELECT certificate_no AS n FROM certificate_numbers WHERE job_id LIKE ?').get(`${id}:%`) as { n: string }).n;

describe('interrupted paper is reprinted once, marked 补打', () => {
	const started: { dispose(): Promise<void> }[] = [];
	afterEach(async () => {
		for (const rt of started.splice(0)) await rt.dispose();
	});

	it('a certificate print interrupted is reprinted once, marked 补打, with the number it was given', async () => {
		const before = await tempRuntime();
		started.push(before);
		const id = await certificateReady(before);
		// The crash: the first copy is out of the printer, the journal does not know it yet.
		let image = '';
		const printer = before.devices.formPrinter;
		const print = printer.print.bind(printer);
		printer.print = async (job) => {
			const r = await print(job);
			image ||= crashImage(before);
			return r;
		};
		before.sessions.send(id, { type: 'ISSUE' } as never);
		await certified(before, id);
		const [first] = certificatesIn(formsOf(before));
		const number = certificateNoOf(before, id);
		expect(number).toMatch(/^ZM2026\d{11}000001$/);
		expect(first).toContain(`No. ${number}`);
		expect(first).not.toContain('补打');

		const after = await restartOver(image);
		started.push(after);
		expect(await certified(after, id)).toBe(number);
		const again = certificatesIn(formsOf(after));
		expect(again).toHaveLength(1);
		expect(again[0]).toContain('税收完税证明（补打）');
		expect(again[0]).toContain(`No. ${number}`);
		expect(after.intents.get(`${id}:certificate:0`)).toMatchObject({ status: 'succeeded', outcome: { certificateNo: number, reprint: true } });
	});

	it('a certificate whose print finished before the crash is not printed again', async () => {
		const before = await tempRuntime();
		started.push(before);
		const id = await certificateReady(before);
		let image = '';
		const finish = before.intents.finish;
		before.intents.finish = (key, status, outcome, time) => {
			finish(key, status, outcome, time);
			if (status === 'succeeded' && before.intents.get(key)!.action === 'certificate.print') image ||= crashImage(before);
		};
		before.sessions.send(id, { type: 'ISSUE' } as never);
		await certified(before, id);

		const after = await restartOver(image);
		started.push(after);
		expect(await certified(after, id)).toBe(certificateNoOf(before, id));
		expect(certificatesIn(formsOf(after))).toEqual([]);
	});

	it('certificate numbers run in their own yearly sequence per tax office, not from a job id', async () => {
		const rt = await tempRuntime();
		started.push(rt);
		const numbers: string[] = [];
		for (let n = 0; n < 2; n++) {
			const id = await certificateReady(rt);
			rt.sessions.send(id, { type: 'ISSUE' } as never);
			await certified(rt, id);
			numbers.push(certificateNoOf(rt, id));
		}
		const office = (await rt.upstream.coreTax.payer(await payerId(rt)))!.taxOffice.code;
		expect(numbers).toEqual([`ZM2026${office}000001`, `ZM2026${office}000002`]);
	});

	it('a bank-collection form cut off by a crash is printed again once, marked 补打, with the same voucher number', async () => {
		const before = await tempRuntime();
		started.push(before);
		const d = await declareAt(before, clerkAt(before, 'clerk01', 3));
		let image = '';
		const printer = before.devices.formPrinter;
		const print = printer.print.bind(printer);
		printer.print = async (job) => {
			const r = await print(job);
			image ||= crashImage(before);
			return r;
		};
		before.sessions.send(d.id, { type: 'CHOOSE', channel: 'bank_form' } as never);
		await expect.poll(() => pdfsIn(formsOf(before), 'form').length).toBe(1);
		const [first] = pdfsIn(formsOf(before), 'form');
		const voucherNo = first.match(/No\. (\d{18})/)![1];
		expect(first).not.toContain('补打');

		const after = await restartOver(image);
		started.push(after);
		await expect.poll(() => after.ledger.ofSession(d.id).length).toBe(1);
		const again = pdfsIn(formsOf(after), 'form');
		expect(again).toHaveLength(1);
		expect(again[0]).toContain('税收缴款书（银行经收专用）（补打）');
		expect(again[0]).toContain(`No. ${voucherNo}`);
		expect(after.ledger.ofSession(d.id)).toMatchObject([{ kind: 'bank_form_issued', voucherNo, amountFen: d.totalFen }]);
	});

	it('a guidance slip cut off by a crash is voided and printed again once, marked 补打', async () => {
		const before = await tempRuntime();
		started.push(before);
		const id = await startCounterSession(before, clerkOperator(clerkAt(before, 'clerk01', 3)), await payerId(before), 'refund');
		await until(before, id, (v) => v.child?.id === 'refundGuidance' && v.child.step === 'showing');
		let image = '';
		const printer = before.devices.receiptPrinter;
		const print = printer.print.bind(printer);
		printer.print = async (job) => {
			const r = await print(job);
			image ||= crashImage(before);
			return r;
		};
		before.sessions.send(id, { type: 'PRINT' } as never);
		await until(before, id, (v) => v.child?.id !== 'refundGuidance');
		expect(before.devices.simulated!.printer.printed().map((p) => receiptLines(p.receipt).join('\n'))).toEqual([expect.not.stringContaining('补打')]);

		const after = await restartOver(image);
		started.push(after);
		await until(after, id, (v) => v.child?.id !== 'refundGuidance');
		const paper = after.devices.simulated!.printer.printed().map((p) => receiptLines(p.receipt).join('\n'));
		expect(paper).toHaveLength(2);
		expect(paper[0]).toContain('作废');
		expect(paper[1]).toContain('【补打】');
		expect(after.intents.get(`${id}:guidance:refund`)).toMatchObject({ action: 'slip.print', status: 'succeeded' });
	});
});
