import type { AnyActorRef, SnapshotFrom } from 'xstate';
import { selectionIsEmpty, type HouseholdMember, type individualSessionMachine } from '../../../../state-machines';
import { maskResidentId } from '../../domain';
import type { HouseholdMemberScreen, IndividualSessionScreen } from '../../views/individual-view';
import { stateName } from './session-view';
import { activeChild } from './session-children';
import { stepScreen } from './session-screen';

type IndividualSnapshot = SnapshotFrom<typeof individualSessionMachine>;

/** What one person may pay and has chosen, with the amount of the choice. */
function memberScreen(m: HouseholdMember): HouseholdMemberScreen {
	const { options: o, selection: s } = m;
	const tier = o.pension?.tiers.find((t) => t.tier === s.pensionTier);
	const dues = o.dues.map((d) => ({ ...d, chosen: s.dueIds.includes(d.id) }));
	const chosenFen =
		(tier?.amountFen ?? 0) +
		(s.supplementary && o.supplementary ? o.supplementary.amountFen : 0) +
		(s.medical && o.medical ? o.medical.amountFen : 0) +
		dues.filter((d) => d.chosen).reduce((sum, d) => sum + d.amountFen, 0);
	return {
		payer: m.payer,
		maskedId: maskResidentId(m.payer.identifier),
		source: m.source,
		pension: o.pension ? { ...o.pension, chosenTier: s.pensionTier } : null,
		supplementary: o.supplementary ? { ...o.supplementary, chosen: s.supplementary } : null,
		medical: o.medical ? { ...o.medical, chosen: s.medical } : null,
		dues,
		selection: s,
		chosenFen: selectionIsEmpty(s) ? 0 : chosenFen
	};
}

/** The live individual session's screen. */
export function individualSessionScreen(id: string, actor: AnyActorRef): IndividualSessionScreen {
	const snap = actor.getSnapshot() as IndividualSnapshot;
	const c = snap.context;
	const active = activeChild(snap);
	const childContext = (active?.ref.getSnapshot() as { context?: { error?: { message: string } | null; notice?: string | null } } | undefined)?.context;
	const persons = c.persons.map(memberScreen);
	const step = stateName(snap.value);
	const parts = c.payment?.parts ?? null;
	const output = snap.output;
	return {
		kind: 'individual',
		id,
		status: snap.status,
		step,
		persons,
		householdFen: persons.reduce((sum, p) => sum + p.chosenFen, 0),
		agencyFirst: c.agencyFirst,
		receipt:
			step === 'receipts' && parts
				? { index: c.receiptIndex, of: parts.length, payerName: c.persons.find((p) => p.payer.id === parts[c.receiptIndex].payerId)?.payer.name ?? '' }
				: null,
		error: childContext?.error?.message ?? c.error?.message ?? null,
		notice: childContext?.notice ?? c.notice,
		moneyMoving: (active?.ref.getSnapshot() as { hasTag?: (t: string) => boolean } | undefined)?.hasTag?.('moneyMoving') ?? false,
		child: active ? stepScreen(active.id, active.ref) : null,
		outcome: output
			? {
					outcome: output.outcome,
					channel: output.channel,
					amountFen: output.amountFen,
					vouchers: output.vouchers.map((v) => ({ payerId: v.payerId, voucherNo: v.voucherNo, amountFen: v.amountFen }))
				}
			: null
	};
}
