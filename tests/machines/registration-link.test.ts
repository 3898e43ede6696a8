import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import {
	registrationLinkMachine,
	type LinkRegistrationInput,
	type RegistrationLinkOutput,
	type RegistrationRequest
} from '../../state-machines/registration-link.machine';
import type { AgencyRegistration } from '../../src/lib/domain/payer';
import { Fakes, actorNames, done, failed, flush, pathModel, pathName, runPath, withFakes } from './harness';
import { CANCELLED_REG, ENTERPRISE, HISTORICAL, INSTITUTION, LINKED, PROJECT, REGULAR, UNLINKED, registration } from './fixtures';

const SESSION = 'S-REG';
const TODAY = '2025-05-20';
const ACTORS = ['loadRegistrations', 'linkRegistration'];

function linkedVersion(reg: AgencyRegistration): AgencyRegistration {
	return {
		...reg,
		link: { method: reg.scope === 'project' ? 'project' : 'manual', linkedOn: TODAY, linkedBy: 'clerk01' }
	};
}

function start(fakes: Fakes, request: RegistrationRequest = 'link', payer = ENTERPRISE) {
	return createActor(withFakes(registrationLinkMachine, fakes, ACTORS), {
		input: { sessionId: SESSION, payer, today: TODAY, request }
	});
}

describe('registration link: path model', () => {
	const TIMEOUT = { code: 'TIMEOUT', message: '社保、医保经办机构数据交换平台未在规定时间内应答' };
	for (const request of ['link', 'cancellation'] as const) {
		const model = pathModel(registrationLinkMachine, {
			input: { sessionId: SESSION, payer: ENTERPRISE, today: TODAY, request },
			events: (state) => [
				done('loadRegistrations', { registrations: [LINKED], outstandingDues: [] }),
				done('loadRegistrations', { registrations: [], outstandingDues: [] }),
				done('loadRegistrations', { registrations: [CANCELLED_REG], outstandingDues: [] }),
				done('loadRegistrations', { registrations: [LINKED, UNLINKED, PROJECT], outstandingDues: [REGULAR, HISTORICAL] }),
				failed('loadRegistrations', TIMEOUT),
				{ type: 'CONFIRM', registrationId: UNLINKED.id },
				{ type: 'CONFIRM', registrationId: PROJECT.id },
				{ type: 'CONFIRM', registrationId: LINKED.id },
				...(state.context.linkingId === null
					? []
					: [
							done('linkRegistration', {
								registration: linkedVersion(state.context.registrations.find((r) => r.id === state.context.linkingId)!)
							})
						]),
				failed('linkRegistration', { code: 'ALREADY_LINKED', message: '该登记信息已关联其他单位' }),
				{ type: 'REQUEST_CANCELLATION', kind: 'transfer' }
			]
		});
		const paths = model.getShortestPaths();

		it(`reaches every final state (request ${request})`, () => {
			const finals = new Set(paths.filter((p) => p.state.status === 'done').map((p) => JSON.stringify(p.state.value)));
			const expected =
				request === 'link'
					? ['done', 'guidance', 'cancelled', 'cancellationRefused']
					: ['guidance', 'cancelled', 'cancellationRefused', 'cancellationGuidance'];
			for (const f of expected) expect(finals).toContain(JSON.stringify(f));
		});

		for (const path of paths) {
			it(`${request}: ${pathName(path)}`, async () => {
				await runPath(path, (fakes) => start(fakes, request), {
					loading: (_real, _model, fakes) => {
						expect(fakes.last('loadRegistrations')).toEqual({ payerId: ENTERPRISE.id, identifier: ENTERPRISE.identifier });
					},
					linking: (real, _model, fakes) => {
						const reg = real.context.registrations.find((r: AgencyRegistration) => r.id === real.context.linkingId)!;
						const method = reg.scope === 'project' ? 'project' : 'manual';
						expect(fakes.last<LinkRegistrationInput>('linkRegistration')).toEqual({
							key: `${SESSION}:link:${reg.id}`,
							payerId: ENTERPRISE.id,
							registrationId: reg.id,
							method,
							linkedOn: TODAY,
							clerkId: null,
							supervisorNotice: method === 'manual'
						});
					},
					done: (real) => {
						const out = real.output as Extract<RegistrationLinkOutput, { outcome: 'linked' }>;
						expect(out.outcome).toBe('linked');
						expect(out.supervisorNotice).toBe(out.links.some((l) => l.method === 'manual'));
						expect(out.registrations.filter((r) => r.status === 'active').every((r) => r.link !== null)).toBe(true);
					},
					guidance: (real) => {
						expect(real.output).toMatchObject({ outcome: 'guidance', printGuidanceSlip: true });
					},
					cancellationRefused: (real) => {
						expect(real.output).toMatchObject({ outcome: 'cancellationRefused', outstandingFen: 123456 });
					}
				});
			});
		}
	}
});

