import type { Database } from 'better-sqlite3';

/** A numbered SQL migration; kept as a module so it ships inside the server bundle. */
export interface Migration {
	version: number;
	name: string;
	sql: string;
	/** A migration that rebuilds a table others refer to runs with foreign keys off and checks them before it commits. */
	foreignKeysOff?: true;
	/** What SQL alone cannot do (a hash chain over existing rows), run after `sql` in the same transaction. */
	then?: (db: Database) => void;
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
		// The pragma is ignored inside a transaction, so it is switched around it.
		const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
		if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
		try {
			db.transaction(() => {
				db.exec(m.sql);
				m.then?.(db);
				const broken = m.foreignKeysOff ? (db.pragma('foreign_key_check') as unknown[]) : [];
				if (broken.length > 0) throw new Error(`migration ${m.name} leaves ${broken.length} broken references`);
				db.pragma(`user_version = ${m.version}`);
			})();
		} finally {
			if (m.foreignKeysOff && enforced) db.pragma('foreign_keys = ON');
		}
		applied.push(m.version);
	}
	return applied;
}
