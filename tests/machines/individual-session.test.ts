import { describe, expect, it } from 'vitest';
import { createActor, type AnyMachineSnapshot } from 'xstate';
import {
	INDIVIDUAL_SESSION_TEXTS,
	agencyFirstSlip,
	individualSessionMachine,
	type AgencyFirstReason,
	type DeclareHouseholdOutput,
	type FindPersonOutput,
	type IndividualSessionContext
} from '../../state-machines/individual-session.machine';
import type { CardApproval, PaidOutput, PaymentInput, RecordedPart } from '../../state-machines/payment.machine';
import { receiptPrintMachine, type PrintReceiptInput, type ReceiptPrintInput } from '../../state-machines/receipt-print.machine';
import {
	REFUND_GUIDANCE_TEXTS,
	refundGuidanceMachine,
	type PrintGuidanceSlipInput,
	type RefundGuidanceInput
} from '../../state-machines/refund-guidance.machine';
import { REFUND_NOT_SHOWN, type GuidanceSlip } from '../../state-machines/shared';
import type { DeclarationLine, IndividualOptions, IndividualSelection, Payer } from '../../src/lib/domain/payer';
import { Fakes, done, failed, flush, pathModel, pathName, restoreActor, runPath, withFakes } from './harness';
import {
	BACK_PAYMENT,
	ENTERPRISE,
	FLEXIBLE,
	FLEXIBLE_MONTH,
	R_MEDICAL,
	R_PENSION,
	RESIDENT,
	SPECIAL_GROUP_MEDICAL,
	SPOUSE,
	flexibleOptions,
	lineOf,
	residentOptions
} from './fixtures';

const SESSION = 'W3-20250520-0002';
const TODAY = '2025-05-20';
const INPUT = { sessionId: SESSION, today: TODAY, windowNo: '3', clerkId: 'clerk07' };
const ACTORS = ['findPerson', 'declareHousehold', 'voidHousehold', 'printGuidanceSlip', 'payment', 'receiptPrint', 'refundGuidance', 'individualCertificate'];
const CLIENT_SOFTWARE_LINE = '0351-5689977';

const NOTHING: IndividualSelection = { pensionTier: null, supplementary: false, medical: false, dueIds: [] };
const found = (payer: Payer, options: IndividualOptions): Extract<FindPersonOutput, { outcome: 'found' }> => ({ outcome: 'found', payer, options });
const ZHANG = found(RESIDENT, residentOptions(RESIDENT));
const LI = found(FLEXIBLE, flexibleOptions());

// The household of the paying tests: 张三 (resident, tier 2 and next year's medical) and 李四
// (flexible employee, one assessed month), declared separately and paid by one card sale.
const ZHANG_LINES: DeclarationLine[] = [
	{ dueId: null, item: R_PENSION, periodFrom: '2025-01-01', periodTo: '2025-12-31', tier: 2, amountFen: 30000 },
	{ dueId: null, item: R_MEDICAL, periodFrom: '2026-01-01', periodTo: '2026-12-31', tier: 0, amountFen: 40000 }
];
const LI_LINES = [lineOf(FLEXIBLE_MONTH)];
const DECLARATIONS = [
	{ payerId: RESIDENT.id, declarationNo: 'SB2025052000011', totalFen: 70000, lines: ZHANG_LINES },
	{ payerId: FLEXIBLE.id, declarationNo: 'SB2025052000012', totalFen: 81234, lines: LI_LINES }
];
const DECLARED: DeclareHouseholdOutput = { outcome: 'declared', declarations: DECLARATIONS };
const TOTAL = 151234;
const PARTS: RecordedPart[] = [
	{ payerId: RESIDENT.id, declarationNo: 'SB2025052000011', voucherNo: '314051250500020001', paidOn: TODAY, amountFen: 70000, lines: ZHANG_LINES },
	{ payerId: FLEXIBLE.id, declarationNo: 'SB2025052000012', voucherNo: '314051250500020002', paidOn: TODAY, amountFen: 81234, lines: LI_LINES }
];
const APPROVAL: CardApproval = {
	terminalId: '10012345',
	merchantId: '898140154110001',
	batchNo: '000123',
	voucherNo: '000457',
	referenceNo: '251520123457',
	cardMasked: '6222********5678',
	time: '2025-05-20 10:41:05',
	amountFen: TOTAL
};
const PAID_CARD: PaidOutput = {
	outcome: 'paid',
	channel: 'pos',
	declarationNo: 'SB2025052000011',
	lines: [...ZHANG_LINES, ...LI_LINES],
	amountFen: TOTAL,
	voucherNo: PARTS[0].voucherNo,
	paidOn: TODAY,
	details: { channel: 'pos', approval: APPROVAL },
	electronic: true,
	taxCashFormNo: null,
	parts: PARTS
};
const PAID_CASH: PaidOutput = { ...PAID_CARD, channel: 'cash', details: { channel: 'cash', tenderedFen: 160000, changeFen: 8766 }, electronic: false };
const ESCALATED = {
	outcome: 'escalated',
	channel: 'pos',
	declarationNo: 'SB2025052000011',
	amountFen: TOTAL,
	attempt: 0,
	reason: { code: 'REVERSAL_FAILED', message: '冲正未成功' },
	supervisorId: 'sup01',
	note: '已核实，POS未扣款',
	card: null,
	held: null
};

function session(fakes: Fakes, machine = withFakes(individualSessionMachine, fakes, ACTORS)) {
	return createActor(machine, { input: INPUT }).start();
}
type Session = ReturnType<typeof session>;

const ctx = (actor: Session): IndividualSessionContext => actor.getSnapshot().context;

/** The clerk types a number (or the card reader gives it) and the lookup answers. */
async function find(actor: Session, fakes: Fakes, answer: FindPersonOutput, idNumber = RESIDENT.identifier, source: 'card' | 'typed' = 'typed') {
	actor.send({ type: 'FIND_PERSON', idNumber, source });
	await flush();
	await fakes.settle('findPerson', answer);
}

