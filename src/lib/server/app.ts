import { createRuntime, type Runtime } from './runtime';

// The one runtime of this server process, created by the `init` hook before any request.
let runtime: Runtime | null = null;

export async function startApp(): Promise<Runtime> {
	runtime ??= await createRuntime();
	return runtime;
}

export function app(): Runtime {
	if (!runtime) throw new Error('the server runtime is not started');
	return runtime;
}
