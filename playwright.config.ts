import { defineConfig } from '@playwright/test';
import { PORT, PORT_26TH, PORT_SHIFT } from './tests/e2e/servers';

// End-to-end tests drive Debian's Chromium against the built server (Playwright cannot download
// browsers here). The server runs in test mode on its own database files with a fixed date.

function serverOn(port: number, today: string, dir: string) {
	return {
		command: `rm -rf data/${dir} && bash scripts/start.sh`,
		url: `http://127.0.0.1:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			SIFEE_MODE: 'test',
			SIFEE_TODAY: today,
			SIFEE_DB: `data/${dir}/terminal.db`,
			SIFEE_UPSTREAM_DB: `data/${dir}/upstream-sim.db`,
			SIFEE_FORM_OUTPUT_DIR: `data/${dir}/forms`,
			// Short enough that a silent POS is noticed within a test.
			SIFEE_POS_TIMEOUT_MS: '2500',
			SIFEE_POS_QUERY_TIMEOUT_MS: '1500',
			SIFEE_PRINTER_POLL_MS: '500',
			// One kiosk with simulated devices of its own (tests/e2e/kiosk.spec.ts).
			SIFEE_KIOSK_KEYS: 'K01:e2e-kiosk-key-not-secret-01',
			SIFEE_KIOSK_K01_PRINTER_POLL_MS: '500'
		}
	};
}

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 30_000,
	workers: 1,
	// One retry: a test that fails twice fails the run; one that passes on the retry is listed as flaky in the report.
	retries: 1,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
		}
	},
	// The 20th of the month (inside the 1st–25th window), the 26th (outside it), and the 20th again for the shift close.
	webServer: [serverOn(PORT, '2026-11-20', 'e2e'), serverOn(PORT_26TH, '2026-11-26', 'e2e-26th'), serverOn(PORT_SHIFT, '2026-11-20', 'e2e-shift')]
});
