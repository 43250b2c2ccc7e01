import { expect, test } from './site';
import { ContinuePage } from './pages/continue';
import { generatedCsv, ImportPage } from './pages/import';

const USERS = 20_000;

test('issuing cards holds the import lock: every tab shows it, and it goes when done', async ({
	page
}) => {
	test.setTimeout(240_000);
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload({ name: 'many.csv', mimeType: 'text/csv', buffer: generatedCsv(USERS) });
	await wizard.importButton.click();
	await expect(wizard.succeeded(USERS)).toBeVisible({ timeout: 180_000 });

	const other = await page.context().newPage();
	await other.goto('/users');
	await expect(other.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
	const alert = other.getByRole('alert').filter({ hasText: 'Import in progress' });
	await expect(alert).toHaveCount(0);

	const task = new ContinuePage(page);
	await task.issue();
	// While the cards are issued, this tab disables the task and says why; the other tab shows
	// the lock, then sees it go.
	await expect(task.issueButton).toBeDisabled();
	await expect(page.getByText('Issuing the cards…')).toBeVisible();
	await expect(alert).toBeVisible();
	await expect(alert).toContainText('issuing cards');
	await expect(other.getByRole('button', { name: 'New user' })).toBeDisabled();
	await expect(alert).toBeHidden({ timeout: 60_000 });
	await task.expectIssued(USERS, 0, 0);
	await expect(task.issueButton).toBeEnabled();
	await expect(other.getByRole('link', { name: 'New user' })).toBeVisible();
});