async function household(fakes: Fakes, machine?: typeof individualSessionMachine) {
	const actor = session(fakes, machine);
	await find(actor, fakes, ZHANG);
	await find(actor, fakes, LI, FLEXIBLE.identifier);
	actor.send({ type: 'SET_TIER', payerId: RESIDENT.id, tier: 2 });
	actor.send({ type: 'TOGGLE_ITEM', payerId: RESIDENT.id, item: 'medical' });
	actor.send({ type: 'TOGGLE_DUE', payerId: FLEXIBLE.id, dueId: FLEXIBLE_MONTH.id });
	return actor;
}

async function paying(fakes: Fakes, machine?: typeof individualSessionMachine) {
	const actor = await household(fakes, machine);
	actor.send({ type: 'SUBMIT' });
	await flush();
	await fakes.settle('declareHousehold', DECLARED);
	expect(actor.getSnapshot().value).toBe('paying');
	return actor;
}

async function paid(fakes: Fakes, output: PaidOutput = PAID_CARD, machine?: typeof individualSessionMachine) {
	const actor = await paying(fakes, machine);
	await fakes.settle('payment', output);
	expect(actor.getSnapshot().value).toBe('receipts');
	return actor;
}

// --- the path model ------------------------------------------------------------------------------

describe('individual session: path model over the actors’ answers', () => {
	const ONE_DECLARED: DeclareHouseholdOutput = { outcome: 'declared', declarations: [DECLARATIONS[0]] };
	const ONE_PAID: PaidOutput = { ...PAID_CARD, lines: ZHANG_LINES, amountFen: 70000, parts: [PARTS[0]] };
	const model = pathModel(individualSessionMachine, {
		input: INPUT,
		events: [
			{ type: 'FIND_PERSON', idNumber: RESIDENT.identifier, source: 'card' },
			{ type: 'SET_TIER', tier: 1, payerId: RESIDENT.id },
			{ type: 'REFUND', payerId: RESIDENT.id },
			done('findPerson', ZHANG),
			done('findPerson', { outcome: 'agencyFirst', reason: 'nameMismatch', personName: RESIDENT.name, slip: agencyFirstSlip('nameMismatch', RESIDENT.name) }),
			done('findPerson', { outcome: 'refused', code: 'ID_NUMBER_INVALID', message: '身份证号码校验位不正确，请核对。' }),
			failed('findPerson', { code: 'UPSTREAM_UNAVAILABLE', message: '金税系统暂时无法连接。' }),
			done('printGuidanceSlip', { printed: true }),
			failed('printGuidanceSlip', { code: 'OFFLINE', message: '打印机未连接' }),
			done('declareHousehold', ONE_DECLARED),
			done('declareHousehold', { outcome: 'refused', payerId: RESIDENT.id, code: 'TIER_PAID', message: '本年度已缴费。' }),
			failed('declareHousehold', { code: 'UPSTREAM_UNAVAILABLE', message: '金税系统暂时无法连接。' }),
			done('payment', ONE_PAID),
			done('payment', ESCALATED),
			done('payment', { outcome: 'back' }),
			done('payment', { outcome: 'cancelled' }),
			failed('payment', { code: 'BUG', message: '内部错误' }),
			done('voidHousehold', undefined),
			failed('voidHousehold', { code: 'UPSTREAM_UNAVAILABLE', message: '金税系统暂时无法连接。' }),
			done('refundGuidance', { printed: true, slip: agencyFirstSlip('nameMismatch', RESIDENT.name) }),
			failed('refundGuidance', { code: 'BUG', message: '内部错误' })
		],
		filterEvents: (state, event) => {
			const c = state.context as IndividualSessionContext;
			// Forwarded events do not change the session: the children are modelled by their
			// answers. One person (the household rules have their own tests), two rounds.
			const own = ['FIND_PERSON', 'SET_TIER', 'SUBMIT', 'REFUND', 'PRINT', 'NEXT', 'FINISH', 'BACK', 'CANCEL', 'RETRY'].includes(event.type);
			if (!own && !event.type.startsWith('xstate.')) return false;
			if (event.type === 'FIND_PERSON' && c.persons.length > 0) return false;
			return c.declarationRound + c.paymentRound <= 2 && (c.agencyFirst?.copies ?? 0) < 2;
		}
	});
	const paths = model.getShortestPaths();

	it('reaches every end of a visit', () => {
		const finals = new Set(paths.filter((p) => p.state.status === 'done').map((p) => p.state.value as string));
		expect([...finals].sort()).toEqual(['cancelled', 'done', 'escalated', 'failed']);
	});

	for (const path of paths) {
		it(pathName(path), async () => {
			await runPath(
				path,
				(fakes) => createActor(withFakes(individualSessionMachine, fakes, ACTORS), { input: INPUT }),
				{
					finding: (_real, _m, fakes) => {
						expect(fakes.last('findPerson')).toEqual({ idNumber: RESIDENT.identifier, name: null, today: TODAY });
					},
					'agencyFirst.printing': (real, _m, fakes) => {
						const c = real.context as IndividualSessionContext;
						expect(fakes.last('printGuidanceSlip')).toEqual({
							jobId: `${SESSION}:guidance:nameMismatch:${c.agencyFirst!.copies}`,
							payerName: RESIDENT.name,
							slip: agencyFirstSlip('nameMismatch', RESIDENT.name)
						});
					},
					declaring: (real, _m, fakes) => {
						const c = real.context as IndividualSessionContext;
						expect(fakes.last('declareHousehold')).toEqual({
							key: `${SESSION}:d${c.declarationRound}`,
							today: TODAY,
							persons: [{ payerId: RESIDENT.id, selection: { ...NOTHING, pensionTier: 1 } }]
						});
					},
					paying: (real, _m, fakes) => {
						const c = real.context as IndividualSessionContext;
						expect(fakes.last<PaymentInput>('payment').sessionId).toBe(`${SESSION}:p${c.paymentRound}`);
						// Every payment child has keys of its own.
						const prefixes = fakes.all<PaymentInput>('payment').map((p) => p.sessionId);
						expect(new Set(prefixes).size).toBe(prefixes.length);
					},
					voiding: (real, _m, fakes) => {
						const c = real.context as IndividualSessionContext;
						expect(fakes.last('voidHousehold')).toEqual({ key: `${SESSION}:v${c.declarationRound}`, declarationNos: [DECLARATIONS[0].declarationNo] });
					},
					receipts: (real, _m, fakes) => {
						expect(fakes.last<ReceiptPrintInput>('receiptPrint')).toMatchObject({ sessionId: `${SESSION}:r0`, receipt: { voucherNo: PARTS[0].voucherNo } });
						// After money moved only forward; one person has no next receipt.
						for (const type of ['BACK', 'CANCEL', 'NEXT'] as const) expect(real.can({ type })).toBe(false);
					},
					refundGuidance: (_real, _m, fakes) => {
						expect(fakes.last('refundGuidance')).toEqual({ sessionId: `${SESSION}:refund:${RESIDENT.id}`, payer: RESIDENT });
					}
				},
				(real: AnyMachineSnapshot) => {
					if (real.status !== 'done') return;
					const paidParts = real.context.payment?.parts ?? [];
					expect(real.output.vouchers.map((v: { voucherNo: string }) => v.voucherNo)).toEqual(paidParts.map((p: RecordedPart) => p.voucherNo));
				}
			);
		});
	}
});

