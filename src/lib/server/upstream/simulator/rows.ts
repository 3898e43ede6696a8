import type { Db } from '../../db/open-database';
import type { AgencyRegistration, AssessedDue, DeclarationRecord, FeeItemRef, Payer, PaymentRecord, YearlyAmount } from '../../../domain/payer';
import type { Declaration } from '../types';

// Row shapes and their mapping into domain records; SQL stays in the simulator.

const PAYER_SELECT = `
	SELECT p.id, p.kind, p.name, coalesce(p.credit_code, p.id_number) AS identifier, p.address,
	       p.registered_on AS registeredOn, t.code AS officeCode, t.name AS officeName, t.treasury
	FROM payers p JOIN tax_offices t ON t.code = p.tax_office`;

interface PayerRow {
	id: number;
	kind: Payer['kind'];
	name: string;
	identifier: string;
	address: string;
	registeredOn: string;
	officeCode: string;
	officeName: string;
	treasury: string;
}

function toPayer(r: PayerRow): Payer {
	return {
		id: r.id,
		kind: r.kind,
		name: r.name,
		identifier: r.identifier,
		address: r.address,
		registeredOn: r.registeredOn,
		taxOffice: { code: r.officeCode, name: r.officeName, treasury: r.treasury }
	};
}

/** Prepared once per database: look-ups run on every search at the window. */
export function upstreamQueries(db: Db) {
	const byCreditCode = db.prepare<[string], PayerRow>(`${PAYER_SELECT} WHERE p.credit_code = ?`);
	const byIdNumber = db.prepare<[string], PayerRow>(`${PAYER_SELECT} WHERE p.id_number = ?`);
	const byId = db.prepare<[number], PayerRow>(`${PAYER_SELECT} WHERE p.id = ?`);
	// Exact name first, then names that start with the text, then shorter names.
	const byName = db.prepare<{ name: string; pattern: string; limit: number }, PayerRow>(
		`${PAYER_SELECT} WHERE p.name LIKE :pattern ESCAPE '\\'
		 ORDER BY p.name = :name DESC, instr(p.name, :name), length(p.name), p.id LIMIT :limit`
	);
	const REGISTRATION_SELECT = `
		SELECT r.id, r.agency, r.agency_no AS agencyNo, r.payer_identifier AS payerIdentifier,
		       r.payer_name AS payerName, r.scope, r.project_name AS projectName, r.status,
		       r.received_on AS receivedOn, r.pending_change AS pendingChange, l.method, l.linked_on AS linkedOn, l.linked_by AS linkedBy,
		       (SELECT json_group_array(json_object('code', f.code, 'name', f.name))
		          FROM agency_registration_items i JOIN fee_items f ON f.code = i.item_code
		         WHERE i.registration_id = r.id) AS items
		FROM agency_registrations r LEFT JOIN registration_links l ON l.registration_id = r.id`;
	const registrations = db.prepare<[string], Record<string, unknown>>(`${REGISTRATION_SELECT} WHERE r.payer_identifier = ? ORDER BY r.agency, r.id`);
	const registrationById = db.prepare<[number], Record<string, unknown>>(`${REGISTRATION_SELECT} WHERE r.id = ?`);
	const DUE_SELECT = `
		SELECT d.id, d.due_no AS dueNo, d.registration_id AS registrationId, d.due_kind AS kind,
		       d.item_code AS itemCode, f.name AS itemName, d.period_from AS periodFrom,
		       d.period_to AS periodTo, d.amount_fen AS amountFen, d.assessed_on AS assessedOn,
		       max(coalesce((SELECT max(CASE dc.status WHEN 'paid' THEN 2 WHEN 'declared' THEN 1 ELSE 0 END)
		                   FROM declaration_lines dl JOIN declarations dc ON dc.id = dl.declaration_id
		                  WHERE dl.due_id = d.id), 0),
		           -- An annuity due is declared by its notice (征缴通知登记) and paid by its arrival confirmation (回款销号).
		           coalesce((SELECT CASE WHEN an.settled_on IS NULL THEN 1 ELSE 2 END FROM annuity_notices an WHERE an.due_id = d.id), 0)) AS settled
		FROM assessed_dues d
		JOIN fee_items f ON f.code = d.item_code`;
	const dues = db.prepare<[number], Record<string, unknown>>(`${DUE_SELECT}
		JOIN registration_links l ON l.registration_id = d.registration_id
		WHERE l.payer_id = ? ORDER BY settled = 2, d.period_from, d.item_code, d.id`);
	const dueById = db.prepare<[number], Record<string, unknown>>(`${DUE_SELECT} WHERE d.id = ?`);
	const DECLARATION_SELECT = `
		SELECT dc.id, dc.payer_id AS payerId, dc.declaration_no AS declarationNo, dc.declared_on AS declaredOn, dc.status,
		       (SELECT json_group_array(json_object('dueId', dl.due_id, 'code', dl.item_code, 'name', f.name,
		                 'periodFrom', dl.period_from, 'periodTo', dl.period_to, 'tier', dl.tier,
		                 'amountFen', dl.amount_fen))
		          FROM declaration_lines dl JOIN fee_items f ON f.code = dl.item_code
		         WHERE dl.declaration_id = dc.id) AS lines
		FROM declarations dc`;
	const declarations = db.prepare<[number], Record<string, unknown>>(`${DECLARATION_SELECT} WHERE dc.payer_id = ? ORDER BY dc.declared_on DESC, dc.id DESC`);
	const declarationByNo = db.prepare<[string], Record<string, unknown>>(`${DECLARATION_SELECT} WHERE dc.declaration_no = ?`);
	const PAYMENT_SELECT = `
		SELECT pm.id, dc.declaration_no AS declarationNo, pm.channel, pm.amount_fen AS amountFen,
		       pm.paid_on AS paidOn, pm.booked_on AS bookedOn, pm.voucher_no AS voucherNo
		FROM payments pm JOIN declarations dc ON dc.id = pm.declaration_id`;
	const payments = db.prepare<[number], PaymentRecord>(`${PAYMENT_SELECT} WHERE dc.payer_id = ? ORDER BY pm.paid_on DESC, pm.id DESC`);
	const paymentById = db.prepare<[number], PaymentRecord>(`${PAYMENT_SELECT} WHERE pm.id = ?`);
	const paymentByKey = db.prepare<[string], PaymentRecord>(`${PAYMENT_SELECT} WHERE pm.idempotency_key = ?`);

	// A regular yearly line (no due behind it) of the payer's declarations in one state, for an item and year.
	const yearlyLine = db.prepare<[number, string, string, string], { tier: number | null; amountFen: number; declarationNo: string }>(`
		SELECT dl.tier, dl.amount_fen AS amountFen, dc.declaration_no AS declarationNo
		FROM declaration_lines dl JOIN declarations dc ON dc.id = dl.declaration_id
		WHERE dc.payer_id = ? AND dl.item_code = ? AND dl.period_from = ? AND dc.status = ? AND dl.due_id IS NULL
		ORDER BY dc.declared_on DESC, dc.id DESC LIMIT 1`);

	const feeItem = db.prepare<[string], { code: string; name: string }>('SELECT code, name FROM fee_items WHERE code = ?');

	const yearly = db.prepare<[number], { code: string; name: string; year: number; tier: number; amountFen: number }>(`
		SELECT f.code, f.name, y.year, y.tier, y.amount_fen AS amountFen
		FROM yearly_amounts y JOIN fee_items f ON f.code = y.item_code
		WHERE y.year = ? ORDER BY f.code, y.tier`);

	return {
		yearlyAmounts: (year: number): YearlyAmount[] =>
			yearly.all(year).map((r) => ({ item: { code: r.code, name: r.name }, year: r.year, tier: r.tier, amountFen: r.amountFen })),
		feeItem: (code: string): FeeItemRef | null => feeItem.get(code) ?? null,
		payerByCreditCode: (code: string) => mapOne(byCreditCode.get(code)),
		payerByIdNumber: (id: string) => mapOne(byIdNumber.get(id)),
		payerById: (id: number) => mapOne(byId.get(id)),
		payersByName(name: string, limit: number): Payer[] {
			const escaped = name.replace(/[\\%_]/g, (c) => `\\${c}`);
			return byName.all({ name, pattern: `%${escaped}%`, limit }).map(toPayer);
		},
		registrationsFor: (identifier: string): AgencyRegistration[] => registrations.all(identifier).map(toRegistration),
		registrationById(id: number): AgencyRegistration | null {
			const r = registrationById.get(id);
			return r ? toRegistration(r) : null;
		},
		duesOf: (payerId: number): AssessedDue[] => dues.all(payerId).map(toDue),
		dueById(id: number): AssessedDue | null {
			const r = dueById.get(id);
			return r ? toDue(r) : null;
		},
		declarationsOf: (payerId: number): DeclarationRecord[] =>
			declarations.all(payerId).map((r) => {
				const { payerId: _, ...record } = toDeclaration(r);
				return record;
			}),
		declarationByNo(no: string): Declaration | null {
			const r = declarationByNo.get(no);
			return r ? toDeclaration(r) : null;
		},
		/** The latest regular (not assessed) line of this item starting `periodFrom` in a declaration of the payer in `status`. */
		yearlyLine: (payerId: number, itemCode: string, periodFrom: string, status: 'declared' | 'paid') =>
			yearlyLine.get(payerId, itemCode, periodFrom, status) ?? null,
		paymentsOf: (payerId: number) => payments.all(payerId),
		paymentById: (id: number) => paymentById.get(id) ?? null,
		paymentByKey: (key: string) => paymentByKey.get(key) ?? null
	};
}

