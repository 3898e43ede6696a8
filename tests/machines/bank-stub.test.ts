import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { bankStubMachine, type RecordBankStubInput } from '../../state-machines/bank-stub.machine';
import { Fakes, actorNames, done, failed, flush, pathModel, pathName, runPath, withFakes } from './harness';

const SESSION = 'S-STB';
const TODAY = '2025-05-22';
const VOUCHER = '314051250500099999';
const RECORDED = { voucherNo: VOUCHER, declarationNo: 'SB2025052000001', payerName: '山西晋阳机械制造有限公司', amountFen: 123456 };

function start(fakes: Fakes) {
	return createActor(withFakes(bankStubMachine, fakes, ['recordBankStub']), { input: { sessionId: SESSION, today: TODAY } });
}

describe('bank stub: path model', () => {
	const model = pathModel(bankStubMachine, {
		input: { sessionId: SESSION, today: TODAY },
		events: [
			{ type: 'STUB_RECORDED', voucherNo: VOUCHER, bankName: '中国建设银行太原小店支行', bankStampedOn: '2025-05-21' },
			{ type: 'STUB_RECORDED', voucherNo: '12345', bankName: '中国建设银行太原小店支行', bankStampedOn: '2025-05-21' },
			{ type: 'STUB_RECORDED', voucherNo: VOUCHER, bankName: ' ', bankStampedOn: '2025-05-21' },
			{ type: 'STUB_RECORDED', voucherNo: VOUCHER, bankName: '中国建设银行太原小店支行', bankStampedOn: '2025-05-23' },
			done('recordBankStub', RECORDED),
			failed('recordBankStub', { code: 'BANK_FORM_NOT_FOUND', message: '查无此缴款书' })
		]
	});
	for (const path of model.getShortestPaths()) {
		it(pathName(path), async () => {
			await runPath(path, start, {
				recording: (_real, _m, fakes) => {
					expect(fakes.last<RecordBankStubInput>('recordBankStub')).toEqual({
						key: `${SESSION}:stub:${VOUCHER}`,
						voucherNo: VOUCHER,
						bankName: '中国建设银行太原小店支行',
						bankStampedOn: '2025-05-21',
						recordedOn: TODAY
					});
				},
				recorded: (real) => expect(real.output).toEqual({ outcome: 'recorded', stub: RECORDED })
			});
		});
	}
});

describe('bank stub: rules', () => {
	it('the stamped stub is recorded by the form’s 18-digit voucher number; a stamp after today is refused', async () => {
		const fakes = new Fakes();
		const actor = start(fakes).start();
		actor.send({ type: 'STUB_RECORDED', voucherNo: '3140512505', bankName: '建设银行', bankStampedOn: '2025-05-21' });
		expect(actor.getSnapshot().context.error?.code).toBe('BAD_VOUCHER_NO');
		actor.send({ type: 'STUB_RECORDED', voucherNo: VOUCHER, bankName: '建设银行', bankStampedOn: '2025-05-23' });
		expect(actor.getSnapshot().context.error?.code).toBe('BAD_STAMP_DATE');
		expect(fakes.count('recordBankStub')).toBe(0);
		actor.send({ type: 'STUB_RECORDED', voucherNo: ` ${VOUCHER} `, bankName: '建设银行', bankStampedOn: '2025-05-22' });
		await flush();
		expect(fakes.last('recordBankStub')).toMatchObject({ voucherNo: VOUCHER, key: `${SESSION}:stub:${VOUCHER}` });
	});

	it('declares exactly its named actors', () => {
		expect(actorNames(bankStubMachine)).toEqual(['recordBankStub']);
	});
});
