import { createRuntime, type Runtime } from './runtime';
import { StartRefusedError } from './production';

// The one runtime of this server process, created by the `init` hook before any request.
let runtime: Runtime | null = null;

export async function startApp(): Promise<Runtime> {
	try {
		runtime ??= await createRuntime();
	} catch (e) {
		// A refused start is an answer for whoever started the server, not a crash to debug.
		if (!(e instanceof StartRefusedError)) throw e;
		console.error(e.message);
		process.exit(1);
	}
	return runtime;
}

export function app(): Runtime {
	if (!runtime) throw new Error('the server runtime is not started');
	return runtime;
}
