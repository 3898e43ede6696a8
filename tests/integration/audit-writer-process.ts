// Another process appending to the same journal's audit trail (the clerk command while the
// server runs): `node --import tsx tests/integration/audit-writer-process.ts <journal> <rows> <name> <start ms>`,
// writing from the given instant on so that several such processes write at the same time.
import { openDatabase } from '../../src/lib/server/db/open-database';
import { journalMigrations } from '../../src/lib/server/db/migrations';
import { auditRepo } from '../../src/lib/server/db/audit-repo';

const [path, rows, name, start] = process.argv.slice(2);
const db = openDatabase(path, journalMigrations);
const audit = auditRepo(db);
await new Promise((r) => setTimeout(r, Math.max(0, Number(start) - Date.now())));
for (let i = 0; i < Number(rows); i++) {
	audit.record(new Date().toISOString(), { clerkId: null, windowNo: null, action: 'test-print', subject: `${name}-${i}` });
	// As a server writes: a row now and then, the lock free in between.
	await new Promise((r) => setTimeout(r, 1));
}
db.close();
