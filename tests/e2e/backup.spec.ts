import type { Page } from '@playwright/test';
import { expect, test } from './site';
import { readFile, writeFile } from 'node:fs/promises';
import { watchConsole } from './console-watch';
import { CardsPage } from './pages/cards';
import { ContinuePage, drawnImage } from './pages/continue';
import { ImportPage } from './pages/import';
import { dumpWithFiles, SettingsPage, writeRecords } from './pages/settings';
import { dump, seed } from './pages/users';

const TEAM_CSV = {
	name: 'team.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from(
		[
			'User ID,Name,Email,Card ID',
			'1001,Ada One,ada@x.org,5001',
			'1002,Bo Two,,5002',
			'1003,Cy Three,cy@x.org,',
			''
		].join('\n'),
		'utf8'
	)
};

async function seedSample(page: Page): Promise<void> {
	await page.goto('/settings');
	await seed(
		page,
		[
			{
				id: 'U1',
				name: 'Ana Park',
				email: 'ana@x.org',
				phone: '+1 555 0100',
				phoneDigits: '15550100'
			},
			{ id: 'U2', name: 'Bo Lee', userType: 'Visitor' },
			{ id: 'U3', name: 'Chris Lee', userType: 'Member' }
		],
		[
			{ number: '4660', userId: 'U1', status: 'issued' },
			{ number: '72057594037927935', userId: 'U2' }
		]
	);
}

test('back up and restore with an import at Configure: the session and its file come back, and the import still runs', async ({
	page
}) => {
	const problems = watchConsole(page);
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(TEAM_CSV);
	await wizard.select('Start date').fill('2026-01-01');
	await wizard.settled();

	const settings = new SettingsPage(page);
	await settings.open();
	const backup = await settings.download(settings.backUp);
	await expect(page.getByText('Backup saved.')).toBeVisible();
	const before = await dumpWithFiles(page);
	expect(before.importSessions).toHaveLength(1);
	expect(before.importFiles).toMatchObject([{ file: { name: 'team.csv' } }]);

	await settings.eraseAll();
	expect((await dumpWithFiles(page)).importSessions).toEqual([]);
	await settings.restore(backup.path);
	expect(await dumpWithFiles(page)).toEqual(before);

	// The restored session is where it was, with its file: Configure, then the import itself.
	await wizard.open();
	await wizard.expectStep('Configure Data');
	await wizard.settled();
	await expect(wizard.select('Start date')).toHaveValue('2026-01-01');
	await wizard.importAndWait();
	await wizard.expectCounts(3, 0);
	expect(problems).toEqual([]);
});

test('back up and restore with finished results and user images: everything comes back the same', async ({
	page
}) => {
	const problems = watchConsole(page);
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(TEAM_CSV);
	await wizard.importAndWait();
	await wizard.expectCounts(3, 0);
	const task = new ContinuePage(page);
	await task.imagesInput.setInputFiles([
		await drawnImage(page, '1001.png', 'image/png'),
		await drawnImage(page, '1003.jpg', 'image/jpeg', { color: '#2874a6' })
	]);
	await task.uploaded(2);
	const succeeded = (await wizard.download('succeeded')).text;

	const settings = new SettingsPage(page);
	await settings.open();
	const backup = await settings.download(settings.backUp);
	const before = await dumpWithFiles(page);
	expect(before.images).toHaveLength(2);
	expect(before.importResults?.length).toBeGreaterThan(0);

	await settings.eraseAll();
	await settings.restore(backup.path);
	expect(await dumpWithFiles(page)).toEqual(before);

	// The results are open again, and their file downloads as before.
	await wizard.open();
	await wizard.expectCounts(3, 0);
	expect((await wizard.download('succeeded')).text).toBe(succeeded);
	expect(problems).toEqual([]);
});

test('a truncated backup is refused before anything changes', async ({ page }) => {
	await seedSample(page);
	const settings = new SettingsPage(page);
	await settings.open();
	await page.getByLabel('Maximum CSV size (MB)').fill('20');
	await page.getByRole('button', { name: 'Save defaults' }).click();
	await expect(page.getByText('Defaults saved.')).toBeVisible();
	const backup = await settings.download(settings.backUp);
	const before = await dump(page, ['users', 'cards', 'settings']);

	const bytes = await readFile(backup.path);
	const half = test.info().outputPath('first-half.json');
	await writeFile(half, bytes.subarray(0, Math.floor(bytes.length / 2)));
	await settings.backupFile.setInputFiles(half);
	await expect(page.getByRole('alert')).toContainText('This backup file is incomplete');
	await expect(page.getByRole('alert')).toContainText('Nothing in Roster was changed');
	await expect(settings.replaceAll).toHaveCount(0);
	await expect(settings.restored).toHaveCount(0);
	expect(await dump(page, ['users', 'cards', 'settings'])).toEqual(before);
});

