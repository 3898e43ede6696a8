import { readConfig, type ServerConfig } from './config';
import { systemClock, type Clock } from './clock';
import { openDatabase, type Db } from './db/open-database';
import { journalMigrations } from './db/migrations';
import { createUpstream, type UpstreamClient } from './upstream/create-upstream';
import { clerksRepo } from './db/clerks-repo';
import { authSessionsRepo } from './db/auth-sessions-repo';
import { windowsRepo } from './db/windows-repo';
import { auditRepo } from './db/audit-repo';
import { calendarRepo } from './db/calendar-repo';
import { authService } from './auth/auth-service';
import { seedTerminal } from './demo/seed-terminal';
import { calendarService, type CalendarService } from './services/calendar-status';
import { createHardware, createKioskHardware } from './hardware';
import { refuseUnsafeProduction, trainingBanner } from './production';
import { demoSwitches } from './services/hardware-demo';
import type { RequestServices } from './request-services';
import type { Devices, KioskDevices } from '../../../drivers';
import { intentsRepo, type IntentsRepo } from './db/intents-repo';
import { heldMoneyRepo, type HeldMoneyRepo } from './db/held-money-repo';
import { ledgerRepo, type LedgerRepo } from './db/ledger-repo';
import { certificateNumbersRepo } from './db/certificate-numbers-repo';
import { individualCertificatesRepo, type IndividualCertificatesRepo } from './db/individual-certificates-repo';
import { windowSessionsRepo } from './db/window-sessions-repo';
import { SessionHost, type SessionKinds } from './sessions/session-host';
import { COUNTER_SESSION, counterSessionKind } from './sessions/counter-session-kind';
import { INDIVIDUAL_SESSION, individualSessionKind } from './sessions/individual-session-kind';
import { KIOSK_SESSION, kioskSessionKind } from './sessions/kiosk-session-kind';
import { connectKioskReaders, type KioskDeps } from './services/kiosk';
import type { WindowKinds } from './sessions/window-kinds';
import { COLLECTOR_BATCH, collectorBatchKind } from './sessions/collector-batch-kind';
import type { CollectorBatchContext } from '../../../state-machines';
import { collectorsRepo, type CollectorsRepo } from './db/collectors-repo';
import { countyLimitsRepo, type CountyLimitsRepo } from './db/county-limits-repo';
import { limitBreachesRepo, type LimitBreachesRepo } from './db/limit-breaches-repo';
import { batchUploadsRepo, type BatchUploadsRepo } from './db/batch-uploads-repo';
import { seedDemoCollectors } from './demo/seed-collectors';
import { annuityRepo } from './db/annuity-repo';
import { shiftsRepo, type ShiftsRepo } from './db/shifts-repo';

/** No kind of session beside the counter session. */
export type NoKinds = Record<never, never>;

export interface RuntimeOptions<X extends SessionKinds = NoKinds> {
	/** Kinds of session hosted beside the counter session, by machine name. */
	extraKinds?: X;
}

/** Everything the server holds for its lifetime, built once at start. */
export interface Runtime<X extends SessionKinds = NoKinds> {
	config: ServerConfig;
	clock: Clock;
	journal: Db;
	/** The simulator's own file (SIFEE_UPSTREAM=simulated, the only upstream today). */
	upstreamDb: Db;
	upstream: UpstreamClient['upstream'];
	repos: {
		audit: ReturnType<typeof auditRepo>;
		windows: ReturnType<typeof windowsRepo>;
		calendar: ReturnType<typeof calendarRepo>;
	};
	/** Working days with the administrator's years, for whatever needs a year beyond the bundled data. */
	calendar: CalendarService;
	auth: ReturnType<typeof authService>;
	devices: Devices;
	/** Each self-service kiosk's own reader and printers, by kiosk id (SIFEE_KIOSK_KEYS). */
	kiosks: ReadonlyMap<string, KioskDevices>;
	/** Every kind of window session, restored at start. */
	sessions: SessionHost<WindowKinds & X>;
	intents: IntentsRepo;
	heldMoney: HeldMoneyRepo;
	/** Every movement of money or paper of value at this terminal. */
	ledger: LedgerRepo;
	/** The windows' shifts (班次) and the hall's day closes. */
	shifts: ShiftsRepo;
	/** Individuals' 缴费证明 and 缴费记录: numbers, content, verification codes. */
	individualCertificates: IndividualCertificatesRepo;
	/** Collectors, the county limits, breaches and uploaded lists (集中代收). */
	collectors: CollectorRepos;
	/** What requests use, put on `event.locals` by hooks.server.ts. */
	services: RequestServices;
	close(): Promise<void>;
}

