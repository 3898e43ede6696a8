import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { REFUND_GUIDANCE_TEXTS, refundGuidanceMachine, type PrintGuidanceSlipInput } from '../../state-machines/refund-guidance.machine';
import { Fakes, actorNames, done, failed, flush, pathModel, pathName, runPath, withFakes } from './harness';
import { ENTERPRISE, INSTITUTION } from './fixtures';

const SESSION = 'S-RFD';

function start(fakes: Fakes, payer = ENTERPRISE) {
	return createActor(withFakes(refundGuidanceMachine, fakes, ['printGuidanceSlip']), {
		input: { sessionId: SESSION, payer }
	});
}

describe('refund guidance: path model', () => {
	const model = pathModel(refundGuidanceMachine, {
		input: { sessionId: SESSION, payer: ENTERPRISE },
		events: [done('printGuidanceSlip', { printed: true }), failed('printGuidanceSlip', { code: 'PAPER_OUT', message: '缺纸' })]
	});
	for (const path of model.getShortestPaths()) {
		it(pathName(path), async () => {
			await runPath(path, start, {
				printing: (real, _m, fakes) => {
					expect(fakes.last<PrintGuidanceSlipInput>('printGuidanceSlip')).toEqual({
						jobId: `${SESSION}:guidance:refund`,
						payerName: ENTERPRISE.name,
						slip: real.context.slip
					});
				},
				printed: (real) => expect(real.output).toMatchObject({ printed: true }),
				closed: (real) => expect(real.output).toMatchObject({ printed: false })
			});
		});
	}
});

describe('refund guidance: rules', () => {
	it('refund or offset is handled by the agencies: the slip says where to go, what to bring and whom to call', async () => {
		const fakes = new Fakes().respond('printGuidanceSlip', () => ({ printed: true }));
		const actor = start(fakes).start();
		actor.send({ type: 'PRINT' });
		await waitFor(actor, (s) => s.status === 'done');
		const { slip } = fakes.last<PrintGuidanceSlipInput>('printGuidanceSlip');
		expect(slip.reason).toContain('社保、医保经办机构受理，社保、医保经办机构退还');
		expect(slip.reason).toContain('税务窗口不受理退费申请');
		expect(slip.where.join('')).toContain('退费地社保、医保经办机构');
		expect(slip.bring.join('')).toContain('按照当地社保、医保经办机构政策规定提供');
		expect(slip.steps).toContain('税务机关出具的缴费凭证，不体现社保、医保经办机构的退费结果信息。');
		expect(slip.helpLines.map((l) => [l.number, l.key])).toEqual(
			expect.arrayContaining([
				['12333', null],
				['12366', '6'],
				['95113', null]
			])
		);
		expect(slip.bring.join('')).not.toContain('职业年金');
		expect(actor.getSnapshot().output).toEqual({ printed: true, slip });
	});

	it('a public institution also learns what to bring for an occupational annuity refund', () => {
		const actor = start(new Fakes(), INSTITUTION).start();
		const { slip } = actor.getSnapshot().context;
		for (const item of REFUND_GUIDANCE_TEXTS.annuityBring) expect(slip.bring.join('\n')).toContain(item);
		expect(slip.where.join('')).toContain('当地社保经办机构受理并退还');
	});

	it('the terminal moves no refund money: the only actor prints the slip', () => {
		expect(actorNames(refundGuidanceMachine)).toEqual(['printGuidanceSlip']);
	});

	it('a failed print can be retried or the slip closed unprinted', async () => {
		const fakes = new Fakes();
		const actor = start(fakes).start();
		actor.send({ type: 'PRINT' });
		await flush();
		await fakes.fail('printGuidanceSlip', { code: 'OFFLINE', message: '打印机未连接' });
		expect(actor.getSnapshot().value).toBe('failed');
		expect(actor.getSnapshot().context.error).toEqual({ code: 'OFFLINE', message: '打印机未连接' });
		actor.send({ type: 'CLOSE' });
		expect(actor.getSnapshot().output).toMatchObject({ printed: false });
	});
});
