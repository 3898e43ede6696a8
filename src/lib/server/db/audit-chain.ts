import type { Db } from './open-database';
import { canonicalDigest } from '../canonical-digest';

/**
 * The audit trail's hash chain: each row's hash is SHA-256 over the canonical JSON (sorted keys)
 * of its own fields and the hash of the row before it, so a row changed, removed or put in
 * between behind SQLite's back breaks the chain at that row or the next.
 */

/** The `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_CHAIN_TEXT = {
	appendOnly: '审计记录只能追加，不能修改或删除',
	verified: (rows: number) => `审计链完整：已核验 ${rows} 行。`,
	broken: (id: number, reason: string, verified: number) => `审计链在第 ${id} 行断开：${reason}（此前 ${verified} 行核验无误）。`,
	prevMismatch: '该行记下的前一行哈希与实际前一行不符（其前的记录被删除、插入或改动）',
	hashMismatch: '该行内容与其哈希不符（记录被改动）',
	unreadable: '该行的 JSON 内容无法读取（记录被改动）'
} as const;

/** An audit row as stored: JSON columns as their text. */
export interface StoredAuditRow {
	id: number;
	at: string;
	clerkId: number | null;
	windowNo: number | null;
	kioskId: string | null;
	action: string;
	subject: string | null;
	detail: string | null;
	before: string | null;
	after: string | null;
	prevHash: string | null;
	hash: string | null;
}

export const STORED_AUDIT_COLUMNS = `id, at, clerk_id AS clerkId, window_no AS windowNo, kiosk_id AS kioskId, action, subject, detail,
	before_json AS before, after_json AS after, prev_hash AS prevHash, hash`;

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** The row's hash; the JSON columns count by their values, not by how their text was spaced or ordered. */
export function auditRowHash(r: Omit<StoredAuditRow, 'hash'>): string {
	return canonicalDigest({
		id: r.id,
		at: r.at,
		clerkId: r.clerkId,
		windowNo: r.windowNo,
		kioskId: r.kioskId,
		action: r.action,
		subject: r.subject,
		detail: json(r.detail),
		before: json(r.before),
		after: json(r.after),
		prevHash: r.prevHash
	});
}

export type ChainCheck = { ok: true; rows: number; lastHash: string } | { ok: false; rows: number; brokenId: number; reason: string; message: string };

/** Walks rows in id order; stops at the first row whose link or hash is wrong. `rows` counts the rows found sound. */
export function verifyAuditChain(rows: Iterable<StoredAuditRow>): ChainCheck {
	let prev = GENESIS_HASH;
	let verified = 0;
	for (const row of rows) {
		let reason: string | null = null;
		if (row.prevHash !== prev) reason = AUDIT_CHAIN_TEXT.prevMismatch;
		else {
			try {
				if (auditRowHash(row) !== row.hash) reason = AUDIT_CHAIN_TEXT.hashMismatch;
			} catch {
				reason = AUDIT_CHAIN_TEXT.unreadable;
			}
		}
		if (reason) return { ok: false, rows: verified, brokenId: row.id, reason, message: AUDIT_CHAIN_TEXT.broken(row.id, reason, verified) };
		prev = row.hash!;
		verified++;
	}
	return { ok: true, rows: verified, lastHash: prev };
}

/** The chain of a journal, read row by row (a year's trail is not held in memory at once). */
export function verifyJournalChain(db: Db): ChainCheck {
	return verifyAuditChain(db.prepare<[], StoredAuditRow>(`SELECT ${STORED_AUDIT_COLUMNS} FROM audit_log ORDER BY id`).iterate());
}