/** Resolves when no device is still connecting, or when `ms` have passed. */
function devicesSettled(devices: Devices, ms: number): Promise<void> {
	const connecting = () => devices.hub.snapshot().some((d) => d.status.code === 'CONNECTING');
	if (!connecting()) return Promise.resolve();
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			off();
			resolve();
		};
		const timer = setTimeout(done, ms);
		const off = devices.hub.onChange(() => {
			if (!connecting()) done();
		});
	});
}

/** The collectors' part of the journal (issue 10). */
export interface CollectorRepos {
	collectors: CollectorsRepo;
	countyLimits: CountyLimitsRepo;
	limitBreaches: LimitBreachesRepo;
	batchUploads: BatchUploadsRepo;
}

/**
 * The databases as the server opens them at start: the journal, the calendar, the upstream
 * client, and in demo and test mode the seeds of a missing (or empty) file. The server and the
 * command-line tools (`npm run collector`) open them through this one function.
 */
export async function openStores(config: ServerConfig, clock: Clock) {
	const journal = openDatabase(config.terminalDbPath, journalMigrations);
	await seedTerminal(journal, clock.now().toISOString(), config.mode !== 'production');
	const repos = { audit: auditRepo(journal), windows: windowsRepo(journal), calendar: calendarRepo(journal) };
	const calendar = calendarService(repos.calendar);
	const upstreamClient = createUpstream(config, { clock, calendar: calendar.current });
	const collectors: CollectorRepos = {
		collectors: collectorsRepo(journal),
		countyLimits: countyLimitsRepo(journal),
		limitBreaches: limitBreachesRepo(journal),
		batchUploads: batchUploadsRepo(journal)
	};
	if (config.mode !== 'production') {
		await seedDemoCollectors({ upstream: upstreamClient.upstream, ...collectors, today: clock.today(), at: clock.now().toISOString() });
	}
	return {
		journal,
		repos,
		calendar,
		upstreamClient,
		collectors,
		close() {
			journal.close();
			upstreamClient.close();
		}
	};
}

