// Issue 11: the self-service kiosk. The holder comes only from the card on the kiosk's own reader
// (read on the server); the kiosk takes touches, never a payer id or an ID number; the certificate
// comes out of the kiosk's form printer and the record out of its receipt printer, both with the ID
// masked, their number, code and the refund sentence, each print audited with the kiosk; a kiosk
// session restored after a restart starts at the attract screen.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRuntime } from './temp-runtime';
import { createRuntime } from '../../src/lib/server/runtime';
import { readConfig } from '../../src/lib/server/config';
import { receiptLines } from '../../drivers';
import { pdfText } from '../unit/drivers/pdf-text';
import { REFUND_NOT_SHOWN } from '../../state-machines';
import { maskResidentId } from '../../src/lib/domain';
import { DEMO_ID_CARDS } from '../../src/lib/server/demo/demo-id-cards';
import { kioskDay, kioskPage, sendKioskTouch, KioskError, type KioskPage } from '../../src/lib/server/services/kiosk';
import { KIOSK_SESSION } from '../../src/lib/server/sessions/kiosk-session-kind';
import { kioskEventSchema } from '../../src/lib/server/http/schemas/kiosk';
import { checkInput } from '../../src/lib/server/http/read-input';
import type { Operator } from '../../src/lib/server/auth/operator';

const KIOSK_ID = 'K01';
const KEYS = { SIFEE_KIOSK_KEYS: `${KIOSK_ID}:kiosk-secret-for-tests-0001` };
const KIOSK: Operator = { kind: 'kiosk', kioskId: KIOSK_ID };
/** 赵淑芬（演示）: this year's pension paid at the 300 tier some working days ago, booked since. */
const BOOKED_HOLDER = DEMO_ID_CARDS.find((c) => c.label.includes('300元档'))!.card;
/** 王建华（演示）: of the household that paid nothing this year. */
const OTHER_HOLDER = DEMO_ID_CARDS.find((c) => c.label.includes('一家三口'))!.card;

