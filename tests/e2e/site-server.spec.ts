import type { Page } from '@playwright/test';
import { OWNER, expect, test } from './site';

/** Loads the app until its service worker controls the page, as on a second visit. */
async function controlledByServiceWorker(page: Page): Promise<void> {
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect(async () => {
		await page.reload();
		expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
	}).toPass();
}

test('the server sends its security headers and never lets /api be cached', async ({ page }) => {
	const app = await page.goto('/users');
	const headers = app?.headers() ?? {};
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('no-referrer');
	const api = await page.request.get('/api/session');
	expect(api.status()).toBe(200);
	expect(api.headers()['cache-control']).toContain('no-store');
});

test('the service worker never answers for /api: a navigation there reaches the server and its session check', async ({
	page,
	browser,
	site
}) => {
	await controlledByServiceWorker(page);
	const signedIn = await page.goto('/api/session');
	expect(signedIn?.status()).toBe(200);
	expect(await signedIn?.text()).toContain(OWNER.email);

	// A stranger's browser with the same app installed: the API answers 401, not the app shell.
	const stranger = await browser.newContext({ baseURL: site.url });
	const page2 = await stranger.newPage();
	await controlledByServiceWorker(page2);
	const refused = await page2.goto('/api/changes?since=0');
	expect(refused?.status()).toBe(401);
	expect(await refused?.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
	await stranger.close();
});
