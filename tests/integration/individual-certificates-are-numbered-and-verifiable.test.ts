// Issue 9, item 6: 《社会保险费缴费证明》 and 《社会保险费缴费记录》 carry the seal placeholder, the
// refund sentence, a number from their own sequence per kind (JZ… / JL…; a reprint keeps it) and
// a verification code, the keyed hash of their content, which the counter's 证明查验 checks; a
// production terminal does not start without the key.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { tempRuntime } from './temp-runtime';
import { bookAsOf, certificateStep, FLEXIBLE, payerNamed, payThisMonth } from './individual-certificate-helpers';
import { pdfText } from '../unit/drivers/pdf-text';
import { REFUND_NOT_SHOWN } from '../../state-machines';
import { verifyCertificate, VERIFY_TEXT } from '../../src/lib/server/services/certificate-verification';
import { verifyCertificateForm } from '../../src/lib/server/http/schemas/certificates';
import { createRuntime } from '../../src/lib/server/runtime';
import { readConfig } from '../../src/lib/server/config';
import { PRODUCTION_TEXT, StartRefusedError } from '../../src/lib/server/production';
import { formatYuan } from '../../src/lib/domain';
import { individualCertificates } from '../../src/lib/server/capabilities/individual-certificates';
import type { Payer } from '../../src/lib/domain/payer';

const TODAY = '2026-06-18';
const BOOKED_ON = '2026-06-24';

/** The forms filed for one job, as text without the cell line breaks. */
const formsOf = (dir: string, jobPart: string) =>
	existsSync(dir)
		? readdirSync(dir)
				.filter((f) => f.includes(jobPart.replace(/[^A-Za-z0-9._-]/g, '_')))
				.sort()
				.map((f) => pdfText(readFileSync(join(dir, f))).replace(/\n/g, ''))
		: [];

