import { expect, test } from './site';
import { ImportPage, parseCsv } from './pages/import';
import { CardsPage } from './pages/cards';
import { SettingsPage } from './pages/settings';
import { UsersPage } from './pages/users';

/**
 * Several cards per user: rows repeating a User ID add cards to its user, a Card ID cell may hold
 * several numbers, and the users export imports back with no change.
 */

const HEADER = 'User ID,Name,Email,Card ID';
/** 4 users with 1, 2, 3 and 2 cards: rows of one user apart, cells with several numbers. */
const ROWS = [
	'A1,Ana Park,ana@x.org,1001',
	'B2,Bo Lee,bo@x.org,2001',
	'C3,Chris Kim,,3001/3002',
	'B2,Bo Lee,bo@x.org,2002',
	'D4,Dee Roe,,4001;4002',
	'C3,,,3003'
];
const HOLDERS: Record<string, string> = {
	'1001': 'Ana Park',
	'2001': 'Bo Lee',
	'2002': 'Bo Lee',
	'3001': 'Chris Kim',
	'3002': 'Chris Kim',
	'3003': 'Chris Kim',
	'4001': 'Dee Roe',
	'4002': 'Dee Roe'
};
const CARDS_OF: Record<string, string> = {
	'Ana Park': '1',
	'Bo Lee': '2',
	'Chris Kim': '3',
	'Dee Roe': '2'
};

function file(name: string, lines: string[]) {
	return { name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n'), 'utf8') };
}

test('a file with 1–3 cards per user gives the right users and cards, and its export round-trips', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(file('cards.csv', [HEADER, ...ROWS]));
	await expect(
		page.getByText(
			'6 data rows: this import will create 4 users, 8 cards; update 0 users, 0 cards; keep 0 users, 0 cards; fail 0 rows.'
		)
	).toBeVisible();
	// Row 5 repeats B2 of row 3; row 7 repeats C3 of row 4.
	const preview = page.getByRole('table', { name: 'Preview' });
	await expect(preview.getByRole('row', { name: /^5 / })).toContainText(
		"Adds cards to row 3's user"
	);
	await expect(preview.getByRole('row', { name: /^7 / })).toContainText(
		"Adds cards to row 4's user"
	);
	await wizard.importAndWait();
	await wizard.expectCounts(6, 0);
	await expect(
		page.getByText('Created 4 users, 8 cards · updated 0 users, 0 cards · kept 0 users, 0 cards')
	).toBeVisible();
	const { text } = await wizard.download('succeeded');
	const succeeded = parseCsv(text);
	expect(succeeded[0]?.at(-1)).toBe('Cards');
	expect(succeeded.slice(1).map((cells) => [cells[0], cells[1], cells.at(-1)])).toEqual([
		['2', 'created', '1 created'],
		['3', 'created', '1 created'],
		['4', 'created', '2 created'],
		['5', 'updated', '1 created'],
		['6', 'created', '2 created'],
		['7', 'updated', '1 created']
	]);
	await wizard.complete();

	const users = new UsersPage(page);
	await users.open();
	await expect(users.rows).toHaveCount(4);
	for (const [name, count] of Object.entries(CARDS_OF)) {
		await expect(users.row(name).getByRole('cell').last()).toHaveText(count);
	}
	const cards = new CardsPage(page);
	await cards.open();
	await expect(cards.rows).toHaveCount(8);
	for (const [number, holder] of Object.entries(HOLDERS)) {
		const row = cards.rows.filter({ has: page.getByRole('cell', { name: number, exact: true }) });
		await expect(row.getByRole('link')).toHaveText(holder);
	}

	// One row per card, each repeating its user's cells.
	const settings = new SettingsPage(page);
	await settings.open();
	const exported = await settings.download(settings.exportUsers);
	const lines = parseCsv(exported.text);
	expect(lines.slice(1).map((cells) => cells[0])).toEqual([
		'A1',
		'B2',
		'B2',
		'C3',
		'C3',
		'C3',
		'D4',
		'D4'
	]);

	for (const policy of ['Keep existing info', 'Overwrite with CSV']) {
		await wizard.open();
		await wizard.upload({
			name: exported.name,
			mimeType: 'text/csv',
			buffer: Buffer.from(exported.text, 'utf8')
		});
		await wizard.radio('Overwrite user data', policy).check();
		await wizard.settled();
		await expect(
			page.getByText(
				'8 data rows: this import will create 0 users, 0 cards; update 0 users, 0 cards; keep 4 users, 8 cards; fail 0 rows.'
			)
		).toBeVisible();
		await wizard.importAndWait();
		await wizard.expectCounts(8, 0);
		await expect(
			page.getByText('Created 0 users, 0 cards · updated 0 users, 0 cards · kept 4 users, 8 cards')
		).toBeVisible();
		await wizard.complete();
	}
	await cards.open();
	await expect(cards.rows).toHaveCount(8);
});

test('Cards per user in Settings limits the cards an import gives one user', async ({ page }) => {
	const settings = new SettingsPage(page);
	await settings.open();
	await page.getByLabel('Cards per user').fill('2');
	await page.getByRole('button', { name: 'Save defaults' }).click();
	await expect(page.getByText('Defaults saved.')).toBeVisible();

	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(file('too-many.csv', [HEADER, 'C3,Chris Kim,,3001/3002', 'C3,,,3003']));
	await wizard.importAndWait();
	await wizard.expectCounts(1, 1);
	const { text } = await wizard.download('failed');
	expect(parseCsv(text)[1]?.at(-1)).toBe(
		'user C3 (Chris Kim) would hold 3 cards (2 already, 1 in this row), more than the 2 cards per user allowed: raise "Cards per user" in Settings, or remove cards the user no longer needs'
	);
});
