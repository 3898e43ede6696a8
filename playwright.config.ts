import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium against the built server (Playwright cannot download
// browsers here). The server runs in test mode on its own database files with a fixed date.
const PORT = 4173;

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 30_000,
	workers: 1,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
		}
	},
	webServer: {
		command: 'rm -rf data/e2e && node build',
		url: `http://127.0.0.1:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${PORT}`,
			SIFEE_MODE: 'test',
			SIFEE_TODAY: '2026-11-20',
			SIFEE_DB: 'data/e2e/terminal.db',
			SIFEE_UPSTREAM_DB: 'data/e2e/upstream-sim.db'
		}
	}
});
