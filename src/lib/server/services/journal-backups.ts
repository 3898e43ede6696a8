import { basename } from 'node:path';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { AuditRepo } from '../db/audit-repo';
import type { SignedInClerk } from '../auth/auth-service';
import { backupJournal, listBackups, type BackupResult } from '../db/journal-backups';

// The journal's backups as the supervisor (on demand) and the day close take them; each is audited.

export interface JournalBackupDeps {
	journal: Db;
	/** SIFEE_BACKUP_DIR and SIFEE_BACKUP_KEEP. */
	backup: { dir: string; keep: number };
	clock: Clock;
	repos: { audit: Pick<AuditRepo, 'record'> };
}

export const BACKUP_ACTION = 'journal-backed-up';

export const BACKUP_SERVICE_TEXT = {
	taken: (name: string, removed: number) => `已备份日志：${name}` + (removed > 0 ? `（按保留份数删除了 ${removed} 份较早的备份）` : ''),
	failed: (reason: string) => `日志备份失败：${reason}。请检查备份目录的磁盘空间和权限后重试。`
} as const;

/** `on-demand`: a supervisor's button; `day-close`: the hall's day close (by whoever closes it). */
export type BackupOccasion = 'on-demand' | 'day-close';

/** Takes a backup now and writes it to the audit trail with who asked and what was pruned. */
export async function takeJournalBackup(deps: JournalBackupDeps, by: SignedInClerk | null, occasion: BackupOccasion): Promise<BackupResult> {
	const r = await backupJournal(deps.journal, deps.backup.dir, deps.backup.keep, deps.clock.now());
	deps.repos.audit.record(deps.clock.now().toISOString(), {
		clerkId: by?.clerkId ?? null,
		windowNo: by?.windowNo ?? null,
		action: BACKUP_ACTION,
		subject: basename(r.file),
		detail: { occasion, dir: deps.backup.dir, keep: deps.backup.keep, removed: r.removed }
	});
	return r;
}

/** The backups on disk, newest first. */
export function journalBackups(deps: Pick<JournalBackupDeps, 'backup'>): string[] {
	return listBackups(deps.backup.dir).reverse();
}
