// Issue 7 item 8: the SQLite files were created 0644, so payer data and password hashes were
// readable by any local user. The folder the server creates is 0700, every file 0600.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempRuntime } from './temp-runtime';
import { openDatabase } from '../../src/lib/server/db/open-database';
import { journalMigrations } from '../../src/lib/server/db/migrations';

const mode = (path: string) => statSync(path).mode & 0o777;

describe("the journal and the simulator files are for the server's user alone", () => {
	const root = mkdtempSync(join(tmpdir(), 'sifee-private-'));
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	it('creates data/ 0700 and the database with its -wal and -shm files 0600', async () => {
		const rt = await tempRuntime({ SIFEE_DB: join(root, 'data', 'terminal.db'), SIFEE_UPSTREAM_DB: join(root, 'data', 'upstream-sim.db') });
		try {
			expect(mode(join(root, 'data'))).toBe(0o700);
			for (const db of ['terminal.db', 'upstream-sim.db']) {
				for (const file of [db, `${db}-wal`, `${db}-shm`]) expect(mode(join(root, 'data', file)), file).toBe(0o600);
			}
		} finally {
			await rt.dispose();
		}
	});

	it('tightens a file an older version left 0644', () => {
		const path = join(root, 'old', 'terminal.db');
		openDatabase(path, journalMigrations).close();
		chmodSync(path, 0o644);
		writeFileSync(`${path}-wal`, '', { mode: 0o644 });
		const db = openDatabase(path, journalMigrations);
		try {
			expect(mode(path)).toBe(0o600);
			expect(mode(`${path}-wal`)).toBe(0o600);
		} finally {
			db.close();
		}
	});
});
