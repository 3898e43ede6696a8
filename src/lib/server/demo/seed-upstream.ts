import type { Db } from '../db/open-database';
import type { Agency, DueKind, PayerKind, PaymentChannel } from '../../domain/payer';
import { nextVoucherNo } from '../upstream/simulator/vouchers';
import { openAgreement, receivePendingTransfer } from '../upstream/simulator/bank-sim';
import { receiveCustodianTransfer, setCustodianAccount } from '../upstream/simulator/annuity';
import { CalendarDataMissingError, defaultCalendar } from '../../domain';
import { addDays } from '../../domain/dates';
import { demoCreditCode } from './identifiers';
import {
	BASES,
	FEE_ITEMS,
	RATES,
	TAX_OFFICES,
	YEARLY_AMOUNTS,
	DEMO_INSTITUTIONS,
	DEMO_CUSTODIAN,
	DEMO_ENTERPRISES,
	DEMO_FLEXIBLE,
	DEMO_RESIDENTS,
	type DemoFlexible,
	type DemoResident,
	type DemoUnit,
	type ResidentItem
} from './demo-catalogue';
import { DEMO_VILLAGES } from './demo-villages';

// Fills the upstream simulator with a small, consistent hall's worth of fictional payers.
// Dates follow the business date, so the demo always shows this month's dues.

interface Months {
	year: number;
	/** `YYYY-MM` of the current month and the two before it. */
	current: string;
	previous: string;
	beforePrevious: string;
}

function monthsAround(today: string): Months {
	const [y, m] = today.split('-').map(Number);
	const shift = (k: number) => {
		const d = new Date(Date.UTC(y, m - 1 - k, 1));
		return d.toISOString().slice(0, 7);
	};
	return { year: y, current: shift(0), previous: shift(1), beforePrevious: shift(2) };
}

