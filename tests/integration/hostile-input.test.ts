// Hostile input against the built server: every form action and every JSON endpoint, found in
// src/routes (a new one without an entry below fails the test), gets malformed bodies, wrong
// types, missing fields, 1 MB and 10 MB bodies, SQL and HTML fragments, full-width digits,
// negative / NaN / Infinity / 1e308 / three-decimal amounts, unknown event types and events out
// of order. Each must be answered 4xx with a Chinese message (an event the step does not take
// is refused inside the page, 409), none 500, none later than 2 s, and no table of either
// SQLite file may gain or lose a row.
import { DENOMINATIONS_FEN } from '../../src/lib/domain/shift-report';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, startVisit, type BuiltServer } from './built-server';
import { FESTIVALS_2027 } from './calendar-2027';

const PORT = 4320;
const LIMIT_MS = 2000;
const ROUTES = resolve(import.meta.dirname, '../../src/routes');
const HAN = /\p{Script=Han}/u;

// --- what the file system says exists ------------------------------------------------------

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** `src/routes/(staff)/counter/payers/[payerId]/+page.server.ts` → `/counter/payers/[payerId]`. */
function routeOf(file: string): string {
	const segments = relative(ROUTES, file)
		.split('/')
		.slice(0, -1)
		.filter((s) => !/^\(.+\)$/.test(s));
	return `/${segments.join('/')}`;
}

