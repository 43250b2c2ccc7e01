import type { Page } from '@playwright/test';
import { expect, test } from './site';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchConsole } from './console-watch';
import { ContinuePage, corruptJpeg, drawnImage, oversized, PrintPage } from './pages/continue';
import { chooseFiles, storedPhoto } from './pages/photos';
import { ImportPage } from './pages/import';
import { UsersPage } from './pages/users';

/** Six users; four with a card ID (1001–1003 and AB7), two without (1004, 1005). */
const TEAM_CSV = {
	name: 'team.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from(
		[
			'User ID,Name,User type,Card ID',
			'1001,Ada One,Employee,5001',
			'1002,Bo Two,Visitor,5002',
			'1003,Cy Three,Member,5003',
			'1004,Di Four,Employee,',
			'1005,Ed Five,Employee,',
			'AB7,Fay Seven,Employee,5007',
			''
		].join('\n'),
		'utf8'
	)
};

/** Imports TEAM_CSV with cards valid 2026-01-01 to 2027-12-31 and waits for the results. */
async function importTeam(page: Page): Promise<ImportPage> {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(TEAM_CSV);
	expect(await wizard.mappedHeader('Card ID')).toBe('Card ID');
	expect(await wizard.mappedHeader('User type')).toBe('User type');
	await wizard.select('Start date').fill('2026-01-01');
	await wizard.select('End date').fill('2027-12-31');
	await wizard.settled();
	await wizard.importAndWait();
	await wizard.expectCounts(6, 0);
	return wizard;
}

test('user images: matched, replaced, unmatched and rejected, by picker, folder and drop; thumbnails in Users', async ({
	page
}, testInfo) => {
	const problems = watchConsole(page);
	const wizard = await importTeam(page);
	const task = new ContinuePage(page);

	// Several files at once: three formats and mixed case match; the rest are reported, and the
	// corrupt one does not stop the others.
	await task.imagesInput.setInputFiles([
		await drawnImage(page, '1001.jpg', 'image/jpeg'),
		await drawnImage(page, '1002.PNG', 'image/png', { color: '#2874a6' }),
		await drawnImage(page, 'ab7.WebP', 'image/webp', { color: '#1e8449' }),
		await drawnImage(page, '9999.png', 'image/png'),
		{ name: '1003.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a\x01\x00\x01\x00') },
		{ name: '1003.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
		corruptJpeg('1004.jpg'),
		oversized('1005.jpeg', 1)
	]);
	await task.uploaded(8);
	await task.expectImageReport({ matched: 3, replaced: 0, unmatched: 1, rejected: 4 });
	await expect(task.unmatchedFiles.getByRole('listitem')).toHaveText(['9999.png']);
	const rejected = task.rejectedFiles.getByRole('listitem');
	await expect(rejected).toHaveCount(4);
	await expect(rejected.filter({ hasText: '1003.gif' })).toContainText(
		'not a JPEG, PNG or WebP image'
	);
	await expect(rejected.filter({ hasText: '1003.pdf' })).toContainText(
		'not a JPEG, PNG or WebP image'
	);
	// Over the 1 MB of the setting, yet read (and found not to be an image), not refused for size.
	await expect(rejected.filter({ hasText: '1005.jpeg' })).toContainText(
		'is not an image Roster can read'
	);
	await expect(rejected.filter({ hasText: '1004.jpg' })).toContainText(/read|decod|image/i);
	// Working in the section marks the wizard's last step.
	await wizard.expectStep('Continue Task');

	// A whole folder: 1001 again (replaced) and 1003 for the first time.
	const folder = testInfo.outputPath('photos');
	mkdirSync(folder, { recursive: true });
	for (const file of [
		await drawnImage(page, '1001.jpeg', 'image/jpeg', { color: '#7d3c98' }),
		await drawnImage(page, '1003.png', 'image/png', { color: '#b9770e' })
	]) {
		writeFileSync(join(folder, file.name), file.buffer);
	}
	await task.folderInput.setInputFiles(folder);
	await task.uploaded(2);
	await task.expectImageReport({ matched: 2, replaced: 1, unmatched: 0, rejected: 0 });

	// Dropped on the zone: 1005 for the first time and 1002 again.
	await task.drop([
		await drawnImage(page, '1005.webp', 'image/webp', { color: '#117864' }),
		await drawnImage(page, '1002.jpg', 'image/jpeg', { color: '#922b21' })
	]);
	await task.uploaded(2);
	await task.expectImageReport({ matched: 2, replaced: 1, unmatched: 0, rejected: 0 });

	// Users shows a thumbnail for each user with an image, and initials for the one without.
	const users = new UsersPage(page);
	await users.open();
	for (const name of ['Ada One', 'Bo Two', 'Cy Three', 'Ed Five', 'Fay Seven']) {
		const thumb = users.row(name).locator('img');
		await expect(thumb).toBeVisible();
		await expect
			.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
			.toBe(96);
	}
	await expect(users.row('Di Four').locator('img')).toHaveCount(0);
	expect(problems).toEqual([]);
});

