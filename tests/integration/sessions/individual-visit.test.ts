// Issue 9 through the real runtime: residents (城乡居民) and flexible employees (灵活就业人员) at
// the window, alone or as a household, driven as the routes drive them (the zod event schema,
// then the window-session service), over real SQLite files, the upstream simulator and the
// simulated POS, drawer and receipt printer. Guide chapters 3 and 4.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempRuntime } from '../temp-runtime';
import { crashImage, restartOver } from '../crash-image';
import { clerkAt, payerId } from './flow-helpers';
import { receiptLines } from '../../../drivers';
import { clerkOperator, type Operator } from '../../../src/lib/server/auth/operator';
import { individualViewOf, sendEvent, startIndividualSession, WindowSessionError } from '../../../src/lib/server/services/window-sessions';
import { sessionEventSchema } from '../../../src/lib/server/sessions/session-events';
import type { IndividualSessionScreen } from '../../../src/lib/views/individual-view';
import { DEMO_FLEXIBLE, DEMO_RESIDENTS } from '../../../src/lib/server/demo/demo-catalogue';
import { DEMO_ID_CARDS } from '../../../src/lib/server/demo/demo-id-cards';
import { checkResidentId } from '../../../src/lib/domain';

type Rt = Awaited<ReturnType<typeof tempRuntime>>;

const HOUSEHOLD = ['王建华（演示）', '刘秀英（演示）', '王德福（演示）'];
const PENSION = '城乡居民基本养老保险';
const MEDICAL = '城乡居民基本医疗保险';
/** Tier 1…5 of the demo table: 每年200, 300, 400, 500, 600元. */
const TIER_FEN = [0, 20_000, 30_000, 40_000, 50_000, 60_000];
/** Next year's (2027) resident medical in the demo table. */
const MEDICAL_2027_FEN = 41_000;

const idOf = (name: string) => [...DEMO_RESIDENTS, ...DEMO_FLEXIBLE].find((p) => p.name === name)!.idNumber;

/** What the route does with the clerk's fields: the schema first, then the service. */
function send(rt: Rt, op: Operator, id: string, fields: Record<string, unknown>) {
	sendEvent(rt, op, id, sessionEventSchema.parse(fields));
}

/** The individual screen once `want` holds (checked after every persisted transition). */
function screenUntil(rt: Rt, op: Operator, id: string, want: (s: IndividualSessionScreen) => boolean, timeout = 5000): Promise<IndividualSessionScreen> {
	return new Promise((resolve, reject) => {
		let off = () => {};
		let last: IndividualSessionScreen;
		const timer = setTimeout(() => {
			off();
			reject(new Error(`session ${id} stuck at ${last.step} / ${last.child?.step}: ${last.error}`));
		}, timeout);
		const check = () => {
			last = individualViewOf(rt, op, id);
			if (!want(last)) return false;
			clearTimeout(timer);
			off();
			resolve(last);
			return true;
		};
		if (!check()) off = rt.sessions.subscribe(id, check);
	});
}

const gathered = (n: number) => (s: IndividualSessionScreen) => s.step === 'gathering' && s.persons.length === n;
const atStep = (step: string, childStep?: string) => (s: IndividualSessionScreen) =>
	s.step.startsWith(step) && (childStep === undefined || (s.child?.step ?? '').startsWith(childStep));
const receiptPrinted = (index: number) => (s: IndividualSessionScreen) => s.step === 'receipts' && s.receipt?.index === index && s.child?.step === 'printed';

/** A visit started with the first person typed, the others added one by one. */
async function visit(rt: Rt, op: Operator, names: string[]) {
	const id = startIndividualSession(rt, op, { idNumber: idOf(names[0]), source: 'typed' });
	let s = await screenUntil(rt, op, id, gathered(1));
	for (const [i, name] of names.slice(1).entries()) {
		send(rt, op, id, { type: 'FIND_PERSON', idNumber: idOf(name), source: 'typed' });
		s = await screenUntil(rt, op, id, gathered(i + 2));
	}
	expect(s.persons.map((p) => p.payer.name)).toEqual(names);
	return id;
}