function discoverActions(): string[] {
	return files(ROUTES)
		.filter((f) => f.endsWith('+page.server.ts'))
		.flatMap((f) => {
			const text = readFileSync(f, 'utf8');
			const block = text.split(/export const actions[^=]*=/)[1];
			if (!block) return [];
			return [...block.matchAll(/^\t([A-Za-z]\w*):\s*(?:async\s*)?\(/gm)].map((m) => `${routeOf(f)}?/${m[1]}`);
		});
}

function discoverEndpoints(): string[] {
	return files(ROUTES)
		.filter((f) => f.endsWith('+server.ts'))
		.flatMap((f) =>
			[...readFileSync(f, 'utf8').matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => `${m[1]} ${routeOf(f)}`)
		);
}

function discoverParams(): string[] {
	return [...new Set(files(ROUTES).flatMap((f) => [...relative(ROUTES, f).matchAll(/\[(\w+)\]/g)].map((m) => m[1])))];
}

// --- what each endpoint takes ----------------------------------------------------------------

type Kind = 'int' | 'text' | 'login' | 'password' | 'code' | 'voucher' | 'date' | 'range' | 'dates' | 'amount' | 'enum' | 'digest';
interface Field {
	kind: Kind;
	sample: string;
	optional?: true;
}
type Fields = Record<string, Field>;
type Role = 'anyone' | 'clerk' | 'supervisor' | 'kiosk';

/** The hall's one kiosk in this test: its requests carry its key, as a kiosk's script would. */
const KIOSK = { id: 'K01', key: 'K01:kiosk-secret-for-hostile-input' };

const SQL = "1' OR '1'='1'; DROP TABLE payers; --";
const HTML = '<script>alert(1)</script><img src=x onerror=alert(1)>';
const MB = 1 << 20;

/** Values each kind of field must refuse (none of them is a valid value of that kind). */
const HOSTILE: Record<Kind, string[]> = {
	int: ['１２', '-1', '0', 'NaN', 'Infinity', '1e308', '1.5', '0x2', ' 2x', SQL, HTML, '9'.repeat(400)],
	text: [SQL, HTML, '名'.repeat(300)],
	login: [SQL, HTML, 'a'.repeat(300)],
	password: ['p'.repeat(300)],
	code: [SQL, HTML, '１２３４５６７８', 'NaN', 'Infinity', '0x2', 'SB' + '1'.repeat(100)],
	voucher: ['１２３４５６７８９０１２３４５６７８', '-12345678901234567', '1e308', SQL, HTML],
	date: ['2026-02-30', '２０２６-１１-２０', '20261120', 'NaN', SQL, HTML],
	range: ['0001-01-01~9999-12-30', '2027-01-01~2027-12-31', '2027-02-30', '２０２７-０１-０１', SQL, HTML],
	dates: ['0001-01-01~9999-12-30', SQL, HTML, Array.from({ length: 40 }, () => '2027-02-14').join(' ')],
	amount: ['-1', 'NaN', 'Infinity', '1e308', '12.345', '１００', '0x10', SQL, HTML],
	enum: [SQL, HTML, 'PAYMENT', '__proto__', 'constructor'],
	digest: [SQL, HTML, 'f'.repeat(63)]
};

const CALENDAR: Fields = {
	year: { kind: 'int', sample: '2027' },
	source: { kind: 'text', sample: '测试用安排（非官方）' },
	...Object.fromEntries(Object.entries(FESTIVALS_2027).map(([k, v]) => [k, { kind: 'range', sample: v } as Field])),
	workdays: { kind: 'dates', sample: '2027-02-14', optional: true }
};

/** The fields of each event the session screen sends, with a sample of the right shape. */
const EVENT_FIELDS: Record<string, Fields> = {
	TOGGLE_DUE: { dueId: { kind: 'int', sample: '1' } },
	DISPUTE: { dueId: { kind: 'int', sample: '1' } },
	VOID: { declarationNo: { kind: 'code', sample: 'SB20261120000001' }, reason: { kind: 'text', sample: '申报有误' } },
	PAY_EXISTING: { declarationNo: { kind: 'code', sample: 'SB20261120000001' } },
	CONFIRM_LINK: { registrationId: { kind: 'int', sample: '1' } },
	CHOOSE: { channel: { kind: 'enum', sample: 'cash' } },
	TENDER: { amount: { kind: 'amount', sample: '100.00' } },
	TOGGLE_TRANSFER: { transferId: { kind: 'int', sample: '1' } },
	PROOF: { transferId: { kind: 'int', sample: '1' }, kind: { kind: 'enum', sample: 'bank_receipt' }, number: { kind: 'text', sample: 'HD001' } },
	TOGGLE_PAYMENT: { voucherNo: { kind: 'voucher', sample: '114010026000010001' } },
	SET_RANGE: { from: { kind: 'date', sample: '2026-01-01' }, to: { kind: 'date', sample: '2026-11-20' } },
	FIND_PERSON: {
		idNumber: { kind: 'text', sample: '140105196803120011' },
		name: { kind: 'text', sample: '张伟（演示）', optional: true },
		source: { kind: 'enum', sample: 'typed' }
	},
	REMOVE_PERSON: { payerId: { kind: 'int', sample: '1' } },
	REFUND: { payerId: { kind: 'int', sample: '1' } },
	SET_TIER: { payerId: { kind: 'int', sample: '1' }, tier: { kind: 'int', sample: '2' } },
	TOGGLE_ITEM: { payerId: { kind: 'int', sample: '1' }, item: { kind: 'enum', sample: 'medical' } }
};
const UNKNOWN_EVENTS = [
	'PAYER_PICKED',
	'SUPERVISOR_CLOSE',
	'UPLOADED',
	'SUPERVISOR_CONFIRM',
	'xstate.init',
	'__proto__',
	'constructor',
	'submit',
	'',
	SQL,
	HTML
];
/** Events of the right shape that a session waiting for the clerk to pick dues does not take. */
const OUT_OF_ORDER: Record<string, string>[] = [
	{ type: 'CHOOSE', channel: 'cash' },
	{ type: 'TENDER', amount: '100.00' },
	{ type: 'DRAWER_CLOSED' },
	{ type: 'CONFIRM' },
	{ type: 'CONFIRM_LINK', registrationId: '1' },
	{ type: 'PAPER_LOADED' },
	{ type: 'REPRINT' },
	{ type: 'FINISH' },
	{ type: 'PRINT' },
	{ type: 'CLOSE' },
	{ type: 'CERTIFICATE' },
	{ type: 'ISSUE' },
	{ type: 'DONE' },
	{ type: 'RETRY_REVERSAL' },
	{ type: 'TOGGLE_TRANSFER', transferId: '1' },
	{ type: 'PROOF', transferId: '1', kind: 'bank_receipt', number: 'HD001' },
	{ type: 'TOGGLE_PAYMENT', voucherNo: '114010026000010001' },
	{ type: 'SET_RANGE', from: '2026-01-01', to: '2026-11-20' },
	{ type: 'FIND_PERSON', idNumber: '140105196803120011', source: 'card' },
	{ type: 'SET_TIER', payerId: '1', tier: '2' },
	{ type: 'NEXT' },
	{ type: 'ISSUE_PROOF' },
	{ type: 'CERTIFICATE', payerId: '1' },
	{ type: 'PAY' },
	{ type: 'REFUSE' },
	{ type: 'REPRINT_SUMMARY' },
	{ type: 'REPRINT_REGISTER' }
];

interface ActionSpec {
	as: Role;
	fields: Fields;
}
/** A supervisor's decision typed at the clerk's window, the same form on every session page. */
const SUPERVISOR_ON_THE_SPOT: ActionSpec = {
	as: 'clerk',
	fields: {
		intent: { kind: 'enum', sample: 'close' },
		login: { kind: 'login', sample: 'super01' },
		password: { kind: 'password', sample: 'super1234' },
		reason: { kind: 'text', sample: '现金已退还缴费人' }
	}
};

/** The supervisor's login, password and reason typed at the clerk's window for one override. */
const OVERRIDE_FIELDS: Fields = {
	login: { kind: 'login', sample: 'super01' },
	password: { kind: 'password', sample: 'super1234' },
	reason: { kind: 'text', sample: '缴费人遗失小票' }
};
/** A cash count by denomination, as the shift's open and close forms send it. */
const COUNT_FIELDS: Fields = Object.fromEntries(DENOMINATIONS_FEN.map((d) => [`d${d}`, { kind: 'int', sample: '1', optional: true }]));
/** The clerk's event that needs a supervisor, with the supervisor's fields: the same form on every session page. */
const OVERRIDE_EVENT: ActionSpec = { as: 'clerk', fields: { type: { kind: 'enum', sample: 'REPRINT' }, ...OVERRIDE_FIELDS } };

const ACTIONS: Record<string, ActionSpec | 'events'> = {
	'/signin?/default': {
		as: 'anyone',
		fields: { login: { kind: 'login', sample: 'clerk01' }, password: { kind: 'password', sample: 'demo1234' }, window: { kind: 'int', sample: '3' } }
	},
	'/signout?/default': { as: 'clerk', fields: {} },
	'/counter/bank-stubs?/default': {
		as: 'clerk',
		fields: {
			voucherNo: { kind: 'voucher', sample: '114010026000099123' },
			bankName: { kind: 'text', sample: '中国工商银行太原分行' },
			stampedOn: { kind: 'date', sample: '2026-11-20' }
		}
	},
	'/counter/verify?/default': {
		as: 'clerk',
		fields: { certificateNo: { kind: 'text', sample: 'JZ2026-000001' }, code: { kind: 'text', sample: 'ABCD-EF01-2345-6789' } }
	},
	'/counter/payers/[payerId]?/start': { as: 'clerk', fields: { business: { kind: 'enum', sample: 'payment' } } },
	// Occupational annuity: the statement file as text, decisions on transfers and notices that name nothing here.
	'/counter/annuity?/import': { as: 'clerk', fields: { file: { kind: 'text', sample: '转账流水号,付款账号,付款户名,金额（元）,转账日期,附言' } } },
	'/counter/annuity?/feed': { as: 'clerk', fields: {} },
	'/counter/annuity?/return': { as: 'clerk', fields: { transferId: { kind: 'code', sample: 'T-NONE' }, reason: { kind: 'text', sample: '附言无编号' } } },
	'/counter/annuity?/match': {
		as: 'clerk',
		fields: { transferId: { kind: 'code', sample: 'T-NONE' }, noticeNo: { kind: 'code', sample: '1877101' }, ...OVERRIDE_FIELDS }
	},
	'/counter/annuity?/confirm': { as: 'clerk', fields: { noticeNo: { kind: 'code', sample: '1877999' } } },
	'/counter/annuity?/reprint': { as: 'clerk', fields: { noticeNo: { kind: 'code', sample: '1877999' } } },
	'/counter/annuity?/reprintOverride': { as: 'clerk', fields: { noticeNo: { kind: 'code', sample: '1877999' }, ...OVERRIDE_FIELDS } },
	'/counter/annuity/[payerId]?/print': { as: 'clerk', fields: { dueId: { kind: 'int', sample: '1' } } },
	'/counter/annuity/[payerId]?/printOverride': { as: 'clerk', fields: { dueId: { kind: 'int', sample: '1' }, ...OVERRIDE_FIELDS } },
	'/counter/annuity/[payerId]?/refund': { as: 'clerk', fields: {} },
	'/counter/individuals?/start': {
		as: 'clerk',
		fields: {
			idNumber: { kind: 'text', sample: '140105196803120011', optional: true },
			name: { kind: 'text', sample: '张伟（演示）', optional: true },
			source: { kind: 'enum', sample: 'typed' }
		}
	},
	'/counter/individuals/[sessionId]?/send': 'events',
	'/counter/individuals/[sessionId]?/override': OVERRIDE_EVENT,
	'/counter/individuals/[sessionId]?/supervisor': SUPERVISOR_ON_THE_SPOT,
	'/counter/collectors?/start': { as: 'clerk', fields: { collector: { kind: 'code', sample: 'C001' } } },
	'/counter/collectors/[sessionId]?/send': 'events',
	'/counter/collectors/[sessionId]?/override': OVERRIDE_EVENT,
	'/counter/collectors/[sessionId]?/supervisor': {
		as: 'clerk',
		fields: {
			intent: { kind: 'enum', sample: 'close' },
			login: { kind: 'login', sample: 'super01' },
			password: { kind: 'password', sample: 'super1234' },
			reason: { kind: 'text', sample: '现金已退还代办员' }
		}
	},
	// The list file: text, a file of another kind, or a list for a session that is no batch.
	'/counter/collectors/[sessionId]?/upload': { as: 'clerk', fields: { file: { kind: 'text', sample: '身份证号码,姓名,险种,缴费档次,金额,收款日期' } } },
	'/counter/collectors/[sessionId]?/breach': {
		as: 'clerk',
		fields: {
			login: { kind: 'login', sample: 'super01' },
			password: { kind: 'password', sample: 'super1234' },
			note: { kind: 'text', sample: '代办员已说明原因' }
		}
	},
	'/counter/sessions/[sessionId]?/send': 'events',
	'/counter/sessions/[sessionId]?/override': OVERRIDE_EVENT,
	'/counter/sessions/[sessionId]?/supervisor': SUPERVISOR_ON_THE_SPOT,
	// The clerk's shift is open (sign-in opened it): an open is refused, a close needs the supervisor.
	'/counter/shift?/open': { as: 'clerk', fields: COUNT_FIELDS },
	'/counter/shift?/x': { as: 'clerk', fields: {} },
	'/counter/shift?/close': {
		as: 'clerk',
		fields: {
			...COUNT_FIELDS,
			reason: { kind: 'text', sample: '点钞有误', optional: true },
			login: OVERRIDE_FIELDS.login,
			password: { kind: 'password', sample: 'wrong-password' }
		}
	},
	// A shift is open (the clerk's): the day close is refused until it closes.
	'/admin/day-close?/close': { as: 'supervisor', fields: {} },
	'/admin/clerks?/unlock': { as: 'supervisor', fields: { login: { kind: 'login', sample: 'clerk02' } } },
	'/admin/audit?/backup': { as: 'supervisor', fields: {} },
	'/admin/collectors?/register': {
		as: 'supervisor',
		fields: {
			name: { kind: 'text', sample: '赵代办员' },
			idNumber: { kind: 'code', sample: '140105197001011236' },
			village: { kind: 'text', sample: '示例村' },
			county: { kind: 'text', sample: '太原市小店区' },
			phone: { kind: 'code', sample: '13800000000' }
		}
	},
	'/admin/collectors?/limits': {
		as: 'supervisor',
		fields: {
			county: { kind: 'text', sample: '太原市小店区' },
			maxAmount: { kind: 'amount', sample: '5000.00' },
			maxDays: { kind: 'int', sample: '3' },
			effectiveFrom: { kind: 'date', sample: '2026-11-20' }
		}
	},
	'/devices?/testPrint': { as: 'clerk', fields: {} },
	'/devices?/openDrawer': { as: 'clerk', fields: OVERRIDE_FIELDS },
	'/devices?/upstreamFault': { as: 'clerk', fields: { operation: { kind: 'enum', sample: 'coreTax.declare' }, mode: { kind: 'enum', sample: 'timeout' } } },
	'/devices?/simulate': { as: 'clerk', fields: { action: { kind: 'enum', sample: 'paper-ok' } } },
	'/devices?/kioskSimulate': { as: 'clerk', fields: { kiosk: { kind: 'code', sample: 'K01' }, action: { kind: 'enum', sample: 'card-remove' } } },
	// A kiosk's touch: a choice the attract screen does not take (409), anything else refused at the schema.
	'/kiosk?/send': {
		as: 'kiosk',
		fields: { type: { kind: 'enum', sample: 'CHOOSE' }, kind: { kind: 'enum', sample: 'proof' }, year: { kind: 'int', sample: '2026' } }
	},
	// The enrolment of a kiosk's browser: a wrong key is refused (403).
	'/kiosk/enroll?/default': { as: 'anyone', fields: { key: { kind: 'login', sample: 'K01:not-the-kiosk-key-0001' } } },
	'/admin/booking?/default': { as: 'supervisor', fields: { day: { kind: 'date', sample: '2026-11-25' } } },
	'/admin/calendar?/preview': { as: 'supervisor', fields: CALENDAR },
	'/admin/calendar?/save': { as: 'supervisor', fields: { ...CALENDAR, digest: { kind: 'digest', sample: 'a'.repeat(64) } } }
};

/** JSON endpoints: their body fields, or `'events'`, or `null` for those that take only route parameters. */
const ENDPOINTS: Record<string, { as: Role; body: Fields | 'events' | null }> = {
	'POST /api/sessions': { as: 'clerk', body: { payerId: { kind: 'int', sample: 'PAYER' }, business: { kind: 'enum', sample: 'payment', optional: true } } },
	'POST /api/sessions/[sessionId]': { as: 'clerk', body: 'events' },
	'GET /api/shift': { as: 'clerk', body: null },
	'GET /admin/shifts/[shiftId]/pdf': { as: 'supervisor', body: null },
	'POST /api/shift': { as: 'clerk', body: { action: { kind: 'enum', sample: 'open' }, float: { kind: 'text', sample: '{}' } } },
	'GET /api/sessions/[sessionId]': { as: 'clerk', body: null },
	'GET /api/sessions/[sessionId]/stream': { as: 'clerk', body: null },
	'GET /api/devices/events': { as: 'clerk', body: null },
	'GET /counter/collectors/template': { as: 'clerk', body: null },
	'GET /counter/collectors/[sessionId]/report': { as: 'clerk', body: null },
	'GET /counter/collectors/[sessionId]/progress': { as: 'clerk', body: null },
	// Without a kiosk's key: refused in Chinese like every other hostile caller.
	'GET /api/kiosk/hello': { as: 'anyone', body: null },
	'GET /api/kiosk/stream': { as: 'anyone', body: null },
	'GET /healthz': { as: 'anyone', body: null }
};

/** Route parameters: the real value the test sets up, and values that name nothing. */
const HOSTILE_PARAMS: Record<string, string[]> = {
	payerId: ['0x2', '-1', '0', '1.5', '1e3', '%EF%BC%92', '99999999999999999999', encodeURIComponent(SQL), encodeURIComponent(HTML), 'true'],
	shiftId: ['0', '-1', '0x2', '1.5', '1e3', '99999999999999999999', encodeURIComponent(SQL), encodeURIComponent(HTML), '9999'],
	sessionId: ['W3-20261120-zzzzzzzz', 'W3-20261120-0000000', '..%2F..%2Fetc', encodeURIComponent(SQL), encodeURIComponent(HTML), 'a'.repeat(300)]
};

// --- sending ---------------------------------------------------------------------------------

interface Outcome {
	label: string;
	status: number;
	text: string;
	ms: number;
}

let server: BuiltServer;
const cookies: Record<Role, string> = { anyone: '', clerk: '', supervisor: '', kiosk: '' };
const params: Record<string, string> = {};
const outcomes: Outcome[] = [];

function fill(route: string): string {
	return route.replace(/\[(\w+)\]/g, (_, name: string) => {
		if (!(name in params)) throw new Error(`no value for route parameter ${name}`);
		return params[name];
	});
}

/** Sends and records one hostile request; the status is the action's own for an enhanced form post. */
async function send(label: string, path: string, init: { method?: string; as: Role; body?: BodyInit; type?: string; form?: boolean }): Promise<Outcome> {
	const headers: Record<string, string> = { origin: server.origin, accept: init.form ? 'application/json' : 'application/json, text/html' };
	if (init.form) headers['x-sveltekit-action'] = 'true';
	if (init.type) headers['content-type'] = init.type;
	if (cookies[init.as]) headers.cookie = cookies[init.as];
	if (init.as === 'kiosk') headers['x-sifee-kiosk-key'] = KIOSK.key;
	const started = performance.now();
	let status: number;
	let text: string;
	try {
		const res = await fetch(server.origin + path, {
			method: init.method ?? 'POST',
			headers,
			body: init.body,
			redirect: 'manual',
			signal: AbortSignal.timeout(LIMIT_MS + 500)
		});
		// An event stream never ends: its first bytes are its answer.
		text = res.headers.get('content-type')?.startsWith('text/event-stream') ? '(stream)' : await res.text();
		status = res.status;
		if (init.form && res.status === 200) {
			const result = JSON.parse(text) as { type: string; status?: number };
			status = result.status ?? (result.type === 'success' ? 200 : result.type === 'redirect' ? 303 : 500);
		}
		await res.body?.cancel().catch(() => undefined);
	} catch (e) {
		status = 0;
		text = `no answer: ${(e as Error).message}`;
	}
	const outcome = { label, status, text: text.slice(0, 300), ms: performance.now() - started };
	outcomes.push(outcome);
	return outcome;
}

const urlencoded = (fields: Record<string, string>) => ({ body: new URLSearchParams(fields).toString(), type: 'application/x-www-form-urlencoded' });

function sampleOf(fields: Fields): Record<string, string> {
	return Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.sample === 'PAYER' ? params.payerId : f.sample]));
}

