import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { declarationMachine, type DeclarationContext, type DeclarationOutput, type DeclareInput } from '../../state-machines/declaration.machine';
import { declarationWindow } from '../../src/lib/domain/declaration-window';
import type { AssessedDue } from '../../src/lib/domain/payer';
import { sumFen } from '../../state-machines/shared';
import { Fakes, actorNames, done, failed, flush, pathModel, pathName, runPath, withFakes } from './harness';
import { ENTERPRISE, HISTORICAL, OLD_DECLARATION, PAID_DECLARATION, POLICY_PAID, PROJECT_DUE, REGULAR, RETIREMENT_DECLARED, lineOf } from './fixtures';

const SESSION = 'S-DEC';
const ACTORS = ['loadDues', 'declare', 'voidDeclaration'];
const DUES = [REGULAR, HISTORICAL, RETIREMENT_DECLARED, POLICY_PAID, PROJECT_DUE];

function start(fakes: Fakes, today = '2025-05-20') {
	return createActor(withFakes(declarationMachine, fakes, ACTORS), {
		input: { sessionId: SESSION, payer: ENTERPRISE, today }
	});
}

function declarationFor(context: Pick<DeclarationContext, 'dues' | 'selected'>, no = 'SB2025052000001') {
	const chosen = context.dues.filter((d) => context.selected.includes(d.id));
	return {
		declarationNo: no,
		declaredOn: '2025-05-20',
		lines: chosen.map(lineOf),
		totalFen: sumFen(chosen.map((d) => d.amountFen))
	};
}

/** Loads the fixtures and waits in `selecting`. */
async function loaded(fakes: Fakes, today?: string, dues: AssessedDue[] = DUES) {
	fakes.respond('loadDues', () => ({ dues, declarations: [OLD_DECLARATION, PAID_DECLARATION] }));
	const actor = start(fakes, today).start();
	await waitFor(actor, (s) => s.matches('selecting'));
	return actor;
}

describe('declaration: path model', () => {
	for (const today of ['2025-05-20', '2025-05-26']) {
		const model = pathModel(declarationMachine, {
			input: { sessionId: SESSION, payer: ENTERPRISE, today },
			events: (state) => [
				done('loadDues', { dues: [REGULAR, HISTORICAL, RETIREMENT_DECLARED], declarations: [OLD_DECLARATION, PAID_DECLARATION] }),
				failed('loadDues', { code: 'TIMEOUT', message: '超时' }),
				{ type: 'TOGGLE_DUE', dueId: REGULAR.id },
				{ type: 'TOGGLE_DUE', dueId: HISTORICAL.id },
				{ type: 'TOGGLE_DUE', dueId: RETIREMENT_DECLARED.id },
				done('declare', declarationFor(state.context)),
				done('declare', { ...declarationFor(state.context), totalFen: 1 }),
				failed('declare', { code: 'DUE_ALREADY_DECLARED', message: '该笔已申报' }),
				{ type: 'VOID', declarationNo: OLD_DECLARATION.declarationNo, reason: '申报有误' },
				{ type: 'VOID', declarationNo: PAID_DECLARATION.declarationNo, reason: '申报有误' },
				done('voidDeclaration', { declarationNo: OLD_DECLARATION.declarationNo }),
				failed('voidDeclaration', { code: 'DECLARATION_PAID', message: '已缴款' }),
				{ type: 'PAY_EXISTING', declarationNo: OLD_DECLARATION.declarationNo },
				{ type: 'DISPUTE', dueId: HISTORICAL.id }
			],
			// One void and one mismatch are enough to walk those loops.
			filterEvents: (state) => state.context.round < 1 && state.context.error?.code !== 'DECLARATION_MISMATCH'
		});
		const paths = model.getShortestPaths();

		it(`${today}: the model reaches declaring only inside the window`, () => {
			const reachesDeclaring = paths.some((p) => p.steps.some((s) => s.state.matches('declaring')));
			expect(reachesDeclaring).toBe(today === '2025-05-20');
			if (today === '2025-05-26') {
				expect(paths.some((p) => p.steps.some((s) => s.state.context.error?.code === 'OUTSIDE_PERIOD'))).toBe(true);
			}
		});

		for (const path of paths) {
			it(`${today}: ${pathName(path)}`, async () => {
				await runPath(path, (fakes) => start(fakes, today), {
					declaring: (real, _model, fakes) => {
						const ctx = real.context as DeclarationContext;
						expect(fakes.last<DeclareInput>('declare')).toEqual({
							key: `${SESSION}:declare:${ctx.round}:${ctx.selected.join('-')}`,
							payerId: ENTERPRISE.id,
							dueIds: ctx.selected
						});
						// The declaration is dated by the server's clock at the call, not by the machine.
						expect(fakes.last('declare')).not.toHaveProperty('declaredOn');
						// Only open assessed dues are ever declared.
						expect(ctx.selected.every((id) => ctx.dues.find((d) => d.id === id)?.state === 'open')).toBe(true);
					},
					voiding: (_real, _model, fakes) => {
						expect(fakes.last('voidDeclaration')).toEqual({
							key: `${SESSION}:void:${OLD_DECLARATION.declarationNo}`,
							payerId: ENTERPRISE.id,
							declarationNo: OLD_DECLARATION.declarationNo,
							claimKey: `${SESSION}:claim`
						});
					},
					declared: (real) => {
						const out = real.output as Extract<DeclarationOutput, { outcome: 'declared' }>;
						expect(out.totalFen).toBe(sumFen(out.lines.map((l) => l.amountFen)));
					},
					sentToAgency: (real) => {
						expect(real.output).toMatchObject({ outcome: 'sentToAgency', due: { id: HISTORICAL.id } });
					}
				});
			});
		}
	}
});