async function until(what: string, check: () => boolean, ms = 5000) {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

describe('the kiosk prints only the card holder’s own booked payments', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	const deps = () => rt.services.kiosk;
	const page = () => kioskPage(deps(), KIOSK);
	const reader = () => rt.kiosks.get(KIOSK_ID)!.simulated!.idReader;
	const printer = () => rt.kiosks.get(KIOSK_ID)!.simulated!.printer;
	const formsDir = () => join(rt.dir, 'forms', `kiosk-${KIOSK_ID}`);
	const step = (s: KioskPage['step']) => () => page().step === s;

	beforeAll(async () => {
		rt = await tempRuntime(KEYS);
	});
	afterAll(() => rt.dispose());

	it('starts at the attract screen; a clerk is no kiosk', () => {
		expect(page()).toMatchObject({ step: 'attract', kioskId: KIOSK_ID, paused: [], helpLine: expect.stringContaining('12366-6') });
		const clerk = { kind: 'clerk', clerk: { clerkId: 1, windowNo: 3, role: 'supervisor' } } as unknown as Operator;
		expect(() => kioskPage(deps(), clerk)).toThrow(KioskError);
	});

	it('the card placed on the kiosk’s reader is the holder: their booked payments, the ID masked', async () => {
		reader().place(BOOKED_HOLDER);
		await until('the holder’s payments', step('browsing'));
		const p = page();
		if (p.step !== 'browsing') throw new Error(p.step);
		expect(p.holder).toEqual({ name: BOOKED_HOLDER.name, maskedId: maskResidentId(BOOKED_HOLDER.idNumber) });
		expect(JSON.stringify(p)).not.toContain(BOOKED_HOLDER.idNumber);
		const year = p.years.find((y) => y.year === 2026)!;
		expect(year.printable).toBe(true);
		expect(year.items.map((i) => i.name)).toContain('城乡居民基本养老保险');
		expect(year.items.flatMap((i) => i.lines).every((l) => l.availability === '已入库，可打印')).toBe(true);
	});

	it('the certificate comes out of the kiosk’s A4 printer: masked ID, number, code, refund sentence', async () => {
		sendKioskTouch(deps(), KIOSK, { type: 'CHOOSE', kind: 'proof', year: 2026 });
		expect(page().step).toBe('confirming');
		sendKioskTouch(deps(), KIOSK, { type: 'PRINT' });
		await until('the certificate printed', step('printed'));
		const p = page();
		if (p.step !== 'printed') throw new Error(p.step);
		expect(p.certificateNo).toMatch(/^JZ2026-\d{6}$/);
		// After printing the holder is gone from the screen.
		expect(JSON.stringify(p)).not.toContain(BOOKED_HOLDER.name);
		const files = readdirSync(formsDir());
		expect(files).toHaveLength(1);
		const text = pdfText(readFileSync(join(formsDir(), files[0]))).replace(/\n/g, '');
		expect(text).toContain('社会保险费缴费证明');
		expect(text).toContain(maskResidentId(BOOKED_HOLDER.idNumber));
		expect(text).not.toContain(BOOKED_HOLDER.idNumber);
		expect(text).toContain(p.certificateNo);
		expect(text).toContain(REFUND_NOT_SHOWN);
		// The window's own printer printed nothing.
		expect(existsSync(join(rt.dir, 'forms')) && readdirSync(join(rt.dir, 'forms')).filter((f) => f.endsWith('.pdf'))).toEqual([]);
	});

	it('the record comes out of the kiosk’s receipt printer; paper out is 暂停服务, and the copy after it is 补打', async () => {
		sendKioskTouch(deps(), KIOSK, { type: 'DONE' });
		reader().remove();
		reader().place(BOOKED_HOLDER);
		await until('the holder again', step('browsing'));
		sendKioskTouch(deps(), KIOSK, { type: 'CHOOSE', kind: 'record', year: 2026 });
		printer().runOutOfPaperAfter(4);
		sendKioskTouch(deps(), KIOSK, { type: 'PRINT' });
		await until('the print cut off', step('printFailed'));
		await until('paused', () => page().paused.length > 0);
		expect(() => sendKioskTouch(deps(), KIOSK, { type: 'RETRY' })).toThrow(/暂停服务/);
		printer().setPaper('ok');
		await until('paper back', () => page().paused.length === 0);
		sendKioskTouch(deps(), KIOSK, { type: 'RETRY' });
		await until('the record printed', step('printed'));
		const p = page();
		if (p.step !== 'printed') throw new Error(p.step);
		expect(p).toMatchObject({ certificateNo: expect.stringMatching(/^JL2026-\d{6}$/), reprint: true });
		const whole = printer()
			.printed()
			.filter((x) => x.complete);
		const text = receiptLines(whole[whole.length - 1].receipt).join('\n');
		expect(text).toContain('社会保险费缴费记录');
		expect(text).toContain('【补打】');
		expect(text).toContain(maskResidentId(BOOKED_HOLDER.idNumber));
		expect(text).not.toContain(BOOKED_HOLDER.idNumber);
		expect(text).toContain(p.certificateNo);
		expect(text).toContain('验证码');
		// Long lines wrap on 80 mm paper.
		expect(text.replace(/\n/g, '')).toContain(REFUND_NOT_SHOWN);
	});

	it('a second holder sees nothing of the first', async () => {
		reader().remove();
		expect(page().step).toBe('attract');
		reader().place(OTHER_HOLDER);
		await until('the second holder', () => page().step !== 'reading' && page().step !== 'attract');
		const text = JSON.stringify(page());
		expect(text).not.toContain(BOOKED_HOLDER.name);
		expect(text).not.toContain(maskResidentId(BOOKED_HOLDER.idNumber));
		reader().remove();
	});

	it('a touch carries no payer id nor ID number, and the card events are the reader’s alone', () => {
		expect(checkInput(kioskEventSchema, { type: 'CHOOSE', kind: 'proof', year: '2026' })).toMatchObject({ ok: true });
		for (const hostile of [
			{ type: 'CHOOSE', kind: 'proof', year: '2026', payerId: '1' },
			{ type: 'PRINT', idNumber: BOOKED_HOLDER.idNumber },
			{ type: 'CARD_PLACED' },
			{ type: 'CARD_REMOVED' },
			{ type: 'TOUCH', payer: '1' }
		]) {
			const r = checkInput(kioskEventSchema, hostile);
			expect(r.ok, JSON.stringify(hostile)).toBe(false);
		}
	});

	it('the kiosk’s day counts the cards read and the documents printed, with the 补打', () => {
		expect(kioskDay(rt.services.audit, [KIOSK_ID], rt.clock.today())).toEqual([{ kioskId: KIOSK_ID, cardsRead: 3, printed: 2, reprinted: 1 }]);
		const audited = rt.repos.audit.byAction('kiosk.printed');
		expect(audited.every((a) => JSON.stringify(a.detail).includes(maskResidentId(BOOKED_HOLDER.idNumber)))).toBe(true);
		expect(JSON.stringify(audited)).not.toContain(BOOKED_HOLDER.idNumber);
	});
});

describe('a kiosk session restored after a restart starts at attract', () => {
	it('never shows the last holder nor prints for them again', async () => {
		const first = await tempRuntime(KEYS);
		const vars = {
			SIFEE_MODE: 'test',
			SIFEE_TODAY: '2026-11-20',
			SIFEE_DB: join(first.dir, 'terminal.db'),
			SIFEE_UPSTREAM_DB: join(first.dir, 'upstream-sim.db'),
			SIFEE_FORM_OUTPUT_DIR: join(first.dir, 'forms'),
			...KEYS
		};
		first.kiosks.get(KIOSK_ID)!.simulated!.idReader.place(BOOKED_HOLDER);
		await until('the holder', () => kioskPage(first.services.kiosk, KIOSK).step === 'browsing');
		sendKioskTouch(first.services.kiosk, KIOSK, { type: 'CHOOSE', kind: 'proof', year: 2026 });
		const [before] = first.sessions.active(KIOSK_SESSION);
		expect(before.snapshot).toContain(BOOKED_HOLDER.name);
		// Stopped as a crash leaves it: the session's row is still active, in the middle of a visit.
		first.sessions.stopAll();
		await first.close();

		const second = await createRuntime(readConfig(vars), vars);
		try {
			expect(second.sessions.row(before.id)!.status).toBe('cancelled');
			const p = kioskPage(second.services.kiosk, KIOSK);
			expect(p.step).toBe('attract');
			expect(JSON.stringify(p)).not.toContain(BOOKED_HOLDER.name);
			const [now] = second.sessions.active(KIOSK_SESSION);
			expect(now.id).not.toBe(before.id);
			expect(now.snapshot).not.toContain(BOOKED_HOLDER.name);
		} finally {
			await second.close();
			first.dispose().catch(() => undefined);
		}
	});
});