function monthEnd(month: string): string {
	const [y, m] = month.split('-').map(Number);
	return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Seeds once; a database that already holds payers is left as it is. */
export function seedUpstream(db: Db, today: string): boolean {
	const has = db.prepare('SELECT count(*) AS n FROM payers').get() as { n: number };
	if (has.n > 0) return false;
	db.transaction(() => new UpstreamSeeder(db, today).run())();
	return true;
}

/** Prepared once: the villages add hundreds of residents to the seed. */
function seedStatements(db: Db) {
	return {
		payer: db.prepare(`INSERT INTO payers (kind, name, credit_code, id_number, tax_office, address, registered_on) VALUES (?, ?, ?, ?, ?, ?, '2019-01-01')`),
		registration: db.prepare(
			`INSERT INTO agency_registrations (agency, agency_no, payer_identifier, payer_name, scope, project_name, status, received_on, pending_change)
			 VALUES (?, ?, ?, ?, ?, ?, 'active', '2020-01-06', ?)`
		),
		registrationItem: db.prepare('INSERT INTO agency_registration_items (registration_id, item_code) VALUES (?, ?)'),
		link: db.prepare(`INSERT INTO registration_links (registration_id, payer_id, method, linked_on, linked_by) VALUES (?, ?, ?, '2020-01-06', NULL)`),
		due: db.prepare(
			`INSERT INTO assessed_dues (due_no, registration_id, due_kind, item_code, period_from, period_to, amount_fen, assessed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
		),
		declaration: db.prepare(`INSERT INTO declarations (declaration_no, payer_id, declared_on, status) VALUES (?, ?, ?, 'paid')`),
		line: db.prepare(
			`INSERT INTO declaration_lines (declaration_id, line_no, due_id, item_code, period_from, period_to, tier, amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
		),
		payment: db.prepare(`INSERT INTO payments (declaration_id, channel, amount_fen, paid_on, booked_on, voucher_no) VALUES (?, ?, ?, ?, ?, ?)`)
	};
}

class UpstreamSeeder {
	private months: Months;
	private dueSerial = 0;
	private declarationSerial = 0;
	private agencySerial = 0;
	private sql: ReturnType<typeof seedStatements>;

	constructor(
		private db: Db,
		private today: string
	) {
		this.months = monthsAround(today);
		this.sql = seedStatements(db);
	}

	run() {
		this.catalogue();
		setCustodianAccount(this.db, DEMO_CUSTODIAN);
		DEMO_ENTERPRISES.forEach((u, i) => this.unit('enterprise', u, i));
		DEMO_INSTITUTIONS.forEach((u, i) => this.unit('institution', u, i));
		DEMO_RESIDENTS.forEach((r, i) => this.resident(r, i));
		DEMO_FLEXIBLE.forEach((f) => this.flexible(f));
		DEMO_VILLAGES.flatMap((v) => v.residents).forEach((r, i) => this.villager(r, i));
	}

	private notAfterToday(date: string): string {
		return date < this.today ? date : this.today;
	}

	private catalogue() {
		const db = this.db;
		const office = db.prepare('INSERT INTO tax_offices (code, name, treasury) VALUES (?, ?, ?)');
		for (const o of TAX_OFFICES) office.run(o.code, o.name, o.treasury);
		const item = db.prepare('INSERT INTO fee_items (code, name, agency, payer_kinds) VALUES (?, ?, ?, ?)');
		for (const f of FEE_ITEMS) item.run(f.code, f.name, f.agency, f.payerKinds.join(','));
		const rate = db.prepare('INSERT INTO contribution_rates (item_code, payer_kind, year, unit_bp, personal_bp) VALUES (?, ?, ?, ?, ?)');
		for (const year of [this.months.year - 3, this.months.year - 2, this.months.year - 1, this.months.year]) {
			for (const r of RATES) rate.run(r.item, r.kind, year, r.unitBp, r.personalBp);
		}
		const base = db.prepare('INSERT INTO contribution_bases (year, floor_fen, ceiling_fen) VALUES (?, ?, ?)');
		for (const b of BASES(this.months.year)) base.run(b.year, b.floorFen, b.ceilingFen);
		const yearly = db.prepare('INSERT INTO yearly_amounts (item_code, year, tier, amount_fen) VALUES (?, ?, ?, ?)');
		for (const a of YEARLY_AMOUNTS(this.months.year)) yearly.run(a.item, a.year, a.tier, a.amountFen);
	}

	private payer(kind: PayerKind, name: string, identifier: string, office: string, address: string): number {
		const unit = kind === 'enterprise' || kind === 'institution';
		return Number(this.sql.payer.run(kind, name, unit ? identifier : null, unit ? null : identifier, office, address).lastInsertRowid);
	}

	private registration(
		agency: Agency,
		identifier: string,
		name: string,
		items: string[],
		opts: { payerId: number | null; scope?: 'regular' | 'project'; projectName?: string; pendingChange?: 'change' | 'transfer' }
	): number {
		const agencyNo = `${agency === 'social' ? 'S' : 'M'}${String(++this.agencySerial).padStart(9, '0')}`;
		const r = this.sql.registration.run(agency, agencyNo, identifier, name, opts.scope ?? 'regular', opts.projectName ?? null, opts.pendingChange ?? null);
		const id = Number(r.lastInsertRowid);
		for (const item of items) this.sql.registrationItem.run(id, item);
		if (opts.payerId !== null) this.sql.link.run(id, opts.payerId, opts.scope === 'project' ? 'project' : 'automatic');
		return id;
	}

	private due(registrationId: number, kind: DueKind, item: string, from: string, to: string, amountFen: number): number {
		const dueNo = `ZJ${this.months.year}${String(++this.dueSerial).padStart(8, '0')}`;
		const r = this.sql.due.run(dueNo, registrationId, kind, item, from, to, amountFen, `${this.months.current}-01`);
		return Number(r.lastInsertRowid);
	}

	/** Declares and pays the given lines, as an earlier visit or an online payment would have; booked (入库销号) on `bookedOn`. */
	private paid(
		payerId: number,
		office: string,
		channel: PaymentChannel,
		on: string,
		bookedOn: string | null,
		lines: { dueId: number | null; item: string; from: string; to: string; tier?: number; amountFen: number }[]
	) {
		const declarationNo = `SB${on.replaceAll('-', '')}${String(++this.declarationSerial).padStart(6, '0')}`;
		const declarationId = Number(this.sql.declaration.run(declarationNo, payerId, on).lastInsertRowid);
		lines.forEach((l, i) => this.sql.line.run(declarationId, i + 1, l.dueId, l.item, l.from, l.to, l.tier ?? null, l.amountFen));
		const total = lines.reduce((s, l) => s + l.amountFen, 0);
		this.sql.payment.run(declarationId, channel, total, on, bookedOn, nextVoucherNo(this.db, office, Number(on.slice(0, 4))));
	}

	private unitDues(kind: PayerKind, u: DemoUnit, registrationId: number, items: string[], month: string): number[] {
		return items.map((item) => this.due(registrationId, 'regular', item, `${month}-01`, monthEnd(month), unitAmount(kind, item, u.payrollBaseFen)));
	}

	private unit(kind: 'enterprise' | 'institution', u: DemoUnit, index: number) {
		const { current, previous, beforePrevious } = this.months;
		const code = demoCreditCode(kind === 'enterprise' ? '9' : '1', kind === 'enterprise' ? '1' : '2', u.region, u.serial8);
		const payerId = this.payer(kind, u.name, code, u.office, u.address);
		if (u.story === 'unregistered') return;
		const pension = kind === 'enterprise' ? 'E_PENSION' : 'I_PENSION';
		const socialItems = [pension, 'UNEMPLOYMENT', 'INJURY'];
		const social = this.registration('social', code, u.name, socialItems, {
			payerId: u.story === 'unlinked' ? null : payerId
		});
		const medical = this.registration('medical', code, u.name, ['MEDICAL'], { payerId });
		// Last month's dues were paid; this month's are open.
		const paidSocial = this.unitDues(kind, u, social, socialItems, previous);
		const paidMedical = this.unitDues(kind, u, medical, ['MEDICAL'], previous);
		const paidOn = `${previous}-15`;
		const channel: PaymentChannel = kind === 'institution' ? 'pending_account' : index % 2 ? 'agreement' : 'pos';
		this.paid(
			payerId,
			u.office,
			channel,
			paidOn,
			paidOn,
			[...socialItems.map((item, i) => ({ item, dueId: paidSocial[i] })), { item: 'MEDICAL', dueId: paidMedical[0] }].map((l) => ({
				...l,
				from: `${previous}-01`,
				to: monthEnd(previous),
				amountFen: unitAmount(kind, l.item, u.payrollBaseFen)
			}))
		);
		this.unitDues(kind, u, social, socialItems, current);
		this.unitDues(kind, u, medical, ['MEDICAL'], current);
		if (u.agreement) {
			openAgreement(this.db, {
				payerId,
				agreementNo: `SFXY${u.region}${u.serial8}`,
				bankName: u.agreement.bankName,
				accountName: u.name,
				accountNo: u.agreement.accountNo,
				balanceFen: u.agreement.balanceFen,
				invalidReason: u.agreement.invalidReason
			});
		}
		if (u.pendingAccount) {
			const openRegularFen = [...socialItems, 'MEDICAL'].reduce((s, item) => s + unitAmount(kind, item, u.payrollBaseFen), 0);
			this.pendingTransfers(payerId, u, u.pendingAccount, openRegularFen);
		}

		if (u.story === 'back-payment') {
			const y = this.months.year - 2;
			this.due(social, 'historical', pension, `${y}-03-01`, `${y}-05-31`, 3 * unitAmount(kind, pension, u.payrollBaseFen));
			this.due(medical, 'policy', 'MEDICAL', `${y}-01-01`, `${y}-12-31`, 12 * 28_000);
		}
		if (u.story === 'project') {
			this.due(social, 'retirement', pension, `${beforePrevious}-01`, monthEnd(beforePrevious), 186_432);
			const project = this.registration('social', code, u.name, ['PROJECT_INJURY'], {
				payerId,
				scope: 'project',
				projectName: '示例小区二期住宅工程'
			});
			this.due(project, 'project_injury', 'PROJECT_INJURY', `${current}-01`, `${this.months.year + 1}-06-30`, 1_258_000);
		}
		if (u.story === 'annuity') {
			const annuity = this.registration('social', code, u.name, ['ANNUITY'], { payerId });
			const [lastMonths] = this.unitDues(kind, u, annuity, ['ANNUITY'], previous);
			this.unitDues(kind, u, annuity, ['ANNUITY'], current);
			this.annuityStatement(payerId, u, lastMonths, previous, unitAmount(kind, 'ANNUITY', u.payrollBaseFen));
		}
	}

	/**
	 * Last month's annuity notice, issued early that month, and what the custodian bank's statement
	 * shows for it: two transfers that add up to it, and two whose remarks break the guide's rule.
	 */
	private annuityStatement(payerId: number, u: DemoUnit, dueId: number, month: string, amountFen: number) {
		const noticeNo = '1877101';
		this.db
			.prepare('INSERT INTO annuity_notices (notice_no, payer_id, due_id, month, amount_fen, issued_on) VALUES (?, ?, ?, ?, ?, ?)')
			.run(noticeNo, payerId, dueId, month, amountFen, `${month}-03`);
		const fullWidth = [...noticeNo].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
		const first = Math.floor(amountFen / 2 / 100) * 100;
		const transfers = [
			{ day: '10', amountFen: first, remark: noticeNo },
			{ day: '12', amountFen: amountFen - first, remark: noticeNo },
			{ day: '14', amountFen: 120_000, remark: fullWidth },
			{ day: '15', amountFen: 8_000, remark: '八月职业年金' }
		];
		transfers.forEach((t, i) =>
			receiveCustodianTransfer(this.db, {
				transferId: `TG${month.replace('-', '')}${t.day}${u.serial8.slice(-4)}${i + 1}`,
				payerAccount: `14070000${u.serial8}`,
				payerName: u.name,
				amountFen: t.amountFen,
				date: `${month}-${t.day}`,
				remark: t.remark
			})
		);
	}

	/** Same-day transfers into the 待报解社会保险费专户 that pay this month's regular dues exactly. */
	private pendingTransfers(payerId: number, u: DemoUnit, plan: NonNullable<DemoUnit['pendingAccount']>, dueFen: number) {
		const day = this.today.replaceAll('-', '');
		const fiscalFen = Math.floor((dueFen * plan.fiscalShareBp) / 10_000 / 100) * 100;
		const transfers: { amountFen: number; fundSource: 'fiscal' | 'own' }[] = [
			{ amountFen: fiscalFen, fundSource: 'fiscal' },
			{ amountFen: dueFen - fiscalFen, fundSource: 'own' }
		];
		if (plan.unrelatedFen) transfers.push({ amountFen: plan.unrelatedFen, fundSource: 'own' });
		transfers.forEach((t, i) =>
			receivePendingTransfer(this.db, {
				payerId,
				arrivedOn: this.today,
				amountFen: t.amountFen,
				fundSource: t.fundSource,
				// 国库集中支付凭证 and 银行付款回单 numbers: region, day, unit serial, sequence.
				proofNo: `${t.fundSource === 'fiscal' ? 'GK' : 'HD'}${u.region}${day}${u.serial8.slice(-4)}${i + 1}`,
				remitterName: u.name,
				remitterAccountNo: `${t.fundSource === 'fiscal' ? '1405' : '1406'}0000${u.serial8}`
			})
		);
	}

	/** `n` working days before today (calendar days where the year has no holiday data: demo data only), not before this year. */
	private workingDaysAgo(n: number): string {
		let day: string;
		try {
			day = defaultCalendar().addWorkingDays(this.today, -n);
		} catch (e) {
			if (!(e instanceof CalendarDataMissingError)) throw e;
			day = addDays(this.today, -Math.ceil((n * 7) / 5));
		}
		const yearStart = `${this.months.year}-01-01`;
		return day < yearStart ? yearStart : day;
	}

	/** Booking follows payment by 3 working days here; null while that is still to come. */
	private bookedAfter(paidOn: string): string | null {
		let day: string;
		try {
			day = defaultCalendar().addWorkingDays(paidOn, 3);
		} catch (e) {
			if (!(e instanceof CalendarDataMissingError)) throw e;
			day = addDays(paidOn, 5);
		}
		return day <= this.today ? day : null;
	}

	private resident(r: DemoResident, index: number) {
		const { year } = this.months;
		const id = r.idNumber;
		const office = TAX_OFFICES[index % TAX_OFFICES.length].code;
		const payerId = this.payer('resident', r.name, id, office, r.address);
		if (!r.items) return;
		const agencyName = r.agencyName ?? r.name;
		// The system links by itself only where identifier and name both agree; otherwise 关联确认 waits at the window.
		const opts = { payerId: agencyName === r.name ? payerId : null, pendingChange: r.pendingChange };
		const socialItems = r.items.filter((i) => i !== 'R_MEDICAL');
		const social = this.registration('social', id, agencyName, socialItems, opts);
		const medical = r.items.includes('R_MEDICAL') ? this.registration('medical', id, agencyName, ['R_MEDICAL'], opts) : null;
		if (r.pensionTier) {
			const amountFen = yearlyAmount(year, 'R_PENSION', year, r.pensionTier);
			const line = { dueId: null, item: 'R_PENSION', from: `${year}-01-01`, to: `${year}-12-31`, tier: r.pensionTier, amountFen };
			if (r.story === 'tier-300') {
				const paidOn = this.workingDaysAgo(8);
				this.paid(payerId, office, 'pos', paidOn, this.bookedAfter(paidOn), [line]);
			} else {
				const paidOn = this.notAfterToday(`${year}-0${(index % 9) + 1}-1${index % 10}`);
				this.paid(payerId, office, index % 3 ? 'online' : 'pos', paidOn, paidOn, [line]);
			}
		}
		if (r.medicalNextYearPaid && medical) {
			// Paid in the last days: not yet booked (入库销号 takes 3 to 5 working days).
			const paidOn = this.notAfterToday(`${this.months.current}-${String(2 + (index % 27)).padStart(2, '0')}`);
			this.paid(payerId, office, 'pos', paidOn, index % 2 === 0 ? paidOn : null, [
				{ dueId: null, item: 'R_MEDICAL', from: `${year + 1}-01-01`, to: `${year + 1}-12-31`, amountFen: yearlyAmount(year, 'R_MEDICAL', year + 1) }
			]);
		}
		if (r.backPayment) {
			this.due(social, 'historical', 'R_PENSION', `${year - 2}-01-01`, `${year - 2}-12-31`, yearlyAmount(year, 'R_PENSION', year - 2, 2));
		}
		if (r.specialGroup && medical) {
			this.due(medical, 'special', 'R_MEDICAL', `${year}-01-01`, `${year}-12-31`, yearlyAmount(year, 'R_MEDICAL', year));
		}
	}

	/** A collector's resident: registered for the village's items, some paid this year's pension or next year's medical, booked. */
	private villager(r: DemoResident, index: number) {
		const { year } = this.months;
		const office = TAX_OFFICES[index % TAX_OFFICES.length].code;
		const payerId = this.payer('resident', r.name, r.idNumber, office, r.address);
		const items = r.items ?? [];
		this.registration(
			'social',
			r.idNumber,
			r.name,
			items.filter((i) => i !== 'R_MEDICAL'),
			{ payerId }
		);
		this.registration('medical', r.idNumber, r.name, ['R_MEDICAL'], { payerId });
		const paidOn = this.notAfterToday(`${year}-${String(1 + (index % 9)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`);
		const yearLine = (item: ResidentItem, y: number, tier?: number) => ({
			dueId: null,
			item,
			from: `${y}-01-01`,
			to: `${y}-12-31`,
			tier,
			amountFen: yearlyAmount(year, item, y, tier)
		});
		if (r.pensionTier) this.paid(payerId, office, index % 3 ? 'online' : 'pos', paidOn, paidOn, [yearLine('R_PENSION', year, r.pensionTier)]);
		if (r.medicalNextYearPaid) this.paid(payerId, office, 'online', paidOn, paidOn, [yearLine('R_MEDICAL', year + 1)]);
	}

	private flexible(f: DemoFlexible) {
		const { previous, current } = this.months;
		const id = f.idNumber;
		const office = TAX_OFFICES[0].code;
		const payerId = this.payer('flexible', f.name, id, office, f.address);
		const social = this.registration('social', id, f.name, ['E_PENSION'], { payerId });
		const medical = this.registration('medical', id, f.name, ['MEDICAL'], { payerId });
		const amount = (item: string) => unitAmount('flexible', item, f.baseFen);
		for (const month of [previous, current]) {
			const dues = [
				{ item: 'E_PENSION', dueId: this.due(social, 'regular', 'E_PENSION', `${month}-01`, monthEnd(month), amount('E_PENSION')) },
				{ item: 'MEDICAL', dueId: this.due(medical, 'regular', 'MEDICAL', `${month}-01`, monthEnd(month), amount('MEDICAL')) }
			];
			if (month === previous && f.previousMonthPaid) {
				const paidOn = `${previous}-20`;
				this.paid(
					payerId,
					office,
					'pos',
					paidOn,
					paidOn,
					dues.map((d) => ({ ...d, from: `${month}-01`, to: monthEnd(month), amountFen: amount(d.item) }))
				);
			}
		}
	}
}

/** Monthly amount on a contribution base: unit plus personal share, rounded half up to the fen. */
export function unitAmount(kind: PayerKind, item: string, baseFen: number): number {
	const rate = RATES.find((r) => r.item === item && r.kind === kind);
	if (!rate) throw new Error(`no demo rate for ${item} of ${kind}`);
	return Math.floor((baseFen * (rate.unitBp + rate.personalBp) + 5_000) / 10_000);
}

function yearlyAmount(catalogueYear: number, item: string, year: number, tier = 0): number {
	const a = YEARLY_AMOUNTS(catalogueYear).find((a) => a.item === item && a.year === year && a.tier === tier);
	if (!a) throw new Error(`no demo amount for ${item} ${year} tier ${tier}`);
	return a.amountFen;
}