function mapOne(row: PayerRow | undefined): Payer | null {
	return row ? toPayer(row) : null;
}

function toRegistration(r: Record<string, unknown>): AgencyRegistration {
	return {
		id: r.id as number,
		agency: r.agency as AgencyRegistration['agency'],
		agencyNo: r.agencyNo as string,
		payerIdentifier: r.payerIdentifier as string,
		payerName: r.payerName as string,
		scope: r.scope as AgencyRegistration['scope'],
		projectName: r.projectName as string | null,
		status: r.status as AgencyRegistration['status'],
		receivedOn: r.receivedOn as string,
		items: JSON.parse(r.items as string),
		link: r.method
			? {
					method: r.method as NonNullable<AgencyRegistration['link']>['method'],
					linkedOn: r.linkedOn as string,
					linkedBy: r.linkedBy as string | null
				}
			: null,
		pendingChange: r.pendingChange as AgencyRegistration['pendingChange']
	};
}

const DUE_STATES = ['open', 'declared', 'paid'] as const;

function toDue(r: Record<string, unknown>): AssessedDue {
	return {
		id: r.id as number,
		dueNo: r.dueNo as string,
		registrationId: r.registrationId as number,
		kind: r.kind as AssessedDue['kind'],
		item: { code: r.itemCode as string, name: r.itemName as string },
		periodFrom: r.periodFrom as string,
		periodTo: r.periodTo as string,
		amountFen: r.amountFen as number,
		assessedOn: r.assessedOn as string,
		state: DUE_STATES[r.settled as number]
	};
}

function toDeclaration(r: Record<string, unknown>): Declaration {
	const lines = (JSON.parse(r.lines as string) as Record<string, unknown>[]).map((l) => ({
		dueId: l.dueId as number | null,
		item: { code: l.code as string, name: l.name as string },
		periodFrom: l.periodFrom as string,
		periodTo: l.periodTo as string,
		tier: l.tier as number | null,
		amountFen: l.amountFen as number
	}));
	return {
		id: r.id as number,
		payerId: r.payerId as number,
		declarationNo: r.declarationNo as string,
		declaredOn: r.declaredOn as string,
		status: r.status as DeclarationRecord['status'],
		lines,
		totalFen: lines.reduce((sum, l) => sum + l.amountFen, 0)
	};
}