const personOf = (s: IndividualSessionScreen, name: string) => s.persons.find((p) => p.payer.name === name)!;

/** The payment receipts printed so far, as text, oldest first. */
function receipts(rt: Rt): string[] {
	return rt.devices
		.simulated!.printer.printed()
		.map((p) => receiptLines(p.receipt).join('\n'))
		.filter((t) => t.includes('社会保险费缴费凭证'));
}

const approvedSales = (rt: Rt) => rt.devices.simulated!.pos.transactions().filter((t) => t.type === 'sale');
const drawerOpenings = (rt: Rt, id: string) => rt.intents.ofSession(id).filter((i) => i.action === 'drawer.open');

describe('individual visit through the real runtime (guide ch. 3 and 4)', () => {
	let rt: Rt;
	let op: Operator;
	beforeEach(async () => {
		rt = await tempRuntime();
		op = clerkOperator(clerkAt(rt, 'clerk01', 3));
	});
	afterEach(() => rt.dispose());

	it('a household of three pays by one cash tender with change: one declaration and one voucher per person, one drawer opening, a receipt for each', async () => {
		const id = await visit(rt, op, HOUSEHOLD);
		const tiers = [3, 1, 5];
		let s = individualViewOf(rt, op, id);
		for (const [i, p] of s.persons.entries()) {
			send(rt, op, id, { type: 'SET_TIER', payerId: String(p.payer.id), tier: String(tiers[i]) });
			send(rt, op, id, { type: 'TOGGLE_ITEM', payerId: String(p.payer.id), item: 'medical' });
		}
		s = individualViewOf(rt, op, id);
		const each = tiers.map((t) => TIER_FEN[t] + MEDICAL_2027_FEN);
		expect(s.persons.map((p) => p.chosenFen)).toEqual(each);
		expect(s.householdFen).toBe(243_000);

		send(rt, op, id, { type: 'SUBMIT' });
		s = await screenUntil(rt, op, id, atStep('paying', 'choosing.ready'));
		send(rt, op, id, { type: 'CHOOSE', channel: 'cash' });
		await screenUntil(rt, op, id, atStep('paying', 'cash.tendering'));
		// 2500元 for 2430元: 70元 change.
		send(rt, op, id, { type: 'TENDER', amount: '2500' });
		s = await screenUntil(rt, op, id, receiptPrinted(0));
		expect(s.receipt).toEqual({ index: 0, of: 3, payerName: HOUSEHOLD[0] });

		// Every person ends with one paid declaration of their own and one voucher.
		const vouchers: string[] = [];
		for (const [i, name] of HOUSEHOLD.entries()) {
			const pid = await payerId(rt, name);
			const declarations = (await rt.upstream.coreTax.declarationsOf(pid)).filter((d) => d.declaredOn === '2026-11-20');
			expect(declarations.map((d) => [d.status, d.totalFen])).toEqual([['paid', each[i]]]);
			const payments = (await rt.upstream.coreTax.paymentsOf(pid)).filter((p) => p.paidOn === '2026-11-20');
			expect(payments.map((p) => [p.channel, p.amountFen, p.declarationNo])).toEqual([['cash', each[i], declarations[0].declarationNo]]);
			vouchers.push(payments[0].voucherNo);
		}
		expect(new Set(vouchers).size).toBe(3);
		expect(drawerOpenings(rt, id)).toHaveLength(1);
		expect(rt.ledger.ofSession(id).map((r) => [r.kind, r.amountFen])).toEqual([
			['cash_in', 250_000],
			['change_out', -7_000]
		]);

		// The visit ends only at the last person's receipt.
		expect(() => send(rt, op, id, { type: 'FINISH' })).toThrow(WindowSessionError);
		send(rt, op, id, { type: 'NEXT' });
		await screenUntil(rt, op, id, receiptPrinted(1));
		expect(() => send(rt, op, id, { type: 'FINISH' })).toThrow(WindowSessionError);
		send(rt, op, id, { type: 'NEXT' });
		s = await screenUntil(rt, op, id, receiptPrinted(2));
		expect(s.receipt!.payerName).toBe(HOUSEHOLD[2]);
		expect(() => send(rt, op, id, { type: 'NEXT' })).toThrow(WindowSessionError);
		send(rt, op, id, { type: 'FINISH' });
		s = await screenUntil(rt, op, id, (x) => x.status === 'done');
		expect(s.outcome).toMatchObject({ outcome: 'done', channel: 'cash', amountFen: 243_000 });
		expect(s.outcome!.vouchers.map((v) => v.voucherNo)).toEqual(vouchers);

		const printed = receipts(rt);
		expect(printed).toHaveLength(3);
		for (const [i, text] of printed.entries()) {
			const masked = idOf(HOUSEHOLD[i]).slice(0, 6) + '********' + idOf(HOUSEHOLD[i]).slice(-4);
			expect(text).toContain(HOUSEHOLD[i]);
			expect(text).toMatch(new RegExp(`身份证号码\\s+${masked.replaceAll('*', '\\*')}`));
			expect(text).not.toContain(idOf(HOUSEHOLD[i]));
			expect(text).toMatch(new RegExp(`${PENSION}\\s+￥${TIER_FEN[tiers[i]] / 100}\\.00`));
			expect(text).toContain('缴费年度 2026');
			// Medical paid in 2026 is next year's.
			expect(text).toMatch(new RegExp(`${MEDICAL}\\s+￥410\\.00\\n\\s*缴费年度 2027`));
			expect(text).toContain(vouchers[i]);
			for (const other of vouchers.filter((_, j) => j !== i)) expect(text).not.toContain(other);
			expect(text).toContain('本次共为3人缴费，合计￥2,430.00');
		}
	});

	it('a resident pays pension at tier 500 and medical by card: one POS sale for the total, and the receipt', async () => {
		const name = '胡军（演示）';
		const id = await visit(rt, op, [name]);
		const pid = await payerId(rt, name);
		send(rt, op, id, { type: 'SET_TIER', payerId: String(pid), tier: '4' });
		send(rt, op, id, { type: 'TOGGLE_ITEM', payerId: String(pid), item: 'medical' });
		expect(individualViewOf(rt, op, id).householdFen).toBe(91_000);
		send(rt, op, id, { type: 'SUBMIT' });
		await screenUntil(rt, op, id, atStep('paying', 'choosing.ready'));
		send(rt, op, id, { type: 'CHOOSE', channel: 'pos' });
		await screenUntil(rt, op, id, receiptPrinted(0));

		expect(approvedSales(rt).map((t) => [t.state, t.amountFen])).toEqual([['approved', 91_000]]);
		const [paid] = (await rt.upstream.coreTax.paymentsOf(pid)).filter((p) => p.paidOn === '2026-11-20');
		expect(paid).toMatchObject({ channel: 'pos', amountFen: 91_000 });
		expect(rt.ledger.ofSession(id).map((r) => [r.kind, r.amountFen, r.voucherNo])).toEqual([['card_sale', 91_000, paid.voucherNo]]);
		const [text] = receipts(rt);
		expect(text).toMatch(new RegExp(`${PENSION}\\s+￥500\\.00`));
		expect(text).toMatch(/合计\s+￥910\.00/);
		expect(text).toMatch(/缴款方式\s+银行卡（POS）/);
		expect(text).toContain(paid.voucherNo);
		expect(text).not.toContain('本次共为');
		send(rt, op, id, { type: 'FINISH' });
		await screenUntil(rt, op, id, (x) => x.status === 'done');
	});

	it('the tier is locked once paid: 赵淑芬 paid 每年300元 this year, another tier is refused on the screen', async () => {
		const name = '赵淑芬（演示）';
		const id = await visit(rt, op, [name]);
		const pid = await payerId(rt, name);
		expect(personOf(individualViewOf(rt, op, id), name).pension).toMatchObject({ paidTier: 2, chosenTier: null });
		send(rt, op, id, { type: 'SET_TIER', payerId: String(pid), tier: '4' });
		let s = individualViewOf(rt, op, id);
		expect(s.error).toBe('本年度已按每年300元档次缴费。缴费完成后，不再受理本年度缴费档次的调整。');
		expect(personOf(s, name).selection.pensionTier).toBeNull();
		send(rt, op, id, { type: 'SET_TIER', payerId: String(pid), tier: '2' });
		s = individualViewOf(rt, op, id);
		expect(s.error).toBe('本年度该档次已缴费，无需重复缴纳。');
		expect(personOf(s, name).selection.pensionTier).toBeNull();
		// Next year's medical is still open to her.
		send(rt, op, id, { type: 'TOGGLE_ITEM', payerId: String(pid), item: 'medical' });
		s = individualViewOf(rt, op, id);
		expect(s.error).toBeNull();
		expect(personOf(s, name).chosenFen).toBe(MEDICAL_2027_FEN);
	});

	it('two windows declare different tiers for one unpaid person: the first pays by card, the second’s sale is reversed as the record is refused TIER_LOCKED', async () => {
		const name = '何平（演示）';
		const pid = await payerId(rt, name);
		const op4 = clerkOperator(clerkAt(rt, 'clerk02', 4));
		const w3 = await visit(rt, op, [name]);
		const w4 = await visit(rt, op4, [name]);
		send(rt, op, w3, { type: 'SET_TIER', payerId: String(pid), tier: '2' });
		send(rt, op4, w4, { type: 'SET_TIER', payerId: String(pid), tier: '5' });
		send(rt, op, w3, { type: 'SUBMIT' });
		send(rt, op4, w4, { type: 'SUBMIT' });
		await screenUntil(rt, op, w3, atStep('paying', 'choosing.ready'));
		await screenUntil(rt, op4, w4, atStep('paying', 'choosing.ready'));

		// Both card sales go through before either is booked: each booking waits for its gate.
		const gates = new Map<string, () => void>();
		const opened = new Map<string, Promise<void>>();
		for (const w of [w3, w4]) opened.set(w, new Promise((r) => gates.set(w, r)));
		const coreTax = rt.upstream.coreTax;
		const record = coreTax.recordPayment.bind(coreTax);
		coreTax.recordPayment = async (request) => {
			await opened.get([w3, w4].find((w) => request.key.startsWith(w))!);
			return record(request);
		};
		send(rt, op, w3, { type: 'CHOOSE', channel: 'pos' });
		await screenUntil(rt, op, w3, atStep('paying', 'recording'));
		send(rt, op4, w4, { type: 'CHOOSE', channel: 'pos' });
		await screenUntil(rt, op4, w4, atStep('paying', 'recording'));
		expect(approvedSales(rt).map((t) => [t.state, t.amountFen])).toEqual([
			['approved', TIER_FEN[2]],
			['approved', TIER_FEN[5]]
		]);

		gates.get(w3)!();
		await screenUntil(rt, op, w3, receiptPrinted(0));
		gates.get(w4)!();
		const s4 = await screenUntil(rt, op4, w4, atStep('paying', 'choosing.ready'));
		expect(s4.error).toContain('缴费完成后，不再受理本年度缴费档次的调整');
		expect(s4.error).toContain('已自动冲正该笔刷卡，缴费人未被扣款');

		// One sale stands, the other is reversed; the person has paid once, at the first tier.
		expect(approvedSales(rt).map((t) => [t.state, t.amountFen])).toEqual([
			['approved', TIER_FEN[2]],
			['reversed', TIER_FEN[5]]
		]);
		const payments = (await rt.upstream.coreTax.paymentsOf(pid)).filter((p) => p.paidOn === '2026-11-20');
		expect(payments.map((p) => [p.channel, p.amountFen])).toEqual([['pos', TIER_FEN[2]]]);
		expect(rt.ledger.ofSession(w3).map((r) => [r.kind, r.amountFen])).toEqual([['card_sale', TIER_FEN[2]]]);
		expect(rt.ledger.ofSession(w4).map((r) => r.kind)).toEqual(['card_sale', 'card_reversal']);
	});

	it('agency first: name, registration and transfer are settled at the agency before paying, with a printed slip', async () => {
		const card = DEMO_ID_CARDS.find((c) => c.card.name === '李小梅（演示）')!.card;
		const id = startIndividualSession(rt, op, { idNumber: card.idNumber, name: card.name, source: 'card' });
		let s = await screenUntil(rt, op, id, atStep('agencyFirst.showing'));
		expect(s.agencyFirst).toMatchObject({ reason: 'nameMismatch', personName: '李小梅（演示）', copies: 0 });
		send(rt, op, id, { type: 'PRINT' });
		s = await screenUntil(rt, op, id, (x) => x.step === 'agencyFirst.showing' && x.agencyFirst?.copies === 1);
		const slip = receiptLines(rt.devices.simulated!.printer.printed().at(-1)!.receipt).join('\n');
		// Long lines wrap on the 48-column paper.
		const unwrapped = slip.replaceAll('\n', '');
		expect(unwrapped.startsWith('请先到社保、医保经办机构办理')).toBe(true);
		expect(unwrapped).toContain('李小梅（演示）的姓名与经办机构参保登记的姓名不一致');
		expect(slip).toMatch(/^12333：/m);
		expect(slip).toMatch(/^12366 转 6：/m);
		expect(slip).not.toContain('0351-5689977');
		send(rt, op, id, { type: 'BACK' });
		await screenUntil(rt, op, id, gathered(0));

		for (const [name, reason] of [
			['孙志刚（演示）', 'changing'],
			['周桂兰（演示）', 'unregistered']
		] as const) {
			send(rt, op, id, { type: 'FIND_PERSON', idNumber: idOf(name), source: 'typed' });
			s = await screenUntil(rt, op, id, atStep('agencyFirst.showing'));
			expect(s.agencyFirst).toMatchObject({ reason, personName: name });
			send(rt, op, id, { type: 'BACK' });
			await screenUntil(rt, op, id, gathered(0));
		}

		// Typed with full-width digits, spaces and a lower-case x: the same person as the plain number.
		const plain = idOf('王德福（演示）');
		expect(plain.endsWith('X')).toBe(true);
		const typed = [...plain.slice(0, 17)].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
		send(rt, op, id, { type: 'FIND_PERSON', idNumber: `${typed.slice(0, 6)} ${typed.slice(6, 14)}\u3000${typed.slice(14)}x`, source: 'typed' });
		s = await screenUntil(rt, op, id, gathered(1));
		expect(s.persons[0].payer).toMatchObject({ name: '王德福（演示）', identifier: plain });

		// A wrong check character is refused with the domain's reason; nobody is added.
		const wrong = plain.slice(0, 17) + '1';
		send(rt, op, id, { type: 'FIND_PERSON', idNumber: wrong, source: 'typed' });
		s = await screenUntil(rt, op, id, (x) => x.step === 'gathering' && x.error !== null);
		const check = checkResidentId(wrong);
		expect(check.ok).toBe(false);
		expect(s.error).toBe(check.ok ? null : check.reason);
		expect(s.error).toContain('校验码错误');
		expect(s.persons).toHaveLength(1);
	});

	it('back-payment and a flexible employee’s months come only from assessed dues: both paid, the receipts show 缴费年度 and 所属期', async () => {
		const resident = '李娜（演示）';
		const flexible = '曹文斌（演示）';
		const id = await visit(rt, op, [resident, flexible]);
		let s = individualViewOf(rt, op, id);
		const li = personOf(s, resident);
		expect(li.dues.map((d) => [d.kind, d.item.code, d.periodFrom, d.amountFen])).toEqual([['historical', 'R_PENSION', '2024-01-01', 30_000]]);
		const cao = personOf(s, flexible);
		expect(cao.pension).toBeNull();
		expect(cao.medical).toBeNull();
		const months = cao.dues.map((d) => [d.item.code, d.periodFrom, d.periodTo]).sort();
		expect(months).toEqual([
			['E_PENSION', '2026-10-01', '2026-10-31'],
			['E_PENSION', '2026-11-01', '2026-11-30'],
			['MEDICAL', '2026-10-01', '2026-10-31'],
			['MEDICAL', '2026-11-01', '2026-11-30']
		]);

		// Another person's due is not this one's to pay: refused at the step, nothing chosen.
		expect(() => send(rt, op, id, { type: 'TOGGLE_DUE', payerId: String(li.payer.id), dueId: String(cao.dues[0].id) })).toThrow(WindowSessionError);
		send(rt, op, id, { type: 'TOGGLE_DUE', payerId: String(li.payer.id), dueId: String(li.dues[0].id) });
		for (const d of cao.dues) send(rt, op, id, { type: 'TOGGLE_DUE', payerId: String(cao.payer.id), dueId: String(d.id) });
		s = individualViewOf(rt, op, id);
		expect(personOf(s, resident).selection).toEqual({ pensionTier: null, supplementary: false, medical: false, dueIds: [li.dues[0].id] });
		const caoFen = cao.dues.reduce((sum, d) => sum + d.amountFen, 0);
		expect(personOf(s, flexible).chosenFen).toBe(caoFen);

		send(rt, op, id, { type: 'SUBMIT' });
		await screenUntil(rt, op, id, atStep('paying', 'choosing.ready'));
		send(rt, op, id, { type: 'CHOOSE', channel: 'pos' });
		await screenUntil(rt, op, id, receiptPrinted(0));
		send(rt, op, id, { type: 'NEXT' });
		await screenUntil(rt, op, id, receiptPrinted(1));

		const after = await rt.upstream.coreTax.individualOptions({ payerId: cao.payer.id, today: '2026-11-20' });
		expect(after.dues).toEqual([]);
		expect(approvedSales(rt).map((t) => t.amountFen)).toEqual([30_000 + caoFen]);
		const [liText, caoText] = receipts(rt);
		expect(liText).toMatch(new RegExp(`${PENSION}\\s+￥300\\.00\\n\\s*缴费年度 2024`));
		expect(caoText).toMatch(/企业职工基本养老保险\s+￥[\d,.]+\n\s*所属期 2026-10-01 至 2026-10-31/);
		expect(caoText).toMatch(/职工基本医疗保险\s+￥[\d,.]+\n\s*所属期 2026-11-01 至 2026-11-30/);
		expect(caoText).not.toContain('缴费年度');
		expect(caoText).toContain('本次共为2人缴费');
	});

	it('back from the payment step before money moved voids every person’s declaration, and the household can be declared again', async () => {
		const id = await visit(rt, op, HOUSEHOLD);
		let s = individualViewOf(rt, op, id);
		for (const p of s.persons) send(rt, op, id, { type: 'SET_TIER', payerId: String(p.payer.id), tier: '1' });
		send(rt, op, id, { type: 'SUBMIT' });
		s = await screenUntil(rt, op, id, atStep('paying', 'choosing.ready'));
		const first = await Promise.all(HOUSEHOLD.map(async (n) => (await rt.upstream.coreTax.declarationsOf(await payerId(rt, n)))[0]));
		expect(first.map((d) => d.status)).toEqual(['declared', 'declared', 'declared']);

		send(rt, op, id, { type: 'BACK' });
		s = await screenUntil(rt, op, id, gathered(3));
		for (const d of first) expect((await rt.upstream.coreTax.declaration(d.declarationNo))!.status).toBe('voided');
		// The choice is kept; declared again, each person has a new declaration.
		expect(s.persons.map((p) => p.selection.pensionTier)).toEqual([1, 1, 1]);
		send(rt, op, id, { type: 'SUBMIT' });
		await screenUntil(rt, op, id, atStep('paying', 'choosing.ready'));
		for (const [i, n] of HOUSEHOLD.entries()) {
			const ds = await rt.upstream.coreTax.declarationsOf(await payerId(rt, n));
			const declared = ds.filter((d) => d.status === 'declared');
			expect(declared).toHaveLength(1);
			expect(declared[0].declarationNo).not.toBe(first[i].declarationNo);
			expect(declared[0].totalFen).toBe(TIER_FEN[1]);
		}
		expect(approvedSales(rt)).toEqual([]);
	});
});

