import type { Database } from 'better-sqlite3';

/** A numbered SQL migration; kept as a module so it ships inside the server bundle. */
export interface Migration {
	version: number;
	name: string;
	sql: string;
}

/** Applies every migration newer than the file's `user_version`, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[]): number[] {
	const ordered = [...migrations].sort((a, b) => a.version - b.version);
	ordered.forEach((m, i) => {
		if (m.version !== i + 1) throw new Error(`migration ${m.name} must be number ${i + 1}, is ${m.version}`);
	});
	const current = db.pragma('user_version', { simple: true }) as number;
	const applied: number[] = [];
	for (const m of ordered.filter((m) => m.version > current)) {
		db.transaction(() => {
			db.exec(m.sql);
			db.pragma(`user_version = ${m.version}`);
		})();
		applied.push(m.version);
	}
	return applied;
}