/** Bodies every form action must refuse, whatever its fields. */
function malformedBodies(fields: Fields): { label: string; body: BodyInit; type: string }[] {
	const first = Object.keys(fields)[0] ?? 'x';
	const sample = sampleOf(fields);
	return [
		{ label: 'multipart without its end', body: '--XX\r\nContent-Disposition: form-data; name="a"\r\n\r\nb', type: 'multipart/form-data; boundary=XX' },
		{ label: 'multipart with another boundary', body: '--YY\r\nbroken\r\n--YY--', type: 'multipart/form-data; boundary=XX' },
		{ label: 'multipart without a boundary', body: 'a=b', type: 'multipart/form-data' },
		{ label: 'JSON to a form action', body: JSON.stringify(sample), type: 'application/json' },
		{ label: 'malformed JSON to a form action', body: '{"a":', type: 'application/json' },
		{ label: 'plain text', body: 'hello', type: 'text/plain' },
		{ label: '1 MB field', ...urlencoded({ ...sample, [first]: 'a'.repeat(MB) }) },
		{ label: '10 MB field', ...urlencoded({ ...sample, [first]: 'a'.repeat(10 * MB) }) },
		{ label: 'unexpected field with a SQL name', ...urlencoded({ ...sample, [SQL]: HTML, ...(Object.keys(fields).length ? { [first]: SQL } : {}) }) }
	];
}

