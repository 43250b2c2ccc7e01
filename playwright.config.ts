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
		// The production build, as an admin gets it (service worker and CSP included).
		command: `npm run build && npx sirv build --single --etag --port ${PORT} --quiet`,
		port: PORT,
		reuseExistingServer: !process.env.CI,
		timeout: 180_000
	}
});
