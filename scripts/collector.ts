// npm run collector -- <command> …: see src/lib/server/admin/collector-command.ts.
import { collectorCommand, CollectorCommandError } from '../src/lib/server/admin/collector-command';
import { ConfigError, readConfig } from '../src/lib/server/config';
import { systemClock } from '../src/lib/server/clock';

try {
	const config = readConfig();
	console.log(await collectorCommand(process.argv.slice(2), { config, clock: systemClock(config.fixedToday) }));
} catch (e) {
	if (!(e instanceof CollectorCommandError || e instanceof ConfigError)) throw e;
	console.error(e.message);
	process.exitCode = 1;
}
