import { openDatabase } from '../db/open-database';
import { journalMigrations } from '../db/migrations';
import { clerksRepo, type ClerkRole } from '../db/clerks-repo';
import { authSessionsRepo } from '../db/auth-sessions-repo';
import { auditRepo } from '../db/audit-repo';
import { seedTerminal } from '../demo/seed-terminal';
import { hashPassword } from '../auth/password';
import { AUTH_TEXT } from '../auth/auth-service';

// The hall's IT staff create the first supervisor and clerks of a production terminal, reset a
// password, lift a lock or remove someone (e.g. the demo clerks of a former demo journal), from
// the shell: `npm run clerk -- <command> …`.

export const CLERK_USAGE = `用法：
  npm run clerk -- add <工号> <姓名> <clerk|supervisor>   新建人员（密码取自环境变量 SIFEE_NEW_PASSWORD）
  npm run clerk -- password <工号>                         重设密码（同上），并结束其全部登录
  npm run clerk -- unlock <工号>                           解除锁定
  npm run clerk -- remove <工号>                           移除人员（停用工号，结束其全部登录；历史记录保留）
  npm run clerk -- list                                    列出人员`;

const MIN_PASSWORD = 8;

export class ClerkCommandError extends Error {}

export async function clerkCommand(args: string[], env: { dbPath: string; newPassword?: string; now: string }): Promise<string> {
	const db = openDatabase(env.dbPath, journalMigrations);
	try {
		await seedTerminal(db, env.now, false);
		const clerks = clerksRepo(db);
		const sessions = authSessionsRepo(db);
		const audit = auditRepo(db);
		const audited = (c: { login: string }, action: string, detail: Record<string, unknown> = {}) =>
			audit.record(env.now, { clerkId: null, windowNo: null, action, subject: c.login, detail: { by: 'npm run clerk', ...detail } });
		// A change to someone's credentials ends their live sign-ins in the same transaction, and
		// goes to the audit log with the number ended.
		const changeAndSignOut = (c: { id: number; login: string }, action: string, change: () => void) =>
			db.transaction(() => {
				change();
				const ended = sessions.endAllOf(c.id, env.now);
				audited(c, action, { sessionsEnded: ended });
				return ended;
			})();
		const [command, login, name, role] = args;
		const password = async () => {
			const p = env.newPassword ?? '';
			if (p.length < MIN_PASSWORD) throw new ClerkCommandError(`请在环境变量 SIFEE_NEW_PASSWORD 中给出至少${MIN_PASSWORD}位的密码`);
			return hashPassword(p);
		};
		const existing = () => {
			const c = login ? clerks.byLogin(login) : null;
			if (!c) throw new ClerkCommandError(AUTH_TEXT.noSuchClerk(login ?? ''));
			return c;
		};
		switch (command) {
			case 'add': {
				if (!login || !name || (role !== 'clerk' && role !== 'supervisor')) throw new ClerkCommandError(CLERK_USAGE);
				if (clerks.byLogin(login)) throw new ClerkCommandError(`工号“${login}”已存在`);
				const hash = await password();
				db.transaction(() => {
					clerks.insert({ login, displayName: name, role: role as ClerkRole, passwordHash: hash }, env.now);
					audited({ login }, 'clerk-added', { role, displayName: name });
				})();
				return `已新建${role === 'supervisor' ? '值班长' : '窗口人员'} ${login}（${name}）`;
			}
			case 'password': {
				const c = existing();
				const hash = await password();
				// Whoever signed in with the old password is signed out.
				const ended = changeAndSignOut(c, 'password-reset', () => clerks.setPassword(c.id, hash));
				return `已重设 ${c.login} 的密码，并解除锁定；已结束其 ${ended} 个登录`;
			}
			case 'unlock': {
				const c = existing();
				db.transaction(() => {
					clerks.clearFailures(c.id);
					audited(c, 'account-unlocked', { failedAttempts: c.failedAttempts, lockedUntil: c.lockedUntil });
				})();
				return AUTH_TEXT.unlocked(c.login);
			}
			case 'remove': {
				const c = existing();
				if (!c.active) return `${c.login} 已于此前移除`;
				const ended = changeAndSignOut(c, 'clerk-removed', () => clerks.deactivate(c.id));
				return `已移除 ${c.login}（${c.displayName}），已结束其 ${ended} 个登录`;
			}
			case 'list':
				return (
					clerks
						.all()
						.map((c) => `${c.login}\t${c.displayName}\t${c.role}${c.active ? '' : '\t已移除'}${c.lockedUntil ? '\t锁定至 ' + c.lockedUntil : ''}`)
						.join('\n') || '（无人员）'
				);
			default:
				throw new ClerkCommandError(CLERK_USAGE);
		}
	} finally {
		db.close();
	}
}