describe('individual visit: a restart in the middle', () => {
	const started: { dispose(): Promise<void> }[] = [];
	afterEach(async () => {
		for (const r of started.splice(0)) await r.dispose();
	});

	it('a restart after the sale is recorded resumes at the receipts of the right person, charging and booking nobody again', async () => {
		const before = await tempRuntime();
		started.push(before);
		const op = clerkOperator(clerkAt(before, 'clerk01', 3));
		const names = HOUSEHOLD.slice(0, 2);
		const id = await visit(before, op, names);
		for (const p of individualViewOf(before, op, id).persons) send(before, op, id, { type: 'SET_TIER', payerId: String(p.payer.id), tier: '2' });
		send(before, op, id, { type: 'SUBMIT' });
		await screenUntil(before, op, id, atStep('paying', 'choosing.ready'));

		// The crash: the household is booked, the session has not moved on yet.
		let image = '';
		const finish = before.intents.finish;
		before.intents.finish = (key, status, outcome, time) => {
			finish(key, status, outcome, time);
			if (status === 'succeeded' && before.intents.get(key)!.action === 'coreTax.recordPayment') image ||= crashImage(before);
		};
		send(before, op, id, { type: 'CHOOSE', channel: 'pos' });
		await screenUntil(before, op, id, receiptPrinted(0));
		expect(image).not.toBe('');
		await before.close();

		const after = await restartOver(image);
		started.push(after);
		let s = await screenUntil(after, op, id, receiptPrinted(0));
		expect(s.receipt).toEqual({ index: 0, of: 2, payerName: names[0] });
		// The fresh POS saw nothing: no second sale; each person is booked once.
		expect(approvedSales(after)).toEqual([]);
		expect(after.ledger.ofSession(id).map((r) => [r.kind, r.amountFen])).toEqual([['card_sale', 2 * TIER_FEN[2]]]);
		for (const n of names) {
			const pid = await payerId(after, n);
			expect((await after.upstream.coreTax.paymentsOf(pid)).filter((p) => p.paidOn === '2026-11-20')).toHaveLength(1);
		}
		expect(receipts(after)[0]).toContain(names[0]);

		// On to the second person, then a stop: the terminal comes back at that person's receipt.
		send(after, op, id, { type: 'NEXT' });
		await screenUntil(after, op, id, receiptPrinted(1));
		await after.close();
		started.pop();
		const again = await restartOver(image);
		started.push(again);
		s = await screenUntil(again, op, id, atStep('receipts'));
		expect(s.receipt).toEqual({ index: 1, of: 2, payerName: names[1] });
		send(again, op, id, { type: 'FINISH' });
		s = await screenUntil(again, op, id, (x) => x.status === 'done');
		expect(s.outcome).toMatchObject({ outcome: 'done', channel: 'pos', amountFen: 2 * TIER_FEN[2] });
		expect(s.outcome!.vouchers).toHaveLength(2);
	});
});
