import { createRuntime, type Runtime } from './runtime';
import { StartRefusedError } from './production';
import { ConfigError } from './config';

/** Builds the runtime for the `init` hook; a refused start or a bad setting ends the process with its message. */
export async function startApp(): Promise<Runtime> {
	try {
		return await createRuntime();
	} catch (e) {
		// A refused start is an answer for whoever started the server, not a crash to debug.
		if (!(e instanceof StartRefusedError || e instanceof ConfigError)) throw e;
		console.error(e.message);
		process.exit(1);
	}
}
