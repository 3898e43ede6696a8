import { chainOfFile, JournalFileError, openJournalReadOnly, restoreJournal } from '../db/journal-backups';

// The hall's IT staff check the audit trail and restore a backup from the shell:
// `npm run audit:verify [-- --db FILE]` and `npm run restore -- FILE` (the server stopped).

export const JOURNAL_COMMAND_TEXT = {
	verifyUsage: '用法：npm run audit:verify [-- --db <日志文件>]（不写 --db 时核验服务器配置的日志 SIFEE_DB）',
	restoreUsage: '用法：npm run restore -- <备份文件>（恢复到服务器配置的日志 SIFEE_DB；请先停止服务器）',
	verified: (file: string, rows: number) => `${file}：审计链完整，已核验 ${rows} 行。`
} as const;

/** A command refused or a check failed: the message is for the shell, in Chinese. */
export class JournalCommandError extends Error {}

/** Walks the audit chain of the configured journal or of `--db FILE`; a break throws naming the first broken row. */
export function auditVerifyCommand(args: string[], env: { dbPath: string }): string {
	const at = args.indexOf('--db');
	if ((at >= 0 && !args[at + 1]) || args.length !== (at >= 0 ? 2 : 0)) throw new JournalCommandError(JOURNAL_COMMAND_TEXT.verifyUsage);
	const file = at >= 0 ? args[at + 1] : env.dbPath;
	try {
		const db = openJournalReadOnly(file);
		try {
			const check = chainOfFile(db, file);
			if (!check.ok) throw new JournalCommandError(`${file}：${check.message}`);
			return JOURNAL_COMMAND_TEXT.verified(file, check.rows);
		} finally {
			db.close();
		}
	} catch (e) {
		if (e instanceof JournalFileError) throw new JournalCommandError(e.message);
		throw e;
	}
}

/** Restores the backup named in `args` over the configured journal, once the file and its chain are checked. */
export async function restoreCommand(args: string[], env: { dbPath: string; now: Date }): Promise<string> {
	if (args.length !== 1 || args[0].startsWith('-')) throw new JournalCommandError(JOURNAL_COMMAND_TEXT.restoreUsage);
	try {
		return (await restoreJournal(args[0], env.dbPath, env.now)).message;
	} catch (e) {
		if (e instanceof JournalFileError) throw new JournalCommandError(e.message);
		throw e;
	}
}
