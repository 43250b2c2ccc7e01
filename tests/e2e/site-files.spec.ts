import type { Page } from '@playwright/test';
import { expect, test } from './site';
import { ImportPage } from './pages/import';
import { chooseFiles } from './pages/photos';
import { seed, UsersPage } from './pages/users';

/** Whether this browser's replica holds a saved mapping (the feed brought it). */
function holdsSavedMapping(page: Page): Promise<boolean> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('roster');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error ?? new Error('open failed'));
		});
		try {
			const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
				const request = db.transaction('settings').objectStore('settings').getAllKeys();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error ?? new Error('read failed'));
			});
			return keys.some((key) => typeof key === 'string' && key.startsWith('mapping:'));
		} finally {
			db.close();
		}
	});
}

test('a photo one admin sets or removes reaches another admin’s screens without reloading', async ({
	page,
	site,
	browser
}) => {
	await page.goto('/users');
	await seed(page, [{ id: 'U1', name: 'Ana Park' }]);
	const other = await site.signedInPage(browser);
	await other.goto('/users/U1');
	const theirs = other.getByRole('img', { name: 'Image of Ana Park' });
	await expect(other.getByText('Upload image', { exact: true })).toBeVisible();
	await expect(theirs).toHaveCount(0);

	await page.goto('/users/U1');
	await chooseFiles(page.getByLabel('User image'), [{ name: 'ana.jpg', width: 900, height: 1200 }]);
	await expect(page.getByRole('img', { name: 'Image of Ana Park' })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(theirs).toBeVisible();
	await expect(other.getByText('Replace image', { exact: true })).toBeVisible();
	const list = new UsersPage(other);
	await list.open();
	await expect(list.row('Ana Park').locator('img')).toBeVisible();

	await page.getByRole('button', { name: 'Remove image' }).click();
	await expect(page.getByText('Upload image', { exact: true })).toBeVisible();
	await expect(list.row('Ana Park').locator('img')).toHaveCount(0);
});

test('defaults and a saved mapping one admin stores reach another admin without reloading', async ({
	page,
	site,
	browser
}) => {
	const other = await site.signedInPage(browser);
	await other.goto('/settings');
	await expect(other.getByLabel('Maximum CSV size (MB)')).toHaveValue('5');

	await page.goto('/settings');
	await page.getByLabel('Maximum CSV size (MB)').fill('20');
	await page.getByRole('button', { name: 'Save defaults' }).click();
	await expect(page.getByText('Defaults saved.')).toBeVisible();
	await expect(other.getByLabel('Maximum CSV size (MB)')).toHaveValue('20');

	// Headers Roster does not recognise: the admin maps them, and the site remembers it.
	const file = (rows: string) => ({
		name: 'staff.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`Kennung,Wer\n${rows}`)
	});
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(file('K1,Ana Park\n'));
	await wizard.mapping('User ID').selectOption({ label: 'Kennung' });
	await wizard.mapping('Name').selectOption({ label: 'Wer' });
	await wizard.settled();
	await wizard.importAndWait();

	await expect.poll(() => holdsSavedMapping(other)).toBe(true);
	const theirWizard = new ImportPage(other);
	await theirWizard.open();
	await theirWizard.upload(file('K2,Bo Lee\n'));
	expect(await theirWizard.mappedHeader('User ID')).toBe('Kennung');
	expect(await theirWizard.mappedHeader('Name')).toBe('Wer');
});