export async function createRuntime<X extends SessionKinds = NoKinds>(
	config: ServerConfig = readConfig(),
	env: Record<string, string | undefined> = process.env,
	clock: Clock = systemClock(config.fixedToday),
	options: RuntimeOptions<X> = {}
): Promise<Runtime<X>> {
	// Production refuses simulators (unless a training terminal) and demo clerks before anything starts.
	await refuseUnsafeProduction(config, env);
	const { journal, repos, calendar, upstreamClient, collectors, close: closeStores } = await openStores(config, clock);
	const { upstream, booking, db: upstreamDb } = upstreamClient;
	const devices = createHardware(config.mode, env);
	const kiosks = createKioskHardware(config.mode, env, config.kioskKeys.keys());
	const clerks = clerksRepo(journal);
	const intents = intentsRepo(journal);
	const heldMoney = heldMoneyRepo(journal);
	const ledger = ledgerRepo(journal, intents, repos.audit);
	const certificateNumbers = certificateNumbersRepo(journal, intents);
	const individualCertificates = individualCertificatesRepo(journal, intents);
	const actorDeps = {
		upstream,
		devices,
		intents,
		clock,
		clerkName: (id: string) => clerks.displayName(Number(id)),
		audit: repos.audit,
		heldMoney,
		ledger,
		certificateNumbers,
		individualCertificates,
		certificateKey: config.certificateKey,
		posRecoveryMs: 15_000
	};
	const batchDeps = {
		...actorDeps,
		...collectors,
		// The list a batch pays is in its session's context; the host is there by the time a batch pays.
		batchOf: (id: string) => {
			const c = sessions.get(id)?.getSnapshot().context as CollectorBatchContext | undefined;
			return c && c.uploadId !== null ? { uploadId: c.uploadId, collector: c.collector } : null;
		}
	};
	const sessions = new SessionHost(
		{
			...options.extraKinds,
			[COUNTER_SESSION]: counterSessionKind(actorDeps),
			[INDIVIDUAL_SESSION]: individualSessionKind(actorDeps),
			[COLLECTOR_BATCH]: collectorBatchKind(batchDeps),
			[KIOSK_SESSION]: kioskSessionKind({ ...actorDeps, kiosks })
		} as WindowKinds & X,
		windowSessionsRepo(journal),
		clock,
		// A call begun in a session that is over will never be answered by it.
		(id) => intents.endSession(id, clock.now().toISOString())
	);
	// Sessions cut off by a stop or a crash carry on from their last saved step, once the
	// devices they may be waiting on have had a moment to open their ports.
	if (sessions.hasSaved()) await devicesSettled(devices, 5000);
	sessions.restoreAll();
	const kiosk: KioskDeps = { sessions, kiosks, clock, idleMs: config.kioskIdleSeconds * 1000 };
	// A card on a kiosk's reader reaches its session from here, never from a request.
	const disconnectReaders = connectKioskReaders(kiosk);
	const signIns = authSessionsRepo(journal);
	const shifts = shiftsRepo(journal);
	const auth = authService({
		clock,
		clerks,
		sessions: signIns,
		windows: repos.windows,
		audit: repos.audit,
		atomically: (work) => journal.transaction(work).immediate(),
		sessionHours: config.sessionHours,
		lockout: config.lockout
	});
	// Each service gets the parts it uses, once; requests reach them only through event.locals.
	const backups = { journal, backup: config.backup, clock, repos };
	const services: RequestServices = {
		terminal: { mode: config.mode, clock, trainingBanner: trainingBanner(config, devices), kioskKeys: config.kioskKeys },
		auth,
		windows: repos.windows,
		audit: repos.audit,
		backups,
		windowSessions: { sessions, upstream, clock, repos, auth, heldMoney, ledger, shifts },
		shifts: {
			shifts,
			ledger,
			sessions,
			upstream,
			batchUploads: collectors.batchUploads,
			signIns,
			devices,
			auth,
			repos,
			clock,
			varianceThresholdFen: config.shiftVarianceThresholdFen
		},
		payers: { upstream, clock, repos },
		bankStubs: { intents, ledger, upstream, clock, repos, shifts },
		dayClose: {
			shifts,
			ledger,
			intents,
			upstream,
			limitBreaches: collectors.limitBreaches,
			collectors: collectors.collectors,
			devices,
			backups,
			clock,
			repos
		},
		calendar: { repos, calendar, clock },
		devices: { devices, clock, repos, auth },
		certificates: { individualCertificates, certificateKey: config.certificateKey },
		collectors: { upstream, intents, repos: { ...collectors, audit: repos.audit }, clock },
		collectorBatches: { sessions, shifts, upstream, auth, repos, clock, ...collectors, progress: new Map() },
		kiosk,
		annuity: { upstream, devices, intents, annuity: annuityRepo(journal), repos, auth, clock, calendar: calendar.current },
		demo: demoSwitches(config.mode, devices, upstream, booking, kiosks)
	};
	return {
		config,
		clock,
		journal,
		upstreamDb,
		upstream,
		repos,
		calendar,
		auth,
		devices,
		kiosks,
		sessions,
		intents,
		heldMoney,
		ledger,
		shifts,
		individualCertificates,
		collectors,
		services,
		async close() {
			disconnectReaders();
			sessions.stopAll();
			await devices.close();
			await Promise.all([...kiosks.values()].map((k) => k.close()));
			closeStores();
		}
	};
}
