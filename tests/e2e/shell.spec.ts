import { chromium } from '@playwright/test';
import { expect, test } from './site';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from './browser';
import { watchConsole } from './console-watch';
import { AppShell, NAV_LINKS } from './pages/app-shell';

const ROUTES = ['/', '/users', '/users/new', '/users/1001', '/cards', '/import', '/settings'];

test('the shell shows the four navigation links and each leads to its screen', async ({ page }) => {
	const shell = new AppShell(page);
	await shell.open('/users');
	for (const name of NAV_LINKS) await expect(shell.link(name)).toBeVisible();

	await shell.link('Cards').click();
	await expect(page).toHaveURL(/\/cards$/);
	await expect(shell.link('Cards')).toHaveAttribute('aria-current', 'page');
	await shell.link('Import users').click();
	await expect(page).toHaveURL(/\/import$/);
	await shell.link('Settings').click();
	await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
});

test('no route logs an error or violates the Content-Security-Policy', async ({ page }) => {
	const problems = watchConsole(page);
	for (const route of ROUTES) {
		await page.goto(route);
		await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
		await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
	}
	expect(problems).toEqual([]);
});

test('the built pages carry a strict Content-Security-Policy', async ({ request }) => {
	const html = await (await request.get('/')).text();
	const csp = /http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
	expect(csp).toContain("object-src 'none'");
	expect(csp).toContain("base-uri 'self'");
	expect(csp).toContain("worker-src 'self'");
	expect(csp).toContain("connect-src 'self'");
	expect(csp).toMatch(/script-src 'self' 'sha256-/);
	expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
});

test('every route opens offline after one online visit', async ({ context, page }) => {
	await page.goto('/users');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	// The first load is not controlled yet; reload until the service worker controls the page.
	await expect(async () => {
		await page.reload();
		expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
	}).toPass();

	await context.setOffline(true);
	for (const route of ['/', '/users', '/import', '/cards', '/settings']) {
		await page.goto(route);
		await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
	}
});

test('Chromium finds the app installable', async ({ baseURL }) => {
	// Incognito pages are never installable, so this needs a persistent profile.
	const profile = mkdtempSync(join(tmpdir(), 'roster-install-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath(),
		args: CHROMIUM_ARGS
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`${baseURL}/users`);
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		const cdp = await context.newCDPSession(page);
		await expect(async () => {
			const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
				installabilityErrors: { errorId: string }[];
			};
			expect(installabilityErrors).toEqual([]);
		}).toPass();
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});
