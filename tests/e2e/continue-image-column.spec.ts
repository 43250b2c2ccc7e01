import { expect, test } from './site';
import { watchConsole } from './console-watch';
import { ContinuePage, drawnImage } from './pages/continue';
import { ImportPage } from './pages/import';
import { UsersPage } from './pages/users';

/**
 * Photos keep the names they already have: the CSV's Photo column says which file is whose.
 * E-103 has no name there (matched by User ID); E-104's name is E-101's User ID (a collision);
 * E-105's cell has a folder in it (the row fails and says what to write instead).
 */
const PHOTOS_CSV = {
	name: 'photos.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from(
		[
			'User ID,Name,Photo',
			'E-101,Ana Park,ana_park.JPG',
			'E-102,Bo Lee,Bo Lee',
			'E-103,Cy Kim,',
			'E-104,Di Moss,e-101.jpg',
			'E-105,Ed Roe,photos/ed.jpg',
			''
		].join('\n'),
		'utf8'
	)
};

test('user images named by the Image file name column are matched; thumbnails in Users', async ({
	page
}) => {
	const problems = watchConsole(page);
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(PHOTOS_CSV);
	// Auto-mapped from the header name; the failing row says what is wrong and what to do.
	expect(await wizard.mappedHeader('Image file name')).toBe('Photo');
	await expect(wizard.preview).toContainText(
		'Image file name "photos/ed.jpg" contains a folder — write the file name only, e.g. "ed.jpg"'
	);
	await wizard.importAndWait();
	await wizard.expectCounts(4, 1);

	const task = new ContinuePage(page);
	await expect(task.section).toContainText("or as the CSV's Image file name column says");
	await task.imagesInput.setInputFiles([
		// Named by the column: other case, and another image type than the cell says (or none).
		await drawnImage(page, 'ANA_PARK.jpg', 'image/jpeg'),
		await drawnImage(page, 'bo lee.webp', 'image/webp', { color: '#2874a6' }),
		// Named by User ID.
		await drawnImage(page, 'e-103.png', 'image/png', { color: '#1e8449' }),
		// E-101's User ID and E-104's Image file name: not given to either.
		await drawnImage(page, 'E-101.jpg', 'image/jpeg', { color: '#7d3c98' }),
		await drawnImage(page, 'nobody.jpg', 'image/jpeg')
	]);
	await task.uploaded(5);
	await task.expectImageReport({ matched: 3, replaced: 0, unmatched: 1, rejected: 1 });
	await expect(task.unmatchedFiles.getByRole('listitem')).toHaveText(['nobody.jpg']);
	await expect(task.rejectedFiles.getByRole('listitem')).toHaveText([
		'E-101.jpg fits user E-101 (User ID) and user E-104 (Image file name "e-101.jpg"); rename the file or correct the Image file name column'
	]);

	const users = new UsersPage(page);
	await users.open();
	for (const name of ['Ana Park', 'Bo Lee', 'Cy Kim']) {
		const thumb = users.row(name).locator('img');
		await expect(thumb).toBeVisible();
		await expect
			.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
			.toBe(96);
	}
	await expect(users.row('Di Moss').locator('img')).toHaveCount(0);
	expect(problems).toEqual([]);
});
