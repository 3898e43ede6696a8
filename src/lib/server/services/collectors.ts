import { createHash } from 'node:crypto';
import { checkResidentId, normaliseIdNumber } from '../../domain';
import { isValidIsoDate } from '../../domain/dates';
import type { SignedInClerk } from '../auth/auth-service';
import type { Clock } from '../clock';
import type { AuditRepo } from '../db/audit-repo';
import type { Collector, CollectorsRepo } from '../db/collectors-repo';
import type { CountyLimit, CountyLimitsRepo } from '../db/county-limits-repo';
import type { IntentsRepo } from '../db/intents-repo';
import type { LimitBreach, LimitBreachesRepo } from '../db/limit-breaches-repo';
import { UpstreamError, UpstreamRefusedError } from '../upstream/errors';
import type { CoreTax } from '../upstream/types';

// The supervisor's collectors (代办员, guide ch. 3 二.2 集中代收): registering one opens the virtual
// account (虚拟户) upstream; the county's double limits (双限) are kept with the day each took effect.

/** What the collectors' pages use: the core tax system's virtual accounts, the journal's repos, intents and audit, the clock. */
export interface CollectorsDeps {
	upstream: { coreTax: Pick<CoreTax, 'openVirtualAccount'> };
	intents: Pick<IntentsRepo, 'begin' | 'finish'>;
	repos: {
		collectors: CollectorsRepo;
		countyLimits: CountyLimitsRepo;
		limitBreaches: Pick<LimitBreachesRepo, 'list'>;
		audit: Pick<AuditRepo, 'record'>;
	};
	clock: Clock;
}

export interface CollectorInput {
	name: string;
	idNumber: string;
	village: string;
	county: string;
	phone: string;
}

export interface CountyLimitsInput {
	county: string;
	maxAmountFen: number;
	maxDays: number;
	effectiveFrom: string;
}

export type CollectorsResult<T> = { ok: true; value: T } | { ok: false; message: string };

export const COLLECTORS_TEXT = {
	missing: (field: string) => `请填写${field}`,
	idInvalid: (reason: string) => `代办员身份证号码有误：${reason}`,
	phoneInvalid: '联系电话应为11位手机号码或带区号的固定电话',
	registered: (code: string, name: string) => `该身份证号码已登记为代办员${code}（${name}），不能重复登记`,
	amountInvalid: '现金限额应为大于0的金额（分）',
	daysInvalid: '时间限额应为不小于0的整数天数',
	dateInvalid: '生效日期应为YYYY-MM-DD格式的日期',
	dateBeforeToday: (today: string) => `生效日期不能早于今天（${today}）：已办理的批次按当时的限额判断`
} as const;

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

function readCollector(input: CollectorInput, today: string): CollectorsResult<CollectorInput> {
	const name = input.name.trim();
	const village = input.village.trim();
	const county = input.county.trim();
	const phone = input.phone.replace(/\s+/g, '');
	const idNumber = normaliseIdNumber(input.idNumber);
	for (const [field, value] of [
		['代办员姓名', name],
		['身份证号码', idNumber],
		['村（社区）', village],
		['县（区）', county],
		['联系电话', phone]
	]) {
		if (!value) return { ok: false, message: COLLECTORS_TEXT.missing(field) };
	}
	const id = checkResidentId(idNumber, { today });
	if (!id.ok) return { ok: false, message: COLLECTORS_TEXT.idInvalid(id.reason) };
	if (!PHONE.test(phone)) return { ok: false, message: COLLECTORS_TEXT.phoneInvalid };
	return { ok: true, value: { name, idNumber, village, county, phone } };
}

/**
 * Registers a collector: opens the virtual account upstream, then stores the collector under the
 * next code (C001, C002, …) and audits it. The key follows the collector and what was entered, so
 * the same registration repeated after a lost answer opens one account.
 */