describe('registration link: the guide’s rules', () => {
	it('everything linked by the system already: done without any clerk action', async () => {
		const fakes = new Fakes().respond('loadRegistrations', () => ({ registrations: [LINKED, CANCELLED_REG], outstandingDues: [] }));
		const actor = start(fakes).start();
		await waitFor(actor, (s) => s.status === 'done');
		expect(actor.getSnapshot().output).toEqual({
			outcome: 'linked',
			registrations: [LINKED, CANCELLED_REG],
			links: [],
			supervisorNotice: false
		});
		expect(fakes.count('linkRegistration')).toBe(0);
	});

	it('a record the system did not link is linked by hand once the clerk confirms, and the supervisor is told', async () => {
		const fakes = new Fakes()
			.respond('loadRegistrations', () => ({ registrations: [LINKED, UNLINKED], outstandingDues: [] }))
			.respond('linkRegistration', () => ({ registration: linkedVersion(UNLINKED) }));
		const actor = start(fakes).start();
		await waitFor(actor, (s) => s.matches('unlinked'));
		expect(fakes.count('linkRegistration')).toBe(0); // nothing linked before the clerk confirms
		actor.send({ type: 'CONFIRM', registrationId: UNLINKED.id });
		await waitFor(actor, (s) => s.status === 'done');
		expect(fakes.last('linkRegistration')).toMatchObject({ registrationId: UNLINKED.id, method: 'manual', supervisorNotice: true });
		expect(actor.getSnapshot().output).toMatchObject({
			outcome: 'linked',
			links: [{ registrationId: UNLINKED.id, method: 'manual' }],
			supervisorNotice: true
		});
	});

	it('a project work-injury registration is linked at the counter with method project', async () => {
		const fakes = new Fakes()
			.respond('loadRegistrations', () => ({ registrations: [LINKED, PROJECT], outstandingDues: [] }))
			.respond('linkRegistration', () => ({ registration: linkedVersion(PROJECT) }));
		const actor = start(fakes).start();
		await waitFor(actor, (s) => s.matches('unlinked'));
		actor.send({ type: 'CONFIRM', registrationId: PROJECT.id });
		await waitFor(actor, (s) => s.status === 'done');
		expect(fakes.last('linkRegistration')).toMatchObject({ method: 'project', supervisorNotice: false });
		expect(actor.getSnapshot().output).toMatchObject({ supervisorNotice: false, links: [{ method: 'project' }] });
	});

	it('a record of another unit, or one already linked, cannot be confirmed', async () => {
		const other = registration(9, {}, INSTITUTION);
		const fakes = new Fakes().respond('loadRegistrations', () => ({
			registrations: [LINKED, UNLINKED, other],
			outstandingDues: []
		}));
		const actor = start(fakes).start();
		await waitFor(actor, (s) => s.matches('unlinked'));
		for (const id of [other.id, LINKED.id, 12345]) {
			actor.send({ type: 'CONFIRM', registrationId: id });
			expect(actor.getSnapshot().value).toBe('unlinked');
			expect(actor.getSnapshot().context.error?.code).toBe('NOT_LINKABLE');
		}
		expect(fakes.count('linkRegistration')).toBe(0);
	});

	it('no agency record: guidance slip to register at the agency first, with 12333, 12366 key 6 and 95113', async () => {
		const fakes = new Fakes().respond('loadRegistrations', () => ({ registrations: [CANCELLED_REG], outstandingDues: [] }));
		const actor = start(fakes).start();
		await waitFor(actor, (s) => s.status === 'done');
		const out = actor.getSnapshot().output as Extract<RegistrationLinkOutput, { outcome: 'guidance' }>;
		expect(out.outcome).toBe('guidance');
		expect(out.printGuidanceSlip).toBe(true);
		expect(out.slip.reason).toContain('需先到社保、医保经办机构办理参保登记');
		const lines = out.slip.helpLines.map((l) => (l.key ? `${l.number}-${l.key}` : l.number));
		expect(lines).toEqual(expect.arrayContaining(['12333', '12366-6', '95113']));
	});

	it('cancellation is refused while assessed dues are unpaid, with the rule in words', async () => {
		const fakes = new Fakes().respond('loadRegistrations', () => ({
			registrations: [LINKED],
			outstandingDues: [REGULAR, HISTORICAL, { ...HISTORICAL, id: 77, state: 'paid' as const }]
		}));
		const actor = start(fakes, 'cancellation').start();
		await waitFor(actor, (s) => s.status === 'done');
		const out = actor.getSnapshot().output as Extract<RegistrationLinkOutput, { outcome: 'cancellationRefused' }>;
		expect(out.outcome).toBe('cancellationRefused');
		expect(out.outstandingDues.map((d) => d.id)).toEqual([REGULAR.id, HISTORICAL.id]);
		expect(out.outstandingFen).toBe(123456);
		expect(out.refusal.code).toBe('DUES_OUTSTANDING');
		expect(out.refusal.message).toContain('需先向主管税务机关结清社保、医保经办机构已核定未缴纳的社会保险费');
		expect(out.refusal.message).toContain('2笔');
		expect(out.refusal.message).toContain('1,234.56元');
		expect(out.refusal.message).not.toContain('职业年金');
	});

	it('a public institution must also settle its occupational annuity before cancellation', async () => {
		const fakes = new Fakes().respond('loadRegistrations', () => ({
			registrations: [registration(1, { link: LINKED.link }, INSTITUTION)],
			outstandingDues: [REGULAR]
		}));
		const actor = start(fakes, 'cancellation', INSTITUTION).start();
		await waitFor(actor, (s) => s.status === 'done');
		expect((actor.getSnapshot().output as { refusal: { message: string } }).refusal.message).toContain('社会保险费、职业年金');
	});

	it('an institution owing only occupational annuity is told it is settled by notice and transfer, not declared here', async () => {
		const annuity = { ...REGULAR, item: { code: 'ANNUITY', name: '职业年金' } };
		const fakes = new Fakes().respond('loadRegistrations', () => ({
			registrations: [registration(1, { link: LINKED.link }, INSTITUTION)],
			outstandingDues: [annuity]
		}));
		const actor = start(fakes, 'cancellation', INSTITUTION).start();
		await waitFor(actor, (s) => s.status === 'done');
		const { refusal } = actor.getSnapshot().output as { refusal: { code: string; message: string } };
		expect(refusal.code).toBe('ANNUITY_OUTSTANDING');
		expect(refusal.message).toContain('职业年金不在窗口申报');
		expect(refusal.message).toContain('职业年金缴费通知单');
		expect(refusal.message).toContain('1,000.00元');
	});

	it('REQUEST_CANCELLATION while records are unlinked and dues are unpaid is refused and keeps the records on screen', async () => {
		const fakes = new Fakes().respond('loadRegistrations', () => ({
			registrations: [UNLINKED],
			outstandingDues: [REGULAR]
		}));
		const actor = start(fakes).start();
		await waitFor(actor, (s) => s.matches('unlinked'));
		actor.send({ type: 'REQUEST_CANCELLATION', kind: 'transfer' });
		expect(actor.getSnapshot().value).toBe('unlinked');
		expect(actor.getSnapshot().context.refusal?.message).toContain('办理转移');
	});

	it('cancellation with nothing owed: guidance to the agency, tax updates the status itself', async () => {
		const fakes = new Fakes().respond('loadRegistrations', () => ({ registrations: [LINKED], outstandingDues: [] }));
		const actor = start(fakes, 'transfer').start();
		await waitFor(actor, (s) => s.status === 'done');
		const out = actor.getSnapshot().output as Extract<RegistrationLinkOutput, { outcome: 'cancellationGuidance' }>;
		expect(out.outcome).toBe('cancellationGuidance');
		expect(out.request).toBe('transfer');
		expect(out.slip.steps.join('')).toContain('同步更新登记状态');
	});

	it('a failed look-up can be retried', async () => {
		const fakes = new Fakes();
		const actor = start(fakes).start();
		await flush();
		await fakes.fail('loadRegistrations', { code: 'TIMEOUT', message: '超时' });
		expect(actor.getSnapshot().value).toBe('loadFailed');
		expect(actor.getSnapshot().context.error).toEqual({ code: 'TIMEOUT', message: '超时' });
		actor.send({ type: 'RETRY' });
		await fakes.settle('loadRegistrations', { registrations: [LINKED], outstandingDues: [] });
		expect(actor.getSnapshot().value).toBe('done');
	});

	it('declares exactly its named actors', () => {
		expect(actorNames(registrationLinkMachine)).toEqual(['linkRegistration', 'loadRegistrations']);
	});
});
