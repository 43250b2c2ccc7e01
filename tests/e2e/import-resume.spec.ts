import type { Locator, Page } from '@playwright/test';
import { expect, test } from './site';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, generatedCsv, ImportPage } from './pages/import';

test('a reload mid-wizard returns to Configure with every choice kept', async ({ page }) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(fixture('users-basic.csv'));
	await wizard.radio('Overwrite user data', 'Overwrite with CSV').check();
	await wizard.radio('Card ID type', 'Hexadecimal').check();
	await wizard.select('Date format').selectOption('DD/MM/YYYY');
	await wizard.mapping('Title').selectOption({ label: 'None' });
	await wizard.settled();

	await page.reload();
	await wizard.expectStep('Configure Data');
	await wizard.settled();
	await expect(wizard.radio('Overwrite user data', 'Overwrite with CSV')).toBeChecked();
	await expect(wizard.radio('Card ID type', 'Hexadecimal')).toBeChecked();
	await expect(wizard.select('Date format')).toHaveValue('DD/MM/YYYY');
	expect(await wizard.mappedHeader('Title')).toBe('None');
	expect(await wizard.mappedHeader('Name')).toBe('Name');

	// Leaving through the navigation and coming back with `Import users` lands on the same step.
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Users', exact: true })
		.click();
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Import users' })
		.click();
	await wizard.expectStep('Configure Data');
	await expect(wizard.radio('Card ID type', 'Hexadecimal')).toBeChecked();

	// Results survive a reload too, until Complete.
	await wizard.radio('Card ID type', 'Decimal').check();
	await wizard.importAndWait();
	await page.reload();
	await wizard.expectStep('See Results');
	await wizard.expectCounts(20, 0);
});

async function rowsDone(progress: Locator): Promise<number> {
	return Number((await progress.getAttribute('aria-valuenow')) ?? '0');
}

async function waitForRunning(progress: Locator): Promise<void> {
	await expect(progress).toBeVisible();
	await expect.poll(() => rowsDone(progress)).toBeGreaterThan(0);
}

async function bannerIn(page: Page): Promise<Locator> {
	const banner = page.getByRole('alert').filter({ hasText: 'Import in progress' });
	await expect(banner).toBeVisible();
	return banner;
}

test('a reload mid-import returns to the progress, the import goes on, and every tab hears of it', async ({
	page,
	context
}) => {
	test.setTimeout(180_000);
	const rows = 40_000;
	const dir = mkdtempSync(join(tmpdir(), 'roster-import-'));
	const file = join(dir, 'many-users.csv');
	writeFileSync(file, generatedCsv(rows));
	try {
		const wizard = new ImportPage(page);
		await wizard.open();
		await wizard.upload(file);
		await expect(
			page.getByText(`${rows} data rows: this import will create ${rows}`)
		).toBeVisible();

		const other = await context.newPage();
		await other.goto('/users');

		await wizard.importButton.click();
		await wizard.expectStep('Import Users');
		await expect(
			page.getByText('no admin of this site can create or edit users or cards')
		).toBeVisible();
		await waitForRunning(wizard.progress);
		const before = await rowsDone(wizard.progress);
		expect(before).toBeLessThan(rows);

		// Its list is not re-read while the import writes (that would slow the import down), and it
		// says so rather than give a count the banner contradicts.
		const counts = other.getByTestId('user-counts');
		await expect(counts).toHaveText(
			'0 users listed. Import in progress: the list shows the users as they were when this screen read them; it refreshes when the import ends.'
		);

		// Another tab shows the import on every screen, with a way to it.
		const banner = await bannerIn(other);
		await expect(banner).toContainText('many-users.csv');
		await expect(banner.getByRole('link', { name: 'Show the import' })).toBeVisible();

		await page.reload();
		await wizard.expectStep('Import Users');
		await expect(wizard.progress).toBeVisible();
		await expect(wizard.progress).toHaveAttribute('aria-valuemax', String(rows));

		await wizard.expectStep('See Results');
		await expect(page.getByText(`Succeeded: ${rows}`, { exact: true })).toBeVisible({
			timeout: 120_000
		});
		await expect(page.getByText('Failed: 0', { exact: true })).toBeVisible();

		// The other tab is told, at the top, with a link to the results.
		const done = other.getByRole('status').filter({ hasText: 'Import finished' });
		await expect(done).toContainText(`Import finished: ${rows} succeeded, 0 failed`);
		await expect(other.getByRole('alert').filter({ hasText: 'Import in progress' })).toHaveCount(0);
		await expect(counts).toHaveText(`${rows.toLocaleString('en-US')} users`);
		await done.getByRole('link', { name: 'See results' }).click();
		await new ImportPage(other).expectStep('See Results');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test('Cancel stops the import and offers to keep or undo what was imported', async ({ page }) => {
	test.setTimeout(120_000);
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload({
		name: 'cancel-me.csv',
		mimeType: 'text/csv',
		buffer: generatedCsv(40_000)
	});
	await wizard.importButton.click();
	// At once: a 40 000-row import can be over in a few seconds, before a slower Cancel.
	await expect(wizard.progress).toBeVisible();
	await page.getByRole('button', { name: 'Cancel', exact: true }).click();
	await expect(page.getByText('The import was cancelled after')).toBeVisible();
	await page.getByRole('button', { name: 'Keep what was imported' }).click();
	await wizard.expectStep('See Results');
	await expect(page.getByText('was cancelled after')).toBeVisible();
	await wizard.undo();
	await expect(page.getByText('was undone')).toBeVisible();
	await expect(page.getByText(/^Undone: [\d,]+ users and [\d,]+ cards removed$/)).toBeVisible();
	await expect(page.getByText('Succeeded: ')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Issue cards' })).toHaveCount(0);
});
