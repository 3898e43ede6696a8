import Database from 'better-sqlite3';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Db } from './open-database';
import { verifyJournalChain, type ChainCheck } from './audit-chain';
import { CST_OFFSET_MS } from '../../views/local-time';

// Backups of the journal (issue 13, item 4): an online copy by SQLite's backup API, which reads
// a consistent snapshot while the windows go on writing, into a dated private file; and the
// restore of one, refused unless the file is sound and its audit chain verifies.

export const BACKUP_TEXT = {
	notFound: (file: string) => `找不到备份文件：${file}`,
	notSqlite: (file: string, reason: string) => `无法打开备份文件 ${file}：${reason}（文件不是完整的日志数据库）`,
	integrity: (file: string, problem: string) => `备份文件 ${file} 未通过完整性检查（PRAGMA integrity_check）：${problem}`,
	chain: (file: string, message: string) => `备份文件 ${file} 的审计链未通过核验：${message}`,
	noChain: (file: string) => `${file} 中的日志没有审计链（由早于审计链的版本写成），无法核验。`,
	sameFile: '备份文件就是当前日志本身，无需恢复。',
	inUse: (target: string) => `日志 ${target} 仍被其他进程打开（服务器可能正在运行）：请先停止服务器，再恢复。`,
	restored: (file: string, target: string, rows: number, kept: string | null) =>
		`已从 ${file} 恢复日志 ${target}（审计链 ${rows} 行核验无误）。` + (kept ? `原日志保留为 ${kept}。` : '')
} as const;

/** A backup or restore refused, with the reason in Chinese. */
export class JournalFileError extends Error {
	readonly code = 'JOURNAL_FILE_REFUSED';
}

/** `YYYYMMDD-HHmmss` in the hall's time (UTC+8). */
export function hallStamp(now: Date): string {
	return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

const BACKUP_NAME = /^journal-(\d{8}-\d{6})(?:-(\d+))?\.db$/;

/** The dated backups in `dir`, oldest first (two taken in one second are numbered). */
export function listBackups(dir: string): string[] {
	if (!existsSync(dir)) return [];
	const order = (name: string) => {
		const m = BACKUP_NAME.exec(name)!;
		return [m[1], Number(m[2] ?? 0)] as const;
	};
	return readdirSync(dir)
		.filter((name) => BACKUP_NAME.test(name))
		.sort((a, b) => {
			const [sa, na] = order(a);
			const [sb, nb] = order(b);
			return sa === sb ? na - nb : sa < sb ? -1 : 1;
		});
}

export interface BackupResult {
	file: string;
	/** Older backups removed to keep the last `keep`. */
	removed: string[];
}

/**
 * Copies the live journal into `dir/journal-YYYYMMDD-HHmmss.db` (mode 600, the folder 700) and
 * keeps only the last `keep` backups. The copy is written under a temporary name and renamed
 * when whole, so a cut backup never counts as one.
 */
export async function backupJournal(db: Db, dir: string, keep: number, now: Date): Promise<BackupResult> {
	if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a whole number ≥ 1, got ${keep}`);
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	const stamp = hallStamp(now);
	let name = `journal-${stamp}.db`;
	for (let n = 2; existsSync(join(dir, name)); n++) name = `journal-${stamp}-${n}.db`;
	const file = join(dir, name);
	const part = `${file}.part`;
	// Created private before SQLite writes a page into it.
	closeSync(openSync(part, 'w', 0o600));
	try {
		await db.backup(part);
		chmodSync(part, 0o600);
		renameSync(part, file);
	} catch (e) {
		rmSync(part, { force: true });
		throw e;
	}
	const all = listBackups(dir);
	const removed = all.slice(0, Math.max(0, all.length - keep));
	for (const old of removed) rmSync(join(dir, old));
	return { file, removed };
}

/** Opens a journal file without changing it: no migration, no journal mode switched. */
export function openJournalReadOnly(file: string): Db {
	if (!existsSync(file)) throw new JournalFileError(BACKUP_TEXT.notFound(file));
	try {
		const db = new Database(file, { readonly: true, fileMustExist: true });
		db.pragma('schema_version');
		return db;
	} catch (e) {
		throw new JournalFileError(BACKUP_TEXT.notSqlite(file, (e as Error).message));
	}
}

/** The audit chain of a journal opened from `file`; a journal from before the chain existed cannot be vouched for. */
export function chainOfFile(db: Db, file: string): ChainCheck {
	const columns = db.pragma('table_info(audit_log)') as { name: string }[];
	if (!columns.some((c) => c.name === 'hash')) throw new JournalFileError(BACKUP_TEXT.noChain(file));
	return verifyJournalChain(db);
}

/** Whether a journal file is whole (SQLite's integrity check) and its audit chain verifies; throws the reason otherwise. */
export function checkJournalFile(file: string): Extract<ChainCheck, { ok: true }> {
	const db = openJournalReadOnly(file);
	try {
		let problems: string[];
		try {
			problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
		} catch (e) {
			problems = [(e as Error).message];
		}
		if (problems.join() !== 'ok') throw new JournalFileError(BACKUP_TEXT.integrity(file, problems.slice(0, 3).join('；')));
		const chain = chainOfFile(db, file);
		if (!chain.ok) throw new JournalFileError(BACKUP_TEXT.chain(file, chain.message));
		return chain;
	} finally {
		db.close();
	}
}

/**
 * Whether another process holds the journal open: SQLite removes a journal's -wal file when its
 * last connection closes, so one still there after this open and close belongs to someone else.
 */
function heldOpenElsewhere(target: string): boolean {
	if (!existsSync(target)) return false;
	new Database(target).close();
	return existsSync(`${target}-wal`);
}

/**
 * Replaces the journal at `target` with the backup `file` once it is checked. The copy is made
 * next to the journal and renamed over it (a cut copy never stands as the journal); the journal
 * replaced is kept as `<target>.before-restore-<time>`. The server must be stopped first.
 */
export async function restoreJournal(file: string, target: string, now: Date): Promise<{ rows: number; kept: string | null; message: string }> {
	if (resolve(file) === resolve(target)) throw new JournalFileError(BACKUP_TEXT.sameFile);
	const chain = checkJournalFile(file);
	if (heldOpenElsewhere(target)) throw new JournalFileError(BACKUP_TEXT.inUse(target));
	mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
	const temp = `${target}.restoring`;
	rmSync(temp, { force: true });
	closeSync(openSync(temp, 'w', 0o600));
	// Through SQLite, not a byte copy: pages still in the backup's own -wal come along.
	const source = openJournalReadOnly(file);
	try {
		await source.backup(temp);
	} finally {
		source.close();
	}
	chmodSync(temp, 0o600);
	const kept = existsSync(target) ? `${target}.before-restore-${hallStamp(now)}` : null;
	if (kept) {
		copyFileSync(target, kept);
		chmodSync(kept, 0o600);
	}
	// A closed journal's shared-memory index describes the old file, not the new one.
	rmSync(`${target}-shm`, { force: true });
	renameSync(temp, target);
	return { rows: chain.rows, kept, message: BACKUP_TEXT.restored(file, target, chain.rows, kept) };
}
