import type { Db } from '../../db/open-database';
import type { Agency, AgencyRegistration, DueKind } from '../../../domain/payer';
import type { AgencyPushes, AgencyRecordRef } from '../feed';
import type { UpstreamOperation } from '../operations';
import type { AgencyFeed, CancellationRequest } from '../types';
import type { CallRunner } from './calls';
import type { Queries } from './ledger';
import { refuse, requireDate, requireFen, requireText } from './requests';
import { TEXT } from './texts';

const AGENCIES: readonly Agency[] = ['social', 'medical'];
const DUE_KINDS: readonly DueKind[] = ['regular', 'historical', 'retirement', 'policy', 'project_injury', 'special'];

/** Identifiers compare as the agencies and tax both keep them: upper case, no spaces. */
const normalise = (identifier: string) => identifier.replace(/\s+/g, '').toUpperCase();

export function simulatedAgencyFeed(db: Db, q: Queries, run: CallRunner): AgencyFeed & AgencyPushes {
	const byAgencyNo = db.prepare<[string, string], { id: number }>('SELECT id FROM agency_registrations WHERE agency = ? AND agency_no = ?');
	const linkedPayer = db.prepare<[number], { payer_id: number }>('SELECT payer_id FROM registration_links WHERE registration_id = ?');
	const insertLink = db.prepare<[number, number, string, string, string | null]>(
		'INSERT INTO registration_links (registration_id, payer_id, method, linked_on, linked_by) VALUES (?, ?, ?, ?, ?)'
	);
	const insertEvent = db.prepare<[number, string, string, string]>(
		'INSERT INTO registration_events (registration_id, kind, on_date, details) VALUES (?, ?, ?, ?)'
	);
	const itemExists = db.prepare<[string], { code: string }>('SELECT code FROM fee_items WHERE code = ?');
	const insertItem = db.prepare<[number, string]>('INSERT INTO agency_registration_items (registration_id, item_code) VALUES (?, ?)');
	const payerByIdentifier = db.prepare<[string, string], { id: number; name: string }>('SELECT id, name FROM payers WHERE credit_code = ? OR id_number = ?');
	// Occupational annuity records follow the unit's public-institution pension record.
	const annuityRecordsOf = db.prepare<[string], { id: number }>(`
		SELECT r.id FROM agency_registrations r
		WHERE r.agency = 'social' AND r.payer_identifier = ? AND r.scope = 'regular' AND r.status = 'active'
		  AND EXISTS (SELECT 1 FROM agency_registration_items i WHERE i.registration_id = r.id AND i.item_code = 'ANNUITY')
		  AND NOT EXISTS (SELECT 1 FROM agency_registration_items i WHERE i.registration_id = r.id AND i.item_code <> 'ANNUITY')`);
	const pendingRequest = db.prepare<[number], { request_no: string }>(
		`SELECT request_no FROM cancellation_requests WHERE registration_id = ? AND status = 'requested'`
	);
	const requestByNo = db.prepare<[string], Record<string, unknown>>(`
		SELECT request_no AS requestNo, registration_id AS registrationId, payer_id AS payerId,
		       requested_on AS requestedOn, status FROM cancellation_requests WHERE request_no = ?`);

	function recordOf(op: UpstreamOperation, ref: AgencyRecordRef): AgencyRegistration {
		if (!AGENCIES.includes(ref.agency)) refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('经办机构应为社保或医保'));
		const row = byAgencyNo.get(ref.agency, requireText(op, '经办机构编号', ref.agencyNo));
		if (!row) return refuse(op, 'REGISTRATION_NOT_FOUND', TEXT.registrationNotFound);
		return q.registrationById(row.id)!;
	}

	function requireActive(op: UpstreamOperation, r: AgencyRegistration) {
		if (r.status !== 'active') refuse(op, 'REGISTRATION_CLOSED', TEXT.registrationClosed(r.status), { status: r.status });
	}

	function requireItems(op: UpstreamOperation, items: unknown): string[] {
		if (!Array.isArray(items) || items.length === 0) refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('至少登记一个征收品目'));
		for (const item of items) if (!itemExists.get(item)) refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest(`未知征收品目${item}`));
		return [...new Set(items as string[])];
	}

	const event = (registrationId: number, kind: string, on: string, details: object = {}) => insertEvent.run(registrationId, kind, on, JSON.stringify(details));

	function link(r: AgencyRegistration, payerId: number, method: string, on: string, by: string | null) {
		insertLink.run(r.id, payerId, method, on, by);
		event(r.id, 'linked', on, { payerId, method, by });
		if (r.items.some((i) => i.code === 'I_PENSION')) {
			for (const a of annuityRecordsOf.all(r.payerIdentifier)) {
				if (linkedPayer.get(a.id)) continue;
				insertLink.run(a.id, payerId, method, on, by);
				event(a.id, 'linked', on, { payerId, method, by, followed: r.id });
			}
		}
	}

	function close(r: AgencyRegistration, status: 'cancelled' | 'transferred', on: string) {
		db.prepare('UPDATE agency_registrations SET status = ?, pending_change = NULL WHERE id = ?').run(status, r.id);
		db.prepare(`UPDATE cancellation_requests SET status = 'completed' WHERE registration_id = ? AND status = 'requested'`).run(r.id);
		event(r.id, status, on);
	}

	return {
		registrationsFor: (payer) => run.read('agencyFeed.registrationsFor', () => q.registrationsFor(payer.identifier)),
		assessedDuesOf: (payer) => run.read('agencyFeed.assessedDuesOf', () => q.duesOf(payer.id)),
		registration: (id) => run.read('agencyFeed.registration', () => q.registrationById(id)),

		linkRegistration({ key, ...request }) {
			const op = 'agencyFeed.linkRegistration';
			return run.write(op, key, request, () => {
				const today = requireDate(op, '关联日期', request.today);
				const clerk = requireText(op, '办理人员', request.clerk);
				const r = q.registrationById(request.registrationId);
				if (!r) return refuse(op, 'REGISTRATION_NOT_FOUND', TEXT.registrationNotFound);
				const payer = q.payerById(request.payerId);
				if (!payer) return refuse(op, 'PAYER_NOT_FOUND', TEXT.payerNotFound(request.payerId));
				requireActive(op, r);
				const linked = linkedPayer.get(r.id);
				if (linked?.payer_id === payer.id) refuse(op, 'ALREADY_LINKED', TEXT.alreadyLinked);
				if (linked) refuse(op, 'LINKED_TO_OTHER_PAYER', TEXT.linkedToOther(q.payerById(linked.payer_id)!.name), { payerId: linked.payer_id });
				if (normalise(r.payerIdentifier) !== normalise(payer.identifier)) {
					refuse(op, 'IDENTIFIER_MISMATCH', TEXT.identifierMismatch(r.payerIdentifier, payer.identifier));
				}
				if (request.method === 'project' && r.scope !== 'project') refuse(op, 'LINK_METHOD_MISMATCH', TEXT.projectLinkOnlyForProject);
				if (request.method !== 'project' && r.scope === 'project') refuse(op, 'LINK_METHOD_MISMATCH', TEXT.projectNeedsProjectLink);
				if (request.method !== 'manual' && request.method !== 'project') refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('关联方式应为人工或工程项目'));
				link(r, payer.id, request.method, today, clerk);
				return q.registrationById(r.id)!;
			});
		},

		receiveRegistration({ key, ...request }) {
			const op = 'agencyFeed.receiveRegistration';
			return run.write(op, key, request, () => {
				if (!AGENCIES.includes(request.agency)) refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('经办机构应为社保或医保'));
				const agencyNo = requireText(op, '经办机构编号', request.agencyNo);
				const identifier = normalise(requireText(op, '证件号码', request.payerIdentifier));
				const name = requireText(op, '缴费人名称', request.payerName);
				const receivedOn = requireDate(op, '接收日期', request.receivedOn);
				const items = requireItems(op, request.items);
				const scope = request.scope ?? 'regular';
				if (scope !== 'regular' && scope !== 'project') refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('参保方式应为常规或工程项目'));
				if (byAgencyNo.get(request.agency, agencyNo)) refuse(op, 'REGISTRATION_EXISTS', TEXT.registrationExists(request.agency, agencyNo));
				const id = Number(
					db
						.prepare(
							`INSERT INTO agency_registrations (agency, agency_no, payer_identifier, payer_name, scope, project_name, status, received_on)
							 VALUES (?, ?, ?, ?, ?, ?, 'active', ?)`
						)
						.run(request.agency, agencyNo, identifier, name, scope, request.projectName ?? null, receivedOn).lastInsertRowid
				);
				for (const item of items) insertItem.run(id, item);
				event(id, 'received', receivedOn);
				// The system links by itself when the tax registration has the same identifier and name;
				// project records are always linked at the window.
				const payer = payerByIdentifier.get(identifier, identifier);
				if (payer && payer.name === name && scope === 'regular') link(q.registrationById(id)!, payer.id, 'automatic', receivedOn, null);
				return q.registrationById(id)!;
			});
		},

		receivePendingChange({ key, ...request }) {
			const op = 'agencyFeed.receivePendingChange';
			return run.write(op, key, request, () => {
				const receivedOn = requireDate(op, '接收日期', request.receivedOn);
				if (request.kind !== 'change' && request.kind !== 'transfer') refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('办理中的业务应为变更或转移'));
				const r = recordOf(op, request);
				requireActive(op, r);
				db.prepare('UPDATE agency_registrations SET pending_change = ? WHERE id = ?').run(request.kind, r.id);
				event(r.id, 'change_pending', receivedOn, { kind: request.kind });
				return q.registrationById(r.id)!;
			});
		},

		receiveChange({ key, ...request }) {
			const op = 'agencyFeed.receiveChange';
			return run.write(op, key, request, () => {
				const receivedOn = requireDate(op, '接收日期', request.receivedOn);
				const r = recordOf(op, request);
				requireActive(op, r);
				// The change the agency had started is done with this push.
				db.prepare('UPDATE agency_registrations SET pending_change = NULL WHERE id = ?').run(r.id);
				const changes: Record<string, unknown> = {};
				if (request.payerName !== undefined) {
					changes.payerName = requireText(op, '缴费人名称', request.payerName);
					db.prepare('UPDATE agency_registrations SET payer_name = ? WHERE id = ?').run(changes.payerName, r.id);
				}
				if (request.projectName !== undefined) {
					changes.projectName = request.projectName;
					db.prepare('UPDATE agency_registrations SET project_name = ? WHERE id = ?').run(request.projectName, r.id);
				}
				if (request.items !== undefined) {
					changes.items = requireItems(op, request.items);
					db.prepare('DELETE FROM agency_registration_items WHERE registration_id = ?').run(r.id);
					for (const item of changes.items as string[]) insertItem.run(r.id, item);
				}
				event(r.id, 'changed', receivedOn, changes);
				return q.registrationById(r.id)!;
			});
		},

		receiveCancellation({ key, ...request }) {
			const op = 'agencyFeed.receiveCancellation';
			return run.write(op, key, request, () => {
				const receivedOn = requireDate(op, '接收日期', request.receivedOn);
				if (request.status !== 'cancelled' && request.status !== 'transferred') {
					refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('状态应为注销或转移'));
				}
				const r = recordOf(op, request);
				requireActive(op, r);
				close(r, request.status, receivedOn);
				if (r.items.some((i) => i.code === 'I_PENSION')) {
					for (const a of annuityRecordsOf.all(r.payerIdentifier)) close(q.registrationById(a.id)!, request.status, receivedOn);
				}
				return q.registrationById(r.id)!;
			});
		},

		receiveAssessedDue({ key, ...request }) {
			const op = 'agencyFeed.receiveAssessedDue';
			return run.write(op, key, request, () => {
				const r = recordOf(op, request);
				requireActive(op, r);
				if (!DUE_KINDS.includes(request.kind)) refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('未知的缴费类型'));
				const item = r.items.find((i) => i.code === request.itemCode);
				if (!item) return refuse(op, 'ITEM_NOT_REGISTERED', TEXT.itemNotRegistered(String(request.itemCode)));
				const from = requireDate(op, '费款所属期起', request.periodFrom);
				const to = requireDate(op, '费款所属期止', request.periodTo);
				if (from > to) refuse(op, 'INVALID_REQUEST', TEXT.invalidRequest('费款所属期起不能晚于止'));
				const amountFen = requireFen(op, '核定金额', request.amountFen);
				const assessedOn = requireDate(op, '核定日期', request.assessedOn);
				const prefix = `ZJ${assessedOn.slice(0, 4)}`;
				const last = db
					.prepare<[string], { n: number | null }>(`SELECT max(CAST(substr(due_no, 7) AS INTEGER)) AS n FROM assessed_dues WHERE due_no LIKE ? || '%'`)
					.get(prefix)!.n;
				const dueNo = prefix + String((last ?? 0) + 1).padStart(8, '0');
				const id = db
					.prepare(
						`INSERT INTO assessed_dues (due_no, registration_id, due_kind, item_code, period_from, period_to, amount_fen, assessed_on)
						 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
					)
					.run(dueNo, r.id, request.kind, item.code, from, to, amountFen, assessedOn).lastInsertRowid;
				return q.dueById(Number(id))!;
			});
		},

		requestCancellation({ key, ...request }) {
			const op = 'agencyFeed.requestCancellation';
			return run.write(op, key, request, (): CancellationRequest => {
				const today = requireDate(op, '申请日期', request.today);
				const payer = q.payerById(request.payerId);
				if (!payer) return refuse(op, 'PAYER_NOT_FOUND', TEXT.payerNotFound(request.payerId));
				const r = q.registrationById(request.registrationId);
				if (!r) return refuse(op, 'REGISTRATION_NOT_FOUND', TEXT.registrationNotFound);
				if (linkedPayer.get(r.id)?.payer_id !== payer.id) refuse(op, 'NOT_LINKED', TEXT.notLinked);
				requireActive(op, r);
				const open = pendingRequest.get(r.id);
				if (open) return toRequest(requestByNo.get(open.request_no)!);
				// 需先结清经办机构已核定未缴纳的社会保险费: a regular record needs every regular record of that
				// agency settled (occupational annuity included); a project record its own dues.
				const scopeIds = new Set(
					r.scope === 'project'
						? [r.id]
						: q
								.registrationsFor(payer.identifier)
								.filter((x) => x.agency === r.agency && x.scope === 'regular' && linkedPayer.get(x.id)?.payer_id === payer.id)
								.map((x) => x.id)
				);
				const unpaid = q.duesOf(payer.id).filter((d) => scopeIds.has(d.registrationId) && d.state !== 'paid');
				if (unpaid.length > 0) {
					const total = unpaid.reduce((s, d) => s + d.amountFen, 0);
					refuse(op, 'UNPAID_DUES', TEXT.unpaidDues(unpaid.length, total), {
						totalFen: total,
						dues: unpaid.map((d) => ({
							dueNo: d.dueNo,
							item: d.item.name,
							periodFrom: d.periodFrom,
							periodTo: d.periodTo,
							amountFen: d.amountFen,
							state: d.state
						}))
					});
				}
				const prefix = `ZX${today.replaceAll('-', '')}`;
				const n = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM cancellation_requests WHERE request_no LIKE ? || '%'`).get(prefix)!.n + 1;
				const requestNo = prefix + String(n).padStart(4, '0');
				db.prepare(`INSERT INTO cancellation_requests (request_no, registration_id, payer_id, requested_on, status) VALUES (?, ?, ?, ?, 'requested')`).run(
					requestNo,
					r.id,
					payer.id,
					today
				);
				event(r.id, 'cancellation_requested', today, { requestNo });
				return toRequest(requestByNo.get(requestNo)!);
			});
		}
	};
}

function toRequest(r: Record<string, unknown>): CancellationRequest {
	return {
		requestNo: r.requestNo as string,
		registrationId: r.registrationId as number,
		payerId: r.payerId as number,
		requestedOn: r.requestedOn as string,
		status: r.status as CancellationRequest['status']
	};
}