// --- finding a person ------------------------------------------------------------------------------

describe('individual session: finding a person by ID number (guide 3.一, 4.一)', () => {
	it('a person read from the ID card joins the household with nothing chosen; the lookup gets the number, the name and today', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		actor.send({ type: 'FIND_PERSON', idNumber: RESIDENT.identifier, name: ' 张三 ', source: 'card' });
		await flush();
		expect(actor.getSnapshot().value).toBe('finding');
		expect(fakes.last('findPerson')).toEqual({ idNumber: RESIDENT.identifier, name: '张三', today: TODAY });
		await fakes.settle('findPerson', ZHANG);
		expect(actor.getSnapshot().value).toBe('gathering');
		expect(ctx(actor).persons).toEqual([{ payer: RESIDENT, options: ZHANG.options, selection: NOTHING, source: 'card' }]);
		expect(ctx(actor).error).toBeNull();
	});

	it('a typed number is looked up without a name; the next person is added after the first, marked typed', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		await find(actor, fakes, ZHANG, RESIDENT.identifier, 'card');
		await find(actor, fakes, LI, FLEXIBLE.identifier, 'typed');
		expect(fakes.last('findPerson')).toEqual({ idNumber: FLEXIBLE.identifier, name: null, today: TODAY });
		expect(ctx(actor).persons.map((p) => [p.payer.name, p.source, p.selection])).toEqual([
			['张三', 'card', NOTHING],
			['李四', 'typed', NOTHING]
		]);
	});

	const REASONS: [AgencyFirstReason, string][] = [
		['unregistered', '未查到张三在社保、医保经办机构的参保登记信息'],
		['nameMismatch', '应在缴纳本年度社会保险费之前，先行前往社保、医保经办机构办理变更'],
		['changing', '张三的参保登记正在经办机构办理变更或转移']
	];
	it.each(REASONS)('a person with %s registration sees the agency first: the slip says why, where to go and whom to call', async (reason, why) => {
		const fakes = new Fakes().respond('printGuidanceSlip', () => ({ printed: true }));
		const actor = session(fakes);
		await find(actor, fakes, LI, FLEXIBLE.identifier);
		const before = ctx(actor).persons;
		const slip = agencyFirstSlip(reason, RESIDENT.name);
		await find(actor, fakes, { outcome: 'agencyFirst', reason, personName: RESIDENT.name, slip });
		expect(actor.getSnapshot().value).toEqual({ agencyFirst: 'showing' });
		expect(ctx(actor).agencyFirst).toEqual({ reason, personName: '张三', slip, copies: 0 });
		expect(slip.reason).toContain(why);
		expect(slip.where).toEqual(['参保地社保经办机构（养老保险）', '参保地医保经办机构（医疗保险）']);
		expect(slip.helpLines.map((l) => l.number)).toEqual(['12333', '12366', '95113']);

		// Each copy is its own print job.
		actor.send({ type: 'PRINT' });
		await flush();
		actor.send({ type: 'PRINT' });
		await flush();
		expect(fakes.all<PrintGuidanceSlipInput>('printGuidanceSlip')).toEqual([
			{ jobId: `${SESSION}:guidance:${reason}:0`, payerName: '张三', slip },
			{ jobId: `${SESSION}:guidance:${reason}:1`, payerName: '张三', slip }
		]);
		expect(ctx(actor).agencyFirst!.copies).toBe(2);

		actor.send({ type: 'BACK' });
		expect(actor.getSnapshot().value).toBe('gathering');
		expect(ctx(actor).persons).toEqual(before);
		expect(ctx(actor).agencyFirst).toBeNull();
	});

	it('a failed slip print keeps the slip on screen with the printer’s error; printing again resends the same job', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		const slip = agencyFirstSlip('unregistered', RESIDENT.name);
		await find(actor, fakes, { outcome: 'agencyFirst', reason: 'unregistered', personName: RESIDENT.name, slip });
		actor.send({ type: 'PRINT' });
		await flush();
		await fakes.fail('printGuidanceSlip', { code: 'OFFLINE', message: '打印机未连接' });
		expect(actor.getSnapshot().value).toEqual({ agencyFirst: 'showing' });
		expect(ctx(actor).error).toEqual({ code: 'OFFLINE', message: '打印机未连接' });
		expect(ctx(actor).agencyFirst).toEqual({ reason: 'unregistered', personName: '张三', slip, copies: 0 });
		actor.send({ type: 'PRINT' });
		await flush();
		await fakes.settle('printGuidanceSlip', { printed: true });
		expect(fakes.all<PrintGuidanceSlipInput>('printGuidanceSlip').map((p) => p.jobId)).toEqual([
			`${SESSION}:guidance:unregistered:0`,
			`${SESSION}:guidance:unregistered:0`
		]);
		expect(ctx(actor).error).toBeNull();
		expect(ctx(actor).agencyFirst!.copies).toBe(1);
	});

	it('a print failure without a code says the slip did not print', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		await find(actor, fakes, { outcome: 'agencyFirst', reason: 'changing', personName: '张三', slip: agencyFirstSlip('changing', '张三') });
		actor.send({ type: 'PRINT' });
		await flush();
		await fakes.fail('printGuidanceSlip', new Error('EPIPE'));
		expect(ctx(actor).error).toEqual({ code: 'PRINT_FAILED', message: INDIVIDUAL_SESSION_TEXTS.slipPrintFailed });
	});

	it('a number the tax system refuses is shown with its reason; the household is kept', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		await find(actor, fakes, ZHANG);
		await find(actor, fakes, { outcome: 'refused', code: 'ID_NUMBER_INVALID', message: '身份证号码校验位不正确，请核对。' }, '140105199203034560');
		expect(actor.getSnapshot().value).toBe('gathering');
		expect(ctx(actor).error).toEqual({ code: 'ID_NUMBER_INVALID', message: '身份证号码校验位不正确，请核对。' });
		expect(ctx(actor).persons.map((p) => p.payer.id)).toEqual([RESIDENT.id]);
	});

	it('the same person is not added twice', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		await find(actor, fakes, ZHANG);
		actor.send({ type: 'SET_TIER', payerId: RESIDENT.id, tier: 1 });
		await find(actor, fakes, ZHANG, RESIDENT.identifier, 'card');
		expect(ctx(actor).error).toEqual({ code: 'ALREADY_ADDED', message: '张三已在本次缴费名单中。' });
		expect(ctx(actor).persons).toEqual([{ payer: RESIDENT, options: ZHANG.options, selection: { ...NOTHING, pensionTier: 1 }, source: 'typed' }]);
	});

	it('a unit payer is sent to the unit screen', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		await find(actor, fakes, found(ENTERPRISE, residentOptions(ENTERPRISE)), ENTERPRISE.identifier);
		expect(ctx(actor).error).toEqual({ code: 'NOT_AN_INDIVIDUAL', message: '这是单位缴费人，请在单位缴费界面办理。' });
		expect(ctx(actor).persons).toEqual([]);
	});

	it('a lookup that fails shows the error and keeps the household; an error without a code asks to retry', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		await find(actor, fakes, ZHANG);
		actor.send({ type: 'FIND_PERSON', idNumber: FLEXIBLE.identifier, source: 'typed' });
		await flush();
		await fakes.fail('findPerson', { code: 'UPSTREAM_UNAVAILABLE', message: '金税系统暂时无法连接。' });
		expect(actor.getSnapshot().value).toBe('gathering');
		expect(ctx(actor).error).toEqual({ code: 'UPSTREAM_UNAVAILABLE', message: '金税系统暂时无法连接。' });
		expect(ctx(actor).persons.map((p) => p.payer.id)).toEqual([RESIDENT.id]);

		actor.send({ type: 'FIND_PERSON', idNumber: FLEXIBLE.identifier, source: 'typed' });
		await flush();
		expect(ctx(actor).error).toBeNull();
		await fakes.fail('findPerson', new TypeError('fetch failed'));
		expect(ctx(actor).error).toEqual({ code: 'LOOKUP_FAILED', message: INDIVIDUAL_SESSION_TEXTS.lookupFailed });
	});

	it('a person can be taken off the list', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		await find(actor, fakes, ZHANG);
		await find(actor, fakes, LI, FLEXIBLE.identifier);
		actor.send({ type: 'REMOVE_PERSON', payerId: RESIDENT.id });
		expect(ctx(actor).persons.map((p) => p.payer.id)).toEqual([FLEXIBLE.id]);
	});
});

