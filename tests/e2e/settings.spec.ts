import { expect, test } from './site';
import Papa from 'papaparse';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsPage } from './pages/settings';
import { seedSite, siteRows } from './pages/site-data';
import { dump, holdImport, seed } from './pages/users';

const TEMPLATE_HEADER = [
	'User ID',
	'Name',
	'Email',
	'Phone',
	'User type',
	'Department',
	'Title',
	'Image file name',
	'Card ID',
	'Card format',
	'Facility code',
	'Card number',
	'Card start date',
	'Card end date'
];

async function seedSample(page: import('@playwright/test').Page): Promise<void> {
	await page.goto('/settings');
	await seed(
		page,
		[
			{
				id: 'U1',
				name: 'Ana Park',
				email: 'ana@x.org',
				phone: '+1 555 0100',
				phoneDigits: '15550100',
				department: 'Sales'
			},
			{ id: 'U2', name: '=cmd Bo', userType: 'Visitor', title: 'Guest, "VIP"' },
			{ id: 'U3', name: 'Chris Lee', userType: 'Member' }
		],
		[
			{
				number: '4660',
				userId: 'U1',
				status: 'issued',
				validFrom: '2026-01-01',
				validTo: '2026-12-31'
			},
			{ number: '72057594037927935', userId: 'U2', validFrom: '2026-03-01', validTo: '2027-02-28' }
		]
	);
}

test('erase waits for ERASE, and a restore says what the file holds before it goes in', async ({
	page,
	site
}) => {
	await seedSite(page, site);
	const settings = new SettingsPage(page);
	await settings.open();
	const backup = await settings.download(settings.backUp);
	expect(JSON.parse(backup.text.split('\n')[0] ?? '')).toMatchObject({
		format: 'roster-backup',
		databaseVersion: expect.any(Number)
	});

	await expect(settings.erase).toBeDisabled();
	await settings.eraseWord.fill('erase');
	await expect(settings.erase).toBeDisabled();
	await settings.eraseWord.fill('ERASE');
	await settings.erase.click();
	await expect(page.getByText('All data erased.')).toBeVisible();
	expect(await siteRows(site)).toEqual({ users: [], cards: [] });

	await settings.backupFile.setInputFiles(backup.path);
	await expect(page.getByRole('alertdialog')).toContainText(
		'It holds 3 users, 2 cards and 0 images'
	);
	await settings.replaceAll.click();
	await expect(page.getByText(/^Restored /)).toBeVisible();
	expect((await siteRows(site)).users).toEqual(['U1', 'U2', 'U3']);
});

test('restore refuses a foreign file and a backup from a newer version, and changes nothing', async ({
	page
}) => {
	await seedSample(page);
	const settings = new SettingsPage(page);
	await settings.open();
	const backup = await settings.download(settings.backUp);

	const foreign = join(tmpdir(), `foreign-${Date.now()}.json`);
	await writeFile(foreign, JSON.stringify({ hello: 'world' }));
	await settings.backupFile.setInputFiles(foreign);
	await expect(page.getByRole('alert')).toContainText('This file is not a Roster backup');

	const newer = join(tmpdir(), `newer-${Date.now()}.json`);
	const [head, ...rest] = backup.text.split('\n');
	const parsed = JSON.parse(head ?? '') as { databaseVersion: number };
	parsed.databaseVersion = 99;
	await writeFile(newer, [JSON.stringify(parsed), ...rest].join('\n'));
	await settings.backupFile.setInputFiles(newer);
	await expect(page.getByRole('alert')).toContainText('made by a newer version of Roster');
	await expect(settings.replaceAll).toHaveCount(0);
	expect((await dump(page, ['users'])).users).toHaveLength(3);
});

test('export users as a CSV in the template format: one row per card, or per user without one', async ({
	page
}) => {
	await seedSample(page);
	const settings = new SettingsPage(page);
	await settings.open();
	const file = await settings.download(settings.exportUsers);
	expect(file.name).toMatch(/^roster-users-\d{4}-\d{2}-\d{2}\.csv$/);
	expect(file.text.startsWith('\uFEFF')).toBe(true);

	const parsed = Papa.parse<string[]>(file.text.slice(1), { skipEmptyLines: true });
	expect(parsed.errors).toEqual([]);
	expect(parsed.data).toEqual([
		TEMPLATE_HEADER,
		[
			'U1',
			'Ana Park',
			'ana@x.org',
			"'+1 555 0100",
			'Employee',
			'Sales',
			'',
			'',
			'4660',
			'CSN',
			'',
			'',
			'2026-01-01',
			'2026-12-31'
		],
		[
			'U2',
			"'=cmd Bo",
			'',
			'',
			'Visitor',
			'',
			'Guest, "VIP"',
			'',
			'72057594037927935',
			'CSN',
			'',
			'',
			'2026-03-01',
			'2027-02-28'
		],
		['U3', 'Chris Lee', '', '', 'Member', '', '', '', '', '', '', '', '', '']
	]);
});

test('defaults are saved and back up/restore/erase are disabled while an import runs', async ({
	page
}) => {
	const settings = new SettingsPage(page);
	await settings.open();
	await page.getByRole('radio', { name: 'Until a date' }).check();
	await page.getByLabel('Valid until').fill('2030-06-30');
	await page.getByLabel('Date format').selectOption('DD/MM/YYYY');
	await page.getByLabel('Maximum CSV size (MB)').fill('20');
	await page.getByRole('button', { name: 'Save defaults' }).click();
	await expect(page.getByText('Defaults saved.')).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Valid until')).toHaveValue('2030-06-30');
	await expect(page.getByLabel('Date format')).toHaveValue('DD/MM/YYYY');
	await expect(page.getByLabel('Maximum CSV size (MB)')).toHaveValue('20');

	await page.getByLabel('Maximum CSV size (MB)').fill('0');
	await page.getByRole('button', { name: 'Save defaults' }).click();
	await expect(page.getByRole('alert')).toContainText('Maximum CSV size');

	await holdImport(page);
	await settings.open();
	await expect(settings.backupFile).toBeDisabled();
	await settings.eraseWord.fill('ERASE');
	await expect(settings.erase).toBeDisabled();
	await expect(page.getByTestId('lock-notice')).toContainText(
		'Back up, restore and erase are unavailable'
	);
	// A backup read while an import writes would mix the data from before and after it.
	await expect(settings.backUp).toBeDisabled();
});