/** One field at a time made hostile (the others keep their sample), missing, or a file instead of text. */
function fieldVariants(fields: Fields): { label: string; body: BodyInit; type?: string }[] {
	const sample = sampleOf(fields);
	return Object.entries(fields).flatMap(([name, f]) => {
		const withFile = new FormData();
		for (const [k, v] of Object.entries(sample)) withFile.append(k, v);
		withFile.set(name, new Blob([f.sample], { type: 'text/plain' }), 'x.txt');
		const missing = Object.fromEntries(Object.entries(sample).filter(([k]) => k !== name));
		return [
			...HOSTILE[f.kind].map((v) => ({ label: `${name}=${v.slice(0, 24)}`, ...urlencoded({ ...sample, [name]: v }) })),
			...(f.optional ? [] : [{ label: `${name} missing`, ...urlencoded(missing) }]),
			{ label: `${name} sent as a file`, body: withFile }
		];
	});
}

function eventVariants(): { label: string; fields: Record<string, string> }[] {
	const variants: { label: string; fields: Record<string, string> }[] = [];
	for (const type of UNKNOWN_EVENTS) variants.push({ label: `unknown event ${type.slice(0, 20)}`, fields: { type } });
	variants.push({ label: 'event without type', fields: {} });
	for (const [type, fields] of Object.entries(EVENT_FIELDS)) {
		const sample = { type, ...sampleOf(fields) };
		for (const [name, f] of Object.entries(fields)) {
			for (const v of HOSTILE[f.kind]) variants.push({ label: `${type}.${name}=${v.slice(0, 24)}`, fields: { ...sample, [name]: v } });
			variants.push({ label: `${type}.${name} missing`, fields: Object.fromEntries(Object.entries(sample).filter(([k]) => k !== name)) });
		}
	}
	return variants;
}