describe('individual certificates: numbered, sealed, verifiable', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	let payer: Payer;
	let paid: Awaited<ReturnType<typeof payThisMonth>>;
	const forms = () => join(rt.dir, 'forms');
	const deps = () => rt.services.certificates;

	beforeAll(async () => {
		rt = await tempRuntime({ SIFEE_TODAY: TODAY });
		payer = await payerNamed(rt, FLEXIBLE);
		paid = await payThisMonth(rt, payer);
		await bookAsOf(rt, BOOKED_ON);
	});
	afterAll(() => rt.dispose());

	/** Issues one certificate of the kind over this month and answers what the step says of it. */
	async function issue(kind: 'proof' | 'record') {
		const step = await certificateStep(rt, payer);
		step.send({ type: 'SET_RANGE', from: '2026-06-01', to: TODAY });
		await waitFor(step, (s) => s.matches('selecting') && s.context.payments.length > 0);
		if (kind === 'proof') step.send({ type: 'TOGGLE_PAYMENT', voucherNo: paid.voucherNo });
		step.send({ type: kind === 'proof' ? 'ISSUE_PROOF' : 'ISSUE_RECORD' });
		const s = await waitFor(step, (x) => x.matches('selecting') && x.context.issued.length === 1, { timeout: 10_000 });
		return { step, issued: s.context.issued[0], sessionId: s.context.sessionId };
	}

	it('the proof has the person, the payment, the total in words, the seal placeholder, number, code and refund sentence', async () => {
		const { step, issued, sessionId } = await issue('proof');
		expect(issued.certificateNo).toBe('JZ2026-000001');
		expect(issued.verificationCode).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
		const [pdf] = formsOf(forms(), `${sessionId}:individual-certificate:0`);
		for (const expected of [
			'社会保险费缴费证明',
			payer.name,
			payer.identifier,
			paid.voucherNo,
			'现金',
			BOOKED_ON,
			`￥${formatYuan(paid.amountFen)}`,
			'金额合计（大写）',
			'〔税收业务专用章〕',
			'JZ2026-000001',
			issued.verificationCode,
			'凭证号码和验证码可在办税服务厅“证明查验”核验',
			REFUND_NOT_SHOWN
		]) {
			expect(pdf).toContain(expected);
		}
		expect(pdf).not.toContain('补打');

		// 补打 keeps the number and code, on a copy marked as such.
		step.send({ type: 'REPRINT' });
		await waitFor(step, (s) => s.matches('selecting') && s.context.issued[0].reprints === 1, { timeout: 10_000 });
		const copies = formsOf(forms(), `${sessionId}:individual-certificate:0`);
		expect(copies).toHaveLength(2);
		expect(copies.find((t) => t.includes('补打'))).toContain(`JZ2026-000001`);
		expect(copies.find((t) => t.includes('补打'))).toContain(issued.verificationCode);
		step.send({ type: 'CLOSE' });
		expect(step.getSnapshot().output).toEqual({ outcome: 'printed', certificateNos: ['JZ2026-000001'] });
	});

	it('numbers run in a sequence of their own per kind', async () => {
		const record = await issue('record');
		const secondProof = await issue('proof');
		expect([record.issued.certificateNo, secondProof.issued.certificateNo]).toEqual(['JL2026-000001', 'JZ2026-000002']);
		const [text] = formsOf(forms(), `${record.sessionId}:individual-certificate:0`);
		expect(text).toContain('社会保险费缴费记录');
		expect(text).toContain('缴费期间：2026-06-01至2026-06-18');
		expect(text).toContain(paid.voucherNo);
		expect(text).toContain(REFUND_NOT_SHOWN);
	});

	it('a job asked again keeps its number, code and content and prints nothing twice', async () => {
		const { step, issued, sessionId } = await issue('record');
		const { printIndividualCertificate } = individualCertificates({ ...rt, certificateKey: rt.config.certificateKey });
		const again = await printIndividualCertificate({
			jobId: `${sessionId}:individual-certificate:0`,
			kind: 'record',
			payerId: payer.id,
			from: '2026-06-01',
			to: TODAY,
			voucherNos: [],
			copy: 0
		});
		expect(again).toEqual({ certificateNo: issued.certificateNo, verificationCode: issued.verificationCode });
		expect(formsOf(forms(), `${sessionId}:individual-certificate:0`)).toHaveLength(1);
		step.stop();
	});

	it('证明查验 answers 有效 with kind, person (ID masked), amount, period and issue day; lower case, spaces and dashes are taken', () => {
		const row = rt.individualCertificates.byNumber('JZ2026-000001')!;
		const typed = verifyCertificateForm.parse({ certificateNo: ' jz2026 000001 ', code: row.verificationCode.toLowerCase().replaceAll('-', ' ') });
		expect(verifyCertificate(deps(), typed)).toEqual({
			valid: true,
			certificateNo: 'JZ2026-000001',
			kind: 'proof',
			title: '社会保险费缴费证明',
			payerName: payer.name,
			payerIdMasked: `${payer.identifier.slice(0, 6)}********${payer.identifier.slice(-4)}`,
			totalFen: paid.amountFen,
			period: { from: '2026-06-01', to: TODAY },
			issuedOn: TODAY
		});
		expect(verifyCertificate(deps(), { certificateNo: 'JZ2026000001', code: row.verificationCode.replaceAll('-', '') }).valid).toBe(true);
	});

	it('answers 无效 for an unknown number, and for a code with one digit changed', () => {
		const row = rt.individualCertificates.byNumber('JZ2026-000001')!;
		expect(verifyCertificate(deps(), { certificateNo: 'JZ2026-000999', code: row.verificationCode })).toEqual({
			valid: false,
			certificateNo: 'JZ2026-000999',
			reason: VERIFY_TEXT.unknownNumber('JZ2026-000999')
		});
		const last = row.verificationCode.slice(-1);
		const changed = row.verificationCode.slice(0, -1) + (last === '0' ? '1' : '0');
		expect(verifyCertificate(deps(), { certificateNo: 'JZ2026-000001', code: changed })).toEqual({
			valid: false,
			certificateNo: 'JZ2026-000001',
			reason: VERIFY_TEXT.codeMismatch
		});
		// The code of another certificate does not fit this one.
		const other = rt.individualCertificates.byNumber('JZ2026-000002')!;
		expect(verifyCertificate(deps(), { certificateNo: 'JZ2026-000001', code: other.verificationCode }).valid).toBe(false);
	});

	it('a content changed in storage fails the check: the code is recomputed, never read back', () => {
		const row = rt.individualCertificates.byNumber('JL2026-000001')!;
		const tampered = row.content.replace(`"totalFen":${paid.amountFen}}`, `"totalFen":${paid.amountFen * 10}}`);
		expect(tampered).not.toBe(row.content);
		rt.journal.prepare('UPDATE individual_certificates SET content = ? WHERE certificate_no = ?').run(tampered, row.certificateNo);
		expect(verifyCertificate(deps(), { certificateNo: row.certificateNo, code: row.verificationCode })).toMatchObject({
			valid: false,
			reason: VERIFY_TEXT.codeMismatch
		});
		// Under another key the same paper does not verify either.
		const proof = rt.individualCertificates.byNumber('JZ2026-000001')!;
		expect(
			verifyCertificate({ ...deps(), certificateKey: 'another-hall-key-0000' }, { certificateNo: proof.certificateNo, code: proof.verificationCode }).valid
		).toBe(false);
	});

	it('production refuses to start without SIFEE_CERTIFICATE_KEY', async () => {
		const env = {
			SIFEE_MODE: 'production',
			SIFEE_UPSTREAM: 'simulated',
			SIFEE_DB: join(rt.dir, 'production.db'),
			SIFEE_UPSTREAM_DB: join(rt.dir, 'production-upstream.db')
		};
		const started = createRuntime(readConfig(env), env);
		await expect(started).rejects.toBeInstanceOf(StartRefusedError);
		await expect(started).rejects.toThrow(PRODUCTION_TEXT.certificateKeyUnset);
		expect(existsSync(env.SIFEE_DB)).toBe(false);
		expect(readConfig({ SIFEE_MODE: 'production', SIFEE_CERTIFICATE_KEY: 'a-hall-secret-of-some-length' })).toMatchObject({
			certificateKey: 'a-hall-secret-of-some-length',
			certificateKeyGiven: true
		});
		expect(() => readConfig({ SIFEE_CERTIFICATE_KEY: 'short' })).toThrow(/至少需要 16 个字符/);
	});
});
