// The two test servers (playwright.config.ts starts them): inside and outside the 1st–25th window.
// `SIFEE_E2E_PORT` moves both (the first and the next port), so the suite can run beside another
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
