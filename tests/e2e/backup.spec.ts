import { expect, test } from './site';
import { readFile, writeFile } from 'node:fs/promises';
import { watchConsole } from './console-watch';
import { SettingsPage } from './pages/settings';
import { seedSite, siteRows } from './pages/site-data';

test('back up the site from the server, erase it, restore the file: the same users and cards', async ({
	page,
	site
}) => {
	const problems = watchConsole(page);
	await seedSite(page, site);
	const before = await siteRows(site);
	const settings = new SettingsPage(page);
	await settings.open();
	const backup = await settings.download(settings.backUp);
	await expect(page.getByText('Backup saved.')).toBeVisible();
	expect(backup.name).toMatch(/^roster-backup-\d{4}-\d{2}-\d{2}\.json$/);
	expect(backup.text.trimEnd().split('\n').at(-1)).toContain('"counts":{');

	await settings.eraseAll();
	expect(await siteRows(site)).toEqual({ users: [], cards: [] });
	await settings.restore(backup.path);
	await expect(settings.restored).toContainText('3 users and 2 cards');
	expect(await siteRows(site)).toEqual(before);
	expect(problems).toEqual([]);
});

test('a restore into a site that holds data is refused, telling the owner to erase first', async ({
	page,
	site
}) => {
	await seedSite(page, site);
	const settings = new SettingsPage(page);
	await settings.open();
	const backup = await settings.download(settings.backUp);
	await settings.backupFile.setInputFiles(backup.path);
	await settings.replaceAll.click();
	await expect(page.getByRole('alert')).toContainText('erase the site first');
	await expect(settings.restored).toHaveCount(0);
	expect((await siteRows(site)).users).toHaveLength(3);
});

test('a truncated backup is refused before anything changes, here and by the server', async ({
	page,
	site
}) => {
	await seedSite(page, site);
	const settings = new SettingsPage(page);
	await settings.open();
	const backup = await settings.download(settings.backUp);
	await settings.eraseAll();

	const bytes = await readFile(backup.path);
	const half = bytes.subarray(0, Math.floor(bytes.length / 2));
	const halfPath = test.info().outputPath('first-half.json');
	await writeFile(halfPath, half);
	await settings.backupFile.setInputFiles(halfPath);
	await expect(page.getByRole('alert')).toContainText('This backup file is incomplete');
	await expect(page.getByRole('alert')).toContainText('Nothing in Roster was changed');
	await expect(settings.replaceAll).toHaveCount(0);

	const sent = await page.request.post('/api/restore', {
		headers: { origin: site.url, 'content-type': 'application/x-ndjson' },
		data: half
	});
	expect(sent.status()).toBe(400);
	expect(((await sent.json()) as { message: string }).message).toContain('incomplete');
	expect(await siteRows(site)).toEqual({ users: [], cards: [] });
});

/** Records no form would store, each with the message a restore refuses it with. */
const FORGED: { what: string; table: string; record: Record<string, unknown>; message: RegExp }[] =
	[
		{
			what: 'an email held by two users',
			table: 'users',
			record: { id: 'U4', name: 'Dee', userType: 'Employee', email: 'ana@x.org' },
			message: /users, record 4 \(User ID "U4"\): Email "ana@x\.org" also belongs to user U1/
		},
		{
			what: 'a 10 000-character name',
			table: 'users',
			record: { id: 'U4', name: 'n'.repeat(10_000), userType: 'Employee' },
			message: /users, record 4 \(User ID "U4"\): Name "n+…" is longer than 100 characters/
		},
		{
			what: 'a card of a user that does not exist',
			table: 'cards',
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
			what: 'an end before the start',
			table: 'cards',
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

/** The backup's text with `record` added as the last record of `table`, counts and all. */
function withRecord(text: string, table: string, record: Record<string, unknown>): string {
	const lines = text.trimEnd().split('\n');
	const end = JSON.parse(lines.pop() ?? '') as { counts: Record<string, number> };
	end.counts[table] = (end.counts[table] ?? 0) + 1;
	const last = lines.findLastIndex((line) => line.startsWith(`{"table":"${table}"`));
	lines.splice(last + 1, 0, JSON.stringify({ table, record }));
	return [...lines, JSON.stringify(end), ''].join('\n');
}

test('a backup whose records break the rules is refused, naming the table, the record and the rule', async ({
	page,
	site
}) => {
	await seedSite(page, site);
	const settings = new SettingsPage(page);
	await settings.open();
	const valid = await settings.download(settings.backUp);
	await settings.eraseAll();
	const alert = page.getByRole('alert');

	for (const forged of FORGED) {
		const record = { createdAt: 1, updatedAt: 1, ...forged.record };
		const path = test.info().outputPath(`forged-${FORGED.indexOf(forged)}.json`);
		await writeFile(path, withRecord(valid.text, forged.table, record));
		await settings.backupFile.setInputFiles(path);
		await expect(alert, forged.what).toContainText('This backup cannot be restored');
		await expect(alert, forged.what).toContainText(forged.message);
		await expect(settings.replaceAll).toHaveCount(0);
	}
	expect(await siteRows(site)).toEqual({ users: [], cards: [] });
});

test('erasing the site is the owner’s: another admin is told so and nothing changes', async ({
	page,
	site,
	browser
}) => {
	await seedSite(page, site);
	const other = await site.signedInPage(browser);
	const settings = new SettingsPage(other);
	await settings.open();
	await settings.eraseWord.fill('ERASE');
	await settings.erase.click();
	await expect(other.getByRole('alert')).toContainText('Only the site’s owner can erase the site');
	expect((await siteRows(site)).users).toHaveLength(3);
});
