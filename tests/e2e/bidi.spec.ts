import type { Locator } from '@playwright/test';
import { expect, test } from './site';
import { PrintPage } from './pages/continue';
import { ImportPage } from './pages/import';
import { seed, UsersPage } from './pages/users';

/** Stored with a right-to-left override: unisolated, it reads "Evilexe.png" and flips what follows. */
const EVIL = 'Evil\u202egnp.exe';

async function expectIsolated(element: Locator): Promise<void> {
	await expect(element).toHaveText(EVIL);
	expect(await element.evaluate((node) => getComputedStyle(node).unicodeBidi)).toBe('isolate');
}

test('a name with a right-to-left override stays isolated in the list, on the user page, in the title and on the card', async ({
	page
}) => {
	const users = new UsersPage(page);
	await users.open();
	await seed(
		page,
		[{ id: 'U1', name: EVIL, email: 'evil@example.com', department: `Sales\u202e` }],
		[{ number: '1001', userId: 'U1', status: 'issued' }]
	);
	await users.open();

	const row = users.row(EVIL);
	await expectIsolated(row.getByRole('link', { name: EVIL, exact: true }).locator('bdi'));
	const department = row.getByRole('cell').filter({ hasText: 'Sales' }).locator('bdi');
	expect(await department.evaluate((node) => getComputedStyle(node).unicodeBidi)).toBe('isolate');

	await row.getByRole('link', { name: EVIL, exact: true }).click();
	const heading = page.getByRole('heading', { level: 1 });
	await expectIsolated(heading.locator('bdi'));
	await expect(page).toHaveTitle(`\u2068${EVIL}\u2069 · Roster`);

	await page.getByRole('link', { name: 'Print card' }).click();
	const sheet = new PrintPage(page);
	await expect(sheet.faces).toHaveCount(1);
	await expectIsolated(sheet.faces.first().locator('.name bdi'));
});

test('a CSV cell with a right-to-left override warns in the preview and still imports as given', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload({
		name: 'evil\u202egnp.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			`User ID,Name,Email\nU1,${EVIL},evil@example.com\nU2,Ana Lee,ana@example.com\n`
		)
	});
	await expectIsolated(
		wizard.preview.getByRole('cell', { name: EVIL, exact: true }).locator('bdi')
	);
	const warning = page.getByRole('listitem').filter({ hasText: 'Warning:' });
	await expect(wizard.preview.getByRole('listitem')).toHaveCount(1);
	await expect(warning).toContainText(
		'Name "Evil⟨U+202E⟩gnp.exe" holds an invisible right-to-left override (U+202E) at character 5: it can make the text read differently from what is stored'
	);
	await expect(wizard.preview.getByRole('row').filter({ has: warning })).toContainText('New user');
	// The file name shown above the preview is isolated too: its override flips nothing around it.
	const fileName = page.getByText('File:').locator('bdi');
	expect(await fileName.evaluate((node) => getComputedStyle(node).unicodeBidi)).toBe('isolate');

	await wizard.importAndWait();
	await wizard.expectCounts(2, 0);
	const users = new UsersPage(page);
	await users.open();
	await expect(users.row(EVIL)).toHaveCount(1);
});
