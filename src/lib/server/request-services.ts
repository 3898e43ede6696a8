import type { RunMode } from './config';
import type { Clock } from './clock';
import type { Devices } from '../../../drivers';
import type { AuthService } from './auth/auth-service';
import type { AuditRepo } from './db/audit-repo';
import type { windowsRepo } from './db/windows-repo';
import type { WindowSessionDeps } from './services/window-sessions';
import type { PayerViewDeps } from './services/payer-view';
import type { BankStubDeps } from './services/bank-stubs';
import type { CalendarAdminDeps } from './services/calendar-admin';
import type { DeviceActionDeps } from './services/device-actions';
import type { DemoSwitches } from './services/hardware-demo';
import type { CertificateVerificationDeps } from './services/certificate-verification';
import type { CollectorsDeps } from './services/collectors';
import type { CollectorBatchServiceDeps } from './services/collector-batches';
import type { KioskDeps } from './services/kiosk';
import type { JournalBackupDeps } from './services/journal-backups';
import type { AnnuityDeps } from './services/annuity';
import type { ShiftDeps } from './services/shifts';
import type { DayCloseDeps } from './services/day-close';

/**
 * What a request may use, built once by the runtime and put on `event.locals.services` by
 * hooks.server.ts. Each entry is what one service (or one page) needs and nothing more; routes
 * pass it to the service they call and never reach the runtime itself.
 */
export interface RequestServices {
	/** The terminal's own facts; `kioskKeys` names the kiosks a request may come from. */
	terminal: { mode: RunMode; clock: Clock; trainingBanner: string | null; kioskKeys: ReadonlyMap<string, string> };
	auth: AuthService;
	windows: Pick<ReturnType<typeof windowsRepo>, 'counters'>;
	audit: Pick<AuditRepo, 'byAction' | 'countsOfDay' | 'trail' | 'actions'>;
	/** The journal's backups, taken on a supervisor's demand. */
	backups: JournalBackupDeps;
	windowSessions: WindowSessionDeps;
	/** The window's shifts: open with a float, X and Z reports, close with the supervisor. */
	shifts: ShiftDeps;
	/** The hall's day close (日结) and the Z reports kept, for the supervisor. */
	dayClose: DayCloseDeps;
	payers: PayerViewDeps;
	bankStubs: BankStubDeps;
	calendar: CalendarAdminDeps;
	/** The window's devices (status, the virtual printer, the ID card) and the actions done by hand. */
	devices: DeviceActionDeps & { devices: Devices };
	/** 证明查验 of individuals' certificates. */
	certificates: CertificateVerificationDeps;
	/** The supervisor's collectors (代办员) and county limits (双限). */
	collectors: CollectorsDeps;
	/** A collector's batch at the window: the list uploaded and checked, its report, a breach confirmed. */
	collectorBatches: CollectorBatchServiceDeps;
	/** The self-service kiosks: their sessions and their own devices. */
	kiosk: KioskDeps;
	/** Occupational annuity: notices, the custodian statement, exceptions, arrival and e-receipts. */
	annuity: AnnuityDeps;
	demo: DemoSwitches;
}
