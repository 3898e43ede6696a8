import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import {
	receiptJobId,
	receiptPrintMachine,
	type PrintReceiptInput,
	type ReceiptData,
	type ReceiptPrintContext
} from '../../state-machines/receipt-print.machine';
import { REFUND_NOT_SHOWN } from '../../state-machines/shared';
import { Fakes, actorNames, done, failed, flush, pathModel, pathName, restoreActor, runPath, withFakes } from './harness';
import { ENTERPRISE, REGULAR, lineOf } from './fixtures';

const SESSION = 'S-RCP';
const RECEIPT: ReceiptData = {
	payerId: ENTERPRISE.id,
	payerKind: ENTERPRISE.kind,
	payerName: ENTERPRISE.name,
	payerIdentifier: ENTERPRISE.identifier,
	declarationNo: 'SB2025052000001',
	lines: [lineOf(REGULAR)],
	amountFen: 100000,
	amountInWords: '壹仟元整',
	channel: 'cash',
	voucherNo: '314051250500012345',
	paidOn: '2025-05-20',
	windowNo: '3',
	clerkId: 'clerk07',
	card: null,
	cash: { tenderedFen: 100000, changeFen: 0 },
	taxCashFormNo: null,
	refundNotice: REFUND_NOT_SHOWN
};
const PAPER_OUT = { level: 'error', code: 'PAPER_OUT', message: '打印机缺纸' };
const OFFLINE = { level: 'error', code: 'OFFLINE', message: '打印机未连接' };

function start(fakes: Fakes) {
	return createActor(withFakes(receiptPrintMachine, fakes, ['printReceipt']), {
		input: { sessionId: SESSION, receipt: RECEIPT }
	});
}

describe('receipt print: path model', () => {
	const model = pathModel(receiptPrintMachine, {
		input: { sessionId: SESSION, receipt: RECEIPT },
		events: [
			done('printReceipt', { printed: true }),
			done('printReceipt', { printed: false, status: PAPER_OUT }),
			done('printReceipt', { printed: false, status: OFFLINE }),
			failed('printReceipt', { code: 'PAPER_OUT', message: '缺纸' }),
			failed('printReceipt', { code: 'COVER_OPEN', message: '打印机盖未关' })
		],
		filterEvents: (state) => state.context.copy < 2
	});
	for (const path of model.getShortestPaths()) {
		it(pathName(path), async () => {
			await runPath(path, start, {
				printing: (real, _m, fakes) => {
					const ctx = real.context as ReceiptPrintContext;
					expect(fakes.last<PrintReceiptInput>('printReceipt')).toEqual({
						jobId: receiptJobId(SESSION, ctx.copy),
						reprint: ctx.copy > 0,
						receipt: RECEIPT
					});
				},
				paperOut: (real) => expect(real.context.error.code).toBe('PAPER_OUT'),
				closed: (real) => {
					const ctx = real.context as ReceiptPrintContext;
					expect(real.output).toEqual({
						printedJobs: ctx.printedJobs,
						unprintedJob: ctx.printedJobs.includes(receiptJobId(SESSION, ctx.copy)) ? null : receiptJobId(SESSION, ctx.copy)
					});
				}
			});
		});
	}
});

describe('receipt print: rules', () => {
	it('paper out waits for paper, then prints the same job id', async () => {
		const fakes = new Fakes();
		const actor = start(fakes).start();
		await flush();
		await fakes.settle('printReceipt', { printed: false, status: PAPER_OUT });
		expect(actor.getSnapshot().value).toBe('paperOut');
		expect(fakes.count('printReceipt')).toBe(1); // no retry before paper is loaded
		actor.send({ type: 'RETRY' });
		expect(actor.getSnapshot().value).toBe('paperOut');
		actor.send({ type: 'PAPER_LOADED' });
		await flush();
		expect(fakes.all('printReceipt').map((c) => c.jobId)).toEqual([`${SESSION}:receipt:0`, `${SESSION}:receipt:0`]);
		await fakes.settle('printReceipt', { printed: true });
		expect(actor.getSnapshot().value).toBe('printed');
	});

	it('a paper-out error thrown by the driver is handled as paper out too', async () => {
		const fakes = new Fakes();
		const actor = start(fakes).start();
		await flush();
		await fakes.fail('printReceipt', { code: 'PAPER_OUT', message: '缺纸' });
		expect(actor.getSnapshot().value).toBe('paperOut');
	});

	it('an offline printer fails with its message; RETRY sends the same job', async () => {
		const fakes = new Fakes();
		const actor = start(fakes).start();
		await flush();
		await fakes.settle('printReceipt', { printed: false, status: OFFLINE });
		expect(actor.getSnapshot().value).toBe('failed');
		expect(actor.getSnapshot().context.error).toEqual({ code: 'OFFLINE', message: '打印机未连接' });
		actor.send({ type: 'RETRY' });
		await flush();
		expect(fakes.last('printReceipt')).toMatchObject({ jobId: `${SESSION}:receipt:0`, reprint: false });
	});

	it('a reprint after printing is a new job marked 补打', async () => {
		const fakes = new Fakes().respond('printReceipt', () => ({ printed: true }));
		const actor = start(fakes).start();
		await waitFor(actor, (s) => s.matches('printed'));
		actor.send({ type: 'REPRINT' });
		await waitFor(actor, (s) => s.matches('printed'));
		actor.send({ type: 'DONE' });
		expect(fakes.all<PrintReceiptInput>('printReceipt').map((c) => [c.jobId, c.reprint])).toEqual([
			[`${SESSION}:receipt:0`, false],
			[`${SESSION}:receipt:1`, true]
		]);
		expect(actor.getSnapshot().output).toEqual({
			printedJobs: [`${SESSION}:receipt:0`, `${SESSION}:receipt:1`],
			unprintedJob: null
		});
	});

	it('the receipt always carries the refund sentence', async () => {
		const fakes = new Fakes();
		createActor(withFakes(receiptPrintMachine, fakes, ['printReceipt']), {
			input: { sessionId: SESSION, receipt: { ...RECEIPT, refundNotice: '' } }
		}).start();
		await flush();
		expect(fakes.last<PrintReceiptInput>('printReceipt').receipt.refundNotice).toBe('税务机关出具的缴费凭证，不体现社保、医保经办机构的退费结果信息。');
	});

	it('a snapshot restored while printing sends the same job again', async () => {
		const fakes = new Fakes();
		const actor = start(fakes).start();
		await flush();
		const saved = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
		actor.stop();
		const after = new Fakes();
		restoreActor(withFakes(receiptPrintMachine, after, ['printReceipt']), saved).start();
		await flush();
		expect(after.all('printReceipt')).toEqual(fakes.all('printReceipt'));
	});

	it('declares exactly its named actors', () => {
		expect(actorNames(receiptPrintMachine)).toEqual(['printReceipt']);
	});
});
