import { kioskSessionMachine } from '../../../../state-machines';
import { kioskDocuments, type KioskDocumentDeps } from '../capabilities/kiosk-documents';
import { asActor } from './shared-children';
import { kioskSessionScreen } from './kiosk-session-screen';
import type { SessionKind } from './session-host';

/** The machine name a kiosk session is saved under (`window_sessions.machine`). */
export const KIOSK_SESSION = 'kiosk-session';

/**
 * A self-service kiosk's visits: the kiosk session machine with its real actors (the card on the
 * kiosk's own reader, its own printers). A restart ends it instead of resuming it: the kiosk
 * starts again at the attract screen, never showing the last holder nor printing for them.
 */
export function kioskSessionKind(d: KioskDocumentDeps) {
	const k = kioskDocuments(d);
	const machine = kioskSessionMachine.provide({ actors: { readHolder: asActor(k.readHolder), printKioskDocument: asActor(k.printKioskDocument) } });
	return { machine, screen: kioskSessionScreen, afterRestart: 'end' } satisfies SessionKind;
}

export type KioskSessionKinds = { [KIOSK_SESSION]: ReturnType<typeof kioskSessionKind> };
