import type { Db } from '../db/open-database';
import { clerksRepo, type ClerkRole } from '../db/clerks-repo';
import { windowsRepo } from '../db/windows-repo';
import { hashPassword } from '../auth/password';

/** The demo hall's staff; the README lists them. Fictional people, demo passwords. */
export const DEMO_CLERKS: { login: string; displayName: string; role: ClerkRole; password: string }[] = [
	{ login: 'clerk01', displayName: '李晓红（演示）', role: 'clerk', password: 'demo1234' },
	{ login: 'clerk02', displayName: '王建军（演示）', role: 'clerk', password: 'demo1234' },
	{ login: 'super01', displayName: '赵敏（演示值班长）', role: 'supervisor', password: 'super1234' }
];

export const HALL_WINDOWS = [1, 2, 3, 4, 5, 6].map((n) => ({ windowNo: n, label: `${n}号窗口`, kind: 'counter' as const }));
export const KIOSK_WINDOW = { windowNo: 90, label: '大厅自助终端', kind: 'kiosk' as const };

/** Windows are part of every hall; demo clerks only in demo and test mode. */
export async function seedTerminal(db: Db, at: string, withDemoClerks: boolean): Promise<void> {
	const windows = windowsRepo(db);
	if (windows.counters().length === 0) {
		db.transaction(() => [...HALL_WINDOWS, KIOSK_WINDOW].forEach((w) => windows.insert(w)))();
	}
	const clerks = clerksRepo(db);
	if (!withDemoClerks || clerks.count() > 0) return;
	const hashed = await Promise.all(DEMO_CLERKS.map(async (c) => ({ ...c, passwordHash: await hashPassword(c.password) })));
	db.transaction(() => hashed.forEach((c) => clerks.insert(c, at)))();
}