describe('declaration: the guide’s rules', () => {
	it('declaration on the 26th is refused: 1st to 25th, not extended for holidays', async () => {
		// 2025-10-25 is a Saturday: the annuity window runs on to Monday the 27th, the regular
		// window does not.
		expect(declarationWindow('2025-10-27', 'annuity').open).toBe(true);
		const fakes = new Fakes();
		const actor = await loaded(fakes, '2025-10-27');
		actor.send({ type: 'TOGGLE_DUE', dueId: REGULAR.id });
		actor.send({ type: 'SUBMIT' });
		await flush();
		const s = actor.getSnapshot();
		expect(s.value).toBe('selecting');
		expect(s.context.error?.code).toBe('OUTSIDE_PERIOD');
		expect(s.context.error?.message).toContain('每月1日至25日，节假日不顺延');
		expect(s.context.error?.message).toContain('2025-10-25');
		expect(fakes.count('declare')).toBe(0);
	});

	it('back-payments and project work injury follow the same 1st–25th window', async () => {
		const fakes = new Fakes();
		const actor = await loaded(fakes, '2025-05-26');
		actor.send({ type: 'TOGGLE_DUE', dueId: HISTORICAL.id });
		actor.send({ type: 'TOGGLE_DUE', dueId: PROJECT_DUE.id });
		actor.send({ type: 'SUBMIT' });
		expect(actor.getSnapshot().context.error?.code).toBe('OUTSIDE_PERIOD');
		actor.send({ type: 'PAY_EXISTING', declarationNo: OLD_DECLARATION.declarationNo });
		expect(actor.getSnapshot().value).toBe('selecting');
		expect(actor.getSnapshot().context.error?.code).toBe('OUTSIDE_PERIOD');
		expect(fakes.count('declare')).toBe(0);
	});

	it('on the 25th all five kinds can be declared together from the assessed dues', async () => {
		const fakes = new Fakes();
		const actor = await loaded(fakes, '2025-05-25');
		for (const id of [PROJECT_DUE.id, REGULAR.id, HISTORICAL.id]) actor.send({ type: 'TOGGLE_DUE', dueId: id });
		actor.send({ type: 'SUBMIT' });
		await flush();
		expect(actor.getSnapshot().value).toBe('declaring');
		expect(fakes.last('declare')).toEqual({
			key: `${SESSION}:declare:0:1-2-5`,
			payerId: ENTERPRISE.id,
			dueIds: [1, 2, 5]
		});
		await fakes.settle('declare', declarationFor(actor.getSnapshot().context, 'SB1'));
		expect(actor.getSnapshot().output).toEqual({
			outcome: 'declared',
			declarationNo: 'SB1',
			declaredOn: '2025-05-20',
			lines: [lineOf(REGULAR), lineOf(HISTORICAL), lineOf(PROJECT_DUE)],
			totalFen: 423456,
			existing: false
		});
	});

	it('only assessed dues can be ticked: a due already declared, paid or unknown is refused, and no event carries an amount', async () => {
		const fakes = new Fakes();
		const actor = await loaded(fakes);
		const cases: [number, string][] = [
			[RETIREMENT_DECLARED.id, 'DUE_ALREADY_DECLARED'],
			[POLICY_PAID.id, 'DUE_ALREADY_PAID'],
			[999, 'DUE_NOT_FOUND']
		];
		for (const [dueId, code] of cases) {
			actor.send({ type: 'TOGGLE_DUE', dueId });
			expect(actor.getSnapshot().context.selected).toEqual([]);
			expect(actor.getSnapshot().context.error?.code).toBe(code);
		}
		// An amount smuggled into an event changes nothing: the selection holds ids only.
		actor.send({ type: 'TOGGLE_DUE', dueId: REGULAR.id, amountFen: 1 } as never);
		expect(actor.getSnapshot().context.selected).toEqual([REGULAR.id]);
		expect(actor.getSnapshot().context.dues.find((d) => d.id === REGULAR.id)?.amountFen).toBe(100000);
		actor.send({ type: 'SUBMIT' });
		actor.send({ type: 'SUBMIT' }); // a double click declares once
		await flush();
		expect(fakes.count('declare')).toBe(1);
	});

	it('submitting nothing is refused', async () => {
		const fakes = new Fakes();
		const actor = await loaded(fakes);
		actor.send({ type: 'SUBMIT' });
		expect(actor.getSnapshot().context.error?.code).toBe('NOTHING_SELECTED');
	});

	it('a declare that failed is repeated with the same key, so nothing is declared twice', async () => {
		const fakes = new Fakes();
		const actor = await loaded(fakes);
		actor.send({ type: 'TOGGLE_DUE', dueId: REGULAR.id });
		actor.send({ type: 'SUBMIT' });
		await fakes.fail('declare', { code: 'TIMEOUT', message: '税务核心征管系统未在规定时间内应答' });
		expect(actor.getSnapshot().value).toBe('selecting');
		expect(actor.getSnapshot().context.error?.code).toBe('TIMEOUT');
		actor.send({ type: 'SUBMIT' });
		await flush();
		const [first, second] = fakes.all<DeclareInput>('declare');
		expect(second.key).toBe(first.key);
	});

	it('an unpaid declaration can be voided, and the same dues declared again get a new key', async () => {
		const fakes = new Fakes();
		const actor = await loaded(fakes);
		actor.send({ type: 'VOID', declarationNo: PAID_DECLARATION.declarationNo, reason: '申报有误' });
		expect(actor.getSnapshot().context.error?.code).toBe('NOT_VOIDABLE');
		actor.send({ type: 'VOID', declarationNo: OLD_DECLARATION.declarationNo, reason: '申报有误' });
		await fakes.settle('voidDeclaration', { declarationNo: OLD_DECLARATION.declarationNo });
		expect(actor.getSnapshot().value).toBe('voided');
		// After the void the dues come back open.
		fakes.respond('loadDues', () => ({ dues: [REGULAR, { ...RETIREMENT_DECLARED, state: 'open' }], declarations: [] }));
		actor.send({ type: 'CONTINUE' });
		await waitFor(actor, (s) => s.matches('selecting'));
		actor.send({ type: 'TOGGLE_DUE', dueId: RETIREMENT_DECLARED.id });
		actor.send({ type: 'SUBMIT' });
		await flush();
		expect(fakes.last<DeclareInput>('declare').key).toBe(`${SESSION}:declare:1:3`);
	});

	it('a void carries the claim key of the window session, whichever child asks', async () => {
		const fakes = new Fakes().respond('loadDues', () => ({ dues: DUES, declarations: [OLD_DECLARATION] }));
		const actor = createActor(withFakes(declarationMachine, fakes, ACTORS), {
			input: { sessionId: 'W3-20250520-0001:d2', payer: ENTERPRISE, today: '2025-05-20' }
		}).start();
		await waitFor(actor, (s) => s.matches('selecting'));
		actor.send({ type: 'VOID', declarationNo: OLD_DECLARATION.declarationNo, reason: '申报有误' });
		await flush();
		expect(fakes.last('voidDeclaration')).toEqual({
			key: `W3-20250520-0001:d2:void:${OLD_DECLARATION.declarationNo}`,
			payerId: ENTERPRISE.id,
			declarationNo: OLD_DECLARATION.declarationNo,
			claimKey: 'W3-20250520-0001:claim'
		});
		// Refused while another window holds a claim on it: the reason is shown, nothing voided.
		await fakes.fail('voidDeclaration', { code: 'DECLARATION_RESERVED', message: '该申报正由3号窗口办理缴费，暂不能作废' });
		expect(actor.getSnapshot().value).toBe('selecting');
		expect(actor.getSnapshot().context.error).toEqual({ code: 'DECLARATION_RESERVED', message: expect.stringContaining('3号窗口') });
	});

	it('an unpaid declaration made elsewhere can be paid here without declaring again', async () => {
		const fakes = new Fakes();
		const actor = await loaded(fakes);
		actor.send({ type: 'PAY_EXISTING', declarationNo: PAID_DECLARATION.declarationNo });
		expect(actor.getSnapshot().context.error?.code).toBe('NOT_PAYABLE');
		actor.send({ type: 'PAY_EXISTING', declarationNo: OLD_DECLARATION.declarationNo });
		expect(actor.getSnapshot().output).toEqual({
			outcome: 'declared',
			declarationNo: OLD_DECLARATION.declarationNo,
			declaredOn: OLD_DECLARATION.declaredOn,
			lines: OLD_DECLARATION.lines,
			totalFen: 50000,
			existing: true
		});
		expect(fakes.count('declare')).toBe(0);
	});

	it('a disputed due sends the payer to the agency: no edit, a guidance slip', async () => {
		const fakes = new Fakes();
		const actor = await loaded(fakes);
		actor.send({ type: 'DISPUTE', dueId: HISTORICAL.id });
		const out = actor.getSnapshot().output as Extract<DeclarationOutput, { outcome: 'sentToAgency' }>;
		expect(actor.getSnapshot().value).toBe('sentToAgency');
		expect(out.due).toEqual(HISTORICAL);
		expect(out.slip.steps.join('')).toContain('前往社保、医保经办机构核实');
		expect(out.slip.reason).toContain('234.56元');
		expect(out.slip.helpLines.map((l) => l.number)).toEqual(expect.arrayContaining(['12333', '12366', '95113']));
		expect(fakes.count('declare')).toBe(0);
	});

	it('a declaration whose total differs from the assessed dues is never passed on to payment', async () => {
		const fakes = new Fakes();
		const actor = await loaded(fakes);
		actor.send({ type: 'TOGGLE_DUE', dueId: REGULAR.id });
		actor.send({ type: 'SUBMIT' });
		await fakes.settle('declare', { ...declarationFor(actor.getSnapshot().context, 'SB9'), totalFen: 99999 });
		await waitFor(actor, (s) => s.matches('selecting'));
		expect(actor.getSnapshot().status).toBe('active');
		expect(actor.getSnapshot().context.error?.code).toBe('DECLARATION_MISMATCH');
		expect(actor.getSnapshot().context.error?.message).toContain('SB9');
	});

	it('declares exactly its named actors', () => {
		expect(actorNames(declarationMachine)).toEqual(['declare', 'loadDues', 'voidDeclaration']);
	});
});