// --- choosing each person's items ---------------------------------------------------------------

describe('individual session: what each person may pay (guide 3.二、三, 4.二、三)', () => {
	async function withPerson(answer: FindPersonOutput) {
		const fakes = new Fakes();
		const actor = session(fakes);
		await find(actor, fakes, answer, answer.outcome === 'found' ? answer.payer.identifier : RESIDENT.identifier);
		return actor;
	}
	const selection = (actor: Session, payerId = RESIDENT.id) => ctx(actor).persons.find((p) => p.payer.id === payerId)!.selection;
	const paidTier2 = () => found(RESIDENT, residentOptions(RESIDENT, { pension: { ...residentOptions(RESIDENT).pension!, paidTier: 2 } }));

	it('the payer chooses a tier of this year’s table; SET_TIER null clears it', async () => {
		const actor = await withPerson(ZHANG);
		actor.send({ type: 'SET_TIER', payerId: RESIDENT.id, tier: 3 });
		expect(selection(actor)).toEqual({ ...NOTHING, pensionTier: 3 });
		actor.send({ type: 'SET_TIER', payerId: RESIDENT.id, tier: 1 });
		expect(selection(actor).pensionTier).toBe(1);
		actor.send({ type: 'SET_TIER', payerId: RESIDENT.id, tier: null });
		expect(selection(actor)).toEqual(NOTHING);
		expect(ctx(actor).error).toBeNull();
	});

	it('once a tier is paid for a year, no other tier can be paid for that year and the screen says why', async () => {
		const actor = await withPerson(paidTier2());
		actor.send({ type: 'SET_TIER', payerId: RESIDENT.id, tier: 3 });
		expect(selection(actor)).toEqual(NOTHING);
		expect(ctx(actor).error?.code).toBe('TIER_NOT_AVAILABLE');
		expect(ctx(actor).error?.message).toContain('缴费完成后，不再受理本年度缴费档次的调整');
		// Tier 2 is 300 yuan a year.
		expect(ctx(actor).error?.message).toContain('每年300元');
	});

	it('the tier already paid for the year is not paid again', async () => {
		const actor = await withPerson(paidTier2());
		actor.send({ type: 'SET_TIER', payerId: RESIDENT.id, tier: 2 });
		expect(selection(actor)).toEqual(NOTHING);
		expect(ctx(actor).error).toEqual({ code: 'TIER_NOT_AVAILABLE', message: '本年度该档次已缴费，无需重复缴纳。' });
		// Clearing the tier is always allowed and clears the message.
		actor.send({ type: 'SET_TIER', payerId: RESIDENT.id, tier: null });
		expect(ctx(actor).error).toBeNull();
	});

	it('a tier outside this year’s table is refused, and so is any tier for a person without resident pension', async () => {
		const actor = await withPerson(ZHANG);
		actor.send({ type: 'SET_TIER', payerId: RESIDENT.id, tier: 9 });
		expect(selection(actor)).toEqual(NOTHING);
		expect(ctx(actor).error).toEqual({ code: 'TIER_NOT_AVAILABLE', message: '所选档次不在本年度档次表中。' });

		const flexible = await withPerson(LI);
		flexible.send({ type: 'SET_TIER', payerId: FLEXIBLE.id, tier: 1 });
		expect(selection(flexible, FLEXIBLE.id)).toEqual(NOTHING);
		expect(ctx(flexible).error?.message).toBe(INDIVIDUAL_SESSION_TEXTS.unknownTier);
	});

	it('supplementary pension and next year’s medical are chosen where the person is registered for them', async () => {
		const actor = await withPerson(ZHANG);
		actor.send({ type: 'TOGGLE_ITEM', payerId: RESIDENT.id, item: 'supplementary' });
		actor.send({ type: 'TOGGLE_ITEM', payerId: RESIDENT.id, item: 'medical' });
		expect(selection(actor)).toEqual({ ...NOTHING, supplementary: true, medical: true });
		actor.send({ type: 'TOGGLE_ITEM', payerId: RESIDENT.id, item: 'supplementary' });
		expect(selection(actor)).toEqual({ ...NOTHING, medical: true });
	});

	it('a person not registered for supplementary pension or resident medical cannot choose them', async () => {
		const actor = await withPerson(found(SPOUSE, residentOptions(SPOUSE, { supplementary: null, medical: null })));
		actor.send({ type: 'TOGGLE_ITEM', payerId: SPOUSE.id, item: 'supplementary' });
		actor.send({ type: 'TOGGLE_ITEM', payerId: SPOUSE.id, item: 'medical' });
		expect(selection(actor, SPOUSE.id)).toEqual(NOTHING);
		expect(ctx(actor).error).toBeNull();
	});

	it('an item already paid is refused with the reason', async () => {
		const base = residentOptions(RESIDENT);
		const actor = await withPerson(
			found(RESIDENT, residentOptions(RESIDENT, { medical: { ...base.medical!, paid: true }, supplementary: { ...base.supplementary!, paid: true } }))
		);
		actor.send({ type: 'TOGGLE_ITEM', payerId: RESIDENT.id, item: 'medical' });
		expect(ctx(actor).error).toEqual({ code: 'ITEM_PAID', message: '城乡居民基本医疗保险已缴费，无需重复缴纳。' });
		actor.send({ type: 'TOGGLE_ITEM', payerId: RESIDENT.id, item: 'supplementary' });
		expect(ctx(actor).error).toEqual({ code: 'ITEM_PAID', message: '城乡居民补充养老保险已缴费，无需重复缴纳。' });
		expect(selection(actor)).toEqual(NOTHING);
	});

	it('back-payment and special groups are paid only where the agency sent an assessed due', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		await find(actor, fakes, found(RESIDENT, residentOptions(RESIDENT, { dues: [BACK_PAYMENT, SPECIAL_GROUP_MEDICAL] })));
		await find(actor, fakes, LI, FLEXIBLE.identifier);
		actor.send({ type: 'TOGGLE_DUE', payerId: RESIDENT.id, dueId: SPECIAL_GROUP_MEDICAL.id });
		actor.send({ type: 'TOGGLE_DUE', payerId: RESIDENT.id, dueId: BACK_PAYMENT.id });
		expect(selection(actor).dueIds).toEqual([SPECIAL_GROUP_MEDICAL.id, BACK_PAYMENT.id]);
		// A due the agency did not assess for this person — unknown, or another person's — is ignored.
		actor.send({ type: 'TOGGLE_DUE', payerId: RESIDENT.id, dueId: 999 });
		actor.send({ type: 'TOGGLE_DUE', payerId: RESIDENT.id, dueId: FLEXIBLE_MONTH.id });
		actor.send({ type: 'TOGGLE_DUE', payerId: FLEXIBLE.id, dueId: BACK_PAYMENT.id });
		expect(selection(actor).dueIds).toEqual([SPECIAL_GROUP_MEDICAL.id, BACK_PAYMENT.id]);
		expect(selection(actor, FLEXIBLE.id)).toEqual(NOTHING);
		actor.send({ type: 'TOGGLE_DUE', payerId: RESIDENT.id, dueId: SPECIAL_GROUP_MEDICAL.id });
		expect(selection(actor).dueIds).toEqual([BACK_PAYMENT.id]);
	});

	it('a flexible employee pays the months the agency assessed', async () => {
		const actor = await withPerson(LI);
		actor.send({ type: 'TOGGLE_DUE', payerId: FLEXIBLE.id, dueId: FLEXIBLE_MONTH.id });
		expect(selection(actor, FLEXIBLE.id)).toEqual({ ...NOTHING, dueIds: [FLEXIBLE_MONTH.id] });
	});
});

