// npm run restore -- FILE: see src/lib/server/admin/journal-commands.ts.
import { JournalCommandError, restoreCommand } from '../src/lib/server/admin/journal-commands';
import { readConfig } from '../src/lib/server/config';

try {
	console.log(await restoreCommand(process.argv.slice(2), { dbPath: readConfig().terminalDbPath, now: new Date() }));
} catch (e) {
	if (!(e instanceof JournalCommandError)) throw e;
	console.error(e.message);
	process.exitCode = 1;
}
