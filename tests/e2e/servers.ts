// The test servers (playwright.config.ts starts them): inside and outside the 1st–25th window, and
// one for the shift close. `SIFEE_E2E_PORT` moves them all (the first and the next ports), so the suite can run beside another
// copy of the terminal.

function firstPort(value: string | undefined): number {
	if (value === undefined || value === '') return 4173;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 1024 || port > 65534) throw new Error(`SIFEE_E2E_PORT must be a port from 1024 to 65534, not “${value}”`);
	return port;
}

export const PORT = firstPort(process.env.SIFEE_E2E_PORT);
export const PORT_26TH = PORT + 1;
export const ON_THE_26TH = `http://127.0.0.1:${PORT_26TH}`;
/** A terminal of its own for the shift's story, whose Z must hold only its own payments. */
export const PORT_SHIFT = PORT + 2;
export const SHIFT_SERVER = `http://127.0.0.1:${PORT_SHIFT}`;