// --- declaring ------------------------------------------------------------------------------------

describe('individual session: one declaration per person (guide 3.二, 4.二)', () => {
	it('nobody on the list: nothing to declare', () => {
		const actor = session(new Fakes());
		actor.send({ type: 'SUBMIT' });
		expect(actor.getSnapshot().value).toBe('gathering');
		expect(ctx(actor).error).toEqual({ code: 'NOBODY', message: '请先查找并添加缴费人。' });
	});

	it('someone with nothing chosen is named, and nothing is declared', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		await find(actor, fakes, ZHANG);
		await find(actor, fakes, LI, FLEXIBLE.identifier);
		actor.send({ type: 'SET_TIER', payerId: RESIDENT.id, tier: 2 });
		actor.send({ type: 'SUBMIT' });
		await flush();
		expect(actor.getSnapshot().value).toBe('gathering');
		expect(ctx(actor).error).toEqual({ code: 'NOTHING_SELECTED', message: '请为李四选择要缴纳的险种或费款，或将其移出名单。' });
		expect(fakes.count('declareHousehold')).toBe(0);
	});

	it('each person is declared with their own selection under the session’s first declaration key', async () => {
		const fakes = new Fakes();
		const actor = await household(fakes);
		actor.send({ type: 'SUBMIT' });
		await flush();
		expect(actor.getSnapshot().value).toBe('declaring');
		expect(fakes.all('declareHousehold')).toEqual([
			{
				key: `${SESSION}:d1`,
				today: TODAY,
				persons: [
					{ payerId: RESIDENT.id, selection: { pensionTier: 2, supplementary: false, medical: true, dueIds: [] } },
					{ payerId: FLEXIBLE.id, selection: { pensionTier: null, supplementary: false, medical: false, dueIds: [FLEXIBLE_MONTH.id] } }
				]
			}
		]);
	});

	it('a refused declaration returns to the list with the reason; declaring again takes a new key', async () => {
		const fakes = new Fakes();
		const actor = await household(fakes);
		actor.send({ type: 'SUBMIT' });
		await flush();
		await fakes.settle('declareHousehold', { outcome: 'refused', payerId: RESIDENT.id, code: 'TIER_PAID', message: '张三本年度已按其他档次缴费。' });
		expect(actor.getSnapshot().value).toBe('gathering');
		expect(ctx(actor).error).toEqual({ code: 'TIER_PAID', message: '张三本年度已按其他档次缴费。' });
		expect(ctx(actor).declarations).toBeNull();
		expect(ctx(actor).persons).toHaveLength(2);
		actor.send({ type: 'SUBMIT' });
		await flush();
		expect(fakes.all<{ key: string }>('declareHousehold').map((d) => d.key)).toEqual([`${SESSION}:d1`, `${SESSION}:d2`]);
	});

	it('a declaration whose answer is unknown is retried with the same keys, so nobody is declared twice', async () => {
		const fakes = new Fakes();
		const actor = await household(fakes);
		actor.send({ type: 'SUBMIT' });
		await flush();
		await fakes.fail('declareHousehold', new Error('socket hang up'));
		expect(actor.getSnapshot().value).toBe('declareFailed');
		expect(ctx(actor).error).toEqual({ code: 'DECLARE_FAILED', message: INDIVIDUAL_SESSION_TEXTS.declareFailed });
		actor.send({ type: 'RETRY' });
		await flush();
		expect(fakes.all<{ key: string }>('declareHousehold').map((i) => i.key)).toEqual([`${SESSION}:d1`, `${SESSION}:d1`]);
	});
});

