import {
	agencyFirstSlip,
	type AgencyFirstReason,
	type DeclareHouseholdInput,
	type DeclareHouseholdOutput,
	type FindPersonInput,
	type FindPersonOutput,
	type VoidHouseholdInput
} from '../../../../state-machines';
import { checkResidentId, maskResidentId, normaliseIdNumber, sameName } from '../../domain';
import { isUnitKind, type AgencyRegistration, type Payer } from '../../domain/payer';
import type { Clock } from '../clock';
import type { AgencyFeed, CoreTax } from '../upstream/types';
import { UpstreamRefusedError } from '../upstream/errors';
import { openPeriodRefusal } from './declarations';

export const INDIVIDUALS_TEXT = {
	unitPayer: '该号码对应的是单位缴费人，请在单位缴费界面按统一社会信用代码办理。',
	refusedFor: (name: string, reason: string) => `${name}：${reason}`
} as const;

/** What the individual flow uses upstream: the person, the agency's records, their options, declaring and voiding. */
export interface IndividualsDeps {
	upstream: {
		coreTax: Pick<CoreTax, 'findPayers' | 'payer' | 'individualOptions' | 'declareIndividual' | 'voidDeclaration'>;
		agencyFeed: Pick<AgencyFeed, 'registrationsFor'>;
	};
	clock: Clock;
}

/**
 * Why the person must see the agency before paying, or null: no active registration, one being
 * changed or transferred, or a name (on the card, typed, or in tax's records) that differs from the
 * agency's (guide 3.一: name and ID changes are made at the agency before paying).
 */
export function agencyFirstReason(payer: Payer | null, registrations: AgencyRegistration[], name: string | null): AgencyFirstReason | null {
	const active = registrations.filter((r) => r.status === 'active');
	if (!payer || active.length === 0) return 'unregistered';
	if (active.some((r) => r.pendingChange !== null)) return 'changing';
	const names = [payer.name, ...active.map((r) => r.payerName), ...(name ? [name] : [])];
	return sameName(names[0], names) ? null : 'nameMismatch';
}

/** The individual session's actors: find a person, declare for the household, void before money moves. */
export function individuals({ upstream, clock }: IndividualsDeps) {
	async function findPerson(i: FindPersonInput): Promise<FindPersonOutput> {
		const idNumber = normaliseIdNumber(i.idNumber);
		const check = checkResidentId(idNumber, { today: clock.today() });
		if (!check.ok) return { outcome: 'refused', code: 'BAD_ID_NUMBER', message: check.reason };
		const [payer] = await upstream.coreTax.findPayers({ by: 'idNumber', value: idNumber }, 1);
		if (payer && isUnitKind(payer.kind)) return { outcome: 'refused', code: 'NOT_AN_INDIVIDUAL', message: INDIVIDUALS_TEXT.unitPayer };
		const registrations = payer ? await upstream.agencyFeed.registrationsFor(payer) : [];
		const reason = agencyFirstReason(payer ?? null, registrations, i.name);
		if (reason) {
			const personName = i.name ?? payer?.name ?? maskResidentId(idNumber);
			return { outcome: 'agencyFirst', reason, personName, slip: agencyFirstSlip(reason, personName) };
		}
		const options = await upstream.coreTax.individualOptions({ payerId: payer.id, today: clock.today() });
		return { outcome: 'found', payer, options };
	}

	async function voidHousehold({ key, declarationNos }: VoidHouseholdInput): Promise<void> {
		for (const declarationNo of declarationNos) {
			await upstream.coreTax.voidDeclaration({ key: `${key}:${declarationNo}`, declarationNo });
		}
	}

	/**
	 * One declaration per person, each its own idempotent call (a repeat after a restart returns the
	 * same declarations). A refusal for one person voids the ones made before it, so the household is
	 * declared whole or not at all.
	 */
	async function declareHousehold({ key, persons }: DeclareHouseholdInput): Promise<DeclareHouseholdOutput> {
		const today = clock.today();
		const closed = openPeriodRefusal(today);
		if (closed) return { outcome: 'refused', payerId: null, code: closed.code, message: closed.message };
		const declared: Extract<DeclareHouseholdOutput, { outcome: 'declared' }>['declarations'] = [];
		for (const p of persons) {
			try {
				const d = await upstream.coreTax.declareIndividual({ key: `${key}:${p.payerId}`, payerId: p.payerId, today, selection: p.selection });
				declared.push({ payerId: p.payerId, declarationNo: d.declarationNo, totalFen: d.totalFen, lines: d.lines });
			} catch (e) {
				if (!(e instanceof UpstreamRefusedError)) throw e;
				await voidHousehold({ key: `${key}:undo`, declarationNos: declared.map((d) => d.declarationNo) });
				const name = (await upstream.coreTax.payer(p.payerId))?.name ?? String(p.payerId);
				return { outcome: 'refused', payerId: p.payerId, code: e.code, message: INDIVIDUALS_TEXT.refusedFor(name, e.message) };
			}
		}
		return { outcome: 'declared', declarations: declared };
	}

	return { findPerson, declareHousehold, voidHousehold };
}
