import type { AnyActorRef } from 'xstate';
import { linkMethodFor } from '../../../../state-machines';
import type { AgencyRegistration } from '../../domain/payer';
import { needsSupervisor, type OverrideAct, type OverrideFacts } from '../../domain/overrides';
import type { SessionEvent } from './session-events';
import { activeChild } from './session-children';

// Which of the clerk's events at a window session need a supervisor on the spot, read from the
// session's current step: a void of a declaration whose bank form was printed, a second reprint
// of the same document, a registration linked by hand.

/** The act an event needs a supervisor for, with the facts the audit row keeps. */
export interface SessionOverride {
	act: OverrideAct;
	detail: Record<string, unknown>;
}

/** What the session cannot tell by itself: whether a document for the declaration was printed and handed out. */
export interface SessionOverrideFacts {
	documentPrinted(declarationNo: string): boolean;
}

function when<A extends OverrideAct>(act: A, facts: OverrideFacts[A], detail: Record<string, unknown>): SessionOverride | null {
	return needsSupervisor(act, facts) ? { act, detail: { ...facts, ...detail } } : null;
}

interface StepContexts {
	receiptPrint: { copy: number };
	individualCertificate: { issued: { certificateNo: string; reprints: number }[] };
	registrationLink: { registrations: AgencyRegistration[] };
}

/**
 * The document a reprint event prints again and how many reprints of it were made already (the
 * original is not one); null for any other event.
 */
export function reprintsBefore(actor: AnyActorRef, event: SessionEvent): { reprintsBefore: number; document: string } | null {
	const snap = actor.getSnapshot();
	if (event.type === 'REPRINT_SUMMARY' || event.type === 'REPRINT_REGISTER') {
		const job = event.type === 'REPRINT_SUMMARY' ? 'summary' : 'register';
		return { reprintsBefore: (snap.context as { copies: Record<typeof job, number> }).copies[job], document: job };
	}
	if (event.type !== 'REPRINT') return null;
	const child = activeChild(snap);
	const context: unknown = child?.ref.getSnapshot().context;
	if (child?.id === 'receiptPrint') return { reprintsBefore: (context as StepContexts['receiptPrint']).copy, document: 'receipt' };
	if (child?.id === 'individualCertificate') {
		const last = (context as StepContexts['individualCertificate']).issued.at(-1);
		return last ? { reprintsBefore: last.reprints, document: last.certificateNo } : null;
	}
	return null;
}

/**
 * The supervisor's override the event needs at the session's current step, or null when it is
 * the clerk's own act. Asked of an event the step takes (fitsCurrentStep).
 */
export function overrideFor(actor: AnyActorRef, event: SessionEvent, facts: SessionOverrideFacts): SessionOverride | null {
	if (event.type === 'VOID') {
		return when('void-after-receipt', { documentPrinted: facts.documentPrinted(event.declarationNo) }, { declarationNo: event.declarationNo });
	}
	if (event.type === 'CONFIRM' && 'registrationId' in event) {
		const child = activeChild(actor.getSnapshot());
		if (child?.id !== 'registrationLink') return null;
		const reg = (child.ref.getSnapshot().context as StepContexts['registrationLink']).registrations.find((r) => r.id === event.registrationId);
		return reg ? when('manual-link', { method: linkMethodFor(reg) }, { registrationId: reg.id, agencyNo: reg.agencyNo }) : null;
	}
	const reprint = reprintsBefore(actor, event);
	return reprint ? when('second-reprint', { reprintsBefore: reprint.reprintsBefore }, { document: reprint.document }) : null;
}