// --- paying and the receipts -------------------------------------------------------------------

describe('individual session: one payment for the household, a receipt per person (guide 3.三、四, 4.三、四)', () => {
	it('the payment is the household as one declaration, each person a part', async () => {
		const fakes = new Fakes();
		await paying(fakes);
		expect(fakes.all('payment')).toEqual([
			{
				sessionId: `${SESSION}:p1`,
				payer: RESIDENT,
				declaration: {
					declarationNo: 'SB2025052000011',
					totalFen: TOTAL,
					lines: [...ZHANG_LINES, ...LI_LINES],
					parts: [
						{
							payerId: RESIDENT.id,
							payerName: '张三',
							payerIdentifier: RESIDENT.identifier,
							declarationNo: 'SB2025052000011',
							totalFen: 70000,
							lines: ZHANG_LINES
						},
						{
							payerId: FLEXIBLE.id,
							payerName: '李四',
							payerIdentifier: FLEXIBLE.identifier,
							declarationNo: 'SB2025052000012',
							totalFen: 81234,
							lines: LI_LINES
						}
					]
				},
				today: TODAY,
				payerKind: 'resident',
				windowNo: '3',
				clerkId: 'clerk07'
			}
		]);
	});

	it('once paid, each person gets their own receipt with the household’s one sale; FINISH gives a voucher per person', async () => {
		const fakes = new Fakes();
		const actor = await paid(fakes);
		expect(fakes.all('receiptPrint')).toEqual([
			{
				sessionId: `${SESSION}:r0`,
				receipt: {
					payerId: RESIDENT.id,
					payerKind: 'resident',
					payerName: '张三',
					// Masked by the layout: individuals' ID numbers never print in full.
					payerIdentifier: RESIDENT.identifier,
					declarationNo: 'SB2025052000011',
					lines: ZHANG_LINES,
					amountFen: 70000,
					amountInWords: '柒佰元整',
					channel: 'pos',
					voucherNo: '314051250500020001',
					paidOn: TODAY,
					windowNo: '3',
					clerkId: 'clerk07',
					card: APPROVAL,
					cash: null,
					taxCashFormNo: null,
					refundNotice: REFUND_NOT_SHOWN,
					household: { persons: 2, totalFen: TOTAL }
				}
			}
		]);
		// After money moved only forward.
		expect(actor.getSnapshot().can({ type: 'BACK' })).toBe(false);
		expect(actor.getSnapshot().can({ type: 'CANCEL' })).toBe(false);

		// Nobody's receipt is skipped: the visit cannot end before the last person's.
		expect(actor.getSnapshot().can({ type: 'FINISH' })).toBe(false);
		actor.send({ type: 'NEXT' });
		await flush();
		expect(ctx(actor).receiptIndex).toBe(1);
		expect(fakes.last<ReceiptPrintInput>('receiptPrint')).toEqual({
			sessionId: `${SESSION}:r1`,
			receipt: expect.objectContaining({
				payerId: FLEXIBLE.id,
				payerKind: 'flexible',
				payerName: '李四',
				payerIdentifier: FLEXIBLE.identifier,
				declarationNo: 'SB2025052000012',
				lines: LI_LINES,
				amountFen: 81234,
				amountInWords: '捌佰壹拾贰元叁角肆分',
				voucherNo: '314051250500020002',
				card: APPROVAL,
				household: { persons: 2, totalFen: TOTAL }
			})
		});

		// There is nobody after the last person.
		expect(actor.getSnapshot().can({ type: 'NEXT' })).toBe(false);
		actor.send({ type: 'NEXT' });
		await flush();
		expect(ctx(actor).receiptIndex).toBe(1);
		expect(fakes.count('receiptPrint')).toBe(2);

		actor.send({ type: 'FINISH' });
		expect(actor.getSnapshot().output).toEqual({
			outcome: 'done',
			payerIds: [RESIDENT.id, FLEXIBLE.id],
			vouchers: [
				{ payerId: RESIDENT.id, declarationNo: 'SB2025052000011', voucherNo: '314051250500020001', amountFen: 70000 },
				{ payerId: FLEXIBLE.id, declarationNo: 'SB2025052000012', voucherNo: '314051250500020002', amountFen: 81234 }
			],
			channel: 'pos',
			amountFen: TOTAL,
			error: null
		});
	});

	it('a cash payment’s receipts show what was tendered and the change, and no card', async () => {
		const fakes = new Fakes();
		await paid(fakes, PAID_CASH);
		expect(fakes.last<ReceiptPrintInput>('receiptPrint').receipt).toMatchObject({
			channel: 'cash',
			card: null,
			cash: { tenderedFen: 160000, changeFen: 8766 }
		});
	});

	it('back from the payment voids every person’s declaration, then the list; declaring again takes new keys', async () => {
		const fakes = new Fakes();
		const actor = await paying(fakes);
		await fakes.settle('payment', { outcome: 'back' });
		expect(actor.getSnapshot().value).toBe('voiding');
		expect(fakes.all('voidHousehold')).toEqual([{ key: `${SESSION}:v1`, declarationNos: ['SB2025052000011', 'SB2025052000012'] }]);
		await fakes.settle('voidHousehold', undefined);
		expect(actor.getSnapshot().value).toBe('gathering');
		expect(ctx(actor).declarations).toBeNull();
		expect(ctx(actor).persons).toHaveLength(2);

		actor.send({ type: 'SUBMIT' });
		await flush();
		await fakes.settle('declareHousehold', DECLARED);
		expect(fakes.all<{ key: string }>('declareHousehold').map((d) => d.key)).toEqual([`${SESSION}:d1`, `${SESSION}:d2`]);
		expect(fakes.all<PaymentInput>('payment').map((p) => p.sessionId)).toEqual([`${SESSION}:p1`, `${SESSION}:p2`]);
	});

	it('cancelling before money moved voids the declarations and ends the visit with nothing paid', async () => {
		const fakes = new Fakes();
		const actor = await paying(fakes);
		await fakes.settle('payment', { outcome: 'cancelled' });
		expect(fakes.last('voidHousehold')).toEqual({ key: `${SESSION}:v1`, declarationNos: ['SB2025052000011', 'SB2025052000012'] });
		await fakes.settle('voidHousehold', undefined);
		expect(actor.getSnapshot().output).toEqual({
			outcome: 'cancelled',
			payerIds: [RESIDENT.id, FLEXIBLE.id],
			vouchers: [],
			channel: null,
			amountFen: null,
			error: null
		});
	});

	it('a void that fails waits for RETRY, which voids again with the same key', async () => {
		const fakes = new Fakes();
		const actor = await paying(fakes);
		await fakes.settle('payment', { outcome: 'back' });
		await fakes.fail('voidHousehold', { code: 'UPSTREAM_UNAVAILABLE', message: '金税系统暂时无法连接。' });
		expect(actor.getSnapshot().value).toBe('voidFailed');
		expect(ctx(actor).error).toEqual({ code: 'UPSTREAM_UNAVAILABLE', message: '金税系统暂时无法连接。' });
		actor.send({ type: 'RETRY' });
		await flush();
		expect(actor.getSnapshot().value).toBe('voiding');
		expect(ctx(actor).error).toBeNull();
		const [first, second] = fakes.all('voidHousehold');
		expect(second).toEqual(first);
		await fakes.settle('voidHousehold', undefined);
		expect(actor.getSnapshot().value).toBe('gathering');
	});

	it('a void that fails without a code says the unpaid declarations are still there', async () => {
		const fakes = new Fakes();
		const actor = await paying(fakes);
		await fakes.settle('payment', { outcome: 'cancelled' });
		await fakes.fail('voidHousehold', new Error('timeout'));
		expect(ctx(actor).error).toEqual({ code: 'VOID_FAILED', message: '未能作废本次未缴款的申报，请重试；如仍失败请报告值班长。' });
	});

	it('an escalated payment ends the visit for the supervisor', async () => {
		const fakes = new Fakes();
		const actor = await paying(fakes);
		await fakes.settle('payment', ESCALATED);
		expect(actor.getSnapshot().value).toBe('escalated');
		expect(ctx(actor).escalation).toEqual(ESCALATED);
		expect(actor.getSnapshot().output).toEqual({
			outcome: 'escalated',
			payerIds: [RESIDENT.id, FLEXIBLE.id],
			vouchers: [],
			channel: null,
			amountFen: null,
			error: null
		});
		expect(fakes.count('voidHousehold')).toBe(0);
	});

	it('a payment child that crashes ends the visit as failed', async () => {
		const fakes = new Fakes();
		const actor = await paying(fakes);
		await fakes.fail('payment', new Error('boom'));
		expect(actor.getSnapshot().output).toMatchObject({ outcome: 'failed', error: { code: 'CHILD_FAILED', message: INDIVIDUAL_SESSION_TEXTS.childFailed } });
	});
});

