// npm run collector -- <command> …: see src/lib/server/admin/collector-command.ts.
import { collectorCommand, CollectorCommandError, type ListChecking } from '../src/lib/server/admin/collector-command';
import { ConfigError, readConfig } from '../src/lib/server/config';
import { systemClock } from '../src/lib/server/clock';

// Task L's list reading and row checker (branch issue10-lists), by module path: loaded only when a list is checked.
const LIST_FILE_MODULE = '../src/lib/server/collectors/list-file';
const DOMAIN_MODULE = '../src/lib/domain';

async function listChecking(): Promise<ListChecking> {
	const [files, domain] = await Promise.all([import(LIST_FILE_MODULE), import(DOMAIN_MODULE)]);
	return { readListFile: files.readListFile, checkListRows: domain.checkListRows, normalizeResidentId: domain.normalizeResidentId };
}

try {
	const config = readConfig();
	console.log(await collectorCommand(process.argv.slice(2), { config, clock: systemClock(config.fixedToday), lists: listChecking }));
} catch (e) {
	if (!(e instanceof CollectorCommandError || e instanceof ConfigError)) throw e;
	console.error(e.message);
	process.exitCode = 1;
}
