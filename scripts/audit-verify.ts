// npm run audit:verify [-- --db FILE]: see src/lib/server/admin/journal-commands.ts.
import { auditVerifyCommand, JournalCommandError } from '../src/lib/server/admin/journal-commands';
import { readConfig } from '../src/lib/server/config';

try {
	console.log(auditVerifyCommand(process.argv.slice(2), { dbPath: readConfig().terminalDbPath }));
} catch (e) {
	if (!(e instanceof JournalCommandError)) throw e;
	console.error(e.message);
	process.exitCode = 1;
}
