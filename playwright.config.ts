import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tests/e2e/browser';

// Overridable so several runs can share a machine without sharing a server or output folder.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: process.env.E2E_OUTPUT ?? 'test-results',
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: 0,
	workers: 2,
	reporter: process.env.CI ? [['list']] : [['list']],
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'retain-on-failure',
		acceptDownloads: true
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS }
			}
		}
	],
	webServer: {
		// The production build and the real server, as `npm start` runs them, on an empty embedded
		// database. Each test then gets a site of its own from the same app (tests/e2e/site.ts).
		command: `npm run build && DATA_DIR="$(mktemp -d)" PORT=${PORT} LOG_LEVEL=warn npx tsx server/main.ts`,
		port: PORT,
		reuseExistingServer: !process.env.CI,
		timeout: 180_000
	}
});