// --- persistence ---------------------------------------------------------------------------------

describe('individual session: a restored session', () => {
	function withRealReceipts(fakes: Fakes) {
		return withFakes(individualSessionMachine, fakes, ACTORS).provide({ actors: { receiptPrint: withFakes(receiptPrintMachine, fakes, ['printReceipt']) } });
	}

	it('a snapshot taken at person 2’s receipt restores there and prints the same job again', async () => {
		const fakes = new Fakes();
		const actor = await paid(fakes, PAID_CARD, withRealReceipts(fakes));
		await fakes.settle('printReceipt', { printed: true });
		actor.send({ type: 'NEXT' });
		await flush();
		const printing = fakes.last<PrintReceiptInput>('printReceipt');
		expect(printing).toMatchObject({ jobId: `${SESSION}:r1:receipt:0`, reprint: false, receipt: { payerId: FLEXIBLE.id, voucherNo: PARTS[1].voucherNo } });
		const saved = JSON.stringify(actor.getPersistedSnapshot());
		actor.stop();

		const after = new Fakes();
		const restored = restoreActor(withRealReceipts(after), JSON.parse(saved)).start();
		await flush();
		expect(restored.getSnapshot().value).toBe('receipts');
		expect(restored.getSnapshot().context.receiptIndex).toBe(1);
		// The same job (the print queue drops it if it already finished); nothing before it runs again.
		expect(after.all('printReceipt')).toEqual([printing]);
		expect(after.count('findPerson') + after.count('declareHousehold') + after.count('payment')).toBe(0);
		expect(restored.getSnapshot().can({ type: 'NEXT' })).toBe(false);
		restored.send({ type: 'FINISH' });
		expect(restored.getSnapshot().output).toMatchObject({
			outcome: 'done',
			vouchers: [{ voucherNo: PARTS[0].voucherNo }, { voucherNo: PARTS[1].voucherNo }]
		});
	});
});

