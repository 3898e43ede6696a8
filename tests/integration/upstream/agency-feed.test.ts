import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkStateOf } from '../../../src/lib/domain/payer';
import type { Payer } from '../../../src/lib/domain/payer';
import { refused, tempUpstream, TODAY, type Sim } from './sim';

describe('agency feed: registration link, changes and cancellations (缴费登记)', () => {
	let sim: Sim;
	beforeEach(() => {
		sim = tempUpstream();
	});
	afterEach(() => sim.dispose());

	const registrations = (p: Payer) => sim.upstream.agencyFeed.registrationsFor(p);

	it('a record the system did not link is linked by hand at the window; its dues then belong to the payer', async () => {
		const trade = await sim.payer('太原示例商贸有限公司');
		const social = (await registrations(trade)).find((r) => r.agency === 'social')!;
		expect(social.link).toBeNull();
		expect(linkStateOf(await registrations(trade), 'social')).toBe('unlinked');
		expect((await sim.upstream.agencyFeed.assessedDuesOf(trade)).every((d) => d.item.code === 'MEDICAL')).toBe(true);

		const linked = await sim.upstream.agencyFeed.linkRegistration({
			key: sim.key(),
			registrationId: social.id,
			payerId: trade.id,
			method: 'manual',
			clerk: 'clerk01',
			today: TODAY
		});
		expect(linked.link).toEqual({ method: 'manual', linkedOn: TODAY, linkedBy: 'clerk01' });
		expect(linkStateOf(await registrations(trade), 'social')).toBe('linked');
		const dues = await sim.upstream.agencyFeed.assessedDuesOf(trade);
		expect(dues.some((d) => d.item.code === 'E_PENSION')).toBe(true);
		// Now they can be declared.
		const pension = dues.filter((d) => d.item.code === 'E_PENSION' && d.state === 'open');
		await sim.upstream.coreTax.declare({ key: sim.key(), payerId: trade.id, dueIds: pension.map((d) => d.id), today: TODAY });
	});

	it('link refused when the record is already linked, to this payer or to another', async () => {
		const machine = await sim.payer('太原示例机械制造有限公司');
		const trade = await sim.payer('太原示例商贸有限公司');
		const social = (await registrations(machine)).find((r) => r.agency === 'social')!;
		await refused(
			sim.upstream.agencyFeed.linkRegistration({
				key: sim.key(),
				registrationId: social.id,
				payerId: machine.id,
				method: 'manual',
				clerk: 'clerk01',
				today: TODAY
			}),
			'ALREADY_LINKED'
		);
		const other = await refused(
			sim.upstream.agencyFeed.linkRegistration({
				key: sim.key(),
				registrationId: social.id,
				payerId: trade.id,
				method: 'manual',
				clerk: 'clerk01',
				today: TODAY
			}),
			'LINKED_TO_OTHER_PAYER'
		);
		expect(other.message).toContain('太原示例机械制造有限公司');
	});

	it('link refused when the identifiers do not match the tax registration', async () => {
		const trade = await sim.payer('太原示例商贸有限公司');
		const machine = await sim.payer('太原示例机械制造有限公司');
		const social = (await registrations(trade)).find((r) => r.agency === 'social')!;
		const e = await refused(
			sim.upstream.agencyFeed.linkRegistration({
				key: sim.key(),
				registrationId: social.id,
				payerId: machine.id,
				method: 'manual',
				clerk: 'clerk01',
				today: TODAY
			}),
			'IDENTIFIER_MISMATCH'
		);
		expect(e.message).toContain(machine.identifier);
		expect((await sim.upstream.agencyFeed.registration(social.id))!.link).toBeNull();
	});

	it('a new record with the same identifier and name links by itself; a project record waits for the window and links as a project', async () => {
		const builder = await sim.payer('山西示例建筑工程有限公司');
		const plain = await sim.upstream.agencyFeed.receiveRegistration({
			key: sim.key(),
			agency: 'social',
			agencyNo: 'S900000001',
			payerIdentifier: builder.identifier.toLowerCase(),
			payerName: builder.name,
			items: ['E_PENSION'],
			receivedOn: TODAY
		});
		expect(plain.link).toMatchObject({ method: 'automatic', linkedOn: TODAY, linkedBy: null });

		const project = await sim.upstream.agencyFeed.receiveRegistration({
			key: sim.key(),
			agency: 'social',
			agencyNo: 'S900000002',
			payerIdentifier: builder.identifier,
			payerName: builder.name,
			items: ['PROJECT_INJURY'],
			scope: 'project',
			projectName: '示例学校教学楼工程',
			receivedOn: TODAY
		});
		expect(project.link).toBeNull();
		await refused(
			sim.upstream.agencyFeed.linkRegistration({
				key: sim.key(),
				registrationId: project.id,
				payerId: builder.id,
				method: 'manual',
				clerk: 'clerk02',
				today: TODAY
			}),
			'LINK_METHOD_MISMATCH'
		);
		await refused(
			sim.upstream.agencyFeed.linkRegistration({
				key: sim.key(),
				registrationId: plain.id,
				payerId: builder.id,
				method: 'project',
				clerk: 'clerk02',
				today: TODAY
			}),
			'ALREADY_LINKED'
		);
		const linked = await sim.upstream.agencyFeed.linkRegistration({
			key: sim.key(),
			registrationId: project.id,
			payerId: builder.id,
			method: 'project',
			clerk: 'clerk02',
			today: TODAY
		});
		expect(linked.link).toMatchObject({ method: 'project', linkedBy: 'clerk02' });

		await refused(
			sim.upstream.agencyFeed.receiveRegistration({
				key: sim.key(),
				agency: 'social',
				agencyNo: 'S900000002',
				payerIdentifier: builder.identifier,
				payerName: builder.name,
				items: ['PROJECT_INJURY'],
				receivedOn: TODAY
			}),
			'REGISTRATION_EXISTS'
		);
	});

	it('changes and cancellations pushed by the agency update the record by themselves', async () => {
		const flexible = await sim.payer('宋建国（演示）');
		const medical = (await registrations(flexible)).find((r) => r.agency === 'medical')!;
		const changed = await sim.upstream.agencyFeed.receiveChange({
			key: sim.key(),
			agency: 'medical',
			agencyNo: medical.agencyNo,
			payerName: '宋建国（演示）',
			items: ['MEDICAL'],
			receivedOn: TODAY
		});
		expect(changed.status).toBe('active');

		const social = (await registrations(flexible)).find((r) => r.agency === 'social')!;
		// Dues assessed before stay payable; the rule at the window is that they are settled first.
		const transferred = await sim.upstream.agencyFeed.receiveCancellation({
			key: sim.key(),
			agency: 'social',
			agencyNo: social.agencyNo,
			status: 'transferred',
			receivedOn: TODAY
		});
		expect(transferred.status).toBe('transferred');
		expect(linkStateOf(await registrations(flexible), 'social')).toBe('unregistered');
		await refused(
			sim.upstream.agencyFeed.receiveChange({ key: sim.key(), agency: 'social', agencyNo: social.agencyNo, payerName: '宋建国', receivedOn: TODAY }),
			'REGISTRATION_CLOSED'
		);
		await refused(
			sim.upstream.agencyFeed.receiveCancellation({ key: sim.key(), agency: 'social', agencyNo: 'S999999999', status: 'cancelled', receivedOn: TODAY }),
			'REGISTRATION_NOT_FOUND'
		);
	});

	it('cancellation refused while assessed dues are unpaid (需先结清经办机构已核定未缴纳的社会保险费)', async () => {
		const office = await sim.payer('太原市小店区示例街道办事处');
		const social = (await registrations(office)).find((r) => r.agency === 'social')!;
		const unpaid = await sim.openDues(office, (d) => d.registrationId === social.id);
		expect(unpaid.length).toBeGreaterThan(0);

		const e = await refused(
			sim.upstream.agencyFeed.requestCancellation({ key: sim.key(), payerId: office.id, registrationId: social.id, today: TODAY }),
			'UNPAID_DUES'
		);
		expect(e.message).toContain('需先结清经办机构已核定未缴纳的社会保险费');
		expect((e.details.dues as { dueNo: string }[]).map((d) => d.dueNo).sort()).toEqual(unpaid.map((d) => d.dueNo).sort());

		// Declared is not paid yet.
		const d = await sim.upstream.coreTax.declare({ key: sim.key(), payerId: office.id, dueIds: unpaid.map((x) => x.id), today: TODAY });
		await refused(sim.upstream.agencyFeed.requestCancellation({ key: sim.key(), payerId: office.id, registrationId: social.id, today: TODAY }), 'UNPAID_DUES');
		await sim.upstream.coreTax.recordPayment({
			key: sim.key(),
			declarationNo: d.declarationNo,
			channel: 'cash',
			amountFen: d.totalFen,
			paidOn: TODAY,
			details: {}
		});

		const request = await sim.upstream.agencyFeed.requestCancellation({ key: sim.key(), payerId: office.id, registrationId: social.id, today: TODAY });
		expect(request).toMatchObject({ registrationId: social.id, payerId: office.id, requestedOn: TODAY, status: 'requested' });
		expect(request.requestNo).toMatch(/^ZX20261120\d{4}$/);
		// Asked again: the same request, not a second one.
		expect(await sim.upstream.agencyFeed.requestCancellation({ key: sim.key(), payerId: office.id, registrationId: social.id, today: TODAY })).toEqual(request);

		const cancelled = await sim.upstream.agencyFeed.receiveCancellation({
			key: sim.key(),
			agency: 'social',
			agencyNo: social.agencyNo,
			status: 'cancelled',
			receivedOn: TODAY
		});
		expect(cancelled.status).toBe('cancelled');
		expect(sim.count(`SELECT count(*) AS n FROM cancellation_requests WHERE request_no = ? AND status = 'completed'`, request.requestNo)).toBe(1);
		// The medical record is another agency's and stays.
		expect(linkStateOf(await registrations(office), 'medical')).toBe('linked');
	});

	it('an institution’s occupational annuity dues count for its pension record, and the annuity record follows its cancellation', async () => {
		const school = await sim.payer('太原市示例中学');
		const regs = await registrations(school);
		const pension = regs.find((r) => r.items.some((i) => i.code === 'I_PENSION'))!;
		const annuity = regs.find((r) => r.items.some((i) => i.code === 'ANNUITY'))!;
		const regular = await sim.openDues(school, (d) => d.registrationId === pension.id);
		const d = await sim.upstream.coreTax.declare({ key: sim.key(), payerId: school.id, dueIds: regular.map((x) => x.id), today: TODAY });
		await sim.upstream.coreTax.recordPayment({
			key: sim.key(),
			declarationNo: d.declarationNo,
			channel: 'cash',
			amountFen: d.totalFen,
			paidOn: TODAY,
			details: {}
		});

		const e = await refused(
			sim.upstream.agencyFeed.requestCancellation({ key: sim.key(), payerId: school.id, registrationId: pension.id, today: TODAY }),
			'UNPAID_DUES'
		);
		expect([...new Set((e.details.dues as { item: string }[]).map((x) => x.item))]).toEqual(['职业年金']);

		await sim.upstream.agencyFeed.receiveCancellation({ key: sim.key(), agency: 'social', agencyNo: pension.agencyNo, status: 'cancelled', receivedOn: TODAY });
		expect((await sim.upstream.agencyFeed.registration(annuity.id))!.status).toBe('cancelled');
	});

	it('a due pushed by the agency is open for declaration; one for an item not registered is refused', async () => {
		const office = await sim.payer('太原市小店区示例街道办事处');
		const social = (await registrations(office)).find((r) => r.agency === 'social')!;
		const due = await sim.upstream.agencyFeed.receiveAssessedDue({
			key: sim.key(),
			agency: 'social',
			agencyNo: social.agencyNo,
			kind: 'policy',
			itemCode: 'I_PENSION',
			periodFrom: '2024-01-01',
			periodTo: '2024-06-30',
			amountFen: 1_234_567,
			assessedOn: TODAY
		});
		expect(due).toMatchObject({ kind: 'policy', state: 'open', amountFen: 1_234_567, item: { code: 'I_PENSION' } });
		expect(due.dueNo).toMatch(/^ZJ2026\d{8}$/);
		expect((await sim.openDues(office)).some((d) => d.id === due.id)).toBe(true);
		await refused(
			sim.upstream.agencyFeed.receiveAssessedDue({
				key: sim.key(),
				agency: 'social',
				agencyNo: social.agencyNo,
				kind: 'regular',
				itemCode: 'MEDICAL',
				periodFrom: '2026-11-01',
				periodTo: '2026-11-30',
				amountFen: 100,
				assessedOn: TODAY
			}),
			'ITEM_NOT_REGISTERED'
		);
	});
});