/** Records no import or form would store, each with the message a restore refuses it with. */
const FORGED: { what: string; store: string; record: Record<string, unknown>; message: RegExp }[] =
	[
		{
			what: 'an email held by two users',
			store: 'users',
			record: { id: 'U4', name: 'Dee', userType: 'Employee', email: 'ana@x.org' },
			message: /users, record 4 \(User ID "U4"\): Email "ana@x\.org" also belongs to user U1/
		},
		{
			what: 'a phone held by two users',
			store: 'users',
			record: {
				id: 'U4',
				name: 'Dee',
				userType: 'Employee',
				phone: '1 555 0100',
				phoneDigits: '15550100'
			},
			message: /users, record 4 \(User ID "U4"\): Phone "1 555 0100" also belongs to user U1/
		},
		{
			what: 'a 10 000-character name',
			store: 'users',
			record: { id: 'U4', name: 'n'.repeat(10_000), userType: 'Employee' },
			message: /users, record 4 \(User ID "U4"\): Name "n+…" is longer than 100 characters/
		},
		{
			what: 'a card of a user that does not exist',
			store: 'cards',
			record: {
				number: '999',
				userId: 'NOBODY',
				status: 'registered',
				validFrom: '2026-01-01',
				validTo: '2026-12-31'
			},
			message: /cards, record 3 \(Card ID "999"\): its user "NOBODY" is not in the backup/
		},
		{
			what: 'a card number abc',
			store: 'cards',
			record: {
				number: 'abc',
				userId: 'U3',
				status: 'registered',
				validFrom: '2026-01-01',
				validTo: '2026-12-31'
			},
			message: /cards, record 3 \(Card ID "abc"\): Card ID "abc" is not a decimal number/
		},
		{
			what: 'a status weird',
			store: 'cards',
			record: {
				number: '999',
				userId: 'U3',
				status: 'weird',
				validFrom: '2026-01-01',
				validTo: '2026-12-31'
			},
			message:
				/cards, record 3 \(Card ID "999"\): Status "weird" is not one of registered, issued, revoked/
		},
		{
			what: 'an end before the start',
			store: 'cards',
			record: {
				number: '999',
				userId: 'U3',
				status: 'registered',
				validFrom: '2026-06-01',
				validTo: '2026-01-01'
			},
			message:
				/cards, record 3 \(Card ID "999"\): Card end date 2026-01-01 is before Card start date 2026-06-01/
		}
	];

test('a backup whose records break the rules is refused, naming the table, the record and the rule', async ({
	page
}) => {
	test.setTimeout(120_000);
	await seedSample(page);
	const settings = new SettingsPage(page);
	await settings.open();
	const before = await dump(page, ['users', 'cards', 'settings']);
	const alert = page.getByRole('alert');

	for (const forged of FORGED) {
		// The forged record goes into a backup, then out of the database again.
		const record: Record<string, unknown> = { createdAt: 1, updatedAt: 1, ...forged.record };
		await writeRecords(page, forged.store, [record]);
		const backup = await settings.download(settings.backUp);
		await writeRecords(page, forged.store, [], [String(record.id ?? record.number)]);

		await settings.backupFile.setInputFiles(backup.path);
		await expect(alert, forged.what).toContainText('This backup cannot be restored');
		await expect(alert, forged.what).toContainText(forged.message);
		await expect(alert).toContainText('Nothing in Roster was changed');
		await expect(settings.replaceAll).toHaveCount(0);
		expect(await dump(page, ['users', 'cards', 'settings']), forged.what).toEqual(before);
	}

	// A User ID twice can only be written into the file itself.
	const valid = await settings.download(settings.backUp);
	const lines = valid.text.trimEnd().split('\n');
	const first = lines.findIndex((line) => line.includes('"table":"users"'));
	const repeated = JSON.parse(lines[first]!) as { record: Record<string, unknown> };
	const end = JSON.parse(lines.pop()!) as { counts: Record<string, number> };
	end.counts.users = (end.counts.users ?? 0) + 1;
	repeated.record = {
		...repeated.record,
		email: 'other@x.org',
		phone: undefined,
		phoneDigits: undefined
	};
	lines.splice(first + 1, 0, JSON.stringify({ table: 'users', ...repeated }));
	const twice = test.info().outputPath('user-twice.json');
	await writeFile(twice, [...lines, JSON.stringify(end), ''].join('\n'));
	await settings.backupFile.setInputFiles(twice);
	await expect(alert).toContainText(
		/users, record 2 \(User ID "U1"\): User ID "U1" is also in an earlier users record/
	);

	// Nothing of it reached the database: Cards shows every card.
	const cards = new CardsPage(page);
	await cards.open();
	await expect(cards.rows).toHaveCount(2);
});