/** JSON values of the wrong type for any field (ids, texts, amounts). */
const WRONG_JSON: unknown[] = [true, [2], { n: 2 }, null, -1, 1.5, 1e308, 0, '0x2', '１', 'NaN', 'Infinity', SQL, HTML, 'a'.repeat(MB / 2)];

// --- the test --------------------------------------------------------------------------------

describe('hostile input is refused at the edge, in Chinese, and writes nothing', () => {
	let baseline: Record<string, number>;

	beforeAll(async () => {
		server = await startBuiltServer(PORT, { SIFEE_KIOSK_KEYS: KIOSK.key });
		cookies.clerk = await server.signIn('clerk01', 'demo1234', 3);
		cookies.supervisor = await server.signIn('super01', 'super1234', 4);
		// A unit payer and a window session waiting for the clerk to pick dues.
		Object.assign(params, await startVisit(server, cookies.clerk, '太原示例机械制造有限公司'));
		// The clerk's shift, open: it has no Z to show yet.
		params.shiftId = '1';
		// The pages visited once, so what they record on first view is in the baseline.
		await fetch(`${server.origin}/counter/payers/${params.payerId}`, { headers: { cookie: cookies.clerk } });
		await fetch(`${server.origin}/counter/sessions/${params.sessionId}`, { headers: { cookie: cookies.clerk } });
		// The kiosk's first view starts its session at the attract screen.
		await fetch(`${server.origin}/kiosk`, { headers: { 'x-sifee-kiosk-key': KIOSK.key } });
		baseline = server.rowCounts();
	}, 60_000);

	afterAll(async () => {
		await server?.stop();
	});

	it('knows every form action, JSON endpoint and route parameter in src/routes', () => {
		expect(discoverActions().sort()).toEqual(Object.keys(ACTIONS).sort());
		expect(discoverEndpoints().sort()).toEqual(Object.keys(ENDPOINTS).sort());
		expect(discoverParams().sort()).toEqual(Object.keys(HOSTILE_PARAMS).sort());
	});

	it('answers every hostile input 4xx in Chinese within 2 s, never 500, and writes no row', async () => {
		for (const key of discoverActions()) {
			const spec = ACTIONS[key];
			// A page's only action is posted to the page itself (SvelteKit reserves the name).
			const path = fill(key.replace('?/default', ''));
			if (spec === 'events') {
				for (const b of malformedBodies(EVENT_FIELDS.TENDER)) await send(`${key} ${b.label}`, path, { as: 'clerk', form: true, ...b });
				for (const v of eventVariants()) await send(`${key} ${v.label}`, path, { as: 'clerk', form: true, ...urlencoded(v.fields) });
				for (const e of OUT_OF_ORDER) await send(`${key} out of order ${e.type}`, path, { as: 'clerk', form: true, ...urlencoded(e) });
				continue;
			}
			for (const b of [...malformedBodies(spec.fields), ...fieldVariants(spec.fields)]) {
				await send(`${key} ${b.label}`, path, { as: spec.as, form: true, ...b });
			}
		}

		for (const key of discoverEndpoints()) {
			const spec = ENDPOINTS[key];
			const [method, route] = key.split(' ');
			for (const [name, values] of Object.entries(HOSTILE_PARAMS)) {
				if (!route.includes(`[${name}]`)) continue;
				for (const v of values) {
					const path = fill(route.replace(`[${name}]`, v));
					await send(`${key} ${name}=${v.slice(0, 24)}`, path, { method, as: spec.as, ...(method === 'POST' ? { body: '{}', type: 'application/json' } : {}) });
				}
			}
			if (method !== 'POST' || spec.body === null) continue;
			const path = fill(route);
			const json = (label: string, body: string) => send(`${key} ${label}`, path, { as: spec.as, body, type: 'application/json' });
			for (const [label, body] of [
				['malformed JSON', '{"payerId": 2,'],
				['NaN literal', '{"payerId": NaN}'],
				['not an object', '5'],
				['a list', '[{"type":"SUBMIT"}]'],
				['null', 'null'],
				['empty body', ''],
				['1 MB body', JSON.stringify({ type: 'TENDER', payerId: 'a'.repeat(MB) })],
				['10 MB body', JSON.stringify({ type: 'TENDER', payerId: 'a'.repeat(10 * MB) })]
			]) {
				await json(label, body);
			}
			if (spec.body === 'events') {
				for (const v of eventVariants()) await json(v.label, JSON.stringify(v.fields));
				for (const [type, fields] of Object.entries(EVENT_FIELDS)) {
					for (const name of Object.keys(fields)) {
						for (const v of WRONG_JSON)
							await json(`${type}.${name}=${JSON.stringify(v).slice(0, 24)}`, JSON.stringify({ type, ...sampleOf(fields), [name]: v }));
					}
				}
				for (const e of OUT_OF_ORDER) await json(`out of order ${e.type}`, JSON.stringify(e));
				continue;
			}
			const sample = sampleOf(spec.body);
			for (const [name, f] of Object.entries(spec.body)) {
				for (const v of [...WRONG_JSON, ...HOSTILE[f.kind]]) await json(`${name}=${JSON.stringify(v).slice(0, 24)}`, JSON.stringify({ ...sample, [name]: v }));
				if (!f.optional) await json(`${name} missing`, JSON.stringify(Object.fromEntries(Object.entries(sample).filter(([k]) => k !== name))));
			}
		}

		// Pages that read route parameters or a query.
		const pageOf: Record<string, { page: string; as: Role }> = {
			payerId: { page: '/counter/payers/[payerId]', as: 'clerk' },
			sessionId: { page: '/counter/sessions/[sessionId]', as: 'clerk' },
			shiftId: { page: '/admin/shifts/[shiftId]/pdf', as: 'supervisor' }
		};
		for (const [name, values] of Object.entries(HOSTILE_PARAMS)) {
			const { page, as } = pageOf[name];
			for (const v of values) await send(`GET ${page} ${name}=${v.slice(0, 24)}`, fill(page.replace(`[${name}]`, v)), { method: 'GET', as });
		}
		for (const page of ['/counter', '/counter/payers/[payerId]']) {
			await send(`GET ${page} q of 101 characters`, `${fill(page)}?q=${'名'.repeat(101)}`, { method: 'GET', as: 'clerk' });
			await send(`GET ${page} q of 1 MB`, `${fill(page)}?q=${'a'.repeat(MB)}`, { method: 'GET', as: 'clerk' });
		}

		const after = server.rowCounts();
		const writes = Object.keys({ ...baseline, ...after }).filter((t) => baseline[t] !== after[t]);
		const serverErrors = outcomes.filter((o) => o.status >= 500 || o.status === 0);
		const notRefused = outcomes.filter((o) => o.status < 400 || o.status >= 500);
		const notChinese = outcomes.filter((o) => o.text !== '(stream)' && !HAN.test(o.text));
		const slow = outcomes.filter((o) => o.ms > LIMIT_MS);
		if (process.env.HOSTILE_LOG) console.log(server.log());
		console.log(`${outcomes.length} hostile inputs, ${serverErrors.length} server errors, ${writes.length} writes`);

		const show = (list: Outcome[]) => list.slice(0, 10).map((o) => `${o.label} → ${o.status} (${o.ms.toFixed(0)} ms) ${o.text.slice(0, 120)}`);
		expect(show(serverErrors)).toEqual([]);
		expect(show(notRefused)).toEqual([]);
		expect(show(notChinese)).toEqual([]);
		expect(show(slow)).toEqual([]);
		expect(writes.map((t) => `${t}: ${baseline[t]} → ${after[t]}`)).toEqual([]);
		expect(outcomes.length).toBeGreaterThan(500);
	}, 300_000);
});