export async function registerCollector(deps: CollectorsDeps, supervisor: SignedInClerk, input: CollectorInput): Promise<CollectorsResult<Collector>> {
	const today = deps.clock.today();
	const read = readCollector(input, today);
	if (!read.ok) return read;
	const c = read.value;
	const known = deps.repos.collectors.byIdNumber(c.idNumber);
	if (known) return { ok: false, message: COLLECTORS_TEXT.registered(known.code, known.name) };
	const key = `virtual-account-${c.idNumber}-${createHash('sha256')
		.update(JSON.stringify([c.name, c.village, c.county]))
		.digest('hex')
		.slice(0, 12)}`;
	const at = deps.clock.now().toISOString();
	deps.intents.begin({ key, windowSessionId: null, action: 'coreTax.openVirtualAccount', payload: c }, at);
	try {
		const account = await deps.upstream.coreTax.openVirtualAccount({
			key,
			collectorIdNumber: c.idNumber,
			collectorName: c.name,
			village: c.village,
			county: c.county,
			today
		});
		deps.intents.finish(key, 'succeeded', account, deps.clock.now().toISOString());
		const collector = deps.repos.collectors.register({ ...c, virtualAccountNo: account.virtualAccountNo, registeredBy: supervisor.clerkId }, at);
		deps.repos.audit.record(at, {
			clerkId: supervisor.clerkId,
			windowNo: supervisor.windowNo,
			action: 'collector-registered',
			subject: collector.code,
			detail: { name: c.name, village: c.village, county: c.county, virtualAccountNo: account.virtualAccountNo }
		});
		return { ok: true, value: collector };
	} catch (e) {
		// A refusal ends this attempt (nothing opened); a time-out leaves it unknown until repeated.
		if (!(e instanceof UpstreamError)) throw e;
		deps.intents.finish(key, e instanceof UpstreamRefusedError ? 'failed' : 'unknown', { code: e.code, message: e.message }, deps.clock.now().toISOString());
		return { ok: false, message: e.message };
	}
}

/** A new value of a county's double limits, from a day on (not before today), audited. */
export function setCountyLimits(deps: CollectorsDeps, supervisor: SignedInClerk, input: CountyLimitsInput): CollectorsResult<CountyLimit> {
	const today = deps.clock.today();
	const county = input.county.trim();
	if (!county) return { ok: false, message: COLLECTORS_TEXT.missing('县（区）') };
	if (!Number.isSafeInteger(input.maxAmountFen) || input.maxAmountFen <= 0) return { ok: false, message: COLLECTORS_TEXT.amountInvalid };
	if (!Number.isSafeInteger(input.maxDays) || input.maxDays < 0) return { ok: false, message: COLLECTORS_TEXT.daysInvalid };
	if (!isValidIsoDate(input.effectiveFrom)) return { ok: false, message: COLLECTORS_TEXT.dateInvalid };
	if (input.effectiveFrom < today) return { ok: false, message: COLLECTORS_TEXT.dateBeforeToday(today) };
	const at = deps.clock.now().toISOString();
	const limit = { county, maxAmountFen: input.maxAmountFen, maxDays: input.maxDays, effectiveFrom: input.effectiveFrom, setBy: supervisor.clerkId };
	deps.repos.countyLimits.set(limit, at);
	deps.repos.audit.record(at, { clerkId: supervisor.clerkId, windowNo: supervisor.windowNo, action: 'county-limits-set', subject: county, detail: limit });
	return { ok: true, value: { ...limit, setAt: at } };
}

export interface CollectorsPage {
	/** Each collector with the limits of its county in force today (null: none set). */
	collectors: (Collector & { limits: CountyLimit | null })[];
	/** Every value of the limits set, newest first by county. */
	limitsHistory: CountyLimit[];
	/** Breaches confirmed at the windows, newest first: the collectors to follow up. */
	breaches: LimitBreach[];
}

export function collectorsPage(deps: Pick<CollectorsDeps, 'repos' | 'clock'>): CollectorsPage {
	const today = deps.clock.today();
	const { collectors, countyLimits, limitBreaches } = deps.repos;
	return {
		collectors: collectors.list().map((c) => ({ ...c, limits: countyLimits.forDay(c.county, today) })),
		limitsHistory: countyLimits.history(),
		breaches: limitBreaches.list()
	};
}
