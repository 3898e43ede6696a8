// npm run clerk -- <command> …: see src/lib/server/admin/clerk-command.ts.
import { clerkCommand, ClerkCommandError } from '../src/lib/server/admin/clerk-command';
import { readConfig } from '../src/lib/server/config';

try {
	const config = readConfig();
	console.log(
		await clerkCommand(process.argv.slice(2), {
			dbPath: config.terminalDbPath,
			newPassword: process.env.SIFEE_NEW_PASSWORD,
			now: new Date().toISOString()
		})
	);
} catch (e) {
	if (!(e instanceof ClerkCommandError)) throw e;
	console.error(e.message);
	process.exitCode = 1;
}
