import type { Locator, Page } from '@playwright/test';
import { expect, test } from './site';
import { readFileSync } from 'node:fs';
import { fixture, ImportPage } from './pages/import';

/** Presses Tab until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
	for (let i = 0; i < limit; i += 1) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error('Tab never reached the control');
}

test('the whole wizard works with the keyboard alone', async ({ page }) => {
	const wizard = new ImportPage(page);
	await wizard.open();

	// Upload: the drop zone's file input opens the picker from the keyboard.
	await tabTo(page, wizard.fileInput);
	const [chooser] = await Promise.all([
		page.waitForEvent('filechooser'),
		page.keyboard.press('Space')
	]);
	await chooser.setFiles(fixture('users-basic.csv'));
	await wizard.expectStep('Configure Data');
	await wizard.settled();

	// Configure: radio groups move with the arrow keys, selects with the keyboard.
	await tabTo(page, wizard.radio('Overwrite user data', 'Keep existing info'));
	await page.keyboard.press('ArrowDown');
	await expect(wizard.radio('Overwrite user data', 'Overwrite with CSV')).toBeChecked();
	await tabTo(page, wizard.select('Date format'));
	await expect(wizard.select('Date format')).toHaveValue('YYYY-MM-DD');
	await wizard.settled();

	await tabTo(page, wizard.importButton);
	await page.keyboard.press('Enter');
	await wizard.expectStep('See Results');
	await wizard.expectCounts(20, 0);

	// Results: download, then Complete through the confirmation dialog.
	const download = page.getByRole('button', { name: 'Download succeeded results' });
	await tabTo(page, download);
	const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
	expect(readFileSync(await file.path(), 'utf8')).toContain('Kofi Novak');

	await tabTo(page, wizard.completeButton);
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog', { name: 'Complete this import?' });
	await expect(dialog).toBeVisible();
	// The button waits, disabled, until the check for cards not yet issued is done: a disabled
	// button is not in the tab order, so a person (and this test) waits for it first.
	const confirm = dialog.getByRole('button', { name: 'Delete results and complete' });
	await expect(confirm).toBeEnabled();
	await tabTo(page, confirm, 5);
	await page.keyboard.press('Enter');
	await wizard.expectStep('Upload CSV File');
	await expect(page.getByRole('heading', { name: 'Upload CSV File' })).toBeFocused();
});