// --- refund guidance -----------------------------------------------------------------------------

describe('individual session: refund guidance for a person (guide 3.四, 4.四)', () => {
	function withRealRefund(fakes: Fakes) {
		return withFakes(individualSessionMachine, fakes, ACTORS).provide({
			actors: { refundGuidance: withFakes(refundGuidanceMachine, fakes, ['printGuidanceSlip']) }
		});
	}

	it('REFUND opens the guidance for that person only', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		await find(actor, fakes, ZHANG);
		await find(actor, fakes, found(SPOUSE, residentOptions(SPOUSE)), SPOUSE.identifier);
		actor.send({ type: 'REFUND', payerId: FLEXIBLE.id });
		expect(actor.getSnapshot().value).toBe('gathering');
		actor.send({ type: 'REFUND', payerId: SPOUSE.id });
		await flush();
		expect(actor.getSnapshot().value).toBe('refundGuidance');
		expect(fakes.all<RefundGuidanceInput>('refundGuidance')).toEqual([{ sessionId: `${SESSION}:refund:${SPOUSE.id}`, payer: SPOUSE }]);
		actor.send({ type: 'BACK' });
		expect(actor.getSnapshot().value).toBe('gathering');
		expect(ctx(actor).refundFor).toBeNull();
	});

	it('over- or double payment is refunded by the agencies: the individual’s slip gives that reason, their papers and no client-software line', async () => {
		const fakes = new Fakes().respond('printGuidanceSlip', () => ({ printed: true }));
		const actor = session(fakes, withRealRefund(fakes));
		await find(actor, fakes, LI, FLEXIBLE.identifier);
		const before = ctx(actor).persons;
		actor.send({ type: 'REFUND', payerId: FLEXIBLE.id });
		actor.send({ type: 'PRINT' });
		await flush();
		expect(actor.getSnapshot().value).toBe('gathering');
		const { jobId, payerName, slip } = fakes.last<PrintGuidanceSlipInput>('printGuidanceSlip');
		expect(jobId).toBe(`${SESSION}:refund:${FLEXIBLE.id}:guidance:refund`);
		expect(payerName).toBe('李四');
		expect(slip.reason.startsWith('缴费人多缴或者重复缴费的，由社保、医保经办机构办理退费。')).toBe(true);
		expect(slip.reason).toContain('税务窗口不受理退费申请');
		expect(slip.bring).toEqual(expect.arrayContaining([...REFUND_GUIDANCE_TEXTS.individualBring]));
		expect(slip.helpLines.map((l) => l.number)).not.toContain(CLIENT_SOFTWARE_LINE);
		expect(slip.helpLines.map((l) => l.number)).toEqual(['12333', '12366', '95113']);
		expect(ctx(actor).persons).toEqual(before);
		expect(ctx(actor).refundFor).toBeNull();
	});

	it('a unit’s refund slip keeps the client-software line the individual’s leaves out', () => {
		const unit = createActor(refundGuidanceMachine, { input: { sessionId: 'S', payer: ENTERPRISE } }).start();
		const slip: GuidanceSlip = unit.getSnapshot().context.slip;
		expect(slip.helpLines.map((l) => l.number)).toContain(CLIENT_SOFTWARE_LINE);
		expect(slip.reason).not.toContain('缴费人多缴或者重复缴费的');
	});
});

describe('individual session: certificates on the person’s ID (guide 3.四 缴费凭证开具)', () => {
	it('CERTIFICATE opens the certificate step for that person only, and BACK returns to the household unchanged', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		await find(actor, fakes, ZHANG);
		await find(actor, fakes, found(SPOUSE, residentOptions(SPOUSE)), SPOUSE.identifier);
		const before = ctx(actor).persons;
		actor.send({ type: 'CERTIFICATE', payerId: FLEXIBLE.id });
		expect(actor.getSnapshot().value).toBe('gathering');
		actor.send({ type: 'CERTIFICATE', payerId: SPOUSE.id });
		await flush();
		expect(actor.getSnapshot().value).toBe('certificate');
		expect(fakes.all('individualCertificate')).toEqual([{ sessionId: `${SESSION}:c${SPOUSE.id}`, payer: SPOUSE, today: INPUT.today }]);
		actor.send({ type: 'BACK' });
		expect(actor.getSnapshot().value).toBe('gathering');
		expect(ctx(actor).certificateFor).toBeNull();
		expect(ctx(actor).persons).toEqual(before);
	});

	it('once the certificates are printed the visit is back at the household, to pay or to finish', async () => {
		const fakes = new Fakes();
		const actor = session(fakes);
		await find(actor, fakes, ZHANG);
		actor.send({ type: 'CERTIFICATE', payerId: RESIDENT.id });
		await flush();
		await fakes.settle('individualCertificate', { outcome: 'printed', certificateNos: ['JZ2026-000001'] });
		expect(actor.getSnapshot().value).toBe('gathering');
		expect(ctx(actor).persons.map((p) => p.payer.id)).toEqual([RESIDENT.id]);
	});
});