test('issue cards: counts, a second click, users without a card, the step, and the print view', async ({
	page
}, testInfo) => {
	const problems = watchConsole(page);
	const wizard = await importTeam(page);
	const task = new ContinuePage(page);

	// Continue marks the step; Back to results returns; both by keyboard.
	await wizard.expectStep('See Results');
	await task.continueButton.focus();
	await page.keyboard.press('Enter');
	await wizard.expectStep('Continue Task');
	await expect(page.getByRole('heading', { name: 'Continue Task' })).toBeFocused();
	await task.backButton.click();
	await wizard.expectStep('See Results');
	await expect(page.getByRole('heading', { name: 'See Results' })).toBeFocused();

	// A photo for Ada, to see it on her card.
	await task.imagesInput.setInputFiles([await drawnImage(page, '1001.jpg', 'image/jpeg')]);
	await task.uploaded(1);

	await task.issue();
	await task.expectIssued(4, 0, 2);
	await task.section.screenshot({ path: testInfo.outputPath('continue-task.png') });
	await wizard.expectStep('Continue Task');
	await expect(task.usersWithoutCard.getByRole('link')).toHaveText(['Di Four', 'Ed Five']);
	// A reload keeps the step (it is stored with the import).
	await page.reload();
	await wizard.expectStep('Continue Task');

	await task.issue();
	await task.expectIssued(0, 4, 2);

	// Each user without a card number has a link to their page, to issue one there.
	await task.usersWithoutCard.getByRole('link', { name: 'Di Four' }).click();
	await expect(page).toHaveURL(/\/users\/1004$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Di Four' })).toBeVisible();
	await page.getByRole('link', { name: 'Print card' }).click();
	await expect(page).toHaveURL(/\/print\?user=1004$/);
	await expect(page.getByText('No issued cards to print.')).toBeVisible();

	// The whole import's cards: the four issued ones, decimal as the settings say by default.
	await page.goto('/import');
	await task.printLink.click();
	await expect(page).toHaveURL(/\/print\?import=/);
	const sheet = new PrintPage(page);
	await expect(sheet.faces).toHaveCount(4);
	await expect(page.getByText('4 cards ready.')).toBeVisible();
	await expect(sheet.printButton).toBeVisible();
	const expected = [
		{ name: 'Ada One', type: 'Employee', number: '5001' },
		{ name: 'Bo Two', type: 'Visitor', number: '5002' },
		{ name: 'Cy Three', type: 'Member', number: '5003' },
		{ name: 'Fay Seven', type: 'Employee', number: '5007' }
	];
	for (const card of expected) {
		const face = sheet.face(card.name);
		await expect(face).toContainText(card.name);
		await expect(face).toContainText(card.type);
		await expect(face.locator('.number')).toHaveText(card.number);
		await expect(face).toContainText('2026-01-01 – 2027-12-31');
	}
	// Ada's card carries her photo; the others their initials.
	const photo = sheet.face('Ada One').getByRole('img', { name: 'Photo of Ada One' });
	await expect(photo).toBeVisible();
	await expect
		.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
		.toBe(true);
	await expect(sheet.face('Bo Two').getByRole('img')).toHaveCount(0);

	// It renders: CR80 proportions on screen, and the screenshot is a real picture of the sheet.
	const box = await sheet.face('Ada One').boundingBox();
	expect(box).not.toBeNull();
	if (box) expect(box.width / box.height).toBeCloseTo(85.6 / 54, 1);
	const shot = await sheet.sheet.screenshot({ path: testInfo.outputPath('print-sheet.png') });
	expect(shot.subarray(1, 4).toString('latin1')).toBe('PNG');
	expect(shot.readUInt32BE(16)).toBeGreaterThanOrEqual(Math.floor(box?.width ?? 1));
	// In print, only the cards remain: the page's own title and the Print button are hidden.
	await page.emulateMedia({ media: 'print' });
	await expect(sheet.printButton).toBeHidden();
	await expect(sheet.faces).toHaveCount(4);
	await expect(sheet.face('Fay Seven')).toBeVisible();
	await page.emulateMedia({ media: 'screen' });

	// Numbers show as they were imported (decimal), even once Settings says Hexadecimal.
	await page.goto('/settings');
	await page
		.getByRole('group', { name: 'Card ID type' })
		.getByRole('radio', { name: 'Hexadecimal' })
		.check();
	await page.getByRole('button', { name: 'Save defaults' }).click();
	await expect(page.getByText('Defaults saved.')).toBeVisible();
	await page.goto('/import');
	await task.printLink.click();
	await expect(sheet.faces).toHaveCount(4);
	for (const card of expected) {
		await expect(sheet.face(card.name).locator('.number')).toHaveText(card.number);
	}

	// One user's card from their page.
	await page.goto('/users/1002');
	await page.getByRole('link', { name: 'Print card' }).click();
	await expect(sheet.faces).toHaveCount(1);
	await expect(sheet.face('Bo Two')).toContainText('5002');
	expect(problems).toEqual([]);
});

test('bulk photos of any size up to 30 MB are resized to the card; the setting holds the stored image', async ({
	page
}) => {
	await importTeam(page);
	const task = new ContinuePage(page);
	await expect(page.getByText('up to 30 MB each')).toBeVisible();
	// A camera photo over the 1 MB the setting says by default, and a file over the hard cap.
	const [photo = 0] = await chooseFiles(task.imagesInput, [
		{ name: '1001.jpg', width: 4000, height: 3000 },
		{ name: '1002.jpg', bytes: 31 * 1024 * 1024 }
	]);
	expect(photo).toBeGreaterThan(2 * 1024 * 1024);
	await task.uploaded(2);
	await task.expectImageReport({ matched: 1, replaced: 0, unmatched: 0, rejected: 1 });
	const rejected = task.rejectedFiles.getByRole('listitem');
	await expect(rejected.filter({ hasText: '1002.jpg' })).toContainText(
		'1002.jpg is 31 MB; Roster reads images of up to 30 MB'
	);
	const stored = await storedPhoto(page, '1001');
	expect(stored).toMatchObject({ width: 402, height: 512, thumbnail: [96, 96], redEdge: false });
	expect(Math.abs(stored.discWidth - stored.discHeight)).toBeLessThanOrEqual(4);

	// The setting is the most a stored (resized) image may take; the message names it.
	await page.goto('/settings');
	const field = page.getByLabel('Maximum image size (MB)');
	await expect(field).toHaveValue('1');
	await field.fill('0.001');
	await page.getByRole('button', { name: 'Save defaults' }).click();
	await expect(page.getByText('Defaults saved.')).toBeVisible();
	await page.goto('/import');
	await chooseFiles(task.imagesInput, [{ name: '1003.jpg', width: 1200, height: 900 }]);
	await task.uploaded(1);
	await expect(rejected.filter({ hasText: '1003.jpg' })).toContainText(
		/once resized to 402 × 512 px, over the 1 KB of Maximum image size in Settings/
	);
});

test('Complete comes after Continue Task and says how many cards are not issued yet', async ({
	page
}) => {
	const wizard = await importTeam(page);
	const task = new ContinuePage(page);
	const section = await task.section.boundingBox();
	const complete = await wizard.completeButton.boundingBox();
	expect(section && complete && complete.y >= section.y + section.height).toBe(true);

	await wizard.completeButton.click();
	const dialog = page.getByRole('dialog', { name: 'Complete this import?' });
	await expect(dialog).toContainText(
		"4 cards of this import's users are registered but not issued yet."
	);
	await expect(dialog).toContainText('Issue cards (in Continue Task) issues them all at once');
	await dialog.getByRole('button', { name: 'Go back' }).click();

	await task.issue();
	await task.expectIssued(4, 0, 2);
	await wizard.completeButton.click();
	await expect(dialog).toContainText("can't be downloaded afterwards");
	await expect(dialog).not.toContainText('not issued');
	await dialog.getByRole('button', { name: 'Delete results and complete' }).click();
	await wizard.expectStep('Upload CSV File');
});
