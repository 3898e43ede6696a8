import { afterEach, describe, expect, it, vi } from 'vitest';

// The end-to-end servers listen on SIFEE_E2E_PORT and the next port (4173 and 4174 by default),
// so the suite can run beside another copy of the terminal.

async function ports() {
	vi.resetModules();
	const { PORT, PORT_26TH, ON_THE_26TH } = await import('../e2e/servers');
	return { PORT, PORT_26TH, ON_THE_26TH };
}

describe('e2e ports come from the environment', () => {
	afterEach(() => vi.unstubAllEnvs());

	it('are 4173 and the next one by default', async () => {
		vi.stubEnv('SIFEE_E2E_PORT', '');
		expect(await ports()).toEqual({ PORT: 4173, PORT_26TH: 4174, ON_THE_26TH: 'http://127.0.0.1:4174' });
	});

	it('are SIFEE_E2E_PORT and the next one when it is set', async () => {
		vi.stubEnv('SIFEE_E2E_PORT', '4400');
		expect(await ports()).toEqual({ PORT: 4400, PORT_26TH: 4401, ON_THE_26TH: 'http://127.0.0.1:4401' });
	});

	it('refuse a value that is not a usable port', async () => {
		for (const bad of ['abc', '80', '65535', '4400.5']) {
			vi.stubEnv('SIFEE_E2E_PORT', bad);
			await expect(ports()).rejects.toThrow('SIFEE_E2E_PORT');
		}
	});
});
