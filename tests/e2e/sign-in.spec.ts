import type { Page } from '@playwright/test';
import { AppShell } from './pages/app-shell';
import { SignInScreen } from './pages/sign-in';
import { expect, OWNER, test } from './site';

const ENDED = 'Your session has ended — sign in again.';

/**
 * How many records of the site this browser holds: every store of its database but the
 * replica's own bookkeeping, 0 when there is no database. (Any tab or worker still running may
 * open the database again, empty, after sign-out deleted it: what must be gone is the site.)
 */
const siteRecordsHere = (page: Page) =>
	page.evaluate(async () => {
		if (!(await indexedDB.databases()).some((db) => db.name === 'roster')) return 0;
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('roster');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		const stores = Array.from(db.objectStoreNames).filter((name) => name !== 'replica');
		const counts = await Promise.all(
			stores.map(
				(store) =>
					new Promise<number>((resolve, reject) => {
						const request = db.transaction(store).objectStore(store).count();
						request.onsuccess = () => resolve(request.result);
						request.onerror = () => reject(new Error(String(request.error)));
					})
			)
		);
		db.close();
		return counts.reduce((sum, n) => sum + n, 0);
	});

test.describe('first start', () => {
	test.use({ siteSetUp: false });

	test('shows setup, and Create owner opens the app signed in', async ({ page }) => {
		const screen = new SignInScreen(page);
		await page.goto('/');
		await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
		await screen.createOwner('Ada Owner', 'ada@example.com', 'a long owner password');
		const shell = new AppShell(page);
		await expect(shell.navigation).toBeVisible();
		await expect(shell.signOutButton).toBeVisible();
		await page.reload();
		await expect(shell.navigation).toBeVisible();
		await expect(screen.createOwnerButton).toHaveCount(0);
	});
});

test('Sign out ends the session and deletes this browser’s copy of the site', async ({
	page,
	site
}) => {
	await site.seed([{ id: 'U1', name: 'Ana Park' }]);
	const shell = new AppShell(page);
	await shell.open('/users');
	await expect(page.getByRole('link', { name: 'Ana Park' })).toBeVisible();
	expect(await siteRecordsHere(page)).toBeGreaterThan(0);
	await shell.signOutButton.click();
	const screen = new SignInScreen(page);
	await expect(screen.signInButton).toBeVisible();
	await expect.poll(() => siteRecordsHere(page)).toBe(0);
	expect(await page.evaluate(() => localStorage.getItem('roster.admin'))).toBeNull();
	await page.goto('/users');
	await expect(screen.signInButton).toBeVisible();
	await expect(shell.navigation).toHaveCount(0);
	await screen.signIn(OWNER.email, OWNER.password);
	await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
});

test('a wrong password is told so, and nothing of the site opens', async ({ browser, site }) => {
	const context = await browser.newContext({ baseURL: site.url });
	const page = await context.newPage();
	const screen = new SignInScreen(page);
	await page.goto('/');
	await screen.signIn(OWNER.email, 'not the password');
	await expect(screen.alerts).toHaveText(
		'That email and password do not match an active admin of this site'
	);
	await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
	await context.close();
});

test('a signed-out browser gets 401 from every /api call but setup and sign-in', async ({
	browser,
	site
}) => {
	const context = await browser.newContext({ baseURL: site.url });
	const page = await context.newPage();
	const answers: string[] = [];
	page.on('response', (response) => {
		const { pathname } = new URL(response.url());
		if (pathname.startsWith('/api/'))
			answers.push(`${response.request().method()} ${pathname} ${response.status()}`);
	});
	await page.goto('/users');
	await expect(new SignInScreen(page).signInButton).toBeVisible();
	// The app asked only whether the site is set up and who is signed in.
	expect(answers).toEqual(['GET /api/setup 200', 'GET /api/session 401']);

	const calls = [
		['GET', '/api/session'],
		['GET', '/api/admins'],
		['GET', '/api/changes?since=0'],
		['GET', '/api/events'],
		['POST', '/api/admins'],
		['POST', '/api/mutations'],
		['PATCH', `/api/admins/${site.owner?.id}`],
		['DELETE', '/api/sessions'],
		['GET', '/api/no-such-route']
	] as const;
	const statuses = await page.evaluate(
		(list) =>
			Promise.all(
				list.map(async ([method, path]) => {
					const response = await fetch(path, {
						method,
						headers: { 'content-type': 'application/json' },
						body: method === 'GET' ? undefined : '{}'
					});
					return `${method} ${path} ${response.status}`;
				})
			),
		calls
	);
	expect(statuses).toEqual(calls.map(([method, path]) => `${method} ${path} 401`));
	await context.close();
});

test('the owner disables an admin, whose next step lands on sign-in', async ({
	page,
	browser,
	site
}) => {
	const ben = await site.newAdmin({
		name: 'Ben Admin',
		email: 'ben@example.com',
		password: 'admin password 1'
	});
	const benPage = await site.signedInPage(browser, ben);
	const benShell = new AppShell(benPage);
	await benShell.open('/users');
	await expect(benPage.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();

	const shell = new AppShell(page);
	await shell.open('/settings');
	await page.getByRole('link', { name: 'Admins and sessions' }).click();
	const admins = page.getByRole('table', { name: 'Admins' });
	const benRow = admins.getByRole('row', { name: /Ben Admin/ });
	await expect(benRow).toContainText('Active');
	await page.getByRole('button', { name: 'Disable Ben Admin' }).click();
	await expect(benRow).toContainText('Disabled');

	await benShell.link('Cards').click();
	await expect(benPage.getByRole('alert')).toHaveText(ENDED);
	await expect(new SignInScreen(benPage).signInButton).toBeVisible();
	await expect(benShell.navigation).toHaveCount(0);
});

test('the owner adds and removes an admin; an admin does not see the list', async ({
	page,
	browser,
	site
}) => {
	const shell = new AppShell(page);
	await shell.open('/admins');
	const form = page.getByRole('form', { name: 'Add an admin' });
	await form.getByLabel('Name').fill('Cleo Admin');
	await form.getByLabel('Email').fill('cleo@example.com');
	await form.getByLabel('Password').fill('cleo password 1');
	await form.getByRole('button', { name: 'Add admin' }).click();
	const admins = page.getByRole('table', { name: 'Admins' });
	await expect(admins.getByRole('row', { name: /Cleo Admin/ })).toContainText('cleo@example.com');

	const adminPage = await site.signedInPage(browser);
	await new AppShell(adminPage).open('/admins');
	await expect(adminPage.getByText("Only the site's owner adds")).toBeVisible();
	await expect(adminPage.getByRole('table', { name: 'Admins' })).toHaveCount(0);

	await page.getByRole('button', { name: 'Remove Cleo Admin' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
	await expect(admins.getByRole('row', { name: /Cleo Admin/ })).toHaveCount(0);
});
